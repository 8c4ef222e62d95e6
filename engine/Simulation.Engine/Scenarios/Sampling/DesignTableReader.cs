using System.Globalization;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Scenarios.Format;

namespace Simulation.Engine.Scenarios.Sampling;

/// <summary>
/// Reads a design table: CSV with a header row naming one input per column (optionally with a subscript,
/// <c>Admission Rate[65+]</c>), one sample per row. A first column called <c>sample</c>, <c>run</c>,
/// <c>scenario</c> or <c>id</c> identifies rows and is skipped. Problems are located by line and column (SD5014).
/// </summary>
public static class DesignTableReader
{
    private static readonly string[] IdentifierColumns = ["sample", "run", "scenario", "id"];

    public sealed record Table(IReadOnlyList<InputReference> Columns, double[] Values, int Rows);

    public static Table? Read(string path, SourceLocation? writtenAt, DiagnosticBag diagnostics)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(DiagnosticCodes.DesignTableProblem, $"cannot read the design table '{path}': {e.Message}", writtenAt,
                hint: "the path is relative to the experiment file's folder");
            return null;
        }
        if (lines.Length == 0 || lines[0].Trim().Length == 0)
        {
            diagnostics.Error(DiagnosticCodes.EmptyDesign, $"the design table '{path}' is empty", new SourceLocation(path, 1, 1),
                hint: "the first line names the inputs, each later line is one sample");
            return null;
        }
        var header = Split(lines[0]);
        int skip = IdentifierColumns.Contains(header[0].Text.Trim().ToLowerInvariant()) ? 1 : 0;
        var columns = header.Skip(skip).Select(h => InputReference.Parse(h.Text, new SourceLocation(path, 1, h.Column))).ToList();
        if (columns.Count == 0)
            diagnostics.Error(DiagnosticCodes.DesignTableProblem, $"the design table '{path}' has no input columns", new SourceLocation(path, 1, 1));
        var values = new List<double>();
        int rows = 0;
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            var cells = Split(lines[i]);
            if (cells.Count != header.Count)
            {
                diagnostics.Error(DiagnosticCodes.DesignTableProblem, $"line {i + 1} of the design table has {cells.Count} cells; the header has {header.Count}",
                    new SourceLocation(path, i + 1, 1));
                continue;
            }
            foreach (var cell in cells.Skip(skip))
            {
                if (double.TryParse(cell.Text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v))
                    values.Add(v);
                else
                {
                    diagnostics.Error(DiagnosticCodes.DesignTableProblem, $"'{cell.Text.Trim()}' is not a number", new SourceLocation(path, i + 1, cell.Column),
                        hint: "cells are numbers with a dot for decimals, e.g. 0.25");
                    values.Add(double.NaN);
                }
            }
            rows++;
        }
        if (rows == 0)
            diagnostics.Error(DiagnosticCodes.EmptyDesign, $"the design table '{path}' has a header but no rows", new SourceLocation(path, 1, 1),
                hint: "each line after the header is one sample");
        return new Table(columns, values.ToArray(), rows);
    }

    /// <summary>Splits one CSV line (RFC 4180 quoting) into cells with their 1-based columns.</summary>
    private static List<(string Text, int Column)> Split(string line)
    {
        var cells = new List<(string, int)>();
        var cell = new System.Text.StringBuilder();
        int start = 0;
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',')
            {
                cells.Add((cell.ToString(), start + 1));
                cell.Clear();
                start = i + 1;
            }
            else cell.Append(c);
        }
        cells.Add((cell.ToString(), start + 1));
        return cells;
    }
}
