using MathNet.Numerics.Distributions;
using Simulation.Engine.Scenarios.Format;
using Simulation.Engine.Scenarios.Sampling;

namespace Simulation.Engine.Calibration.Problem;

/// <summary>
/// A parameter's prior density, up to a constant (the prior is truncated to the parameter's bounds, and only
/// ratios of densities matter to the search and the sampler). Written in the terms of an experiment's uncertain
/// inputs and checked by <see cref="DistributionFactory"/>; the density is exact for the normal, log-normal,
/// triangular, beta and uniform kinds, and for any other kind it is read off the quantile function Q that every
/// <see cref="InputDistribution"/> has: f(Q(u)) = 1 / Q'(u).
/// </summary>
public sealed class Prior
{
    private readonly Func<double, double> _logDensity;

    private Prior(string description, Func<double, double> logDensity, bool flat)
    {
        Description = description;
        _logDensity = logDensity;
        IsFlat = flat;
    }

    /// <summary>Uniform between the bounds: contributes nothing to the posterior but the bounds themselves.</summary>
    public static Prior Flat { get; } = new("uniform between the bounds", _ => 0, flat: true);

    public string Description { get; }

    public bool IsFlat { get; }

    /// <summary>ln of the density at <paramref name="x"/> (minus infinity where it is zero).</summary>
    public double LogDensity(double x) => _logDensity(x);

    /// <summary>The prior a distribution definition describes, with <paramref name="checkedDistribution"/> what the factory built from it.</summary>
    public static Prior From(DistributionDefinition d, InputDistribution checkedDistribution)
    {
        double P(string name) => d[name]!.Value;
        string kind = d.Kind.ToString().ToLowerInvariant();
        switch (d.Kind)
        {
            case DistributionKind.Uniform:
                if (d["min"] is not double low || d["max"] is not double high) return Flat;
                return new Prior($"uniform({low}, {high})", x => x >= low && x <= high ? 0 : double.NegativeInfinity, false);
            case DistributionKind.Normal:
                double mean = P("mean"), sd = P("sd");
                return new Prior($"normal(mean {mean}, sd {sd})", x => Normal.PDFLn(mean, sd, x), false);
            case DistributionKind.LogNormal when checkedDistribution is LogNormalDistribution l:
                return new Prior($"lognormal(mu {l.Mu:G6}, sigma {l.Sigma:G6})", x => x > 0 ? LogNormal.PDFLn(l.Mu, l.Sigma, x) : double.NegativeInfinity, false);
            case DistributionKind.Triangular:
                double lower = P("min"), mode = P("mode"), upper = P("max");
                return new Prior($"triangular({lower}, {mode}, {upper})", x => Math.Log(Triangular.PDF(lower, upper, mode, x)), false);
            case DistributionKind.Beta:
                double alpha = P("alpha"), beta = P("beta"), min = d["min"] ?? 0, max = d["max"] ?? 1;
                return new Prior($"beta({alpha}, {beta}) on [{min}, {max}]",
                    x => x > min && x < max ? Beta.PDFLn(alpha, beta, (x - min) / (max - min)) - Math.Log(max - min) : double.NegativeInfinity, false);
            default:
                var given = string.Join(", ", d.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value.Value}"));
                return new Prior($"{kind}({given})", x => NumericLogDensity(checkedDistribution, x), false);
        }
    }

    /// <summary>The quantile level u at which <paramref name="distribution"/> reaches <paramref name="x"/> (by bisection; 0 or 1 beyond its ends).</summary>
    public static double LevelOf(InputDistribution distribution, double x)
    {
        double low = 0, high = 1;
        for (int i = 0; i < 100 && high - low > 1e-16; i++)
        {
            double middle = (low + high) / 2;
            if (distribution.Quantile(middle) < x) low = middle;
            else high = middle;
        }
        return (low + high) / 2;
    }

    /// <summary>ln f(x) = -ln Q'(u) at u = Q⁻¹(x), by a central difference of the quantile function; minus infinity outside the support.</summary>
    private static double NumericLogDensity(InputDistribution distribution, double x)
    {
        const double Edge = 1e-12;
        if (!(x >= distribution.Quantile(Edge) && x <= distribution.Quantile(1 - Edge))) return double.NegativeInfinity;
        double u = LevelOf(distribution, x), h = Math.Min(1e-6, Math.Min(u, 1 - u) / 2);
        double rise = distribution.Quantile(u + h) - distribution.Quantile(u - h);
        return rise > 0 ? Math.Log(2 * h / rise) : double.NegativeInfinity;
    }
}
