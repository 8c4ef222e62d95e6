using System.Globalization;
using Simulation.Engine.Binding;
using Simulation.Engine.Checking;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Runtime.Batches;

namespace Simulation.Engine.Designs;

/// <summary>
/// A design table: one run per row, one model input per column (analysts make these in R, Excel or
/// the EMA Workbench). An optional first column named <c>scenario</c> or <c>run</c> identifies the
/// rows. Read with <see cref="Read"/>, then <see cref="Bind"/> the columns to a model's inputs.
/// </summary>
public sealed class DesignTable
{
    private readonly double[] _values;

    private DesignTable(string path, CsvCell? idColumn, IReadOnlyList<CsvCell> inputs, IReadOnlyList<string>? ids, double[] values, int rows)
    {
        Path = path;
        IdColumn = idColumn?.Text;
        InputCells = inputs;
        InputColumns = inputs.Select(c => c.Text).ToList();
        Ids = ids;
        _values = values;
        RowCount = rows;
    }

    public string Path { get; }

    /// <summary>The identifier column's header as written (<c>scenario</c> or <c>run</c>), or null.</summary>
    public string? IdColumn { get; }

    /// <summary>The input columns' headers as written.</summary>
    public IReadOnlyList<string> InputColumns { get; }

    internal IReadOnlyList<CsvCell> InputCells { get; }

    /// <summary>Each row's identifier, when the table has an identifier column.</summary>
    public IReadOnlyList<string>? Ids { get; }

    public int RowCount { get; }

    /// <summary>Row <paramref name="row"/>'s value in input column <paramref name="column"/>.</summary>
    public double Value(int row, int column) => _values[row * InputCells.Count + column];

    /// <summary>
    /// Reads a table; null (with located diagnostics) when it is empty or malformed or has non-numeric cells. Rows are
    /// read one at a time, keeping only their values (and identifiers): memory grows by 8 bytes per value, not by the
    /// cells' text.
    /// </summary>
    public static DesignTable? Read(SourceFile file, DiagnosticBag diagnostics)
    {
        var problems = new List<Diagnostic>(); // reported once the whole table is read: broken quoting replaces them
        CsvCell[]? header = null;
        var inputs = new List<CsvCell>();
        bool hasId = false;
        List<string>? ids = null;
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        var values = new List<double>();
        int rows = 0;
        try
        {
            foreach (var row in CsvRows.Split(file.Text))
            {
                if (header is null)
                {
                    header = row;
                    hasId = header[0].Text.Equals("scenario", StringComparison.OrdinalIgnoreCase) || header[0].Text.Equals("run", StringComparison.OrdinalIgnoreCase);
                    inputs.AddRange(header.Skip(hasId ? 1 : 0));
                    foreach (var empty in inputs.Where(c => c.Text.Length == 0))
                        problems.Add(new Diagnostic(DiagnosticCodes.DesignTableMalformed, Severity.Error, "a column has no name",
                            Located(file, empty), Hint: "every column names a model input"));
                    ids = hasId ? new List<string>() : null;
                    continue;
                }
                rows++;
                if (row.Length != header.Length)
                {
                    problems.Add(new Diagnostic(DiagnosticCodes.DesignTableMalformed, Severity.Error,
                        $"row {rows} has {row.Length} cell{(row.Length == 1 ? "" : "s")}, the header has {header.Length}",
                        Located(file, row[0]), Hint: "every row gives one value per column"));
                    continue;
                }
                if (ids is not null)
                {
                    // Outputs are keyed by the identifier: two rows of one id would be two results under one name.
                    if (!seenIds.Add(row[0].Text))
                        problems.Add(new Diagnostic(DiagnosticCodes.DesignTableMalformed, Severity.Error,
                            $"row {rows}: the {header[0].Text} '{row[0].Text}' is given to an earlier row too",
                            Located(file, row[0]), Hint: $"give each row its own {header[0].Text}"));
                    ids.Add(row[0].Text);
                }
                for (int c = 0; c < inputs.Count; c++)
                {
                    var cell = row[c + (hasId ? 1 : 0)];
                    bool number = double.TryParse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v);
                    values.Add(number ? v : 0);
                    if (!number)
                        problems.Add(new Diagnostic(DiagnosticCodes.DesignTableNotANumber, Severity.Error,
                            cell.Text.Length == 0 ? $"row {rows}, column '{inputs[c].Text}': the cell is empty"
                                : $"row {rows}, column '{inputs[c].Text}': '{cell.Text}' is not a number",
                            Located(file, cell), Hint: "write plain numbers with a dot for decimals, e.g. 0.25 or 1.5e-3"));
                }
            }
        }
        catch (CsvSyntaxException broken)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.DesignTableMalformed, Severity.Error, broken.Message,
                new SourceLocation(file.Path, broken.Line, broken.Column), Hint: "quote a cell as \"text\", writing a quote inside it as \"\""));
            return null;
        }
        if (header is null || rows == 0)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.DesignTableEmpty, Severity.Error,
                header is null ? "the design table is empty" : "the design table has a header but no runs",
                new SourceLocation(file.Path, 1, 1), Hint: "write a header of input names, then one row of values per run"));
            return null;
        }
        diagnostics.AddRange(problems);
        if (problems.Count > 0) return null;
        return new DesignTable(file.Path, hasId ? header[0] : null, inputs, ids, values.ToArray(), rows);
    }

    /// <summary>Resolves every column to model inputs; null (with a diagnostic per bad column) when any column is not an input.</summary>
    public DesignInputs? Bind(BoundModel model, ModelAnalysis analysis, DiagnosticBag diagnostics)
    {
        var columnElements = new List<IReadOnlyList<int>>();
        var seen = new Dictionary<int, string>();
        bool ok = true;
        foreach (var cell in InputCells)
        {
            var input = InputNames.Resolve(model, analysis, cell.Text);
            string? twice = input.Elements.Where(seen.ContainsKey).Select(e => seen[e]).FirstOrDefault();
            var location = new SourceLocation(Path, cell.Line, cell.Column);
            if (input.Problem != InputProblem.None)
                diagnostics.Add(new Diagnostic(input.Problem == InputProblem.Unknown ? DiagnosticCodes.DesignTableUnknownInput : DiagnosticCodes.DesignTableNotAnInput,
                    Severity.Error, $"column '{cell.Text}': {input.Message}", location, Hint: input.Hint));
            else if (twice is not null)
                diagnostics.Add(new Diagnostic(DiagnosticCodes.DesignTableDuplicateInput, Severity.Error,
                    $"column '{cell.Text}' sets an input that column '{twice}' already sets", location, Hint: "give each input one column"));
            else
            {
                foreach (int e in input.Elements) seen[e] = cell.Text;
                columnElements.Add(input.Elements);
                continue;
            }
            ok = false;
        }
        return ok ? new DesignInputs(this, columnElements) : null;
    }

    private static SourceLocation Located(SourceFile file, CsvCell cell) => new(file.Path, cell.Line, cell.Column);
}

/// <summary>
/// A design table bound to a model: the plan parameters its columns set (an arrayed input without
/// a subscript sets each element), and each row's values for them. Compile the plan with
/// <see cref="Parameters"/>, then run with this as the <see cref="IRunInputs"/>.
/// </summary>
public sealed class DesignInputs : IRunInputs
{
    private readonly DesignTable _table;
    private readonly int[] _columnOfParameter;

    internal DesignInputs(DesignTable table, IReadOnlyList<IReadOnlyList<int>> columnElements)
    {
        _table = table;
        Parameters = columnElements.SelectMany(e => e).ToList();
        _columnOfParameter = columnElements.SelectMany((elements, column) => elements.Select(_ => column)).ToArray();
    }

    public DesignTable Table => _table;

    /// <summary>Element ids, in plan-parameter order.</summary>
    public IReadOnlyList<int> Parameters { get; }

    public int RunCount => _table.RowCount;

    public int ParameterCount => Parameters.Count;

    public void Fill(int run, Span<double> values)
    {
        for (int p = 0; p < _columnOfParameter.Length; p++) values[p] = _table.Value(run, _columnOfParameter[p]);
    }
}
