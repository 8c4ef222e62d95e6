using MathNet.Numerics.Distributions;
using Simulation.Engine.Scenarios.Format;

namespace Simulation.Engine.Calibration.Problem;

/// <summary>
/// A parameter's prior density, up to a constant (the prior is truncated to the parameter's bounds, and only
/// ratios of densities matter to the search and the sampler). Built from a distribution the fit file wrote in
/// the experiments' terms, after <see cref="Scenarios.Sampling.DistributionFactory"/> has checked it.
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

    /// <summary>The prior a (checked) distribution definition describes; a uniform one is flat.</summary>
    public static Prior From(DistributionDefinition d)
    {
        double P(string name) => d[name]!.Value;
        switch (d.Kind)
        {
            case DistributionKind.Normal:
                double mean = P("mean"), sd = P("sd");
                return new Prior($"normal(mean {mean}, sd {sd})", x => Normal.PDFLn(mean, sd, x), false);
            case DistributionKind.LogNormal:
                double mu, sigma;
                if (d["mu"] is not null) (mu, sigma) = (P("mu"), P("sigma"));
                else
                {
                    double variance = Math.Log(1 + P("sd") * P("sd") / (P("mean") * P("mean")));
                    (mu, sigma) = (Math.Log(P("mean")) - variance / 2, Math.Sqrt(variance));
                }
                return new Prior($"lognormal(mu {mu:G6}, sigma {sigma:G6})", x => x > 0 ? LogNormal.PDFLn(mu, sigma, x) : double.NegativeInfinity, false);
            case DistributionKind.Triangular:
                double lower = P("min"), mode = P("mode"), upper = P("max");
                return new Prior($"triangular({lower}, {mode}, {upper})", x => Math.Log(Triangular.PDF(lower, upper, mode, x)), false);
            case DistributionKind.Beta:
                double alpha = P("alpha"), beta = P("beta"), min = d["min"] ?? 0, max = d["max"] ?? 1;
                return new Prior($"beta({alpha}, {beta}) on [{min}, {max}]",
                    x => x > min && x < max ? Beta.PDFLn(alpha, beta, (x - min) / (max - min)) - Math.Log(max - min) : double.NegativeInfinity, false);
            default:
                if (d["min"] is not double low || d["max"] is not double high) return Flat;
                return new Prior($"uniform({low}, {high})", x => x >= low && x <= high ? 0 : double.NegativeInfinity, false);
        }
    }
}
