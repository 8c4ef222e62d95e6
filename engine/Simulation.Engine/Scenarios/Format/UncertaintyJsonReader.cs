using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model.Json;

namespace Simulation.Engine.Scenarios.Format;

/// <summary>Reads the "uncertainty" block: the design, its size, and each uncertain input's distribution.</summary>
internal static class UncertaintyJsonReader
{
    private static readonly string[] ParameterNames = ["min", "max", "mode", "median", "mean", "sd", "mu", "sigma", "alpha", "beta", "shape"];

    public static UncertaintyDefinition? Read(JsonObject u, SchemaFile experiment, JsonReading json)
    {
        DesignKind? design = JsonReading.String(u["design"]) switch
        {
            "monteCarlo" => DesignKind.MonteCarlo,
            "latinHypercube" => DesignKind.LatinHypercube,
            "sobol" => DesignKind.Sobol,
            "grid" => DesignKind.Grid,
            "table" => DesignKind.Table,
            _ => null,
        };
        if (design is null) return null; // reported by the schema
        var table = u["table"] as JsonString;
        if (design == DesignKind.Table && table is null)
            json.Invalid("the table design needs \"table\": the CSV file of samples", json.At(u["design"]!), "e.g. \"table\": \"design.csv\"");
        if (design != DesignKind.Table && table is not null)
            json.Invalid($"\"table\" is for the table design, not {JsonReading.String(u["design"])}", json.At(table));
        bool sized = design is DesignKind.MonteCarlo or DesignKind.LatinHypercube or DesignKind.Sobol;
        if (sized && u["samples"] is null)
            json.Invalid($"the {JsonReading.String(u["design"])} design needs \"samples\": how many", json.At(u["design"]!), "e.g. \"samples\": 1000");
        if (!sized && u["samples"] is { } extra)
            json.Invalid($"a {JsonReading.String(u["design"])} design takes its size from its {(design == DesignKind.Grid ? "levels" : "rows")}, not \"samples\"",
                json.At(extra));
        return new UncertaintyDefinition
        {
            Design = design.Value,
            DesignLocation = json.At(u["design"]!),
            Samples = u["samples"] is JsonNumber n && n.Value <= int.MaxValue ? (int)n.Value : null,
            SamplesLocation = u["samples"] is { } s ? json.At(s) : json.At(u),
            Replications = u["replications"] is JsonNumber r && r.Value >= 1 && r.Value <= int.MaxValue ? (int)r.Value : 1,
            Inputs = json.Objects(u["inputs"]).Select(i => ReadInput(i, json)).OfType<UncertainInput>().ToImmutableArray(),
            Table = table is null ? null : json.Name(table),
            TablePath = table is null ? null : experiment.PathOf(table),
            Location = json.At(u),
        };
    }

    private static UncertainInput? ReadInput(JsonObject i, JsonReading json)
    {
        if (i["input"] is not JsonString input) return null;
        var values = json.Numbers(i["values"]);
        string? name = JsonReading.String(i["distribution"]);
        DistributionKind? kind = name is null ? i["values"] is not null ? DistributionKind.Discrete : DistributionKind.Uniform : KindOf(name);
        if (kind is null) return null; // reported by the schema
        return new UncertainInput
        {
            Target = json.Reference(input),
            Distribution = Distribution(i, kind.Value, json, json.At(i["distribution"] ?? input)) with
            {
                Values = values,
                Weights = json.Numbers(i["weights"]),
            },
            Values = values,
            Levels = i["levels"] is JsonNumber l && l.Value <= 1_000_000 ? (int)l.Value : null,
            Apply = JsonReading.String(i["apply"]) == "multiply" ? ApplyMode.Multiply : ApplyMode.Set,
            Location = json.At(input),
        };
    }

    /// <summary>A distribution's kind by its name in the file (null for a name the schema rejects).</summary>
    internal static DistributionKind? KindOf(string? name) => name switch
    {
        "uniform" => DistributionKind.Uniform,
        "normal" => DistributionKind.Normal,
        "lognormal" => DistributionKind.LogNormal,
        "triangular" => DistributionKind.Triangular,
        "beta" => DistributionKind.Beta,
        "discrete" => DistributionKind.Discrete,
        "pert" => DistributionKind.Pert,
        "splitTriangular" => DistributionKind.SplitTriangular,
        _ => null,
    };

    /// <summary>The numeric parameters an object gives a distribution (an uncertain input; a fit's prior), each located.</summary>
    internal static DistributionDefinition Distribution(JsonObject o, DistributionKind kind, JsonReading json, SourceLocation location)
    {
        var parameters = ImmutableDictionary.CreateBuilder<string, (double, SourceLocation?)>();
        foreach (var name in ParameterNames)
            if (o.Find(name) is { } p && json.Number(p.Value) is double v)
                parameters[name] = (v, json.At(p.Value));
        return new DistributionDefinition { Kind = kind, Parameters = parameters.ToImmutable(), Location = location };
    }
}
