using MathNet.Numerics.Distributions;
using Simulation.Engine.Compilation;

namespace Simulation.Engine.Runtime;

/// <summary>
/// The exact meaning of each random builtin, one draw from one stream. Both back ends call this, so a
/// run's numbers are the same in either (docs/builtins.md). Parameters outside a distribution's domain
/// (a negative standard deviation, min &gt; max...) give NaN, which the run then reports with the
/// variable and the time; they never throw.
/// </summary>
public static class RandomDraws
{
    public static double Draw(OpCode op, Random stream, ReadOnlySpan<double> p)
    {
        foreach (double x in p)
            if (double.IsNaN(x)) return double.NaN;
        return op switch
        {
            OpCode.RandomUniform => Uniform(stream, p[0], p[1]),
            OpCode.RandomNormal => p[1] >= 0 && double.IsFinite(p[1]) ? Normal.Sample(stream, p[0], p[1]) : double.NaN,
            OpCode.RandomTruncatedNormal => TruncatedNormal(stream, p[0], p[1], p[2], p[3]),
            OpCode.RandomLogNormal => LogNormalFromMoments(stream, p[0], p[1]),
            OpCode.RandomExponential => p[0] > 0 ? Exponential.Sample(stream, 1 / p[0]) : p[0] == 0 ? 0.0 : double.NaN,
            OpCode.RandomPoisson => p[0] > 0 && p[0] < 1e15 ? Poisson.Sample(stream, p[0]) : p[0] == 0 ? 0.0 : double.NaN,
            OpCode.RandomTriangular => Triangular(stream, p[0], p[1], p[2]),
            OpCode.RandomBeta => p[0] > 0 && p[1] > 0 ? Beta.Sample(stream, p[0], p[1]) : double.NaN,
            _ => throw new InvalidOperationException($"{op} is not a random draw"),
        };
    }

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
        double lo = Normal.CDF(0, 1, (min - mean) / sd), hi = Normal.CDF(0, 1, (max - mean) / sd);
        if (!(hi > lo)) return Math.Clamp(mean, min, max); // the interval lies far in one tail
        double x = mean + sd * Normal.InvCDF(0, 1, lo + (hi - lo) * u);
        return Math.Clamp(x, min, max);
    }

    /// <summary>Log-normal with mean m and standard deviation s of the variable itself: σ² = ln(1 + s²/m²), μ = ln m - σ²/2.</summary>
    private static double LogNormalFromMoments(Random stream, double mean, double sd)
    {
        if (!(mean > 0) || !(sd >= 0)) return double.NaN;
        double variance = Math.Log(1 + sd * sd / (mean * mean));
        double mu = Math.Log(mean) - variance / 2;
        return LogNormal.Sample(stream, mu, Math.Sqrt(variance));
    }

    private static double Triangular(Random stream, double min, double mode, double max)
    {
        if (!(min <= mode && mode <= max)) return double.NaN;
        if (min == max) return min;
        return MathNet.Numerics.Distributions.Triangular.Sample(stream, min, max, mode);
    }
}
