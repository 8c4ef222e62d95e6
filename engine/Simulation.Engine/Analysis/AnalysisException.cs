namespace Simulation.Engine.Analysis;

/// <summary>An analysis cannot run as asked (too few samples, no sampled inputs, an unknown outcome...): a message and a hint.</summary>
public sealed class AnalysisException(string message, string? hint = null) : Exception(message)
{
    public string? Hint { get; } = hint;

    /// <summary>A name that matches none of <paramref name="names"/>: "did you mean" the closest, or the names there are.</summary>
    public static AnalysisException Unknown(string what, string name, IReadOnlyList<string> names)
    {
        string? suggestion = Diagnostics.NameSuggester.Suggest(name, names);
        return new AnalysisException($"there is no {what} '{name}'",
            suggestion is not null ? $"did you mean '{suggestion}'?" : $"the {what}s are: {string.Join(", ", names.Take(12))}{(names.Count > 12 ? ", ..." : "")}");
    }
}
