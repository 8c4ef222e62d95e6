using System.Globalization;
using Simulation.Engine.Results;
using Spectre.Console;

namespace Simulation.Cli;

/// <summary>A compact terminal table of a run: a few evenly spaced times, the chosen variables.</summary>
public static class ResultTable
{
    public const int MaxRows = 21;
    public const int MaxColumns = 8;

    public static void Print(SimulationResult result, string title)
    {
        var table = new Table().Border(TableBorder.Simple).Title(Markup.Escape(title));
        table.AddColumn(new TableColumn("Time").RightAligned());
        int columns = Math.Min(MaxColumns, result.Names.Count);
        for (int j = 0; j < columns; j++) table.AddColumn(new TableColumn(Markup.Escape(result.Names[j])).RightAligned());
        foreach (int i in RowsToShow(result.Times.Count))
        {
            var cells = new List<string> { Format(result.Times[i]) };
            for (int j = 0; j < columns; j++) cells.Add(Format(result.Rows[i][j]));
            table.AddRow(cells.ToArray());
        }
        AnsiConsole.Write(table);
        if (result.Names.Count > columns)
            AnsiConsole.WriteLine($"(+{result.Names.Count - columns} more variables: choose with --vars, or write them all with --output)");
        if (result.Times.Count > MaxRows)
            AnsiConsole.WriteLine($"({MaxRows} of {result.Times.Count} saved times shown; --output writes them all)");
    }

    private static IEnumerable<int> RowsToShow(int count)
    {
        if (count <= MaxRows) return Enumerable.Range(0, count);
        return Enumerable.Range(0, MaxRows).Select(k => (int)Math.Round(k * (count - 1) / (double)(MaxRows - 1))).Distinct();
    }

    private static string Format(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
