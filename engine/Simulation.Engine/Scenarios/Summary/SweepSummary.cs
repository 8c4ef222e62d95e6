using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Simulation.Engine.Results;
using Simulation.Engine.Scenarios.Plausibility;
using System.Collections.Immutable;

namespace Simulation.Engine.Scenarios.Summary;

/// <summary>
/// The comparison a sweep ends with, per scenario and outcome: mean and P5/P50/P95 across futures, and the
/// paired difference from the baseline (each future's scenario value minus the baseline's value in the same
/// future) with its own mean and P5/P50/P95. Written as summary.csv and summary.json; read back by `sim summary`.
/// When the experiment names plausibility targets, <see cref="HistoryMatch"/> says which futures were left out and
/// why, and every statistic is over the futures kept.
/// </summary>
public sealed record SweepSummary(string Experiment, string Model, string Baseline, ulong Seed, string Design, int Samples, int Replications,
    IReadOnlyList<SummaryRow> Rows, HistoryMatch? HistoryMatch = null)
{
    public const string QuantileMethod = "type 7 (Hyndman and Fan 1996; R's default)";

    /// <param name="values">values[scenario][column][future], one outcome column per entry of <paramref name="columns"/>.</param>
    public static SweepSummary Compute(CompiledExperiment experiment, IReadOnlyList<Outcomes.OutcomeColumn> columns, double[][][] values)
    {
        var rows = new List<SummaryRow>();
        int b = experiment.Baseline;
        var match = experiment.Plausibility.IsEmpty ? null : HistoryMatch.Judge(experiment.Plausibility, values[b], experiment.Futures);
        var kept = match?.Kept ?? Enumerable.Range(0, experiment.Futures).ToImmutableArray();
        double[] Kept(double[] all) => kept.Select(f => all[f]).ToArray();
        for (int c = 0; c < columns.Count; c++)
            for (int s = 0; s < experiment.Scenarios.Length; s++)
            {
                var own = Kept(values[s][c]);
                var baseline = Kept(values[b][c]);
                Distribution? difference = s == b ? null : Quantiles.Describe(own.Select((v, i) => v - baseline[i]));
                double? ratio = columns[c].Formula is Outcomes.Combination { Kind: Format.OutcomeKind.Ratio } r
                    ? Quantiles.RatioOfMeans(Kept(values[s][r.Left]), Kept(values[s][r.Right]))
                    : null;
                rows.Add(new SummaryRow(experiment.Scenarios[s].Name, columns[c].Outcome, columns[c].Element, columns[c].Units, own.Length,
                    Quantiles.Describe(own), difference, ratio));
            }
        return new SweepSummary(experiment.Document.Name, experiment.Document.Model.Name, experiment.Scenarios[b].Name, experiment.Seed,
            DesignName(experiment), experiment.Uncertainty.Design.Count, experiment.Replications, rows, match);
    }

    private static string DesignName(CompiledExperiment experiment) => experiment.Uncertainty.Kind switch
    {
        null => "none",
        Format.DesignKind.MonteCarlo => "monteCarlo",
        Format.DesignKind.LatinHypercube => "latinHypercube",
        var k => k.ToString()!.ToLowerInvariant(),
    };

    public static readonly string[] CsvHeader =
    [
        "scenario", "outcome", "element", "units", "runs", "n", "mean", "p5", "p50", "p95",
        "baseline", "diff_n", "diff_mean", "diff_p5", "diff_p50", "diff_p95", "ratio_of_means", "excluded",
    ];

    public string ToCsv()
    {
        var sb = new StringBuilder(string.Join(",", CsvHeader)).Append('\n');
        foreach (var r in Rows)
        {
            var d = r.Difference;
            string[] cells =
            [
                CsvResultWriter.Quote(r.Scenario), CsvResultWriter.Quote(r.Outcome), CsvResultWriter.Quote(r.Element), CsvResultWriter.Quote(r.Units ?? ""),
                Int(r.Runs), Int(r.Value.Count), Num(r.Value.Mean), Num(r.Value.P5), Num(r.Value.P50), Num(r.Value.P95),
                CsvResultWriter.Quote(Baseline), d is null ? "" : Int(d.Count), Num(d?.Mean), Num(d?.P5), Num(d?.P50), Num(d?.P95), Num(r.RatioOfMeans),
                Int(HistoryMatch?.Excluded ?? 0),
            ];
            sb.Append(string.Join(",", cells)).Append('\n');
        }
        return sb.ToString();
    }

    public string ToJson()
    {
        var json = new JObject
        {
            ["experiment"] = Experiment,
            ["model"] = Model,
            ["baseline"] = Baseline,
            ["seed"] = Seed,
            ["design"] = Design,
            ["samples"] = Samples,
            ["replications"] = Replications,
            ["quantiles"] = QuantileMethod,
            ["difference"] = "paired: scenario minus baseline in the same future (same sampled inputs and random stream)",
            ["historyMatching"] = HistoryMatch is { } m ? HistoryMatchJson(m) : null,
            ["rows"] = new JArray(Rows.Select(r => new JObject
            {
                ["scenario"] = r.Scenario,
                ["outcome"] = r.Outcome,
                ["element"] = r.Element,
                ["units"] = r.Units,
                ["runs"] = r.Runs,
                ["value"] = Json(r.Value),
                ["difference"] = r.Difference is null ? null : Json(r.Difference),
                ["ratioOfMeans"] = r.RatioOfMeans is double q ? Raw(q) : null,
            })),
        };
        return json.ToString(Formatting.Indented) + "\n";
    }

    public static SweepSummary FromJson(string text)
    {
        var json = JObject.Parse(text);
        Distribution Read(JToken t) => new((int)t["n"]!, Double(t["mean"]), Double(t["p5"]), Double(t["p50"]), Double(t["p95"]));
        var rows = json["rows"]!.Select(r => new SummaryRow((string)r["scenario"]!, (string)r["outcome"]!, (string?)r["element"] ?? "", (string?)r["units"],
            (int)r["runs"]!, Read(r["value"]!), r["difference"] is JObject d ? Read(d) : null,
            r["ratioOfMeans"] is JValue { Type: not JTokenType.Null } q ? (double)q : null)).ToList();
        return new SweepSummary((string)json["experiment"]!, (string)json["model"]!, (string)json["baseline"]!, (ulong)json["seed"]!,
            (string)json["design"]!, (int)json["samples"]!, (int)json["replications"]!, rows,
            json["historyMatching"] is JObject m ? ReadHistoryMatch(m) : null);
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

    private static JObject Json(Distribution d) => new()
    {
        ["n"] = d.Count, ["mean"] = Raw(d.Mean), ["p5"] = Raw(d.P5), ["p50"] = Raw(d.P50), ["p95"] = Raw(d.P95),
    };

    /// <summary>A number with round-trip precision, or null (JSON has no NaN).</summary>
    private static JToken Raw(double x) => double.IsFinite(x) ? new JRaw(CsvResultWriter.Format(x)) : JValue.CreateNull();

    private static double Double(JToken? t) => t is null || t.Type == JTokenType.Null ? double.NaN : (double)t;

    private static string Num(double? x) => x is double v && double.IsFinite(v) ? CsvResultWriter.Format(v) : "";

    private static string Int(int x) => x.ToString(CultureInfo.InvariantCulture);
}
