using Dist = MathNet.Numerics.Distributions;

namespace Simulation.Engine.Ops;

/// <summary>One draw from a run's stream with the given parameters.</summary>
public delegate double RandomDraw(Random stream, ReadOnlySpan<double> parameters);

/// <summary>
/// A random builtin: each call site draws once per step from its run's stream (the runtime keeps the stream and
/// which sites have drawn; see <c>EvaluationPlan</c>). <see cref="Sample"/> is the exact meaning, one draw from one
/// stream; both back ends call it, so a run's numbers are the same in either (docs/builtins.md).
/// </summary>
public sealed class RandomOperation(OpInfo info, RandomDraw draw) : Operation(info, OperationKind.Random, 0)
{
    /// <summary>
    /// One draw. Parameters outside the distribution's domain (a negative standard deviation, min &gt; max...), NaN
    /// among them, give NaN, which the run then reports with the variable and the time; they never throw.
    /// </summary>
    public double Sample(Random stream, ReadOnlySpan<double> parameters)
    {
        foreach (double x in parameters)
            if (double.IsNaN(x)) return double.NaN;
        return draw(stream, parameters);
    }

    /// <summary>
    /// This distribution with a draw made for data fixed when the model is built (RANDOM_LOOKUP's table: see
    /// <see cref="BoundedDraws.LookupOver"/>): the same name and units, its own draw.
    /// </summary>
    internal RandomOperation Over(RandomDraw prepared) => new(Info, prepared);
}

/// <summary>The draws of the random builtins.</summary>
internal static class RandomDraws
{
    public static double Normal(Random stream, ReadOnlySpan<double> p) =>
        p[1] >= 0 && double.IsFinite(p[1]) ? Dist.Normal.Sample(stream, p[0], p[1]) : double.NaN;

    public static double Exponential(Random stream, ReadOnlySpan<double> p) =>
        p[0] > 0 ? Dist.Exponential.Sample(stream, 1 / p[0]) : p[0] == 0 ? 0.0 : double.NaN;

    public static double Poisson(Random stream, ReadOnlySpan<double> p) =>
        p[0] > 0 && p[0] < 1e15 ? Dist.Poisson.Sample(stream, p[0]) : p[0] == 0 ? 0.0 : double.NaN;

    public static double Beta(Random stream, ReadOnlySpan<double> p) =>
        p[0] > 0 && p[1] > 0 ? Dist.Beta.Sample(stream, p[0], p[1]) : double.NaN;

    public static double Uniform(Random stream, ReadOnlySpan<double> p) => Uniform(stream, p[0], p[1]);

    public static double TruncatedNormal(Random stream, ReadOnlySpan<double> p) => TruncatedNormal(stream, p[0], p[1], p[2], p[3]);

    public static double LogNormal(Random stream, ReadOnlySpan<double> p) => LogNormalFromMoments(stream, p[0], p[1]);

    public static double Triangular(Random stream, ReadOnlySpan<double> p) => Triangular(stream, p[0], p[1], p[2]);

    /// <summary>min + (max - min) · u with u uniform on [0, 1); min when min = max.</summary>
    private static double Uniform(Random stream, double min, double max) =>
        min <= max ? min + (max - min) * stream.NextDouble() : double.NaN;

    /// <summary>
    /// The normal distribution conditioned on [min, max], by inversion: one uniform u on
    /// [Φ(a), Φ(b)], x = mean + sd · Φ⁻¹(u) with a, b the standardised bounds, clamped into [min, max]
    /// against rounding. sd = 0 gives the mean clamped into the bounds.
    /// </summary>
    private static double TruncatedNormal(Random stream, double mean, double sd, double min, double max)
    {
        if (!(sd >= 0) || !(min <= max)) return double.NaN;
        double u = stream.NextDouble();
        if (sd == 0 || !double.IsFinite(sd)) return Math.Clamp(mean, min, max);
        double lo = Dist.Normal.CDF(0, 1, (min - mean) / sd), hi = Dist.Normal.CDF(0, 1, (max - mean) / sd);
        if (!(hi > lo)) return Math.Clamp(mean, min, max); // the interval lies far in one tail
        double x = mean + sd * Dist.Normal.InvCDF(0, 1, lo + (hi - lo) * u);
        return Math.Clamp(x, min, max);
    }

    /// <summary>Log-normal with mean m and standard deviation s of the variable itself: σ² = ln(1 + s²/m²), μ = ln m - σ²/2.</summary>
    private static double LogNormalFromMoments(Random stream, double mean, double sd)
    {
        if (!(mean > 0) || !(sd >= 0)) return double.NaN;
        double variance = Math.Log(1 + sd * sd / (mean * mean));
        double mu = Math.Log(mean) - variance / 2;
        return Dist.LogNormal.Sample(stream, mu, Math.Sqrt(variance));
    }

    private static double Triangular(Random stream, double min, double mode, double max)
    {
        if (!(min <= mode && mode <= max)) return double.NaN;
        if (min == max) return min;
        return Dist.Triangular.Sample(stream, min, max, mode);
    }
}
