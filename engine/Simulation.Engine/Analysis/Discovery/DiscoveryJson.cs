using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Simulation.Engine.Results;

namespace Simulation.Engine.Analysis.Discovery;

/// <summary>
/// Scenario discovery as JSON, for scripts and reports:
/// <code>
/// { "question": ..., "runs": n, "ofInterest": m, "leftOut": z, "implausible": h,
///   "ranges": { "Input": { "min": a, "max": b }, ... },                  every sampled input's range in the runs searched
///   "boxes": [ { "coverage": c, "density": d, "mass": m, "restricted": r, "step": s,
///                "limits": { "Input": { "min": a, "max": b }, ... },        only the restricted inputs
///                "quasiP": { "Input": p, ... },
///                "trajectory": [ { "coverage": .., "density": .., "mass": .., "restricted": .. }, ... ] } ],
///   "tree": { "runs": .., "ofInterest": .., "density": .., "input": .., "threshold": .., "below": {..}, "above": {..} },
///   "features": [ { "input": .., "importance": .., "ks": .., "p": .. }, ... ] }            most important first
/// </code>
/// </summary>
public static class DiscoveryJson
{
    public static string Write(DiscoveryReport report)
    {
        var q = report.Question;
        var json = new JObject
        {
            ["outcome"] = report.Outcome.Outcome,
            ["element"] = report.Outcome.Element,
            ["scenario"] = report.Scenario,
            ["baseline"] = report.Baseline,
            ["difference"] = q.Difference,
            [q.Above ? "above" : "below"] = Number(q.Threshold),
            ["question"] = report.Title,
            ["runs"] = report.Prim.Runs,
            ["ofInterest"] = report.Prim.OfInterest,
            ["leftOut"] = report.LeftOut,
            ["implausible"] = report.Implausible,
            ["ranges"] = new JObject(report.Inputs.Select((name, i) => new JProperty(name,
                new JObject { ["min"] = Number(report.Prim.Ranges[i].Min), ["max"] = Number(report.Prim.Ranges[i].Max) }))),
            ["boxes"] = new JArray(report.Prim.Boxes.Select(b => Box(b, report.Inputs))),
            ["tree"] = Node(report.Tree, report.Inputs),
            ["features"] = new JArray(report.Features.OrderByDescending(f => f.Importance).Select(f => new JObject
            {
                ["input"] = report.Inputs[f.Input],
                ["importance"] = Number(f.Importance),
                ["ks"] = Number(f.KolmogorovSmirnov),
                ["p"] = Number(f.PValue),
            })),
        };
        return json.ToString(Formatting.Indented) + "\n";
    }

    private static JObject Box(PrimBox box, IReadOnlyList<string> inputs) => new()
    {
        ["coverage"] = Number(box.Box.Coverage),
        ["density"] = Number(box.Box.Density),
        ["mass"] = Number(box.Box.Mass),
        ["restricted"] = box.Restrictions.Count,
        ["step"] = box.Chosen,
        ["limits"] = new JObject(box.Restrictions.Select(r => new JProperty(inputs[r.Input], new JObject { ["min"] = Number(r.Limits.Min), ["max"] = Number(r.Limits.Max) }))),
        ["quasiP"] = new JObject(box.Restrictions.Select(r => new JProperty(inputs[r.Input], Number(r.QuasiP)))),
        ["trajectory"] = new JArray(box.Trajectory.Select(s => new JObject
        {
            ["coverage"] = Number(s.Coverage), ["density"] = Number(s.Density), ["mass"] = Number(s.Mass), ["restricted"] = s.Restricted,
        })),
    };

    private static JObject Node(DecisionNode node, IReadOnlyList<string> inputs)
    {
        var json = new JObject { ["runs"] = node.Runs, ["ofInterest"] = node.OfInterest, ["density"] = Number(node.Density) };
        if (node.IsLeaf) return json;
        json["input"] = inputs[node.Input];
        json["threshold"] = Number(node.Threshold);
        json["below"] = Node(node.Below!, inputs);
        json["above"] = Node(node.Above!, inputs);
        return json;
    }

    private static JToken Number(double x) => double.IsFinite(x) ? new JRaw(CsvResultWriter.Format(x)) : JValue.CreateNull();
}
