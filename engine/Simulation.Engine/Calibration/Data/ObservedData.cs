using System.Globalization;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Designs;
using Simulation.Engine.Runtime.Batches;

namespace Simulation.Engine.Calibration.Data;

/// <summary>
/// Observed data for a fit: a CSV file whose first column is time (in the model's time units, increasing) and
/// whose other columns are observations, one series per column. An empty cell, or NA, is a missing
/// observation. Every cell remembers where it was, so that later checks (a time outside the run, a negative
/// count) point at it.
/// </summary>
public sealed class ObservedData
{
    private readonly (int Line, int Column)[,] _cells;

    private ObservedData(string path, string timeColumn, double[] times, IReadOnlyList<DataColumn> columns, (int, int)[,] cells)
    {
        Path = path;
        TimeColumn = timeColumn;
        Times = times;
        Columns = columns;
        _cells = cells;
    }

    public string Path { get; }

    /// <summary>The first column's header as written.</summary>
    public string TimeColumn { get; }

    /// <summary>Each row's time, increasing.</summary>
    public IReadOnlyList<double> Times { get; }

    /// <summary>The observation columns, in file order.</summary>
    public IReadOnlyList<DataColumn> Columns { get; }

    public int RowCount => Times.Count;

    /// <summary>Where row <paramref name="row"/>'s cell of column <paramref name="column"/> is (column -1: the time cell).</summary>
    public SourceLocation LocationOf(int row, int column)
    {
        var (line, col) = _cells[row, column + 1];
        return new SourceLocation(Path, line, col);
    }

    public DataColumn? Find(string name) =>
        Columns.FirstOrDefault(c => c.Name == name) ?? Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads the data; null (with located diagnostics, all of them) when it is empty, malformed or has cells that are not numbers.</summary>
    public static ObservedData? Read(SourceFile file, DiagnosticBag diagnostics)
    {
        var rows = new List<CsvCell[]>();
        try
        {
            rows.AddRange(CsvRows.Split(file.Text));
        }
        catch (CsvSyntaxException broken)
        {
            diagnostics.Error(DiagnosticCodes.DataMalformed, broken.Message, new SourceLocation(file.Path, broken.Line, broken.Column),
                hint: "quote a cell as \"text\", writing a quote inside it as \"\"");
            return null;
        }
        SourceLocation At(CsvCell cell) => new(file.Path, cell.Line, cell.Column);
        if (rows.Count < 2 || rows[0].Length < 2)
        {
            diagnostics.Error(DiagnosticCodes.DataMalformed,
                rows.Count == 0 ? "the data file is empty" : rows[0].Length < 2 ? "the data file has a time column but no observations" : "the data file has a header but no rows",
                new SourceLocation(file.Path, 1, 1), hint: "write a header (time, then one name per observed series), then one row per time");
            return null;
        }
        var header = rows[0];
        bool ok = true;
        var seen = new Dictionary<string, CsvCell>(StringComparer.OrdinalIgnoreCase);
        foreach (var cell in header.Skip(1))
        {
            if (cell.Text.Length == 0)
            {
                diagnostics.Error(DiagnosticCodes.DataMalformed, "a column has no name", At(cell), hint: "name every column in the first row");
                ok = false;
            }
            else if (!seen.TryAdd(cell.Text, cell))
            {
                diagnostics.Error(DiagnosticCodes.DataMalformed, $"the column '{cell.Text}' is named twice", At(cell),
                    hint: $"the first is at column {seen[cell.Text].Column}; names ignore case");
                ok = false;
            }
        }
        int count = rows.Count - 1, width = header.Length;
        var times = new double[count];
        var values = new double[width - 1][];
        for (int c = 0; c < values.Length; c++) values[c] = new double[count];
        var cells = new (int, int)[count, width];
        for (int r = 0; r < count; r++)
        {
            var row = rows[r + 1];
            if (row.Length != width)
            {
                diagnostics.Error(DiagnosticCodes.DataMalformed, $"row {r + 1} has {row.Length} cell{(row.Length == 1 ? "" : "s")}, the header has {width}",
                    At(row[0]), hint: "every row gives a time and one cell per column (leave a cell empty for a missing observation)");
                ok = false;
                continue;
            }
            for (int c = 0; c < width; c++) cells[r, c] = (row[c].Line, row[c].Column);
            if (!TryNumber(row[0].Text, out times[r]) || double.IsNaN(times[r]))
            {
                diagnostics.Error(row[0].Text.Length == 0 ? DiagnosticCodes.DataTimes : DiagnosticCodes.DataNotANumber,
                    row[0].Text.Length == 0 ? $"row {r + 1} has no time" : $"row {r + 1}: the time '{row[0].Text}' is not a number", At(row[0]),
                    hint: "the first column holds each row's time in the model's time units, e.g. 7 or 2024.5");
                ok = false;
            }
            else if (r > 0 && !(times[r] > times[r - 1]) && !double.IsNaN(times[r - 1]))
            {
                diagnostics.Error(DiagnosticCodes.DataTimes, $"row {r + 1}: time {Format(times[r])} does not come after the previous row's {Format(times[r - 1])}",
                    At(row[0]), hint: "sort the rows by time, with one row per time");
                ok = false;
            }
            for (int c = 1; c < width; c++)
            {
                string text = row[c].Text;
                if (text.Length == 0 || text.Equals("NA", StringComparison.OrdinalIgnoreCase)) values[c - 1][r] = double.NaN;
                else if (TryNumber(text, out double v) && double.IsFinite(v)) values[c - 1][r] = v;
                else
                {
                    diagnostics.Error(DiagnosticCodes.DataNotANumber, $"row {r + 1}, column '{header[c].Text}': '{text}' is not a number", At(row[c]),
                        hint: "write plain numbers with a dot for decimals (e.g. 0.25 or 1.5e3); leave the cell empty, or write NA, for a missing observation");
                    ok = false;
                }
            }
        }
        if (!ok) return null;
        var columns = header.Skip(1).Select((cell, c) => new DataColumn(cell.Text, At(cell), values[c])).ToList();
        return new ObservedData(file.Path, header[0].Text, times, columns, cells);
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && !double.IsInfinity(value);

    internal static string Format(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>One observed series: its header, and a value per row of the data (NaN where missing).</summary>
public sealed record DataColumn(string Name, SourceLocation Location, IReadOnlyList<double> Values)
{
    public int Observed => Values.Count(double.IsFinite);
}
