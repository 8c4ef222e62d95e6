using Simulation.Engine.Diagnostics;
using Simulation.Engine.Scenarios.Format;

namespace Simulation.Engine.Scenarios.Sampling;

/// <summary>
/// Builds an <see cref="InputDistribution"/> from what the experiment wrote, checking that the kind's
/// parameters are all there, none is foreign, and together they describe a real distribution (SD5008).
/// A uniform without bounds takes the input's plausible "range" from the model.
/// </summary>
/// <remarks>
/// <c>modelRange</c> is the range the model gives every element the input names, or null when it gives none or
/// gives those elements different ranges (<c>rangesDiffer</c>).
/// </remarks>
public static class DistributionFactory
{
    private static readonly Dictionary<DistributionKind, string[]> Allowed = new()
    {
        [DistributionKind.Uniform] = ["min", "max"],
        [DistributionKind.Normal] = ["mean", "sd", "min", "max"],
        [DistributionKind.LogNormal] = ["mu", "sigma", "mean", "sd"],
        [DistributionKind.Triangular] = ["min", "mode", "max"],
        [DistributionKind.Beta] = ["alpha", "beta", "min", "max"],
        [DistributionKind.Discrete] = [],
    };

    public static InputDistribution? Create(DistributionDefinition d, string input, (double Low, double High)? modelRange, bool rangesDiffer,
        DiagnosticBag diagnostics)
    {
        string kind = d.Kind.ToString().ToLowerInvariant();
        bool ok = true;
        foreach (var name in d.Parameters.Keys.Where(n => !Allowed[d.Kind].Contains(n)))
        {
            Fail($"\"{name}\" is not a parameter of the {kind} distribution", d.LocationOf(name), $"the {kind} distribution takes {Takes(d.Kind)}");
            ok = false;
        }
        if (d.Kind != DistributionKind.Discrete && !d.Weights.IsEmpty)
        {
            Fail($"\"weights\" belong to discrete distributions, not {kind}", d.Location, null);
            ok = false;
        }
        if (!ok) return null;
        return d.Kind switch
        {
            DistributionKind.Uniform => Uniform(),
            DistributionKind.Normal => Normal(),
            DistributionKind.LogNormal => LogNormal(),
            DistributionKind.Triangular => Triangular(),
            DistributionKind.Beta => Beta(),
            _ => Discrete(),
        };

        InputDistribution? Uniform()
        {
            double? min = d["min"] ?? modelRange?.Low, max = d["max"] ?? modelRange?.High;
            if (min is null || max is null)
                return Fail($"the uniform distribution of '{input}' needs \"min\" and \"max\"", d.Location,
                    rangesDiffer
                        ? "the model gives its elements different ranges: sample each element (name it with a subscript) to use its own, or give min and max"
                        : "give them, or a \"range\" for the input in the model");
            if (!(min <= max)) return Fail($"the uniform distribution of '{input}' has min {min} above max {max}", d.LocationOf("min"), null);
            return new UniformDistribution(min.Value, max.Value);
        }

        InputDistribution? Normal()
        {
            if (Require("mean", "sd") is not null) return null;
            if (!(d["sd"] > 0)) return Fail($"the standard deviation of '{input}' is {d["sd"]}; it must be positive", d.LocationOf("sd"), null);
            double min = d["min"] ?? double.NegativeInfinity, max = d["max"] ?? double.PositiveInfinity;
            if (!(min < max)) return Fail($"the truncated normal of '{input}' has min {min} not below max {max}", d.LocationOf("min"), null);
            var normal = new NormalDistribution(d["mean"]!.Value, d["sd"]!.Value, min, max);
            if (!(normal.KeptMass > 1e-12))
                return Fail($"the normal distribution of '{input}' has almost no probability between {min} and {max}", d.LocationOf("min"),
                    "the bounds should surround the mean, within a few standard deviations");
            return normal;
        }

        InputDistribution? LogNormal()
        {
            bool logScale = d["mu"] is not null || d["sigma"] is not null, moments = d["mean"] is not null || d["sd"] is not null;
            if (logScale == moments)
                return Fail($"the lognormal distribution of '{input}' needs either \"mu\" and \"sigma\" (of ln x) or \"mean\" and \"sd\" (of x)", d.Location, null);
            if (logScale)
            {
                if (Require("mu", "sigma") is not null) return null;
                return d["sigma"] > 0 ? new LogNormalDistribution(d["mu"]!.Value, d["sigma"]!.Value)
                    : Fail($"sigma of '{input}' is {d["sigma"]}; it must be positive", d.LocationOf("sigma"), null);
            }
            if (Require("mean", "sd") is not null) return null;
            if (!(d["mean"] > 0)) return Fail($"a lognormal's mean must be positive; '{input}' has {d["mean"]}", d.LocationOf("mean"), null);
            if (!(d["sd"] > 0)) return Fail($"the standard deviation of '{input}' is {d["sd"]}; it must be positive", d.LocationOf("sd"), null);
            return LogNormalDistribution.FromMoments(d["mean"]!.Value, d["sd"]!.Value);
        }

        InputDistribution? Triangular()
        {
            if (Require("min", "mode", "max") is not null) return null;
            double min = d["min"]!.Value, mode = d["mode"]!.Value, max = d["max"]!.Value;
            if (!(min <= mode && mode <= max && min < max))
                return Fail($"the triangular distribution of '{input}' needs min <= mode <= max with min < max; it has {min}, {mode}, {max}", d.LocationOf("mode"), null);
            return new TriangularDistribution(min, mode, max);
        }

        InputDistribution? Beta()
        {
            if (Require("alpha", "beta") is not null) return null;
            if (!(d["alpha"] > 0) || !(d["beta"] > 0))
                return Fail($"the beta distribution of '{input}' needs alpha > 0 and beta > 0; it has {d["alpha"]} and {d["beta"]}", d.LocationOf(d["alpha"] > 0 ? "beta" : "alpha"), null);
            double min = d["min"] ?? 0, max = d["max"] ?? 1;
            if (!(min < max)) return Fail($"the beta distribution of '{input}' has min {min} not below max {max}", d.LocationOf("min"), null);
            return new BetaDistribution(d["alpha"]!.Value, d["beta"]!.Value, min, max);
        }

        InputDistribution? Discrete()
        {
            if (d.Values.IsEmpty) return Fail($"the discrete distribution of '{input}' has no \"values\"", d.Location, "e.g. \"values\": [1, 2, 3]");
            if (!d.Weights.IsEmpty && d.Weights.Length != d.Values.Length)
                return Fail($"'{input}' has {d.Values.Length} values but {d.Weights.Length} weights", d.Location, "give one weight per value");
            if (d.Weights.Any(w => !(w >= 0) || double.IsInfinity(w)) || (!d.Weights.IsEmpty && !(d.Weights.Sum() > 0)))
                return Fail($"the weights of '{input}' must be zero or positive, and not all zero", d.Location, null);
            return new DiscreteDistribution(d.Values, d.Weights);
        }

        string? Require(params string[] names)
        {
            var missing = names.Where(n => d[n] is null).ToList();
            if (missing.Count == 0) return null;
            Fail($"the {kind} distribution of '{input}' needs {string.Join(" and ", missing.Select(m => $"\"{m}\""))}", d.Location, $"it takes {Takes(d.Kind)}");
            return missing[0];
        }

        InputDistribution? Fail(string message, SourceLocation? location, string? hint)
        {
            diagnostics.Error(DiagnosticCodes.ImpossibleDistribution, message, location ?? d.Location, hint: hint);
            return null;
        }
    }

    private static string Takes(DistributionKind kind) => kind switch
    {
        DistributionKind.Uniform => "\"min\" and \"max\" (default: the input's range in the model)",
        DistributionKind.Normal => "\"mean\", \"sd\", and optional bounds \"min\" and \"max\"",
        DistributionKind.LogNormal => "\"mu\" and \"sigma\" (of ln x), or \"mean\" and \"sd\" (of x)",
        DistributionKind.Triangular => "\"min\", \"mode\" and \"max\"",
        DistributionKind.Beta => "\"alpha\", \"beta\", and optional \"min\" and \"max\" (default 0 and 1)",
        _ => "\"values\" and optional \"weights\"",
    };
}
