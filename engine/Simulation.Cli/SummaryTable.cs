using System.Globalization;
using Simulation.Engine.Scenarios.Summary;
using Spectre.Console;

namespace Simulation.Cli;

/// <summary>The sweep's comparison as a terminal table: per outcome and scenario, mean [P5, P95], and the paired difference from the baseline.</summary>
public static class SummaryTable
{
    public static void Print(SweepSummary summary, string? outcome = null)
    {
        var rows = summary.Rows.Where(r => outcome is null || string.Equals(r.Outcome, outcome, StringComparison.OrdinalIgnoreCase)).ToList();
        if (rows.Count == 0)
        {
            AnsiConsole.WriteLine($"{summary.Experiment}: no outcomes to compare (add \"outcomes\" to the experiment; docs/experiment-format.md)");
            return;
        }
        var table = new Table().Border(TableBorder.Simple)
            .Title(Markup.Escape($"{summary.Experiment}: {summary.Samples:N0} sample{(summary.Samples == 1 ? "" : "s")}{(summary.Replications > 1 ? $" x {summary.Replications} replications" : "")} ({summary.Design}), seed {summary.Seed}"));
        bool ratios = rows.Any(r => r.RatioOfMeans is not null);
        table.AddColumn("outcome");
        table.AddColumn("scenario");
        table.AddColumn(new TableColumn(Markup.Escape("mean [P5, P95]")).RightAligned());
        table.AddColumn(new TableColumn(Markup.Escape($"vs {summary.Baseline} [P5, P95]")).RightAligned());
        if (ratios) table.AddColumn(new TableColumn("ratio of means").RightAligned());
        string? previous = null;
        foreach (var r in rows)
        {
            string name = r.Element.Length == 0 ? r.Outcome : $"{r.Outcome}[{r.Element}]";
            string label = name == previous ? "" : name + (r.Units is null ? "" : $" ({r.Units})");
            previous = name;
            var d = r.Difference;
            var cells = new List<string>
            {
                Markup.Escape(label), Markup.Escape(r.Scenario),
                Markup.Escape($"{Format(r.Value.Mean)} [{Format(r.Value.P5)}, {Format(r.Value.P95)}]"),
                d is null ? "" : Markup.Escape($"{Signed(d.Mean)} [{Signed(d.P5)}, {Signed(d.P95)}]"),
            };
            if (ratios) cells.Add(r.RatioOfMeans is double q ? Format(q) : "");
            table.AddRow(cells.ToArray());
        }
        AnsiConsole.Write(table);
        if (summary.HistoryMatch is { } match) AnsiConsole.WriteLine(match.Describe());
        AnsiConsole.WriteLine($"quantiles: {SweepSummary.QuantileMethod}; differences are paired (same sampled inputs and random stream in every scenario)");
    }

    /// <summary>Four significant digits, with k, M and bn for large magnitudes, so columns stay narrow.</summary>
    public static string Format(double v)
    {
        if (!double.IsFinite(v)) return "-";
        double a = Math.Abs(v);
        string G(double x) => x.ToString("G4", CultureInfo.InvariantCulture);
        return a >= 1e9 ? G(v / 1e9) + "bn" : a >= 1e6 ? G(v / 1e6) + "M" : a >= 1e4 ? G(v / 1e3) + "k" : a != 0 && a < 1e-3 ? v.ToString("0.###E+0", CultureInfo.InvariantCulture) : G(v);
    }

    private static string Signed(double v) => double.IsFinite(v) && v > 0 ? "+" + Format(v) : Format(v);
}
