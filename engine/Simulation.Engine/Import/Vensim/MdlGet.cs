using System.Collections.Immutable;
using System.Globalization;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Import.Vensim;

internal enum MdlGetKind
{
    Data,
    Constants,
    Lookups,
    Subscript,
}

/// <summary>
/// Reads what Vensim's GET functions take from data files, at import, so that the imported model
/// holds the numbers themselves:
/// <list type="bullet">
/// <item>GET XLS/DIRECT DATA and LOOKUPS (file, tab, time row or column, first cell): a row number puts
/// the times (x values) in that row and each element's values in the rows from the first cell down; a
/// column letter puts them in that column and the values in the columns from the first cell right.
/// Empty cells drop the point.</item>
/// <item>GET XLS/DIRECT CONSTANTS (file, tab, first cell): values run right along the last subscript
/// and down along the one before it; a <c>*</c> after the cell swaps the two.</item>
/// <item>GET XLS/DIRECT SUBSCRIPT (file, tab, first cell, last cell, prefix): the elements of a range,
/// read across then down, empty cells skipped, the prefix put before each.</item>
/// </list>
/// </summary>
internal sealed class MdlGet(MdlDataFiles files, MdlModelContext model)
{
    public static MdlGetKind? KindOf(Expr? expr)
    {
        if (expr is not MdlCall call) return null;
        string canonical = Identifier.Canonical(call.Name);
        if (!canonical.StartsWith("get_xls_", StringComparison.Ordinal) && !canonical.StartsWith("get_direct_", StringComparison.Ordinal)
            && !canonical.StartsWith("get_123_", StringComparison.Ordinal)) return null;
        return canonical[(canonical.IndexOf('_', 4) + 1)..] switch
        {
            "data" => MdlGetKind.Data,
            "constants" => MdlGetKind.Constants,
            "lookups" => MdlGetKind.Lookups,
            "subscript" => MdlGetKind.Subscript,
            _ => null,
        };
    }

    /// <summary>For DATA and LOOKUPS: each of <paramref name="count"/> elements' points (x, y), in order.</summary>
    public List<(ImmutableArray<double> X, ImmutableArray<double> Y)>? Series(MdlCall call, int count, EquationSource source, string variable)
    {
        if (Arguments(call, 4, source, variable) is not { } args || Open(call, args, source, variable) is not { } sheet) return null;
        var line = sheet.Line(args[2]);
        var first = sheet.Cell(args[3]);
        if (line is null || first is null)
        {
            model.Report(DiagnosticCodes.DataFileProblem, $"'{(line is null ? args[2] : args[3])}' is not a {(line is null ? "row number or column letter" : "cell such as B2")}",
                source, call.Arguments[line is null ? 2 : 3].Span, variable);
            return null;
        }
        var (isRow, timeLine) = line.Value;
        var (row, column) = first.Value;
        var result = new List<(ImmutableArray<double>, ImmutableArray<double>)>();
        for (int k = 0; k < count; k++)
        {
            var x = ImmutableArray.CreateBuilder<double>();
            var y = ImmutableArray.CreateBuilder<double>();
            int length = isRow ? sheet.MaxColumns : sheet.RowCount;
            for (int i = isRow ? column : row; i < length; i++)
            {
                double? time = isRow ? sheet.Number(timeLine, i) : sheet.Number(i, timeLine);
                double? value = isRow ? sheet.Number(row + k, i) : sheet.Number(i, column + k);
                if (time is double t && value is double v)
                {
                    x.Add(t);
                    y.Add(v);
                }
            }
            if (x.Count == 0)
            {
                model.Report(DiagnosticCodes.DataFileProblem, $"no values were found from cell {args[3]} ({(isRow ? "row" : "column")} {k + 1} of {count}) in '{args[0]}'",
                    source, call.Span, variable, "check the sheet, the time row or column, and the first cell");
                return null;
            }
            result.Add((x.ToImmutable(), y.ToImmutable()));
        }
        return result;
    }

    /// <summary>For CONSTANTS: one value per cell of the left-hand side (cells in row-major order).</summary>
    public List<double>? Constants(MdlCall call, IReadOnlyList<MdlCell> cells, EquationSource source, string variable)
    {
        if (Arguments(call, 3, source, variable) is not { } args || Open(call, args, source, variable) is not { } sheet) return null;
        if (sheet.Cell(args[2]) is not var (row, column))
        {
            model.Report(DiagnosticCodes.DataFileProblem, $"'{args[2]}' is neither a cell such as B2 nor a name the workbook gives to cells", source, call.Arguments[2].Span, variable);
            return null;
        }
        bool transposed = args[2].TrimEnd().EndsWith('*');
        var values = new List<double>();
        foreach (var cell in cells)
        {
            var varying = cell.Binding.Positions.Where(p => p.Range is not null).Select(p => p.Position).ToList();
            int across = varying.Count > 0 ? varying[^1] : 0, down = varying.Count > 1 ? varying[^2] : 0;
            if (varying.Count > 2 && varying.Take(varying.Count - 2).Any(p => p != 0))
            {
                model.Report(DiagnosticCodes.UnsupportedVensimFeature, "GET CONSTANTS reads two subscripts at most from one cell range; give one equation per element of the others",
                    source, call.Span, variable);
                return null;
            }
            if (transposed) (across, down) = (down, across);
            if (sheet.Number(row + down, column + across) is not double value)
            {
                model.Report(DiagnosticCodes.DataFileProblem,
                    $"the cell {CellName(row + down, column + across)} of '{args[0]}' for {variable}[{string.Join(",", cell.Elements)}] is empty or not a number",
                    source, call.Span, variable);
                return null;
            }
            values.Add(value);
        }
        return values;
    }

    /// <summary>For SUBSCRIPT: the range's elements.</summary>
    public ImmutableArray<string>? Subscript(MdlCall call, EquationSource source, string range)
    {
        if (Arguments(call, 5, source, range, minimum: 4) is not { } args || Open(call, args, source, range) is not { } sheet) return null;
        if (sheet.Cell(args[2]) is not var (row, column))
        {
            model.Report(DiagnosticCodes.DataFileProblem, $"'{args[2]}' is neither a cell such as B2 nor a name the workbook gives to cells", source, call.Arguments[2].Span, range);
            return null;
        }
        var last = sheet.Cell(args[3]);
        int lastRow = last?.Row ?? sheet.RowCount - 1, lastColumn = last?.Column ?? Math.Max(column, sheet.MaxColumns - 1);
        string prefix = args.Count > 4 ? args[4] : "";
        var elements = ImmutableArray.CreateBuilder<string>();
        for (int r = row; r <= lastRow; r++)
            for (int c = column; c <= lastColumn; c++)
                if (sheet.Text(r, c) is { } text) elements.Add(prefix + text);
        if (elements.Count == 0)
        {
            model.Report(DiagnosticCodes.DataFileProblem, $"no elements were found from {args[2]} to {args[3]} in '{args[0]}'", source, call.Span, range);
            return null;
        }
        return elements.ToImmutable();
    }

    private static string CellName(int row, int column)
    {
        string letters = "";
        for (int c = column + 1; c > 0; c = (c - 1) / 26) letters = (char)('A' + (c - 1) % 26) + letters;
        return letters + (row + 1).ToString(CultureInfo.InvariantCulture);
    }

    private List<string>? Arguments(MdlCall call, int count, EquationSource source, string variable, int? minimum = null)
    {
        if (call.Arguments.Length < (minimum ?? count) || call.Arguments.Length > count)
        {
            model.Report(DiagnosticCodes.WrongArgumentCount, $"{call.Name.ToUpperInvariant()} takes {count} arguments but {call.Arguments.Length} are given", source, call.Span, variable);
            return null;
        }
        var result = new List<string>();
        foreach (var argument in call.Arguments)
        {
            if (argument is not MdlString s)
            {
                model.Report(DiagnosticCodes.InvalidArgument, $"the arguments of {call.Name.ToUpperInvariant()} are quoted strings, such as 'data.xlsx'", source, argument.Span, variable);
                return null;
            }
            result.Add(s.Value);
        }
        return result;
    }

    private DataSheet? Open(MdlCall call, List<string> args, EquationSource source, string variable)
    {
        var (sheet, error) = files.Sheet(args[0], args[1]);
        if (sheet is null) model.Report(DiagnosticCodes.DataFileProblem, error!, source, call.Arguments[0].Span, variable);
        return sheet;
    }
}
