using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Simulation.Engine.Analysis;

namespace Simulation.Reporting.Report;

/// <summary>A scenario discovery result the report shows: the question, how many runs answer it, and its PRIM boxes.</summary>
public sealed record DiscoveryResult(string File, string Outcome, string Question, int Runs, int OfInterest, IReadOnlyList<BoxChart> Boxes, IReadOnlyList<TradeoffChart> Trajectories);

/// <summary>
/// The charts of the analyses a sweep's folder holds beside it: the sensitivity analysis <c>sim sensitivity</c> wrote
/// (sensitivity.json and its tables) as tornadoes of each measure with its interval and as measures over time, and each
/// scenario discovery <c>sim discover --output DIR/discovery*.json</c> wrote, as PRIM's trade-off curve and box.
/// Nothing is recomputed: the charts show the files' numbers.
/// </summary>
public sealed class AnalysisData
{
    /// <summary>Inputs per tornado, lines per chart over time, and charts over time at most.</summary>
    public const int Bars = 10, Lines = 6, OverTimeCharts = 12;

    public const string DiscoveryPattern = "discovery*.json";

    public List<ChartSpec> Charts { get; } = new();

    /// <summary>The sensitivity method ("sobol", "morris", "correlation"), or null when the folder holds no analysis.</summary>
    public string? Method { get; private set; }

    /// <summary>Outcomes (or differences) whose measures are all zero or missing, with the table's reason.</summary>
    public List<string> Notes { get; } = new();

    public List<DiscoveryResult> Discoveries { get; } = new();

    private int _charts;

    /// <summary>An element id no other chart of the page has (the sweep's own charts use other prefixes).</summary>
    private string Id(string prefix) => $"{prefix}-{_charts++}";

    /// <param name="outcome">Chart this outcome (or series variable) of every scenario; null: the headline outcomes and every series.</param>
    public static AnalysisData Build(SweepFolder folder, string? outcome = null)
    {
        var data = new AnalysisData();
        SensitivityReport? report;
        try
        {
            report = SensitivityFiles.Read(folder.Path);
        }
        catch (InvalidDataException e)
        {
            throw new ReportingException(e.Message, "run the sensitivity analysis again (sim sensitivity ... --force), or remove its files from the folder");
        }
        if (report is not null) data.AddSensitivity(folder, report, outcome);
        foreach (string file in Directory.EnumerateFiles(folder.Path, DiscoveryPattern).Order(StringComparer.Ordinal))
            data.AddDiscovery(file);
        return data;
    }

    private void AddSensitivity(SweepFolder folder, SensitivityReport report, string? outcome)
    {
        var table = report.Outcomes;
        Method = table.Method;
        var summary = folder.Summary;
        var headline = summary.Headline.ToHashSet();
        // The headline outcomes when the analysis has any of them (every outcome otherwise), for the baseline's values
        // and each other scenario's difference from it.
        bool anyHeadline = table.Rows.Any(r => headline.Contains(r.Outcome));
        var groups = table.Ranked().Where(g => (outcome is not null ? g[0].Label == outcome : !anyHeadline || headline.Contains(g[0].Outcome))
                                               && (g[0].Measure == Measure.Difference || g[0].Scenario == summary.Baseline))
            .OrderBy(g => g[0].Measure).ThenBy(g => summary.Scenarios.ToList().IndexOf(g[0].Scenario));
        foreach (var rows in groups)
        {
            var first = rows[0];
            string scenario = first.Measure == Measure.Value ? first.Scenario : $"{first.Scenario} against {summary.Baseline}";
            var shown = rows.Where(r => double.IsFinite(r.Values[table.IndexOf(table.RankBy)]) && r.Values[table.IndexOf(table.RankBy)] != 0).Take(Bars).ToList();
            if (shown.Count == 0)
            {
                Notes.Add($"{first.Label}, {scenario}: {first.Note ?? "no input has a measure other than 0"}");
                continue;
            }
            var (subtitle, axis, min, max) = Describe(table.Method, first.Measure);
            var series = Measures(table.Method).Select((m, k) => new IndexSeries(m.Label, k,
                shown.Select(r => Estimate(table, r, m.Column)).ToList())).ToList();
            Charts.Add(new IndexChart(Id("index"), first.Label, scenario, subtitle, axis, min, max, shown.Select(r => r.Input).ToList(), series));
        }
        if (report.OverTime is { } overTime) AddOverTime(overTime, summary.Baseline, summary.About?.TimeUnits, outcome);
    }

    private void AddOverTime(SensitivityTable table, string baseline, string? timeUnits, string? variable)
    {
        int rank = table.IndexOf(table.RankBy);
        var groups = table.Rows.Where(r => (r.Measure == Measure.Difference || r.Scenario == baseline) && (variable is null || r.Label == variable))
            .GroupBy(r => (r.Scenario, r.Measure, r.Label)).OrderBy(g => g.Key.Measure).Take(OverTimeCharts);
        foreach (var g in groups)
        {
            var times = g.Select(r => r.Time!.Value).Distinct().Order().ToArray();
            var top = g.GroupBy(r => r.Input)
                .Select(i => (Input: i.Key, Peak: i.Select(r => Math.Abs(r.Values[rank])).Where(double.IsFinite).DefaultIfEmpty(0).Max(), Rows: i.ToDictionary(r => r.Time!.Value)))
                .Where(i => i.Peak > 0).OrderByDescending(i => i.Peak).Take(Lines).ToList();
            if (top.Count == 0) continue;
            string scenario = g.Key.Measure == Measure.Value ? g.Key.Scenario : $"{g.Key.Scenario} against {baseline}";
            var lines = top.Select((i, k) => new IndexLine(i.Input, k, times.Select(t => i.Rows.TryGetValue(t, out var r) ? r.Values[rank] : double.NaN).ToArray())).ToList();
            Charts.Add(new IndexOverTimeChart(Id("index-time"), g.Key.Label, scenario, Measures(table.Method).Last().Label, timeUnits, times, lines));
        }
    }

    /// <summary>The measures a method's tornado shows, and the column each is in (its interval in COLUMN_low and COLUMN_high).</summary>
    private static (string Label, string Column)[] Measures(string method) => method switch
    {
        "sobol" => [("S1 (first order)", "S1"), ("ST (total)", "ST")],
        "morris" => [("mu*", "mu_star")],
        _ => [("PRCC", "PRCC")],
    };

    private static (string Subtitle, string Axis, double? Min, double? Max) Describe(string method, Measure measure)
    {
        string of = measure == Measure.Value ? "the outcome" : "the paired difference";
        return method switch
        {
            "sobol" => ($"Sobol' indices: the share of the variance of {of} each input explains alone (S1) and with its interactions (ST); boxes are 95% bootstrap intervals, lines the estimates",
                "share of variance", 0, null),
            "morris" => ($"Morris screening: mu*, the mean absolute change in {of} when the input moves half its range; boxes are 95% bootstrap intervals",
                "mu*", 0, null),
            _ => ($"partial rank correlation of each input with {of}, the other inputs held fixed; boxes are 95% intervals (Fisher's z)",
                "partial rank correlation", -1, 1),
        };
    }

    private static IndexEstimate? Estimate(SensitivityTable table, SensitivityRow row, string column)
    {
        double V(string c) => table.IndexOf(c) is var i and >= 0 ? row.Values[i] : double.NaN;
        double value = V(column), low = V(column + "_low"), high = V(column + "_high");
        if (!double.IsFinite(value)) return null;
        return double.IsFinite(low) && double.IsFinite(high) ? new IndexEstimate(value, Math.Min(low, value), Math.Max(high, value)) : new IndexEstimate(value, value, value);
    }

    private void AddDiscovery(string file)
    {
        try
        {
            var json = JObject.Parse(File.ReadAllText(file));
            string question = (string?)json["question"] ?? throw new InvalidDataException("it states no question");
            var ranges = json["ranges"] as JObject;
            var boxes = new List<BoxChart>();
            var trajectories = new List<TradeoffChart>();
            foreach (var (box, b) in ((JArray?)json["boxes"] ?? []).Cast<JObject>().Select((x, i) => (x, i + 1)))
            {
                var steps = ((JArray?)box["trajectory"] ?? []).Cast<JObject>().ToList();
                trajectories.Add(new TradeoffChart(Id("tradeoff"), question, b, steps.Select(s => D(s["coverage"])).ToArray(),
                    steps.Select(s => D(s["density"])).ToArray(), steps.Select(s => (int?)s["restricted"] ?? 0).ToArray(), (int?)box["step"] ?? 0));
                var limits = ((JObject?)box["limits"] ?? []).Properties().Select(p =>
                {
                    double min = D(p.Value["min"]), max = D(p.Value["max"]);
                    double lo = D(ranges?[p.Name]?["min"]), hi = D(ranges?[p.Name]?["max"]);
                    double Position(double x, double fallback) => double.IsFinite(lo) && hi > lo && double.IsFinite(x) ? Math.Clamp((x - lo) / (hi - lo), 0, 1) : fallback;
                    return new BoxLimits(p.Name, Position(min, 0), Position(max, 1), min, max, lo, hi, (double?)box["quasiP"]?[p.Name]);
                }).ToList();
                boxes.Add(new BoxChart(Id("box"), question, b, D(box["coverage"]), D(box["density"]), D(box["mass"]), limits));
            }
            Charts.AddRange(trajectories.Where(t => t.Coverage.Length > 0));
            Charts.AddRange(boxes.Where(x => x.Limits.Count > 0));
            string outcome = (string?)json["outcome"] ?? "";
            if (((string?)json["element"]) is { Length: > 0 } element) outcome += $"[{element}]";
            Discoveries.Add(new DiscoveryResult(Path.GetFileName(file), outcome, question, (int?)json["runs"] ?? 0, (int?)json["ofInterest"] ?? 0, boxes, trajectories));
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or InvalidCastException or FormatException or ArgumentException)
        {
            throw new ReportingException($"'{file}' is damaged or is not what sim discover wrote ({e.Message})",
                "write it again with sim discover DIR ... --output FILE --force, or remove it from the folder");
        }

        static double D(JToken? token) => token is null || token.Type == JTokenType.Null ? double.NaN : (double)token;
    }
}
