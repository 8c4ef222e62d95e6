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

    /// <summary>Splits <c>name[a, b]</c> into the name and the subscript entries (as <see cref="Binding.NameResolver.Split"/> does).</summary>
    public static InputReference Parse(string text, SourceLocation? location)
    {
        var (name, subscript) = Binding.NameResolver.Split(text);
        return new InputReference(text, name, subscript, location);
    }

    public override string ToString() => Text;
}
