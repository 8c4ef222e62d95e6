using System.Text;
using Simulation.Engine.Scenarios.Summary;

namespace Simulation.Reporting.Text;

/// <summary>
/// The summary for a terminal. <see cref="Headline"/> (the default) fits 100 columns: the ranking by net monetary
/// benefit where costs and QALYs exist, then per scenario its headline outcomes against the baseline.
/// <see cref="Table"/> is the long table: every outcome of every scenario.
/// </summary>
public static class SummaryText
{
    public const int Width = 100;
    private const int NameWidth = 36, BandWidth = 30, UnitsWidth = 14;
    private static readonly int[] Caps = [48, 24, 40, 30, 30, 14];

    public static string Headline(SweepSummary summary)
    {
        var text = new StringBuilder();
        Title(summary, text);
        if (!summary.Rows.Any())
            return text.AppendLine("no outcomes to compare (add \"outcomes\" to the experiment; docs/experiment-format.md)").ToString();
        text.AppendLine(Wrap($"Each line: the paired difference from '{summary.Baseline}', mean [P5, P95] across the futures, and the share " +
                             "of futures in which the scenario is better."));
        if (summary.CostEffectiveness is { } ce) Ranking(summary, ce, text);
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var h in summary.Headline) order.TryAdd(h, order.Count);
        foreach (var scenario in summary.Scenarios.Where(s => s != summary.Baseline))
        {
            text.AppendLine().AppendLine(Fit(scenario, Width));
            foreach (var r in summary.Rows.Where(r => r.Scenario == scenario && order.ContainsKey(r.Outcome)).OrderBy(r => order[r.Outcome]))
            {
                text.AppendLine(Line(r));
                if (Cells.LeftOut(r, summary.Baseline) is { Length: > 0 } note) text.AppendLine(Fit("      " + note, Width));
            }
        }
        text.AppendLine().AppendLine(Wrap("Every outcome: sim summary DIR --all (or --outcome NAME); the report: sim report DIR."));
        return text.ToString();
    }

    /// <summary>One headline line: name, band (or ratio), units, probability; within <see cref="Width"/> columns.</summary>
    private static string Line(SummaryRow r)
    {
        string name = "  " + Fit(r.Name, NameWidth).PadRight(NameWidth) + " ";
        if (r.IsIncrementalRatio) return Fit(name + Cells.Ratio(r), Width);
        string band = Cells.Comparison(r);
        string units = band is "0" or "–" ? "" : Fit(Units(r.Units), UnitsWidth);
        return Fit(name + band.PadLeft(BandWidth) + " " + units.PadRight(UnitsWidth) + " " + Cells.Probability(r), Width).TrimEnd();
    }

    private static void Ranking(SweepSummary summary, CostEffectivenessSummary ce, StringBuilder text)
    {
        text.AppendLine().AppendLine(Wrap($"Ranked by expected net monetary benefit (NMB, {Units(ce.Units)}) against '{summary.Baseline}' at each " +
                                          "threshold per QALY; P(best): the share of futures in which the scenario has the highest NMB."));
        var header = new StringBuilder("      " + "".PadRight(40));
        foreach (var r in ce.Rankings) header.Append($" {"at " + Numbers.Threshold(r.Threshold),12} {"P(best)",7}");
        text.AppendLine(Fit(header.ToString(), Width));
        int rank = 0;
        foreach (var e in ce.Rankings[0].Scenarios)
        {
            var line = new StringBuilder($"  {++rank,2}  {Fit(e.Scenario, 40),-40}");
            foreach (var r in ce.Rankings)
            {
                var x = r.Scenarios.First(y => y.Scenario == e.Scenario);
                line.Append($" {Numbers.Signed(x.MeanNetBenefit),12} {Numbers.Percent(x.PBest),7}");
            }
            text.AppendLine(Fit(line.ToString(), Width));
        }
    }

    /// <summary>Units short enough for a column: a long parenthetical ("GBP (2020/21, 3.5%)") is dropped.</summary>
    private static string Units(string? units)
    {
        if (string.IsNullOrEmpty(units)) return "";
        int open = units.IndexOf(" (", StringComparison.Ordinal);
        return units.Length > UnitsWidth && open > 0 ? units[..open] : units;
    }

    /// <summary>Every outcome (or one) of every scenario: mean [P5, P95], and the comparison with the baseline.</summary>
    public static string Table(SweepSummary summary, string? outcome = null)
    {
        var text = new StringBuilder();
        Title(summary, text);
        var rows = summary.Rows.Where(r => outcome is null || SweepFolder.IsOutcome(r.Outcome, outcome)).ToList();
        var table = new List<string[]> { new[] { "outcome", "units", "scenario", "mean [P5, P95]", $"vs {summary.Baseline} [P5, P95]", "P(better)" } };
        string? previous = null;
        foreach (var r in rows)
        {
            string label = r.Name == previous ? "" : r.Name;
            previous = r.Name;
            bool own = !(r.Paired && r.Scenario == summary.Baseline) && !r.IsIncrementalRatio && r.Kind != OutcomeKindNames.NetMonetaryBenefit;
            table.Add([label, label.Length == 0 ? "" : r.Units ?? "", r.Scenario, own ? Numbers.Band(r.Value, signed: false) : "",
                r.Scenario == summary.Baseline ? "" : Cells.Comparison(r), Cells.Probability(r)]);
        }
        // Long cells (a ratio's verdict, a long name) run over rather than widen their whole column.
        int[] widths = Enumerable.Range(0, 6).Select(k => Math.Min(Caps[k], table.Max(row => row[k].Length))).ToArray();
        bool[] right = [false, false, false, true, true, false];
        foreach (var row in table)
            text.AppendLine(string.Join("  ", row.Select((cell, k) => right[k] ? cell.PadLeft(widths[k]) : cell.PadRight(widths[k]))).TrimEnd());
        var notes = Cells.LeftOutNotes(summary, rows).ToList();
        if (notes.Count > 0) text.AppendLine("futures left out:").Append(string.Concat(notes.Select(n => "  " + n + "\n")));
        text.AppendLine($"quantiles: {SweepSummary.QuantileMethod}; differences are paired (same sampled inputs and random stream in every scenario)");
        return text.ToString();
    }

    private static void Title(SweepSummary summary, StringBuilder text)
    {
        text.AppendLine(Fit(summary.Experiment, Width));
        text.AppendLine(Wrap(Cells.Runs(summary)));
        if (summary.HistoryMatch is { } match) text.AppendLine(Wrap(match.Describe()));
    }

    /// <summary>Cut to <paramref name="width"/> characters, marking the cut with an ellipsis.</summary>
    public static string Fit(string s, int width) => s.Length <= width ? s : s[..(width - 1)] + "…";

    /// <summary>Words wrapped at <see cref="Width"/> columns.</summary>
    public static string Wrap(string s)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in s.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > Width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        lines.Add(line.ToString());
        return string.Join("\n", lines);
    }
}
