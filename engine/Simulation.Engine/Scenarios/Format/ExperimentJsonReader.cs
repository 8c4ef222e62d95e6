using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Model.Json;

namespace Simulation.Engine.Scenarios.Format;

/// <summary>
/// Reads an experiment file (docs/experiment-format.md) into an <see cref="ExperimentDocument"/>.
/// Structure is the schema's to report (<see cref="SchemaFormat"/>); this reader adds the checks a schema cannot
/// express well (which keys go together), each with a located diagnostic, and stays lenient so that one pass
/// reports every problem.
/// </summary>
public static class ExperimentJsonReader
{
    public static ExperimentDocument? ReadFile(string path, DiagnosticBag diagnostics) =>
        SourceFile.Load(path, diagnostics, DiagnosticCodes.MalformedJson) is { } file ? Read(file, diagnostics) : null;

    public static ExperimentDocument? Read(SourceFile file, DiagnosticBag diagnostics)
    {
        if (SchemaFormat.Experiment.Open(file, diagnostics) is not { } doc) return null;
        var (obj, json) = (doc.Root, doc.Json);
        if (obj["model"] is not JsonString model) return null; // reported by the schema
        return new ExperimentDocument
        {
            Name = doc.Name,
            Description = doc.Description,
            Model = json.Name(model),
            ModelPath = doc.PathOf(model),
            Time = doc.Time,
            Seed = doc.Seed,
            Baseline = obj["baseline"] is JsonString b ? json.Name(b) : null,
            Scenarios = json.Objects(obj["scenarios"]).Select(s => ScenarioJsonReader.Read(s, json)).OfType<ScenarioDefinition>().ToImmutableArray(),
            Uncertainty = obj["uncertainty"] is JsonObject u ? UncertaintyJsonReader.Read(u, doc, json) : null,
            Outcomes = json.Objects(obj["outcomes"]).Select(o => OutcomeJsonReader.Read(o, json)).OfType<OutcomeDefinition>().ToImmutableArray(),
            Plausibility = json.Objects(obj["plausibility"]).Select(p => ReadPlausibility(p, json)).OfType<PlausibilityDefinition>().ToImmutableArray(),
            Outputs = obj["outputs"] is JsonObject o ? ReadOutputs(o, json) : new OutputOptions(),
            CostEffectiveness = obj["costEffectiveness"] is JsonObject ce ? ReadCostEffectiveness(ce, json) : null,
            Source = file,
            Location = doc.Location,
        };
    }

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
