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

/// <summary>Log-normal: ln x is normal with mean mu and standard deviation sigma.</summary>
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
