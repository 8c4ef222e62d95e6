using System.Globalization;
using System.Text;

namespace Simulation.Engine.Conformance;

/// <summary>
/// A case's canonical results: <c>output.csv</c> (comma-separated) or <c>output.tab</c>
/// (tab-separated), first column the time, one row per saved step. Line ends may be \n, \r\n or
/// old Mac \r; fields may be quoted ("Two Dims[A,D]"). An empty cell (Vensim writes constants only
/// in the first row) is NaN here and is not compared.
/// </summary>
public sealed class CanonicalOutput
{
    private CanonicalOutput(IReadOnlyList<string> columns, IReadOnlyList<double> times, IReadOnlyList<double[]> rows)
    {
        Columns = columns;
        Times = times;
        Rows = rows;
    }

    /// <summary>Variable column names as written (the time column excluded).</summary>
    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<double> Times { get; }

    /// <summary>Rows[i][j]: column j at Times[i]; NaN where the cell is empty.</summary>
    public IReadOnlyList<double[]> Rows { get; }

    public static CanonicalOutput ReadFile(string path) =>
        Parse(File.ReadAllText(path), Path.GetExtension(path).Equals(".tab", StringComparison.OrdinalIgnoreCase) ? '\t' : ',', path);

    public static CanonicalOutput Parse(string text, char separator, string origin = "<output>")
    {
        var records = Records(text, separator).Where(r => r.Count > 1 || r[0].Length > 0).ToList();
        if (records.Count == 0) throw new InvalidDataException($"{origin}: the output file is empty");
        var header = records[0];
        var columns = header.Skip(1).Select(c => c.Trim()).ToList();
        var times = new List<double>();
        var rows = new List<double[]>();
        for (int r = 1; r < records.Count; r++)
        {
            var record = records[r];
            if (!TryNumber(record[0], out double time) || double.IsNaN(time))
                throw new InvalidDataException($"{origin}: row {r + 1} does not start with a time ('{record[0]}')");
            var values = new double[columns.Count];
            for (int j = 0; j < columns.Count; j++)
            {
                string cell = j + 1 < record.Count ? record[j + 1] : "";
                if (!TryNumber(cell, out values[j]))
                    throw new InvalidDataException($"{origin}: row {r + 1}, column '{columns[j]}' holds '{cell}', which is not a number");
            }
            times.Add(time);
            rows.Add(values);
        }
        return new CanonicalOutput(columns, times, rows);
    }

    private static bool TryNumber(string cell, out double value)
    {
        string s = cell.Trim();
        if (s.Length == 0)
        {
            value = double.NaN;
            return true;
        }
        if (s.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Splits delimited text into records of fields: quotes ("" inside quotes is a quote), any line end.</summary>
    private static IEnumerable<List<string>> Records(string text, char separator)
    {
        var record = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        int i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        for (; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"' && field.Length == 0) quoted = true;
            else if (c == separator)
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                record.Add(field.ToString());
                field.Clear();
                yield return record;
                record = new List<string>();
            }
            else field.Append(c);
        }
        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            yield return record;
        }
    }
}
