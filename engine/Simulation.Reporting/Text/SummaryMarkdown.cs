using System.Text;
using Simulation.Engine.Scenarios.Summary;

namespace Simulation.Reporting.Text;

/// <summary>
/// The sweep's comparison as Markdown for reports and docs: where costs and QALYs exist, the ranking by net monetary
/// benefit; then one row per outcome (and element): which way is better, the baseline's mean [P5, P95], and for every
/// other scenario its paired difference from the baseline with the share of futures in which it is better. An
/// incremental ratio (cost per QALY) shows its ratio of mean differences and quadrant instead.
/// </summary>
public static class SummaryMarkdown
{
    public static string Render(SweepSummary summary, string? outcome = null)
    {
        var rows = summary.Rows.Where(r => outcome is null || SweepFolder.IsOutcome(r.Outcome, outcome)).ToList();
        var others = summary.Scenarios.Where(s => s != summary.Baseline).ToList();
        var text = new StringBuilder();
        text.AppendLine($"*{Escape(summary.Experiment)}*: {Cells.Runs(summary)}." +
            (summary.HistoryMatch is { } match ? $" {Escape(match.Describe())}." : "") + " " +
            "Baseline: mean [P5, P95] across the sampled futures; other scenarios: the paired difference from the baseline, mean [P5, P95], " +
            "and the share of futures in which the scenario is better (or higher, for outcomes without a better direction); " +
            $"ratios: the ratio of mean differences and its quadrant, not meaningful when the denominator's band spans 0; quantiles {SweepSummary.QuantileMethod}.");
        text.AppendLine();
        if (outcome is null && summary.CostEffectiveness is { } ce)
        {
            text.AppendLine("| rank | scenario | " + string.Join(" | ", ce.Rankings.Select(r => $"mean NMB at {Numbers.Threshold(r.Threshold)}/QALY | P(best)")) + " |");
            text.AppendLine("|---:|---|" + string.Concat(Enumerable.Repeat("---:|---:|", ce.Rankings.Count)));
            var first = ce.Rankings[0];
            int rank = 0;
            foreach (var e in first.Scenarios)
                text.AppendLine($"| {++rank} | {Escape(e.Scenario)} | " + string.Join(" | ", ce.Rankings.Select(r => r.Scenarios.First(x => x.Scenario == e.Scenario))
                    .Select(x => $"{Numbers.Signed(x.MeanNetBenefit)} | {Numbers.Percent(x.PBest)}")) + " |");
            text.AppendLine();
        }
        text.AppendLine("| outcome | units | better | " + string.Join(" | ", new[] { Escape(summary.Baseline) }.Concat(others.Select(s => Escape(s) + " − baseline"))) + " |");
        text.AppendLine("|---|---|---|" + string.Concat(Enumerable.Repeat("---:|", others.Count + 1)));
        foreach (var group in rows.GroupBy(r => (r.Outcome, r.Element)))
        {
            var byScenario = group.ToDictionary(r => r.Scenario);
            var first = group.First();
            var cells = new List<string> { Escape(first.Name), Escape(first.Units ?? ""), Cells.Direction(first.Better) };
            cells.Add(byScenario.TryGetValue(summary.Baseline, out var b) && !b.Paired ? Numbers.Band(b.Value, signed: false) : "–");
            foreach (var s in others)
                cells.Add(byScenario.TryGetValue(s, out var r) ? Escape(Cell(r)) : "");
            text.AppendLine("| " + string.Join(" | ", cells) + " |");
        }
        var notes = Cells.LeftOutNotes(summary, rows).ToList();
        if (notes.Count > 0) text.AppendLine().AppendLine("Futures left out:").Append(string.Concat(notes.Select(n => $"- {Escape(n)}\n")));
        return text.ToString();
    }

    private static string Cell(SummaryRow r)
    {
        string comparison = Cells.Comparison(r), probability = Cells.Probability(r);
        return probability.Length == 0 ? comparison : $"{comparison}; {probability}";
    }

    private static string Escape(string s) => s.Replace("|", "\\|");
}
