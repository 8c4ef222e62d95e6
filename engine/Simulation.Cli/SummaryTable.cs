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
        var table = new Table().Border(TableBorder.Simple)
            .Title(Markup.Escape($"{summary.Experiment}: {summary.Samples:N0} sample{(summary.Samples == 1 ? "" : "s")}{(summary.Replications > 1 ? $" x {summary.Replications} replications" : "")} ({summary.Design}), seed {summary.Seed}"));
        table.AddColumn("outcome");
        table.AddColumn("scenario");
        table.AddColumn(new TableColumn("mean").RightAligned());
        table.AddColumn(new TableColumn("P5 - P95").RightAligned());
        table.AddColumn(new TableColumn($"vs {Markup.Escape(summary.Baseline)}: mean").RightAligned());
        table.AddColumn(new TableColumn("P5 - P95").RightAligned());
        string? previous = null;
        foreach (var r in rows)
        {
            string name = r.Element.Length == 0 ? r.Outcome : $"{r.Outcome}[{r.Element}]";
            string label = name == previous ? "" : name + (r.Units is null ? "" : $" ({r.Units})");
            previous = name;
            var d = r.Difference;
            table.AddRow(Markup.Escape(label), Markup.Escape(r.Scenario), Format(r.Value.Mean), $"{Format(r.Value.P5)} - {Format(r.Value.P95)}",
                d is null ? "" : Signed(d.Mean), d is null ? "" : $"{Signed(d.P5)} - {Signed(d.P95)}");
        }
        AnsiConsole.Write(table);
        AnsiConsole.WriteLine($"quantiles: {SweepSummary.QuantileMethod}; differences are paired (same sampled inputs and random stream in every scenario)");
    }

    private static string Format(double v) => double.IsFinite(v) ? v.ToString("G5", CultureInfo.InvariantCulture) : "-";

    private static string Signed(double v) => double.IsFinite(v) ? (v > 0 ? "+" : "") + v.ToString("G4", CultureInfo.InvariantCulture) : "-";
}
