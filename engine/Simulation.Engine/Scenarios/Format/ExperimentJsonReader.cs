using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Model.Json;

namespace Simulation.Engine.Scenarios.Format;

/// <summary>
/// Reads an experiment file (docs/experiment-format.md) into an <see cref="ExperimentDocument"/>.
/// Structure is the schema's to report; this reader adds the checks a schema cannot express well
/// (which keys go together), each with a located diagnostic, and stays lenient so that one pass
/// reports every problem.
/// </summary>
public static class ExperimentJsonReader
{
    public static ExperimentDocument? ReadFile(string path, DiagnosticBag diagnostics) =>
        SourceFile.Load(path, diagnostics, DiagnosticCodes.MalformedJson) is { } file ? Read(file, diagnostics) : null;

    public static ExperimentDocument? Read(SourceFile file, DiagnosticBag diagnostics)
    {
        if (file.IsBinary(diagnostics, DiagnosticCodes.MalformedJson, "an experiment file is UTF-8 JSON; see docs/experiment-format.md")) return null;
        var root = JsonParser.Parse(file, diagnostics);
        if (root is null) return null;
        ExperimentSchema.Validate(file, root, diagnostics);
        if (root is not JsonObject obj || obj["model"] is not JsonString model) return null; // reported by the schema
        var json = new JsonReading(file, diagnostics);
        if (obj["formatVersion"] is JsonNumber v && v.Value != 1)
            diagnostics.Error(DiagnosticCodes.UnsupportedFormatVersion, $"format version {v.Raw} is not supported; this engine reads version 1", json.At(v));
        return new ExperimentDocument
        {
            Name = JsonReading.String(obj["name"]) ?? Path.GetFileNameWithoutExtension(file.Path),
            Description = JsonReading.String(obj["description"]),
            Model = json.Name(model),
            ModelPath = ResolvePath(file.Path, model.Value),
            Time = obj["time"] is JsonObject t ? ReadTime(t, json) : null,
            Seed = obj["seed"] is JsonNumber { Value: >= 0 } seed ? (ulong)seed.Value : 0,
            Baseline = obj["baseline"] is JsonString b ? json.Name(b) : null,
            Scenarios = json.Objects(obj["scenarios"]).Select(s => ScenarioJsonReader.Read(s, json)).OfType<ScenarioDefinition>().ToImmutableArray(),
            Uncertainty = obj["uncertainty"] is JsonObject u ? UncertaintyJsonReader.Read(u, file.Path, json) : null,
            Outcomes = json.Objects(obj["outcomes"]).Select(o => OutcomeJsonReader.Read(o, json)).OfType<OutcomeDefinition>().ToImmutableArray(),
            Plausibility = json.Objects(obj["plausibility"]).Select(p => ReadPlausibility(p, json)).OfType<PlausibilityDefinition>().ToImmutableArray(),
            Outputs = obj["outputs"] is JsonObject o ? ReadOutputs(o, json) : new OutputOptions(),
            CostEffectiveness = obj["costEffectiveness"] is JsonObject ce ? ReadCostEffectiveness(ce, json) : null,
            Source = file,
            Location = json.At(obj),
        };
    }

    /// <summary>
    /// A path written in an experiment, relative to the experiment file's folder; shown relative to the
    /// working folder when it lies below it, so diagnostics read like the paths users type.
    /// </summary>
    public static string ResolvePath(string experimentPath, string written)
    {
        string full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(experimentPath)) ?? "", written));
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
    }

    /// <summary>A "time" block (experiments and fit files): the model's time settings it replaces.</summary>
    internal static TimeOverride ReadTime(JsonObject t, JsonReading json) => new()
    {
        Start = json.Number(t["start"]),
        Stop = json.Number(t["stop"]),
        Dt = json.Number(t["dt"]),
        SavePeriod = json.Number(t["savePeriod"]),
        Method = JsonReading.String(t["method"]) switch
        {
            "euler" => IntegrationMethod.Euler,
            "rk2" => IntegrationMethod.RK2,
            "rk4" => IntegrationMethod.RK4,
            _ => null,
        },
        Location = json.At(t),
    };

    private static PlausibilityDefinition? ReadPlausibility(JsonObject p, JsonReading json) => p["outcome"] is not JsonString outcome ? null : new()
    {
        Outcome = json.Name(outcome),
        Element = JsonReading.String(p["element"]),
        Min = json.Number(p["min"]),
        Max = json.Number(p["max"]),
        Doc = JsonReading.String(p["doc"]),
        Location = json.At(p),
    };

    private static CostEffectivenessDefinition ReadCostEffectiveness(JsonObject o, JsonReading json) => new()
    {
        Cost = o["cost"] is JsonString c ? json.Name(c) : null,
        Qalys = o["qalys"] is JsonString q ? json.Name(q) : null,
        Thresholds = json.Numbers(o["thresholds"]),
        Location = json.At(o),
    };

    private static OutputOptions ReadOutputs(JsonObject o, JsonReading json) => new()
    {
        Series = (o["series"] as JsonArray)?.Items.OfType<JsonString>().Select(json.Reference).ToImmutableArray()
                 ?? ImmutableArray<InputReference>.Empty,
        Csv = o["csv"] is JsonBoolean { Value: true },
        Chunk = o["chunk"] is JsonNumber { Value: >= 1 and <= int.MaxValue } c ? (int)c.Value : null,
    };
}
