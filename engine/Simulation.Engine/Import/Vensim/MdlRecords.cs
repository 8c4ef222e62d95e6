using System.Globalization;
using Simulation.Engine.Diagnostics;

namespace Simulation.Engine.Import.Vensim;

/// <summary>
/// One record of the equation section, <c>equation ~ units ~ comment |</c>. The equation keeps the
/// file offset of each of its characters (line continuations are removed from it), so diagnostics
/// point into the .mdl file. <see cref="MacroStart"/> is set for a <c>:MACRO: NAME(in : out)</c>
/// line, <see cref="MacroEnd"/> for <c>:END OF MACRO:</c>.
/// </summary>
internal sealed record MdlRecord(EquationSource Equation, string Units, string Comment, SourceLocation Location)
{
    public double? RangeMin { get; init; }
    public double? RangeMax { get; init; }
    public bool MacroStart { get; init; }
    public bool MacroEnd { get; init; }
}

/// <summary>
/// Splits a .mdl file into records. The equation section ends where the sketch starts
/// (<c>\\\---///</c>); everything after it is display information, except the settings block
/// (<c>:L&lt;DEL&gt;&lt;%^E!@</c>), whose line <c>15:</c> names the integration method. Inside an
/// equation, quoted names (which may hold <c>|</c> and <c>~</c>) and comments in braces are skipped
/// over; a backslash at the end of a line joins it with the next (the line end and the next line's
/// indentation disappear). Group headers (<c>***</c>, <c>.Control</c>) are records without an equation.
/// </summary>
internal static class MdlRecords
{
    private const string SettingsMarker = ":L\u007F<%^E!@";

    public static List<MdlRecord> Split(SourceFile file, DiagnosticBag diagnostics)
    {
        string text = file.Text;
        int end = SectionEnd(text);
        var records = new List<MdlRecord>();
        int pos = 0;
        while (true)
        {
            pos = SkipBlanksAndComments(text, pos, end);
            if (pos >= end) break;
            if (StartsWithKeyword(text, pos, ":MACRO:"))
            {
                int lineEnd = MacroHeaderEnd(text, pos, end);
                records.Add(new MdlRecord(Slice(file, pos + 7, lineEnd), "", "", file.LocationOf(pos)) { MacroStart = true });
                pos = lineEnd;
                continue;
            }
            if (StartsWithKeyword(text, pos, ":END OF MACRO:"))
            {
                records.Add(new MdlRecord(Slice(file, pos, pos), "", "", file.LocationOf(pos)) { MacroEnd = true });
                pos += ":END OF MACRO:".Length;
                continue;
            }
            int equationEnd = EquationEnd(text, pos, end);
            if (equationEnd >= end)
            {
                diagnostics.Error(DiagnosticCodes.MalformedMdl, "this record never ends: every equation ends with '|'", file.LocationOf(pos),
                    hint: "a Vensim record is: equation ~ units ~ comment |");
                break;
            }
            var equation = Slice(file, pos, equationEnd);
            string units = "", comment = "";
            int cursor = equationEnd;
            if (text[cursor] == '~')
            {
                int unitsEnd = IndexOfAny(text, cursor + 1, end, '~', '|');
                units = text[(cursor + 1)..unitsEnd];
                cursor = unitsEnd;
                if (cursor < end && text[cursor] == '~')
                {
                    int commentEnd = IndexOfAny(text, cursor + 1, end, '|');
                    comment = text[(cursor + 1)..commentEnd];
                    cursor = commentEnd;
                    // An optional further field (~ :SUPPLEMENTARY) runs to the same '|'.
                    int extra = comment.IndexOf('~');
                    if (extra >= 0) comment = comment[..extra];
                }
            }
            if (cursor >= end)
            {
                diagnostics.Error(DiagnosticCodes.MalformedMdl, "this record never ends: every equation ends with '|'", file.LocationOf(pos),
                    hint: "a Vensim record is: equation ~ units ~ comment |");
                break;
            }
            var (unitText, min, max) = SplitRange(units);
            if (!IsGroupHeader(equation.Text))
                records.Add(new MdlRecord(equation, unitText, comment.Trim(), file.LocationOf(pos)) { RangeMin = min, RangeMax = max });
            pos = cursor + 1;
        }
        return records;
    }

    /// <summary>The integration method named by the settings block (line 15, fourth number), or null.</summary>
    public static string? SettingsMethod(string text)
    {
        int settings = text.IndexOf(SettingsMarker, StringComparison.Ordinal);
        if (settings < 0) return null;
        foreach (var line in text[settings..].Split('\n', '\r'))
        {
            if (!line.StartsWith("15:", StringComparison.Ordinal)) continue;
            var fields = line[3..].Split(',');
            if (fields.Length < 4 || !int.TryParse(fields[3].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int code)) return null;
            return code switch
            {
                0 or 2 => "euler",
                1 or 5 => "rk4",
                3 or 4 => "rk2",
                _ => null,
            };
        }
        return null;
    }

    /// <summary>The sketch starts at a line of backslashes, "---///" (Vensim writes three; hand-edited files have two).</summary>
    private static int SketchStart(string text)
    {
        for (int at = text.IndexOf("---///", StringComparison.Ordinal); at >= 0; at = text.IndexOf("---///", at + 1, StringComparison.Ordinal))
        {
            int start = at;
            while (start > 0 && text[start - 1] == '\\') start--;
            if (at - start >= 2 && (start == 0 || text[start - 1] is '\n' or '\r')) return start;
        }
        return -1;
    }

    private static int SectionEnd(string text)
    {
        int sketch = SketchStart(text);
        int settings = text.IndexOf(SettingsMarker, StringComparison.Ordinal);
        int end = text.Length;
        if (sketch >= 0) end = sketch;
        if (settings >= 0 && settings < end) end = settings;
        return end;
    }

    private static bool StartsWithKeyword(string text, int pos, string keyword)
    {
        if (pos + 1 >= text.Length || text[pos] != ':') return false;
        int close = text.IndexOf(':', pos + 1);
        if (close < 0) return false;
        string inside = string.Join(' ', text[(pos + 1)..close].Split([' ', '\t', '_'], StringSplitOptions.RemoveEmptyEntries));
        return string.Equals(":" + inside + ":", keyword, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The end of a macro header: after its closing parenthesis (or the end of the line).</summary>
    private static int MacroHeaderEnd(string text, int pos, int end)
    {
        int open = text.IndexOf('(', pos);
        int lineEnd = IndexOfAny(text, pos, end, '\n', '\r');
        if (open < 0 || open > lineEnd) return lineEnd;
        int close = text.IndexOf(')', open);
        return close < 0 || close >= end ? lineEnd : close + 1;
    }

    /// <summary>Where the equation part ends: the first '~' or '|' outside quotes and braces.</summary>
    private static int EquationEnd(string text, int pos, int end)
    {
        int depth = 0;
        for (int i = pos; i < end; i++)
        {
            char c = text[i];
            if (c == '"')
            {
                for (i++; i < end && text[i] != '"'; i++)
                    if (text[i] == '\\') i++;
                continue;
            }
            if (c == '{') depth++;
            else if (c == '}' && depth > 0) depth--;
            else if (depth == 0 && c is '~' or '|') return i;
        }
        return end;
    }

    private static int IndexOfAny(string text, int from, int end, params char[] chars)
    {
        int i = text.IndexOfAny(chars, Math.Min(from, end), end - Math.Min(from, end));
        return i < 0 ? end : i;
    }

    private static int SkipBlanksAndComments(string text, int pos, int end)
    {
        while (pos < end)
        {
            if (char.IsWhiteSpace(text[pos]))
            {
                pos++;
                continue;
            }
            if (text[pos] != '{') break;
            int depth = 0;
            do
            {
                if (text[pos] == '{') depth++;
                else if (text[pos] == '}') depth--;
                pos++;
            } while (depth > 0 && pos < end);
        }
        return pos;
    }

    /// <summary>Characters [from, to) as an equation, without line continuations, each keeping its file offset.</summary>
    private static EquationSource Slice(SourceFile file, int from, int to)
    {
        string text = file.Text;
        var chars = new System.Text.StringBuilder(to - from);
        var offsets = new List<int>(to - from);
        bool quoted = false;
        for (int i = from; i < to; i++)
        {
            char c = text[i];
            if (c == '"') quoted = !quoted;
            if (c == '\\' && !quoted && ContinuationEnd(text, i + 1, to) is int next)
            {
                i = next - 1;
                continue;
            }
            if (c == '\\' && quoted && i + 1 < to && text[i + 1] is '"' or '\\')
            {
                chars.Append(c).Append(text[i + 1]);
                offsets.Add(i);
                offsets.Add(i + 1);
                i++;
                continue;
            }
            chars.Append(c);
            offsets.Add(i);
        }
        return new EquationSource(chars.ToString(), file, from, offsets.ToArray());
    }

    /// <summary>After a backslash: the position after the line end and the next line's indentation, when only blanks lead to a line end.</summary>
    private static int? ContinuationEnd(string text, int pos, int to)
    {
        int i = pos;
        while (i < to && text[i] is ' ' or '\t') i++;
        if (i >= to || text[i] is not ('\n' or '\r')) return null;
        if (text[i] == '\r' && i + 1 < to && text[i + 1] == '\n') i++;
        i++;
        while (i < to && text[i] is ' ' or '\t') i++;
        return i;
    }

    /// <summary>A group header: a line of stars, the group's name, a line of stars.</summary>
    private static bool IsGroupHeader(string equation) => equation.TrimStart().StartsWith('*');

    /// <summary>Units with an optional range [min, max] or [min, max, step] at the end; '?' leaves a bound open.</summary>
    private static (string Units, double? Min, double? Max) SplitRange(string units)
    {
        string trimmed = units.Trim();
        int open = trimmed.LastIndexOf('[');
        if (open < 0 || !trimmed.EndsWith(']')) return (trimmed, null, null);
        var parts = trimmed[(open + 1)..^1].Split(',');
        return (trimmed[..open].Trim(), Bound(parts[0]), parts.Length > 1 ? Bound(parts[1]) : null);

        static double? Bound(string s) =>
            double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v : null;
    }
}
