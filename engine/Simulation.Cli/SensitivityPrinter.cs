using System.Globalization;
using Simulation.Engine.Analysis;
using Simulation.Reporting.Text;
using Spectre.Console;

namespace Simulation.Cli;

/// <summary>
/// A sensitivity table in the terminal: for each outcome, the inputs ranked by the method's measure of importance
/// (Sobol' ST, Morris mu*, |PRCC|), for one scenario's values and, for a scenario other than the baseline, its paired
/// difference from the baseline. The files hold every scenario, outcome and input.
/// </summary>
public static class SensitivityPrinter
{
    public static void Print(SensitivityTable table, string scenario, string baseline, string? outcome, int top)
    {
        var measures = scenario == baseline ? new[] { Measure.Value } : [Measure.Value, Measure.Difference];
        foreach (var measure in measures)
        {
            var groups = table.Ranked().Where(g => g[0].Scenario == scenario && g[0].Measure == measure
                && (outcome is null || string.Equals(g[0].Outcome, outcome, StringComparison.OrdinalIgnoreCase))).ToList();
            if (groups.Count == 0) continue;
            string title = measure == Measure.Value ? $"{scenario}: inputs ranked by {table.RankBy}" : $"{scenario} - {baseline} (paired difference): inputs ranked by {table.RankBy}";
            var grid = new Table().Border(TableBorder.Simple).Title(Markup.Escape(title));
            grid.AddColumn("outcome");
            grid.AddColumn("input");
            foreach (var header in Headers(table.Method)) grid.AddColumn(new TableColumn(Markup.Escape(header)).RightAligned());
            grid.AddColumn("note");
            foreach (var rows in groups)
            {
                if (Uninformative(table, rows))
                {
                    grid.AddRow(new[] { rows[0].Label, $"(all {rows.Count})" }.Concat(Cells(table, rows[0])).Append(rows[0].Note!).Select(Markup.Escape).ToArray());
                    continue;
                }
                bool first = true;
                foreach (var row in rows.Take(top))
                {
                    grid.AddRow(new[] { first ? row.Label : "", row.Input }.Concat(Cells(table, row)).Append(first ? row.Note ?? "" : "").Select(Markup.Escape).ToArray());
                    first = false;
                }
                if (rows.Count > top) grid.AddRow(Markup.Escape(""), Markup.Escape($"({rows.Count - top} more in {SensitivityFiles.Table})"));
            }
            AnsiConsole.Write(grid);
        }
    }

    /// <summary>A constant outcome (all zero) or one without data (all missing): one line says it for every input.</summary>
    private static bool Uninformative(SensitivityTable table, IReadOnlyList<SensitivityRow> rows)
    {
        int rank = table.IndexOf(table.RankBy);
        return rows[0].Note is { } note && rows.All(r => r.Note == note && !(Math.Abs(r.Values[rank]) > 0));
    }

    private static string[] Headers(string method) => method switch
    {
        "sobol" => ["S1 [95%]", "ST [95%]"],
        "morris" => ["mu* [95%]", "mu", "sigma"],
        _ => ["PRCC [95%]", "p"],
    };

    private static IEnumerable<string> Cells(SensitivityTable table, SensitivityRow row)
    {
        double V(string column) => row.Values[table.IndexOf(column)];
        string WithInterval(string column) => $"{Number(V(column))} [{Number(V(column + "_low"))}, {Number(V(column + "_high"))}]";
        return table.Method switch
        {
            "sobol" => [WithInterval("S1"), WithInterval("ST")],
            "morris" => [WithInterval("mu_star"), Numbers.Format(V("mu")), Numbers.Format(V("sigma"))],
            _ => [WithInterval("PRCC"), PValue(V("p_value"))],
        };

        string Number(double v) => table.Method == "morris" ? Numbers.Format(v) : double.IsFinite(v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : "-";
    }

    private static string PValue(double p) => !double.IsFinite(p) ? "-" : p < 0.001 ? "<0.001" : p.ToString("0.000", CultureInfo.InvariantCulture);
}
