using System.Globalization;
using System.Text;
using ExcelDataReader;

namespace Simulation.Engine.Import.Vensim;

/// <summary>One sheet of a data file as a grid of cells: numbers, text, or empty; and the names its workbook gives to blocks of it.</summary>
internal sealed class DataSheet(List<object?[]> rows, Dictionary<string, CellBlock>? names = null)
{
    /// <summary>The block a workbook name ('var1_') stands for on this sheet, or null.</summary>
    public CellBlock? Named(string name) => names is not null && names.TryGetValue(name.Trim().TrimEnd('*'), out var block) ? block : null;

    /// <summary>A cell given as B7 or as a workbook name (its top-left cell), from 0; null when it is neither.</summary>
    public (int Row, int Column)? Cell(string reference) =>
        Named(reference) is { } block ? (block.Row, block.Column) : MdlDataFiles.Cell(reference);

    /// <summary>A time row (4) or column (B), or a workbook name for a one-row or one-column block.</summary>
    public (bool IsRow, int Index)? Line(string reference)
    {
        // A name first: 'time' is also the column letters T, I, M, E.
        if (Named(reference) is not { } block) return MdlDataFiles.Line(reference);
        return block.Rows == 1 ? (true, block.Row) : block.Columns == 1 ? (false, block.Column) : null;
    }

    public int RowCount => rows.Count;

    public DataSheet WithNames(Dictionary<string, CellBlock> workbookNames) => new(rows, workbookNames);

    public int ColumnCount(int row) => row < rows.Count ? rows[row].Length : 0;

    public int MaxColumns => rows.Count == 0 ? 0 : rows.Max(r => r.Length);

    public object? Cell(int row, int column) => row >= 0 && row < rows.Count && column >= 0 && column < rows[row].Length ? rows[row][column] : null;

    /// <summary>The cell as a number, or null when it is empty or not a number.</summary>
    public double? Number(int row, int column) => Cell(row, column) switch
    {
        double d => d,
        int i => i,
        long l => l,
        float f => f,
        decimal m => (double)m,
        string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) => v,
        _ => null,
    };

    /// <summary>The cell as text (a whole number without decimals), or null when empty.</summary>
    public string? Text(int row, int column) => Cell(row, column) switch
    {
        null => null,
        string s => s.Trim().Length == 0 ? null : s.Trim(),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var o => o.ToString(),
    };
}

/// <summary>
/// The data files GET functions name, read once each: spreadsheets (.xls, .xlsx through
/// ExcelDataReader) by sheet name, and delimited text (.csv, .tab, .txt), where GET DIRECT's "tab"
/// argument is the delimiter. Paths are relative to the model's folder.
/// </summary>
internal sealed class MdlDataFiles(string folder)
{
    private readonly Dictionary<(string, string), DataSheet> _sheets = new();

    static MdlDataFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance); // old .xls files use code pages

    /// <summary>The sheet, or an error message saying why it cannot be read.</summary>
    public (DataSheet? Sheet, string? Error) Sheet(string file, string tab)
    {
        if (file.StartsWith('?'))
            return (null, $"'{file}' names a file through an alias in the model's settings, which is not supported; name the file itself");
        string path = Path.GetFullPath(Path.Combine(folder, file));
        if (_sheets.TryGetValue((path, tab), out var cached)) return (cached, null);
        if (!File.Exists(path)) return (null, $"the data file '{file}' does not exist (looked for {path})");
        try
        {
            string extension = Path.GetExtension(path).ToLowerInvariant();
            DataSheet? sheet = extension is ".xls" or ".xlsx" or ".xlsm" ? ReadSpreadsheet(path, tab) : ReadDelimited(path, tab);
            if (sheet is not null && extension is ".xlsx" or ".xlsm") sheet = sheet.WithNames(MdlWorkbookNames.Read(path, tab));
            if (sheet is null) return (null, $"the data file '{file}' has no sheet named '{tab}'");
            _sheets[(path, tab)] = sheet;
            return (sheet, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException
                                      or ExcelDataReader.Exceptions.ExcelReaderException or FormatException or ArgumentException or NotSupportedException)
        {
            return (null, $"the data file '{file}' cannot be read: {e.Message}");
        }
    }

    private static DataSheet? ReadSpreadsheet(string path, string tab)
    {
        using var stream = File.Open(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var reader = ExcelReaderFactory.CreateReader(stream);
        DataSheet? caseless = null;
        do
        {
            bool exact = reader.Name == tab;
            if (!exact && (caseless is not null || !string.Equals(reader.Name?.Trim(), tab.Trim(), StringComparison.OrdinalIgnoreCase))) continue;
            var rows = new List<object?[]>();
            while (reader.Read())
            {
                var row = new object?[reader.FieldCount];
                for (int i = 0; i < row.Length; i++) row[i] = reader.GetValue(i);
                rows.Add(row);
            }
            if (exact) return new DataSheet(rows);
            caseless = new DataSheet(rows);
        } while (reader.NextResult());
        return caseless;
    }

    /// <summary>Delimited text: the tab argument is the delimiter (a comma for .csv when it names none).</summary>
    private static DataSheet ReadDelimited(string path, string tab)
    {
        char delimiter = tab switch
        {
            "," or ";" or "|" => tab[0],
            "\\t" or "\t" or "tab" => '\t',
            _ => Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase) ? ',' : '\t',
        };
        var rows = new List<object?[]>();
        foreach (var line in File.ReadAllText(path).Split(["\r\n", "\n", "\r"], StringSplitOptions.None))
            rows.Add(line.Split(delimiter).Select(c => c.Trim().Trim('"')).Select(c => c.Length == 0 ? null : (object)c).ToArray());
        while (rows.Count > 0 && rows[^1].All(c => c is null)) rows.RemoveAt(rows.Count - 1);
        return new DataSheet(rows);
    }

    /// <summary>A cell reference such as B7 as (row, column) from 0; null when it is not one.</summary>
    public static (int Row, int Column)? Cell(string reference)
    {
        string s = reference.Trim().TrimEnd('*').ToUpperInvariant();
        int i = 0, column = 0;
        while (i < s.Length && s[i] is >= 'A' and <= 'Z')
        {
            column = column * 26 + (s[i] - 'A' + 1);
            i++;
            if (column > 100_000) return null;
        }
        if (i == 0 || i == s.Length || !int.TryParse(s[i..], NumberStyles.None, CultureInfo.InvariantCulture, out int row) || row < 1) return null;
        return (row - 1, column - 1);
    }

    /// <summary>A column given by letters (B) or a row by its number (4): which, and its index from 0.</summary>
    public static (bool IsRow, int Index)? Line(string reference)
    {
        string s = reference.Trim().ToUpperInvariant();
        if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int row)) return row >= 1 ? (true, row - 1) : null;
        int column = 0;
        foreach (char c in s)
        {
            if (c is < 'A' or > 'Z' || column > 100_000) return null;
            column = column * 26 + (c - 'A' + 1);
        }
        return column > 0 ? (false, column - 1) : null;
    }
}
