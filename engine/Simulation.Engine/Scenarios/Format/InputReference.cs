using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;

namespace Simulation.Engine.Scenarios.Format;

/// <summary>
/// A model variable named in an experiment, optionally with a subscript naming some of its elements,
/// as written: <c>Admission Rate</c>, <c>Admission Rate[65+]</c>, <c>Admissions[*, Q1]</c>.
/// </summary>
public sealed record InputReference(string Text, string Name, ImmutableArray<string> Subscript, SourceLocation? Location)
{
    public bool HasSubscript => !Subscript.IsDefaultOrEmpty;

    /// <summary>Splits <c>name[a, b]</c> into the name and the subscript entries (trimmed).</summary>
    public static InputReference Parse(string text, SourceLocation? location)
    {
        string trimmed = text.Trim();
        int open = trimmed.IndexOf('[');
        if (open > 0 && trimmed.EndsWith(']'))
        {
            var parts = trimmed[(open + 1)..^1].Split(',').Select(s => s.Trim()).ToImmutableArray();
            return new InputReference(text, trimmed[..open].Trim(), parts, location);
        }
        return new InputReference(text, trimmed, ImmutableArray<string>.Empty, location);
    }

    public override string ToString() => Text;
}
