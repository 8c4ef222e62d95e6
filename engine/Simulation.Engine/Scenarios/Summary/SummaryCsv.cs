using System.Globalization;
using System.Text;
using Simulation.Engine.Results;

namespace Simulation.Engine.Scenarios.Summary;

/// <summary>
/// summary.csv: one line per scenario and outcome (and element), the numbers of summary.json's rows, flat (a ratio's
/// ratio_n and ratio_left_out: the futures its ratio of means stands on, and those without both operands); `excluded` is
/// the number of futures history matching left out of every statistic.
/// </summary>
public static class SummaryCsv
{
    public static IReadOnlyList<string> Header { get; } =
    [
        "scenario", "outcome", "element", "units", "kind", "better", "runs", "n", "left_out", "mean", "p5", "p25", "p50", "p75", "p95",
        "baseline", "diff_n", "diff_left_out", "diff_mean", "diff_p5", "diff_p25", "diff_p50", "diff_p75", "diff_p95", "p_better", "p_higher", "p_lower",
        "ratio", "ratio_meaningful", "quadrant", "ratio_n", "ratio_left_out", "excluded",
    ];

    public static string Write(SweepSummary summary)
    {
        var sb = new StringBuilder(string.Join(",", Header)).Append('\n');
        foreach (var r in summary.Rows)
        {
            var d = r.Comparison?.Difference;
            var cells = new List<string>
            {
                Text(r.Scenario), Text(r.Outcome), Text(r.Element), Text(r.Units ?? ""), r.Kind, r.Better is { } b ? SummaryJson.Name(b) : "", Int(r.Runs),
            };
            cells.AddRange(Band(r.Value));
            cells.Add(Text(summary.Baseline));
            cells.AddRange(d is null ? Enumerable.Repeat("", 8) : Band(d));
            cells.AddRange([Num(r.PBetter), Num(r.Comparison?.PHigher), Num(r.Comparison?.PLower)]);
            cells.AddRange(r.Ratio is { } q
                ? [Num(q.Value), q.Meaningful ? "true" : "false", q.Quadrant is { } k ? SummaryJson.QuadrantName(k) : "", Int(q.Count), LeftOut(q.LeftOut)]
                : ["", "", "", "", ""]);
            cells.Add(Int(summary.HistoryMatch?.Excluded ?? 0));
            sb.Append(string.Join(",", cells)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>n, left out ("reason: count; ..."), mean and the five percentiles.</summary>
    private static IEnumerable<string> Band(Distribution d) =>
    [
        Int(d.Count), LeftOut(d.LeftOut),
        Num(d.Mean), Num(d.P5), Num(d.P25), Num(d.P50), Num(d.P75), Num(d.P95),
    ];

    private static string LeftOut(IReadOnlyList<Exclusion> leftOut) => Text(string.Join("; ", leftOut.Select(x => $"{x.Reason}: {x.Count}")));

    private static string Text(string s) => CsvResultWriter.Quote(s);

    private static string Num(double? x) => x is double v && double.IsFinite(v) ? CsvResultWriter.Format(v) : "";

    private static string Int(int x) => x.ToString(CultureInfo.InvariantCulture);
}
