using System.Collections.Immutable;
using Simulation.Engine.Model;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Binding;

/// <summary>A variable with its dimensions resolved and its elements numbered.</summary>
public sealed class BoundVariable
{
    public required string Name { get; init; }
    public string Canonical => Identifier.Canonical(Name);
    public required VariableKind Kind { get; init; }
    public ImmutableArray<Dimension> Dimensions { get; init; } = ImmutableArray<Dimension>.Empty;

    /// <summary>The definition as written; null for variables the engine introduced.</summary>
    public VariableDefinition? Definition { get; init; }

    /// <summary>Element ids in row-major order over <see cref="Dimensions"/> (one for a scalar).</summary>
    public List<int> Elements { get; } = new();

    /// <summary>For graphical functions called as f(x): the table of each element.</summary>
    public List<int> Tables { get; } = new();

    public bool IsInput => Definition?.Input is not null;

    public int ElementCount => Dimensions.Aggregate(1, (n, d) => n * d.Size);

    /// <summary>Row-major flat index of an element's dimension indices.</summary>
    public int FlatIndex(ReadOnlySpan<int> indices)
    {
        int flat = 0;
        for (int i = 0; i < Dimensions.Length; i++) flat = flat * Dimensions[i].Size + indices[i];
        return flat;
    }

    public override string ToString() => Name;
}
