using System.Text;

namespace Simulation.Engine.Syntax;

/// <summary>
/// Canonical identity of names: users write "Bed Occupancy", bed_occupancy or BED  OCCUPANCY and mean
/// one variable. Case is ignored and runs of spaces, underscores and line breaks count as one
/// separator (as in XMILE). Display names are kept separately, as the model writes them.
/// </summary>
public static class Identifier
{
    public static string Canonical(string name)
    {
        if (IsCanonical(name)) return name; // most names the binder looks up already are: no copy
        var sb = new StringBuilder(name.Length);
        bool pendingSeparator = false;
        foreach (char c in name)
        {
            if (c is ' ' or '_' or '\t' or '\n' or '\r' || c == '\u00A0')
            {
                pendingSeparator = sb.Length > 0;
                continue;
            }
            if (pendingSeparator)
            {
                sb.Append('_');
                pendingSeparator = false;
            }
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    /// <summary>True when <see cref="Canonical"/> would return the name unchanged: lower case, single underscores between words.</summary>
    private static bool IsCanonical(string name)
    {
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (c == '_')
            {
                if (i == 0 || i == name.Length - 1 || name[i - 1] == '_') return false;
            }
            else if (c is ' ' or '\t' or '\n' or '\r' or '\u00A0' || char.ToLowerInvariant(c) != c) return false;
        }
        return true;
    }

    /// <summary>A name as it should appear in output: line breaks inside names become spaces.</summary>
    public static string Display(string name) =>
        string.Join(' ', name.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
}
