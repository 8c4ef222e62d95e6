using System.IO.Compression;
using System.Text.RegularExpressions;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Import.Xml;

namespace Simulation.Engine.Import.Vensim;

/// <summary>A block of cells: its top-left cell (from 0) and its size.</summary>
internal readonly record struct CellBlock(int Row, int Column, int Rows, int Columns);

/// <summary>
/// The names an .xlsx workbook gives to cell ranges (Formulas, Define Name), which GET functions may use in place
/// of a cell ('var1_' for 'B2'). They live in the workbook's xl/workbook.xml as &lt;definedName name="var1_"&gt;
/// Sheet1!$B$2:$D$4&lt;/definedName&gt;, read here with our XML reader. Other formats have none.
/// </summary>
internal static partial class MdlWorkbookNames
{
    /// <summary>Each name's block on <paramref name="sheet"/> (names on other sheets or of several areas are left out).</summary>
    public static Dictionary<string, CellBlock> Read(string path, string sheet)
    {
        var result = new Dictionary<string, CellBlock>(StringComparer.OrdinalIgnoreCase);
        if (!Path.GetExtension(path).Equals(".xlsx", StringComparison.OrdinalIgnoreCase) && !Path.GetExtension(path).Equals(".xlsm", StringComparison.OrdinalIgnoreCase))
            return result;
        using var archive = ZipFile.OpenRead(path);
        var entry = archive.GetEntry("xl/workbook.xml");
        if (entry is null) return result;
        string xml;
        using (var reader = new StreamReader(entry.Open())) xml = reader.ReadToEnd();
        var root = XmlParser.Parse(new SourceFile(path + "!xl/workbook.xml", xml), new DiagnosticBag());
        foreach (var name in root?.Element("definedNames")?.Elements("definedName") ?? [])
        {
            if (name.AttributeValue("name") is not { } key) continue;
            var match = Reference().Match(name.Text.Value.Trim());
            if (!match.Success || !string.Equals(match.Groups["sheet"].Value.Trim('\''), sheet, StringComparison.OrdinalIgnoreCase)) continue;
            if (MdlDataFiles.Cell(match.Groups["from"].Value.Replace("$", "")) is not var (row, column)) continue;
            var (lastRow, lastColumn) = match.Groups["to"].Success && MdlDataFiles.Cell(match.Groups["to"].Value.Replace("$", "")) is var (r, c) ? (r, c) : (row, column);
            result[key] = new CellBlock(row, column, lastRow - row + 1, lastColumn - column + 1);
        }
        return result;
    }

    [GeneratedRegex(@"^(?<sheet>'[^']+'|[^!]+)!(?<from>\$?[A-Za-z]+\$?\d+)(:(?<to>\$?[A-Za-z]+\$?\d+))?$")]
    private static partial Regex Reference();
}
