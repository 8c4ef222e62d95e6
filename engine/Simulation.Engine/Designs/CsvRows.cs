using System.Text;

namespace Simulation.Engine.Designs;

/// <summary>One CSV cell: its text (unquoted) and where it starts (1-based line and column).</summary>
public readonly record struct CsvCell(string Text, int Line, int Column);

/// <summary>Broken quoting in CSV text, where it was found.</summary>
public sealed class CsvSyntaxException(string message, int line, int column) : Exception(message)
{
    public int Line { get; } = line;

    public int Column { get; } = column;
}

/// <summary>
/// Splits CSV text (RFC 4180: comma separated, fields in double quotes may hold commas, quotes as
/// "" and line breaks) into rows of cells that remember their position, for diagnostics. Blank
/// lines are skipped; unquoted cells are trimmed; a byte order mark is ignored.
/// </summary>
public static class CsvRows
{
    /// <summary>
    /// The rows one at a time, so that a reader keeps only what it takes from each (a design table of a million
    /// runs is tens of millions of cells). Throws <see cref="CsvSyntaxException"/> at broken quoting.
    /// </summary>
    public static IEnumerable<CsvCell[]> Split(string text)
    {
        var row = new List<CsvCell>();
        var cell = new StringBuilder();
        int i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        int line = 1, lineStart = i;
        while (i <= text.Length)
        {
            int cellLine = line, cellColumn = i - lineStart + 1;
            cell.Clear();
            bool quoted = false;
            while (i < text.Length && text[i] is ' ' or '\t') i++;
            if (i < text.Length && text[i] == '"')
            {
                quoted = true;
                cellColumn = i - lineStart + 1;
                i++;
                while (true)
                {
                    if (i >= text.Length) throw new CsvSyntaxException("a quoted cell is never closed", cellLine, cellColumn);
                    char c = text[i++];
                    if (c == '"')
                    {
                        if (i < text.Length && text[i] == '"') { cell.Append('"'); i++; }
                        else break;
                    }
                    else
                    {
                        if (c == '\n') { line++; lineStart = i; }
                        cell.Append(c);
                    }
                }
                while (i < text.Length && text[i] is ' ' or '\t') i++;
                if (i < text.Length && text[i] is not (',' or '\n' or '\r'))
                    throw new CsvSyntaxException("text follows the closing quote of a cell", line, i - lineStart + 1);
            }
            else
            {
                while (i < text.Length && text[i] is not (',' or '\n' or '\r'))
                {
                    // RFC 4180: a quote belongs in a quoted cell only; 12"5 or a"b is a cell someone meant to quote
                    if (text[i] == '"') throw new CsvSyntaxException("a quote inside a cell that does not start with one", line, i - lineStart + 1);
                    cell.Append(text[i++]);
                }
            }
            row.Add(new CsvCell(quoted ? cell.ToString() : cell.ToString().Trim(), cellLine, cellColumn));
            if (i < text.Length && text[i] == ',')
            {
                i++;
                continue;
            }
            // end of a row (line break or end of text)
            if (!(row.Count == 1 && !quoted && row[0].Text.Length == 0)) yield return row.ToArray();
            row.Clear();
            if (i >= text.Length) break;
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            i++;
            line++;
            lineStart = i;
        }
    }
}
