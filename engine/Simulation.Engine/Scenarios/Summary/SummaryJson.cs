using System.Collections.Immutable;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;
using Simulation.Engine.Results;
using Simulation.Engine.Scenarios.Format;
using Simulation.Engine.Scenarios.Plausibility;

namespace Simulation.Engine.Scenarios.Summary;

/// <summary>
/// summary.json (format <see cref="Format"/>; docs/experiment-format.md, "The summary"): numbers with round-trip
/// precision, null where a statistic does not exist (JSON has no NaN). <see cref="Read"/> gives back the same summary.
/// </summary>
public static class SummaryJson
{
    public const string Format = "sim-summary/2";

    private static readonly JsonSerializer Described = JsonSerializer.Create(new JsonSerializerSettings
    {
        ContractResolver = new CamelCasePropertyNamesContractResolver(),
        NullValueHandling = NullValueHandling.Ignore,
    });

    public static string Write(SweepSummary summary)
    {
        var json = new JObject
        {
            ["format"] = Format,
            ["experiment"] = summary.Experiment,
            ["model"] = summary.Model,
            ["baseline"] = summary.Baseline,
            ["seed"] = summary.Seed,
            ["design"] = summary.Design,
            ["samples"] = summary.Samples,
            ["replications"] = summary.Replications,
            ["quantiles"] = SweepSummary.QuantileMethod,
            ["difference"] = "paired: scenario minus baseline in the same future (same sampled inputs and random stream); " +
                             $"differences within {ZeroToRounding.RelativeTolerance:0E0} of the values' magnitude are 0",
            ["headline"] = new JArray(summary.Headline),
            ["historyMatching"] = summary.HistoryMatch is { } m ? HistoryMatchJson(m) : null,
        };
        if (summary.CostEffectiveness is { } ce)
            json["costEffectiveness"] = new JObject
            {
                ["cost"] = ce.Cost,
                ["qalys"] = ce.Qalys,
                ["units"] = ce.Units,
                ["thresholds"] = new JArray(ce.Thresholds.Select(Raw)),
                ["rankings"] = new JArray(ce.Rankings.Select(r => new JObject
                {
                    ["threshold"] = Raw(r.Threshold),
                    ["futures"] = r.Futures,
                    ["scenarios"] = new JArray(r.Scenarios.Select(e => new JObject
                    {
                        ["scenario"] = e.Scenario, ["meanNetBenefit"] = Raw(e.MeanNetBenefit), ["pBest"] = Raw(e.PBest),
                    })),
                })),
            };
        json["rows"] = new JArray(summary.Rows.Select(Row));
        if (summary.About is { } about) json["about"] = JObject.FromObject(about, Described);
        return json.ToString(Formatting.Indented) + "\n";
    }

    private static JObject Row(SummaryRow r)
    {
        var row = new JObject
        {
            ["scenario"] = r.Scenario,
            ["outcome"] = r.Outcome,
            ["element"] = r.Element,
            ["units"] = r.Units,
            ["kind"] = r.Kind,
            ["paired"] = r.Paired,
            ["better"] = r.Better is { } d ? Name(d) : null,
            ["runs"] = r.Runs,
            ["value"] = Json(r.Value),
            ["difference"] = r.Comparison is { } c ? Json(c, r.Better) : null,
            ["ratio"] = r.Ratio is { } q ? Json(q) : null,
        };
        if (r.Threshold is double t) row["threshold"] = Raw(t);
        return row;
    }

    private static JObject Json(Distribution d) => new()
    {
        ["n"] = d.Count, ["mean"] = Raw(d.Mean), ["p5"] = Raw(d.P5), ["p25"] = Raw(d.P25), ["p50"] = Raw(d.P50), ["p75"] = Raw(d.P75), ["p95"] = Raw(d.P95),
        ["leftOut"] = LeftOut(d.LeftOut),
    };

    private static JObject LeftOut(IReadOnlyList<Exclusion> leftOut) => new(leftOut.Select(x => new JProperty(x.Reason, x.Count)));

    private static IReadOnlyList<Exclusion> ReadLeftOut(JToken? t) => t is JObject o ? o.Properties().Select(p => new Exclusion(p.Name, (int)p.Value)).ToList() : [];

    private static JObject Json(Comparison c, Direction? better)
    {
        var json = Json(c.Difference);
        json["pHigher"] = Raw(c.PHigher);
        json["pLower"] = Raw(c.PLower);
        json["pBetter"] = c.PBetter(better) is double p ? Raw(p) : null;
        return json;
    }

    private static JObject Json(RatioSummary q) => new()
    {
        ["value"] = Raw(q.Value),
        ["meaningful"] = q.Meaningful,
        ["quadrant"] = q.Quadrant is { } k ? QuadrantName(k) : null,
        ["numeratorOutcome"] = q.NumeratorOutcome,
        ["denominatorOutcome"] = q.DenominatorOutcome,
        ["numerator"] = Json(q.Numerator),
        ["denominator"] = Json(q.Denominator),
        ["leftOut"] = LeftOut(q.LeftOut),
    };

    public static SweepSummary Read(string text)
    {
        var json = JObject.Parse(text);
        var rows = json["rows"]!.Select(ReadRow).ToList();
        return new SweepSummary((string)json["experiment"]!, (string)json["model"]!, (string)json["baseline"]!, (ulong)json["seed"]!,
            (string)json["design"]!, (int)json["samples"]!, (int)json["replications"]!, rows,
            json["historyMatching"] is JObject m ? ReadHistoryMatch(m) : null)
        {
            Headline = json["headline"]?.Select(h => (string)h!).ToList() ?? [],
            CostEffectiveness = json["costEffectiveness"] is JObject ce ? ReadCostEffectiveness(ce) : null,
            About = json["about"] is JObject about ? about.ToObject<SweepDescription>(Described) : null,
        };
    }

    /// <summary>The history match as JSON: the futures, how many were kept, which were left out, and each target's misses.</summary>
    private static JObject HistoryMatchJson(HistoryMatch m) => new()
    {
        ["futures"] = m.Futures,
        ["kept"] = m.Kept.Length,
        ["excluded"] = m.Excluded,
        ["judgedOn"] = "the baseline's outcome values in each future; a future left out is left out of every scenario",
        ["targets"] = new JArray(m.Misses.Select(x => new JObject
        {
            ["outcome"] = x.Target.Outcome,
            ["element"] = x.Target.Element,
            ["min"] = Raw(x.Target.Min),
            ["max"] = Raw(x.Target.Max),
            ["doc"] = x.Target.Doc,
            ["missed"] = x.Missed,
        })),
        ["excludedFutures"] = new JArray(Enumerable.Range(0, m.Futures).Except(m.Kept)),
    };

    private static HistoryMatch ReadHistoryMatch(JObject m)
    {
        int futures = (int)m["futures"]!;
        var excluded = m["excludedFutures"]!.Select(t => (int)t).ToHashSet();
        var targets = m["targets"]!.Select(t => (new PlausibilityTarget((string)t["outcome"]!, (string?)t["element"] ?? "",
            t["min"] is JValue { Type: not JTokenType.Null } lo ? (double)lo : double.NegativeInfinity,
            t["max"] is JValue { Type: not JTokenType.Null } hi ? (double)hi : double.PositiveInfinity, -1, (string?)t["doc"]), (int)t["missed"]!));
        return new HistoryMatch(futures, Enumerable.Range(0, futures).Where(f => !excluded.Contains(f)).ToImmutableArray(), targets.ToImmutableArray());
    }

    private static SummaryRow ReadRow(JToken r) =>
        new((string)r["scenario"]!, (string)r["outcome"]!, (string?)r["element"] ?? "", (string?)r["units"], (int)r["runs"]!,
            ReadDistribution(r["value"]!), r["difference"] is JObject d ? new Comparison(ReadDistribution(d), Double(d["pHigher"]), Double(d["pLower"])) : null)
        {
            Kind = (string?)r["kind"] ?? "value",
            Paired = (bool?)r["paired"] ?? false,
            Better = (string?)r["better"] switch { "lower" => Direction.Lower, "higher" => Direction.Higher, _ => null },
            Ratio = r["ratio"] is JObject q
                ? new RatioSummary(Double(q["value"]), ReadDistribution(q["numerator"]!), ReadDistribution(q["denominator"]!), (bool?)q["meaningful"] ?? false,
                    Enum.GetValues<Quadrant>().Cast<Quadrant?>().FirstOrDefault(k => QuadrantName(k!.Value) == (string?)q["quadrant"]))
                {
                    NumeratorOutcome = (string?)q["numeratorOutcome"] ?? "", DenominatorOutcome = (string?)q["denominatorOutcome"] ?? "",
                    LeftOut = ReadLeftOut(q["leftOut"]),
                }
                : null,
            Threshold = r["threshold"] is JValue { Type: not JTokenType.Null } t ? (double)t : null,
        };

    private static CostEffectivenessSummary ReadCostEffectiveness(JObject ce) =>
        new((string)ce["cost"]!, (string)ce["qalys"]!, (string?)ce["units"], ce["thresholds"]!.Select(t => (double)t).ToImmutableArray(),
            ce["rankings"]!.Select(r => new Ranking((double)r["threshold"]!, (int)r["futures"]!,
                r["scenarios"]!.Select(e => new RankedScenario((string)e["scenario"]!, Double(e["meanNetBenefit"]), Double(e["pBest"]))).ToList())).ToList());

    private static Distribution ReadDistribution(JToken t) =>
        new((int)t["n"]!, Double(t["mean"]), Double(t["p5"]), Double(t["p25"]), Double(t["p50"]), Double(t["p75"]), Double(t["p95"]))
        {
            LeftOut = ReadLeftOut(t["leftOut"]),
        };

    public static string Name(Direction d) => d == Direction.Lower ? "lower" : "higher";

    public static string QuadrantName(Quadrant q) => q switch
    {
        Quadrant.Dominant => "dominant",
        Quadrant.Dominated => "dominated",
        Quadrant.TradeOff => "tradeOff",
        _ => "savesAndLoses",
    };

    /// <summary>A number with round-trip precision, or null (JSON has no NaN).</summary>
    private static JToken Raw(double x) => double.IsFinite(x) ? new JRaw(CsvResultWriter.Format(x)) : JValue.CreateNull();

    private static double Double(JToken? t) => t is null || t.Type == JTokenType.Null ? double.NaN : (double)t;
}
