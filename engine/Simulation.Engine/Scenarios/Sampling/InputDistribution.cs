using MathNet.Numerics.Distributions;

namespace Simulation.Engine.Scenarios.Sampling;

/// <summary>
/// A distribution of an uncertain input, sampled by its quantile function: a design gives a point u in
/// (0, 1) and the value is <see cref="Quantile"/>(u). One mechanism serves every design: random u for
/// Monte Carlo, stratified u for Latin hypercubes, low-discrepancy u for Sobol points.
/// </summary>
public abstract class InputDistribution
{
    /// <summary>The value below which a fraction <paramref name="u"/> of the distribution lies.</summary>
    public abstract double Quantile(double u);

    /// <summary>The points a grid uses when asked for <paramref name="levels"/> levels.</summary>
    public virtual IReadOnlyList<double> GridLevels(int levels) =>
        Enumerable.Range(0, levels).Select(k => Quantile((k + 0.5) / levels)).ToArray();
}

/// <summary>Uniform on [min, max]. A grid spreads its levels evenly from min to max inclusive.</summary>
public sealed class UniformDistribution(double min, double max) : InputDistribution
{
    public override double Quantile(double u) => min + (max - min) * u;

    public override IReadOnlyList<double> GridLevels(int levels) =>
        levels == 1 ? [(min + max) / 2] : Enumerable.Range(0, levels).Select(k => k == levels - 1 ? max : min + (max - min) * k / (levels - 1)).ToArray();
}

/// <summary>Normal with mean and standard deviation, optionally truncated to [min, max] (by inversion on the truncated range).</summary>
public sealed class NormalDistribution(double mean, double sd, double min = double.NegativeInfinity, double max = double.PositiveInfinity) : InputDistribution
{
    private readonly double _low = Normal.CDF(mean, sd, min);
    private readonly double _high = Normal.CDF(mean, sd, max);

    /// <summary>The probability the truncation keeps (1 without bounds).</summary>
    public double KeptMass => _high - _low;

    public override double Quantile(double u) => Math.Clamp(Normal.InvCDF(mean, sd, _low + (_high - _low) * u), min, max);
}

/// <summary>Log-normal: ln x is normal with mean mu and standard deviation sigma; its median is e^mu.</summary>
public sealed class LogNormalDistribution(double mu, double sigma) : InputDistribution
{
    /// <summary>The log-normal whose own mean and standard deviation are given: σ² = ln(1 + sd²/mean²), μ = ln mean - σ²/2.</summary>
    public static LogNormalDistribution FromMoments(double mean, double sd)
    {
        double variance = Math.Log(1 + sd * sd / (mean * mean));
        return new LogNormalDistribution(Math.Log(mean) - variance / 2, Math.Sqrt(variance));
    }

    public double Mu => mu;

    public double Sigma => sigma;

    public override double Quantile(double u) => Math.Exp(mu + sigma * Normal.InvCDF(0, 1, u));
}

/// <summary>Triangular on [min, max] with the given mode.</summary>
public sealed class TriangularDistribution(double min, double mode, double max) : InputDistribution
{
    public override double Quantile(double u)
    {
        double width = max - min, split = (mode - min) / width;
        return u < split ? min + Math.Sqrt(u * width * (mode - min)) : max - Math.Sqrt((1 - u) * width * (max - mode));
    }
}

/// <summary>
/// PERT (Malcolm et al. 1959; Vose's "modified PERT" with shape λ): a beta on [min, max] with
/// α = 1 + λ (mode - min) / (max - min) and β = 1 + λ (max - mode) / (max - min), so its mean is (min + λ mode + max) / (λ + 2).
/// Smooth and bell-shaped, with little weight near the ends; λ = 4 is the classical choice.
/// </summary>
public sealed class PertDistribution : InputDistribution
{
    private readonly double _min, _width, _alpha, _beta;

    public PertDistribution(double min, double mode, double max, double shape = DefaultShape)
    {
        (_min, _width) = (min, max - min);
        (_alpha, _beta) = _width == 0 ? (1, 1) : (1 + shape * (mode - min) / _width, 1 + shape * (max - mode) / _width);
        Mode = mode;
    }

    public const double DefaultShape = 4;

    public double Mode { get; }

    public override double Quantile(double u) => _width == 0 ? _min : _min + _width * Beta.InvCDF(_alpha, _beta, u);

    /// <summary>The medians a PERT on [min, max] with this shape can have: from mode = min to mode = max.</summary>
    public static (double Low, double High) MedianRange(double min, double max, double shape = DefaultShape)
    {
        double lowest = 1 - Math.Pow(0.5, 1 / (1 + shape)); // Beta(1, 1 + λ) has median 1 - 2^(-1/(1 + λ))
        return (min + (max - min) * lowest, max - (max - min) * lowest);
    }

    /// <summary>
    /// The PERT on [min, max] whose median is <paramref name="median"/>: the median rises with the mode, so the mode is
    /// found by bisection. The median must lie inside <see cref="MedianRange"/>.
    /// </summary>
    public static PertDistribution WithMedian(double min, double median, double max, double shape = DefaultShape)
    {
        if (min == max) return new PertDistribution(min, min, max, shape);
        double low = min, high = max;
        for (int i = 0; i < 200 && high - low > 1e-15 * (Math.Abs(min) + Math.Abs(max)); i++)
        {
            double mode = (low + high) / 2;
            if (new PertDistribution(min, mode, max, shape).Quantile(0.5) < median) low = mode;
            else high = mode;
        }
        return new PertDistribution(min, (low + high) / 2, max, shape);
    }
}

/// <summary>
/// Two triangles joined at the median: half the probability on [min, median] with its density rising to the median,
/// half on [median, max] falling from it. Placed by three numbers a reviewer can read (the range and a central
/// value that is exactly the median), it stays centred on that value however lopsided the range:
/// Q(u) = median - (median - min)(1 - √(2u)) below one half, median + (max - median)(1 - √(2(1 - u))) above.
/// </summary>
public sealed class SplitTriangularDistribution(double min, double median, double max) : InputDistribution
{
    public override double Quantile(double u) =>
        u < 0.5 ? median - (median - min) * (1 - Math.Sqrt(2 * u)) : median + (max - median) * (1 - Math.Sqrt(2 * (1 - u)));
}

/// <summary>Beta(alpha, beta) scaled onto [min, max] (default [0, 1]).</summary>
public sealed class BetaDistribution(double alpha, double beta, double min = 0, double max = 1) : InputDistribution
{
    public override double Quantile(double u) => min + (max - min) * Beta.InvCDF(alpha, beta, u);
}

/// <summary>A categorical distribution over numbers: value k with probability weight k / total. A grid tries every value.</summary>
public sealed class DiscreteDistribution : InputDistribution
{
    private readonly double[] _values;
    private readonly double[] _cumulative;

    public DiscreteDistribution(IReadOnlyList<double> values, IReadOnlyList<double>? weights = null)
    {
        _values = values.ToArray();
        _cumulative = new double[_values.Length];
        double total = 0;
        for (int k = 0; k < _values.Length; k++) _cumulative[k] = total += weights is null || weights.Count == 0 ? 1 : weights[k];
        for (int k = 0; k < _values.Length; k++) _cumulative[k] /= total;
        _cumulative[^1] = 1;
    }

    public override double Quantile(double u)
    {
        for (int k = 0; k < _values.Length; k++)
            if (u < _cumulative[k]) return _values[k];
        return _values[^1];
    }

    public override IReadOnlyList<double> GridLevels(int levels) => _values;
}
