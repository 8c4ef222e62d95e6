using System.Text.Json;
using System.Text.Json.Nodes;
using Simulation.Engine.Levers;
using Simulation.Engine.Scenarios.Format;
using Simulation.Engine.Scenarios.Summary;

namespace Simulation.Web;

/// <summary>
/// The JSON the API answers with (docs/serve.md). Numbers that are not finite (0 / 0, a run that failed) are null,
/// as in the sweep's tables; an arrayed input's values and ranges are lists in the order of its element names.
/// </summary>
internal static class ApiJson
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    public static byte[] Bytes(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node, Options);

    public static JsonObject Error(LeverProblem problem)
    {
        var o = new JsonObject { ["error"] = problem.Message, ["field"] = problem.Field };
        if (problem.Hint is { } hint) o["hint"] = hint;
        return o;
    }

    public static JsonObject Error(string message, string field, string? hint = null) => Error(new LeverProblem(message, field, hint));

    public static JsonObject Experiment(LeverModel model)
    {
        var e = model.Experiment;
        return new JsonObject
        {
            ["name"] = e.Name,
            ["description"] = e.Description,
            ["model"] = e.Model,
            ["fromModel"] = model.Source.FromModel,
            ["baseline"] = e.Baseline,
            ["time"] = new JsonObject { ["start"] = e.Time.Start, ["stop"] = e.Time.Stop, ["dt"] = e.Time.Dt, ["units"] = e.Time.Units },
            ["futures"] = model.MaxFutures,
            ["outcomes"] = new JsonArray(model.Outcomes.Select(o => (JsonNode)new JsonObject
            {
                ["name"] = o.Outcome, ["element"] = o.Element, ["units"] = o.Units,
            }).ToArray()),
            ["charts"] = new JsonArray(model.Charts.Select(c => (JsonNode)new JsonObject
            {
                ["id"] = c.Id, ["title"] = c.Title, ["units"] = c.Units,
                ["lines"] = Strings(c.Lines), ["outcomes"] = Strings(c.Outcomes),
            }).ToArray()),
        };
    }

    public static JsonObject Inputs(LeverModel model) => new()
    {
        ["groups"] = new JsonArray(model.Inputs.Groups.Select(g => (JsonNode)new JsonObject
        {
            ["name"] = g.Name,
            ["inputs"] = new JsonArray(g.Inputs.Select(Input).ToArray()),
        }).ToArray()),
    };

    private static JsonNode Input(LeverInput i)
    {
        var o = new JsonObject
        {
            ["name"] = i.Name, ["units"] = i.Units, ["doc"] = i.Documentation, ["source"] = i.Source,
            ["settable"] = i.Settable,
        };
        if (i.NotSettable is { } why) o["why"] = why;
        if (i.IsArrayed)
        {
            o["elements"] = Strings(i.Elements);
            o["value"] = Numbers(i.Values);
            o["min"] = new JsonArray(i.Ranges.Select(r => (JsonNode?)Number(r?.Low)).ToArray());
            o["max"] = new JsonArray(i.Ranges.Select(r => (JsonNode?)Number(r?.High)).ToArray());
        }
        else
        {
            o["value"] = Number(i.Values[0]);
            o["min"] = Number(i.Ranges[0]?.Low);
            o["max"] = Number(i.Ranges[0]?.High);
        }
        return o;
    }

    public static JsonObject Scenarios(LeverModel model) => new()
    {
        ["baseline"] = model.Experiment.Baseline,
        ["scenarios"] = new JsonArray(model.Presets.Select(p => (JsonNode)new JsonObject
        {
            ["name"] = p.Name, ["doc"] = p.Documentation, ["basedOn"] = p.BasedOn, ["baseline"] = p.IsBaseline,
            ["values"] = new JsonObject(p.Values.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)Number(kv.Value)))),
            ["interventions"] = new JsonArray(p.Interventions.Select(Intervention).ToArray()),
        }).ToArray()),
    };

    /// <summary>An intervention as an experiment file writes it.</summary>
    public static JsonNode Intervention(InterventionDefinition d) => JsonNode.Parse(InterventionWriter.Write(d).ToString(Newtonsoft.Json.Formatting.None))!;

    public static JsonObject Run(LeverResult r, double elapsedMs) => new()
    {
        ["scenario"] = r.Scenario,
        ["futures"] = r.Futures,
        ["elapsedMs"] = Math.Round(elapsedMs, 2),
        ["warnings"] = new JsonArray(r.Warnings.Select(w => (JsonNode)Error(w)).ToArray()),
        ["problem"] = r.Problem,
        ["historyMatch"] = r.HistoryMatch,
        ["outcomes"] = new JsonArray(r.Outcomes.Select(o => (JsonNode)new JsonObject
        {
            ["name"] = o.Outcome, ["element"] = o.Element, ["units"] = o.Units,
            ["value"] = Number(o.Value), ["baseline"] = Number(o.Baseline), ["difference"] = Number(o.PointDifference),
            ["futures"] = Spread(o.Futures), ["baselineFutures"] = Spread(o.BaselineFutures), ["differenceFutures"] = Spread(o.Difference),
        }).ToArray()),
        ["times"] = Numbers(r.Times),
        ["lines"] = new JsonArray(r.Lines.Select(l => (JsonNode)new JsonObject
        {
            ["chart"] = l.Chart, ["element"] = l.Element, ["values"] = Numbers(l.Values),
            ["band"] = Band(l.Band), ["baselineBand"] = Band(l.BaselineBand),
        }).ToArray()),
    };

    /// <summary>
    /// The baseline's point run, line by line: the same for every request, so the page asks for it once rather than
    /// each run's answer carrying it (it was half of an answer's bytes).
    /// </summary>
    public static JsonObject Baseline(LeverResult baseline) => new()
    {
        ["scenario"] = baseline.Scenario,
        ["times"] = Numbers(baseline.Times),
        ["lines"] = new JsonArray(baseline.Lines.Select(l => (JsonNode)new JsonObject
        {
            ["chart"] = l.Chart, ["element"] = l.Element, ["values"] = Numbers(l.Values),
        }).ToArray()),
    };

    private static JsonNode? Spread(Distribution? d) => d is null ? null : new JsonObject
    {
        ["n"] = d.Count, ["mean"] = Number(d.Mean), ["p5"] = Number(d.P5), ["p50"] = Number(d.P50), ["p95"] = Number(d.P95),
    };

    private static JsonNode? Band(Band? b) => b is null ? null : new JsonObject { ["p5"] = Numbers(b.P5), ["p50"] = Numbers(b.P50), ["p95"] = Numbers(b.P95) };

    private static JsonValue? Number(double? x) => x is double v && double.IsFinite(v) ? JsonValue.Create(v) : null;

    private static JsonArray Numbers(IEnumerable<double> values) => new(values.Select(v => (JsonNode?)Number(v)).ToArray());

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
