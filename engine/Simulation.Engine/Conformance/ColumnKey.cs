using Simulation.Engine.Syntax;

namespace Simulation.Engine.Conformance;

/// <summary>
/// The identity of an output column when matching a run with canonical results: names compare as
/// identifiers do (case ignored; spaces, underscores and runs of them one separator), and an array
/// element's subscripts compare one by one, so "Two Dims[A, D]" matches "two_dims[a,d]".
/// </summary>
public static class ColumnKey
{
    /// <summary>Vensim's control settings, which canonical files list but a model need not define.</summary>
    private static readonly HashSet<string> ControlSettings = ["time_step", "saveper", "initial_time", "final_time"];

    public static string Of(string column)
    {
        string name = Unquoted(column.Trim());
        int open = name.IndexOf('[');
        if (open <= 0 || !name.EndsWith(']')) return Identifier.Canonical(name);
        var subscripts = name[(open + 1)..^1].Split(',').Select(Identifier.Canonical);
        return $"{Identifier.Canonical(name[..open])}[{string.Join(",", subscripts)}]";
    }

    /// <summary>Vensim writes names with special characters quoted ("\"a/b\""), with \" for a quote inside: the name is what is inside.</summary>
    private static string Unquoted(string name)
    {
        int open = name.IndexOf('[');
        string head = open < 0 ? name : name[..open];
        if (head.Length < 2 || head[0] != '"' || head[^1] != '"') return name;
        return head[1..^1].Replace("\\\"", "\"").Replace("\\\\", "\\") + (open < 0 ? "" : name[open..]);
    }

    public static bool IsControlSetting(string column) => ControlSettings.Contains(Of(column));

    public static bool IsTime(string column) => Of(column) == "time";
}
