using Simulation.Engine.Diagnostics;
using Simulation.Engine.Scenarios.Format;

namespace Simulation.Engine.Scenarios.Sampling;

/// <summary>
/// Builds an <see cref="InputDistribution"/> from what the experiment wrote, checking that the kind's
/// parameters are all there, none is foreign, and together they describe a real distribution (SD5008).
/// Parameters a kind may take from the model (<see cref="TakesFromModel"/>) default to the element's plausible
/// "range" (min, max) and, for the kinds placed by their median (pert, splitTriangular), to its value in the model.
/// </summary>
public static class DistributionFactory
{
    private static readonly Dictionary<DistributionKind, string[]> Allowed = new()
    {
        [DistributionKind.Uniform] = ["min", "max"],
        [DistributionKind.Normal] = ["mean", "sd", "min", "max"],
        [DistributionKind.LogNormal] = ["mu", "sigma", "mean", "sd", "median"],
        [DistributionKind.Triangular] = ["min", "mode", "max"],
        [DistributionKind.Beta] = ["alpha", "beta", "min", "max"],
        [DistributionKind.Pert] = ["min", "mode", "median", "max", "shape"],
        [DistributionKind.SplitTriangular] = ["min", "median", "max"],
        [DistributionKind.Discrete] = [],
    };

    /// <summary>What an element of an input brings from the model: its plausible range and its value (when constant).</summary>
    public readonly record struct ModelDefaults((double Low, double High)? Range, double? Value);

    /// <summary>
    /// Whether the distribution takes any parameter from the model: min and max from the range (uniform, pert,
    /// splitTriangular), the median from the value (pert without a mode, splitTriangular). Elements that differ in what
    /// it takes get distributions of their own.
    /// </summary>
    public static (bool Range, bool Value) TakesFromModel(DistributionDefinition d) => d.Kind switch
    {
        DistributionKind.Uniform => (d["min"] is null || d["max"] is null, false),
        DistributionKind.Pert => (d["min"] is null || d["max"] is null, d["median"] is null && d["mode"] is null),
        DistributionKind.SplitTriangular => (d["min"] is null || d["max"] is null, d["median"] is null),
        _ => (false, false),
    };

    public static InputDistribution? Create(DistributionDefinition d, string input, ModelDefaults model, DiagnosticBag diagnostics)
    {
        string kind = d.Kind switch
        {
            DistributionKind.SplitTriangular => "splitTriangular",
            var k => k.ToString().ToLowerInvariant(),
        };
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
            DistributionKind.Pert => Pert(),
            DistributionKind.SplitTriangular => SplitTriangular(),
            _ => Discrete(),
        };

        InputDistribution? Uniform()
        {
            double? min = d["min"] ?? model.Range?.Low, max = d["max"] ?? model.Range?.High;
            if (min is null || max is null)
                return Fail($"the uniform distribution of '{input}' needs \"min\" and \"max\"", d.Location, "give them, or a \"range\" for the input in the model");
            if (!(min <= max)) return Fail($"the uniform distribution of '{input}' has min {min} above max {max}", d.LocationOf("min"), null);
            return new UniformDistribution(min.Value, max.Value);
        }

        InputDistribution? Pert()
        {
            if (d["mode"] is not null && d["median"] is not null)
                return Fail($"the pert distribution of '{input}' is placed by its \"mode\" or by its \"median\", not both", d.LocationOf("median"), null);
            if (Bounds() is not var (min, max)) return null;
            double shape = d["shape"] ?? PertDistribution.DefaultShape;
            if (!(shape > 0)) return Fail($"the shape of '{input}' is {shape}; it must be positive (4 is the classical PERT)", d.LocationOf("shape"), null);
            if (d["mode"] is double mode)
                return min <= mode && mode <= max ? new PertDistribution(min, mode, max, shape)
                    : Fail($"the pert distribution of '{input}' has its mode {mode} outside [{min}, {max}]", d.LocationOf("mode"), null);
            if (Median() is not double median) return null;
            var (low, high) = PertDistribution.MedianRange(min, max, shape);
            if (min < max && !(low <= median && median <= high))
                return Fail($"a pert distribution on [{min}, {max}] cannot have the median {median}: its median lies between {low:G4} and {high:G4}",
                    d.LocationOf("median"), "use \"splitTriangular\", which takes any median inside the range, or widen the range");
            return min == max || Inside(min, median, max) ? PertDistribution.WithMedian(min, median, max, shape) : null;
        }

        InputDistribution? SplitTriangular()
        {
            if (Bounds() is not var (min, max) || Median() is not double median) return null;
            return Inside(min, median, max) ? new SplitTriangularDistribution(min, median, max) : null;
        }

        (double Min, double Max)? Bounds()
        {
            double? min = d["min"] ?? model.Range?.Low, max = d["max"] ?? model.Range?.High;
            if (min is null || max is null)
            {
                Fail($"the {kind} distribution of '{input}' needs \"min\" and \"max\"", d.Location, "give them, or a \"range\" for the input in the model");
                return null;
            }
            if (!(min <= max))
            {
                Fail($"the {kind} distribution of '{input}' has min {min} above max {max}", d.LocationOf("min"), null);
                return null;
            }
            return (min.Value, max.Value);
        }

        double? Median()
        {
            if ((d["median"] ?? model.Value) is double median) return median;
            Fail($"the {kind} distribution of '{input}' needs a \"median\"", d.Location,
                "give one, or let the input's value in the model be a number: it is the median by default");
            return null;
        }

        // A distribution centred on a value needs room on both sides of it (or none: a range of one point).
        bool Inside(double min, double median, double max)
        {
            if ((min < median && median < max) || (min == median && median == max)) return true;
            bool fromModel = d["median"] is null;
            Fail($"the {kind} distribution of '{input}' has its median {median} {(median < min || median > max ? "outside" : "at an end of")} [{min}, {max}]",
                d.LocationOf(fromModel ? "min" : "median"),
                fromModel ? "the median is the input's value in the model: widen the input's range so that it lies inside, or give min, median and max"
                    : "the median must lie strictly between min and max");
            return false;
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
            bool logScale = d["mu"] is not null, byMedian = d["median"] is not null, moments = d["mean"] is not null || d["sd"] is not null;
            if ((logScale ? 1 : 0) + (byMedian ? 1 : 0) + (moments ? 1 : 0) != 1 || (moments && d["sigma"] is not null))
                return Fail($"the lognormal distribution of '{input}' needs \"mu\" and \"sigma\" (of ln x), \"median\" and \"sigma\", or \"mean\" and \"sd\" (of x)",
                    d.Location, null);
            if (!moments)
            {
                if (Require(byMedian ? "median" : "mu", "sigma") is not null) return null;
                if (!(d["sigma"] > 0)) return Fail($"sigma of '{input}' is {d["sigma"]}; it must be positive", d.LocationOf("sigma"), null);
                if (!byMedian) return new LogNormalDistribution(d["mu"]!.Value, d["sigma"]!.Value);
                return d["median"] > 0 ? new LogNormalDistribution(Math.Log(d["median"]!.Value), d["sigma"]!.Value)
                    : Fail($"a lognormal's median must be positive; '{input}' has {d["median"]}", d.LocationOf("median"), null);
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
        DistributionKind.LogNormal => "\"mu\" and \"sigma\" (of ln x), \"median\" and \"sigma\", or \"mean\" and \"sd\" (of x)",
        DistributionKind.Pert => "\"min\", \"max\" (default: the input's range) and \"mode\" or \"median\" (default median: the input's value), and optional \"shape\" (default 4)",
        DistributionKind.SplitTriangular => "\"min\", \"max\" (default: the input's range) and \"median\" (default: the input's value)",
        DistributionKind.Triangular => "\"min\", \"mode\" and \"max\"",
        DistributionKind.Beta => "\"alpha\", \"beta\", and optional \"min\" and \"max\" (default 0 and 1)",
        _ => "\"values\" and optional \"weights\"",
    };
}
