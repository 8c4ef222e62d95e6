using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Binding;

/// <summary>
/// A resolved dimension: its elements in order, and how it relates to others. A subrange's element
/// i is element <see cref="ParentIndex"/>[i] of its parent; a mapped dimension's element i
/// corresponds to element <see cref="MapIndex"/>[i] of <see cref="MapsTo"/>.
/// </summary>
public sealed class Dimension
{
    private readonly Dictionary<string, int> _indexOf;

    public Dimension(string name, ImmutableArray<string> elements, SourceLocation? location)
    {
        Name = name;
        Canonical = Identifier.Canonical(name);
        Elements = elements;
        Location = location;
        _indexOf = new Dictionary<string, int>();
        for (int i = 0; i < elements.Length; i++)
            _indexOf.TryAdd(Identifier.Canonical(elements[i]), i);
    }

    public string Name { get; }
    public string Canonical { get; }
    public ImmutableArray<string> Elements { get; }
    public int Size => Elements.Length;
    public SourceLocation? Location { get; }

    /// <summary>For a subrange: the dimension it is part of.</summary>
    public Dimension? Parent { get; internal set; }

    public int[]? ParentIndex { get; internal set; }

    public Dimension? MapsTo { get; internal set; }
    public int[]? MapIndex { get; internal set; }

    /// <summary>The top of the subrange chain (the dimension itself when it is not a subrange).</summary>
    public Dimension Root => Parent?.Root ?? this;

    public int IndexOf(string element) => _indexOf.TryGetValue(Identifier.Canonical(element), out int i) ? i : -1;

    /// <summary>Index, in the root dimension, of element <paramref name="index"/> of this one.</summary>
    public int RootIndex(int index) => Parent is null ? index : Parent.RootIndex(ParentIndex![index]);

    public override string ToString() => Name;
}
