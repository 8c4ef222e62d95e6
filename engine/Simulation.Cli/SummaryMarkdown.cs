using System.Text;
using Simulation.Engine.Scenarios.Summary;

namespace Simulation.Cli;

/// <summary>
/// The sweep's comparison as a Markdown table for reports and docs: one row per outcome (and element), the
/// baseline's mean [P5, P95], then for every other scenario its paired difference from the baseline, mean [P5, P95].
/// An outcome that is itself a comparison (a ratio of changes has no baseline value) shows the scenario's ratio of
/// means instead, marked as such.
/// </summary>
public static class SummaryMarkdown
{
    public static string Render(SweepSummary summary, string? outcome = null)
    {
        var rows = summary.Rows.Where(r => outcome is null || string.Equals(r.Outcome, outcome, StringComparison.OrdinalIgnoreCase)).ToList();
        var others = rows.Select(r => r.Scenario).Distinct().Where(s => s != summary.Baseline).ToList();
        var text = new StringBuilder();
        text.AppendLine($"*{Escape(summary.Experiment)}*: {summary.Samples:N0} sample{(summary.Samples == 1 ? "" : "s")}" +
            $"{(summary.Replications > 1 ? $" x {summary.Replications} replications" : "")} ({summary.Design}), seed {summary.Seed}. " +
            $"Baseline: mean [P5, P95] across the sampled futures; other scenarios: the paired difference from the baseline, mean [P5, P95]; " +
            $"quantiles {SweepSummary.QuantileMethod}." +
            (summary.HistoryMatch is { } match ? $" {Escape(match.Describe())}." : ""));
        text.AppendLine();
        text.AppendLine("| outcome | units | " + string.Join(" | ", new[] { Escape(summary.Baseline) }.Concat(others.Select(s => Escape(s) + " − baseline"))) + " |");
        text.AppendLine("|---|---|" + string.Concat(Enumerable.Repeat("---:|", others.Count + 1)));
        foreach (var group in rows.GroupBy(r => (r.Outcome, r.Element)))
        {
            var byScenario = group.ToDictionary(r => r.Scenario);
            string name = group.Key.Element.Length == 0 ? group.Key.Outcome : $"{group.Key.Outcome}[{group.Key.Element}]";
            var cells = new List<string> { Escape(name), Escape(group.First().Units ?? "") };
            cells.Add(byScenario.TryGetValue(summary.Baseline, out var b) ? Band(b.Value, signed: false) : "");
            foreach (var s in others)
                cells.Add(byScenario.TryGetValue(s, out var r) ? Cell(r) : "");
            text.AppendLine("| " + string.Join(" | ", cells) + " |");
        }
        return text.ToString();
    }

    /// <summary>A scenario's cell: its paired difference, or its ratio of means for a comparison outcome; "–" when neither exists.</summary>
    private static string Cell(SummaryRow r) =>
        r.Difference is { Count: > 0 } d ? Band(d, signed: true)
        : r.RatioOfMeans is double q ? SummaryTable.Format(q) + " (ratio of means)"
        : "–";

    private static string Band(Distribution d, bool signed) =>
        d.Count == 0 ? "–" : $"{Number(d.Mean, signed)} [{Number(d.P5, signed)}, {Number(d.P95, signed)}]";

    private static string Number(double v, bool signed) => signed && double.IsFinite(v) && v > 0 ? "+" + SummaryTable.Format(v) : SummaryTable.Format(v);

    private static string Escape(string s) => s.Replace("|", "\\|");
}
