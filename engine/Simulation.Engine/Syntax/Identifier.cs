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

    /// <summary>A name as it should appear in output: line breaks inside names become spaces.</summary>
    public static string Display(string name) =>
        string.Join(' ', name.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
}
