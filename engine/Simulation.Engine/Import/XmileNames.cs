using System.Text;

namespace Simulation.Engine.Import;

/// <summary>
/// XMILE identifiers as written in attributes and tags (3.2.2): optionally in double quotes, with the
/// escapes \" \n \\, and underscores standing for the spaces users see ("birth_rate" is shown as
/// "birth rate"). Identity is unaffected: names are compared by <see cref="Syntax.Identifier.Canonical"/>,
/// for which spaces, underscores and line breaks are one separator.
/// </summary>
public static class XmileNames
{
    /// <summary>The name as users see it: quotes and escapes removed, underscores and line breaks as single spaces.</summary>
    public static string Display(string written)
    {
        string raw = Unescape(written.Trim());
        var sb = new StringBuilder(raw.Length);
        bool pendingSpace = false;
        foreach (char c in raw)
        {
            if (c is '_' or ' ' or '\n' or '\r' or '\t' or '\u00A0')
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            if (pendingSpace) sb.Append(' ');
            pendingSpace = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>A dotted path whose parts may each be quoted (<c>"lynx model".eaten</c>): each part as users see it, joined by dots.</summary>
    public static string DisplayPath(string written)
    {
        var parts = new List<string>();
        int start = 0;
        bool quoted = false;
        for (int i = 0; i < written.Length; i++)
        {
            if (written[i] == '\\') i++;
            else if (written[i] == '"') quoted = !quoted;
            else if (written[i] == '.' && !quoted)
            {
                parts.Add(Display(written[start..i]));
                start = i + 1;
            }
        }
        parts.Add(Display(written[start..]));
        return string.Join(".", parts);
    }

    /// <summary>Removes surrounding double quotes and resolves the XMILE escapes \" \n \\ (other backslashes are kept).</summary>
    public static string Unescape(string written)
    {
        string s = written.Length >= 2 && written[0] == '"' && written[^1] == '"' ? written[1..^1] : written;
        if (!s.Contains('\\')) return s;
        var sb = new StringBuilder(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '\\' && i + 1 < s.Length && s[i + 1] is 'n' or '"' or '\\')
            {
                sb.Append(s[i + 1] == 'n' ? '\n' : s[i + 1]);
                i++;
                continue;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>A qualified name for a variable of a module or macro instance: "hares.birth rate".</summary>
    public static string Qualify(string qualifier, string name) => qualifier.Length == 0 ? name : qualifier + "." + name;
}
