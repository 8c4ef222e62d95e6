using Dist = MathNet.Numerics.Distributions;

namespace Simulation.Engine.Ops;

/// <summary>
/// The draws of Vensim's RANDOM functions (Vensim reference manual, "RANDOM functions"): a standard distribution's
/// z, shifted and stretched to shift + stretch · z, and truncated to [min, max]. Truncation is conditioning (values
/// outside are never drawn, none pile up on the bounds): one uniform u on [F(a), F(b)] with a, b the standardised
/// bounds and z = F⁻¹(u), so each draw takes exactly one number from the run's stream. A window that holds no
/// probability gives the bound nearest to where the probability is; parameters outside the distribution's domain
/// (stretch ≤ 0, min &gt; max, a shape ≤ 0...) give NaN, which the run reports.
/// </summary>
internal static class BoundedDraws
{
    /// <summary>RANDOM_EXPONENTIAL(min, max, shift, stretch): z exponential with mean 1.</summary>
    public static double Exponential(Random stream, ReadOnlySpan<double> p) =>
        Continuous(stream, p[0], p[1], p[2], p[3], z => z <= 0 ? 0 : 1 - Math.Exp(-z), u => -Math.Log(1 - u));

    /// <summary>RANDOM_GAMMA(min, max, order, shift, stretch): z gamma with shape = order and scale 1 (mean = order).</summary>
    public static double Gamma(Random stream, ReadOnlySpan<double> p)
    {
        double shape = p[2];
        if (!(shape > 0) || !double.IsFinite(shape)) return Consume(stream);
        return Continuous(stream, p[0], p[1], p[3], p[4], z => z <= 0 ? 0 : Dist.Gamma.CDF(shape, 1, z), u => Dist.Gamma.InvCDF(shape, 1, u));
    }

    /// <summary>RANDOM_BETA(min, max, alpha, beta, shift, stretch): z beta(alpha, beta) on [0, 1].</summary>
    public static double Beta(Random stream, ReadOnlySpan<double> p)
    {
        double a = p[2], b = p[3];
        if (!(a > 0) || !(b > 0) || !double.IsFinite(a + b)) return Consume(stream);
        return Continuous(stream, p[0], p[1], p[4], p[5], z => z <= 0 ? 0 : z >= 1 ? 1 : Dist.Beta.CDF(a, b, z), u => Dist.Beta.InvCDF(a, b, u));
    }

    /// <summary>RANDOM_WEIBULL(min, max, shape, shift, stretch): z Weibull with this shape and scale 1.</summary>
    public static double Weibull(Random stream, ReadOnlySpan<double> p)
    {
        double k = p[2];
        if (!(k > 0) || !double.IsFinite(k)) return Consume(stream);
        return Continuous(stream, p[0], p[1], p[3], p[4], z => z <= 0 ? 0 : 1 - Math.Exp(-Math.Pow(z, k)), u => Math.Pow(-Math.Log(1 - u), 1 / k));
    }

    /// <summary>RANDOM_TRIANGULAR(min, max, start, peak, end): triangular from start to end with its mode at peak; no shift or stretch.</summary>
    public static double Triangular(Random stream, ReadOnlySpan<double> p)
    {
        double start = p[2], peak = p[3], end = p[4];
        if (!(start <= peak && peak <= end && start < end)) return Consume(stream);
        return Continuous(stream, p[0], p[1], 0, 1,
            z => z <= start ? 0 : z >= end ? 1 : Dist.Triangular.CDF(start, end, peak, z), u => Dist.Triangular.InvCDF(start, end, peak, u));
    }

    /// <summary>
    /// RANDOM_LOOKUP(min, max, shift, stretch, x1..xn, y1..yn): z drawn with the density that the table's points describe,
    /// joined by straight lines and zero outside its first and last x (Vensim reference manual, RANDOM LOOKUP: the lookup
    /// is a probability density, not necessarily normalised). Its distribution function is quadratic on each segment and
    /// is inverted exactly. A negative y, x's out of order or no area at all give NaN. This form, the catalogue's, builds
    /// the density at every draw; a model's RANDOM_LOOKUP draws through <see cref="LookupOver"/>, built once.
    /// </summary>
    public static double Lookup(Random stream, ReadOnlySpan<double> p)
    {
        int n = (p.Length - 4) / 2;
        if (n < 1 || p.Length != 4 + 2 * n) return Consume(stream);
        return LookupOver(p.Slice(4, n).ToArray(), p.Slice(4 + n, n).ToArray())(stream, p[..4]);
    }

    /// <summary>
    /// RANDOM_LOOKUP over one table's points, known when the model is built: the draw takes (min, max, shift, stretch)
    /// and the density is built here, once, not at every draw. The same numbers as <see cref="Lookup"/>, bit for bit.
    /// </summary>
    public static RandomDraw LookupOver(double[] x, double[] y)
    {
        if (x.Length < 1 || x.Length != y.Length) return static (stream, _) => Consume(stream);
        var density = new PiecewiseDensity(x, y);
        if (!density.IsValid) return static (stream, _) => Consume(stream);
        Func<double, double> cdf = density.Cdf, inverse = density.InverseCdf;
        return (stream, p) => Continuous(stream, p[0], p[1], p[2], p[3], cdf, inverse);
    }

    /// <summary>RANDOM_POISSON(min, max, mean, shift, stretch): z a Poisson count with this mean.</summary>
    public static double Poisson(Random stream, ReadOnlySpan<double> p)
    {
        double mean = p[2];
        if (!(mean > 0) || !(mean < 1e15)) return Consume(stream);
        return Discrete(stream, p[0], p[1], p[3], p[4], double.PositiveInfinity, k => Dist.Poisson.CDF(mean, k));
    }

    /// <summary>RANDOM_BINOMIAL(min, max, probability, trials, shift, stretch): z the successes in that many trials.</summary>
    public static double Binomial(Random stream, ReadOnlySpan<double> p)
    {
        double probability = p[2], trials = p[3];
        if (!(probability >= 0 && probability <= 1) || !(trials >= 0) || trials != Math.Floor(trials) || trials > int.MaxValue) return Consume(stream);
        int n = (int)trials;
        return Discrete(stream, p[0], p[1], p[4], p[5], n, k => Dist.Binomial.CDF(probability, n, k));
    }

    /// <summary>
    /// RANDOM_NEGATIVE_BINOMIAL(min, max, probability, successes, shift, stretch): z the failures before the given number
    /// of successes, each trial succeeding with the probability (mean successes x (1 - p) / p); successes need not be whole.
    /// </summary>
    public static double NegativeBinomial(Random stream, ReadOnlySpan<double> p)
    {
        double probability = p[2], successes = p[3];
        if (!(probability > 0 && probability <= 1) || !(successes > 0) || !double.IsFinite(successes)) return Consume(stream);
        return Discrete(stream, p[0], p[1], p[4], p[5], double.PositiveInfinity, k => Dist.NegativeBinomial.CDF(successes, probability, k));
    }

    private static double Continuous(Random stream, double min, double max, double shift, double stretch, Func<double, double> cdf, Func<double, double> inverse)
    {
        double u = stream.NextDouble();
        if (!(stretch > 0) || !(min <= max) || !double.IsFinite(shift) || !double.IsFinite(stretch)) return double.NaN;
        double lo = cdf((min - shift) / stretch), hi = cdf((max - shift) / stretch);
        if (!(hi > lo)) return hi <= 0 ? max : min; // the window lies where there is (numerically) no probability
        double z = inverse(lo + (hi - lo) * u);
        return Math.Clamp(shift + stretch * z, min, max);
    }

    /// <summary>A count k = 0, 1, ... (at most <paramref name="last"/>) by inversion of its distribution function, searched by bisection.</summary>
    private static double Discrete(Random stream, double min, double max, double shift, double stretch, double last, Func<double, double> cdf)
    {
        double u = stream.NextDouble();
        if (!(stretch > 0) || !(min <= max) || !double.IsFinite(shift) || !double.IsFinite(stretch)) return double.NaN;
        double first = Math.Max(0, Math.Ceiling((min - shift) / stretch));
        double end = Math.Min(last, Math.Floor((max - shift) / stretch));
        if (!(first <= end)) return double.NaN; // no count lies within [min, max]
        double lo = first > 0 ? cdf(first - 1) : 0, hi = cdf(end);
        if (!(hi > lo)) return shift + stretch * (hi <= 0 ? end : first);
        double target = lo + (hi - lo) * u;
        // The least k in [first, end] with F(k) >= target: grow an upper bound, then bisect.
        double a = first, b = first;
        for (double step = 1; b < end && cdf(b) < target; step *= 2)
        {
            a = b + 1;
            b = Math.Min(end, b + step);
        }
        while (a < b)
        {
            double mid = Math.Floor((a + b) / 2);
            if (cdf(mid) >= target) b = mid;
            else a = mid + 1;
        }
        return shift + stretch * a;
    }

    /// <summary>Invalid parameters: NaN, still taking the one number every draw takes so that later draws do not shift.</summary>
    private static double Consume(Random stream)
    {
        stream.NextDouble();
        return double.NaN;
    }
}
