using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Import.Vensim;

/// <summary>A subscript range as the model defines it, with its place among the others.</summary>
internal sealed class MdlRange(string name, ImmutableArray<string> elements, SourceLocation? location)
{
    public string Name { get; } = name;
    public string Canonical { get; } = Identifier.Canonical(name);
    public ImmutableArray<string> Elements { get; set; } = elements;
    public SourceLocation? Location { get; } = location;

    /// <summary>
    /// The range this one is part of: Vensim declares no parents, so a range whose elements all belong to
    /// an earlier-defined range (or a larger one) is its subrange. The top of the chain is the main range,
    /// in which an element's position is its value.
    /// </summary>
    public MdlRange? Parent { get; set; }

    public MdlRange Main => Parent?.Main ?? this;

    public ImmutableArray<MdlMapping> Mappings { get; set; } = ImmutableArray<MdlMapping>.Empty;

    /// <summary>Made by the import for a variable defined on only some elements of a range.</summary>
    public bool Synthesized { get; init; }

    public int IndexOf(string element)
    {
        string canonical = Identifier.Canonical(element);
        for (int i = 0; i < Elements.Length; i++)
            if (Identifier.Canonical(Elements[i]) == canonical) return i;
        return -1;
    }

    public bool Contains(string element) => IndexOf(element) >= 0;

    public override string ToString() => Name;
}

/// <summary>
/// The model's subscript ranges: what a name in brackets means (an element, a range or a subrange),
/// which range an element belongs to, and the dimensions the JSON model declares (subranges with
/// their parent, mappings, equivalences as subranges with every element).
/// </summary>
internal sealed class MdlRanges
{
    private readonly Dictionary<string, MdlRange> _byName = new();
    private readonly List<MdlRange> _ordered = new();
    private readonly DiagnosticBag _diagnostics;

    public MdlRanges(DiagnosticBag diagnostics) => _diagnostics = diagnostics;

    public IReadOnlyList<MdlRange> All => _ordered;

    public MdlRange? Find(string name) => _byName.GetValueOrDefault(Identifier.Canonical(name));

    public void Define(MdlRangeDefinition definition, ImmutableArray<string> elements)
    {
        var range = new MdlRange(definition.Name, elements, definition.Record.Location) { Mappings = definition.Mappings };
        Add(range, definition.Record.Location);
    }

    public void DefineEquivalence(MdlEquivalence definition)
    {
        var other = Find(definition.Other);
        if (other is null)
        {
            _diagnostics.Error(DiagnosticCodes.BadSubscriptRange, $"'{definition.Name}' is declared another name for '{definition.Other}', which is not a subscript range",
                definition.Record.Location);
            return;
        }
        Add(new MdlRange(definition.Name, other.Elements, definition.Record.Location), definition.Record.Location);
    }

    private void Add(MdlRange range, SourceLocation location)
    {
        if (_byName.ContainsKey(range.Canonical))
        {
            _diagnostics.Error(DiagnosticCodes.BadSubscriptRange, $"the subscript range '{range.Name}' is defined twice", location);
            return;
        }
        var seen = new HashSet<string>();
        foreach (var element in range.Elements)
            if (!seen.Add(Identifier.Canonical(element)))
            {
                _diagnostics.Error(DiagnosticCodes.BadSubscriptRange, $"the element '{element}' is listed twice in '{range.Name}'", location);
                return;
            }
        _byName[range.Canonical] = range;
        _ordered.Add(range);
    }

    /// <summary>A range made for a variable defined on only some elements of <paramref name="parent"/>.</summary>
    public MdlRange Synthesize(string variable, MdlRange parent, IEnumerable<string> elements)
    {
        var set = elements.Select(Identifier.Canonical).ToHashSet();
        string name = $"{parent.Main.Name} of {variable}";
        for (int n = 2; _byName.ContainsKey(Identifier.Canonical(name)); n++) name = $"{parent.Main.Name} of {variable} {n}";
        var range = new MdlRange(name, parent.Main.Elements.Where(e => set.Contains(Identifier.Canonical(e))).ToImmutableArray(), parent.Location)
        {
            Parent = parent.Main,
            Synthesized = true,
        };
        _byName[range.Canonical] = range;
        _ordered.Add(range);
        return range;
    }

    /// <summary>
    /// Links each range to its parent: the largest other range holding all its elements (the earlier
    /// defined one when two hold the same elements).
    /// </summary>
    public void LinkSubranges()
    {
        var sets = _ordered.ToDictionary(r => r, r => r.Elements.Select(Identifier.Canonical).ToHashSet());
        for (int i = 0; i < _ordered.Count; i++)
        {
            var range = _ordered[i];
            MdlRange? best = null;
            for (int j = 0; j < _ordered.Count; j++)
            {
                var other = _ordered[j];
                if (other == range || !sets[range].IsSubsetOf(sets[other])) continue;
                bool equal = sets[range].SetEquals(sets[other]);
                if (equal && j > i) continue; // of two equal ranges, the first defined is the main one
                if (best is null || sets[other].Count > sets[best].Count || (sets[other].Count == sets[best].Count && j < _ordered.IndexOf(best))) best = other;
            }
            range.Parent = best;
        }
        // A chain of equal sets points at the first defined; make every parent the main range.
        foreach (var range in _ordered)
            if (range.Parent is { } parent && parent.Main != parent) range.Parent = parent.Main;
    }

    /// <summary>The main range holding an element, or null when no range has it.</summary>
    public MdlRange? MainRangeOf(string element) => _ordered.FirstOrDefault(r => r.Parent is null && r.Contains(element));

    /// <summary>The elements a subscript names: a range's elements, or one element; null when it names neither.</summary>
    public ImmutableArray<string>? Expand(string subscript)
    {
        if (Find(subscript) is { } range) return range.Elements;
        return MainRangeOf(subscript) is { } main ? [main.Elements[main.IndexOf(subscript)]] : null;
    }

    /// <summary>The dimensions the JSON model declares, in the order the ranges were defined.</summary>
    public ImmutableArray<DimensionDefinition> ToDimensions()
    {
        var result = ImmutableArray.CreateBuilder<DimensionDefinition>();
        foreach (var range in _ordered)
        {
            var mapping = range.Mappings.FirstOrDefault(m => Find(m.Target) is not null);
            result.Add(new DimensionDefinition
            {
                Name = range.Name,
                Elements = range.Elements,
                SubrangeOf = range.Parent?.Name,
                MapsTo = mapping?.Target is { } target ? Find(target)!.Name : null,
                Mapping = mapping is { Elements: { } explicitElements } ? ExplicitMapping(range, mapping.Target, explicitElements) : null,
                Location = range.Location,
            });
        }
        return result.ToImmutable();
    }

    /// <summary><c>Src: a, b, c -&gt; (Dst: x, y, z)</c> sends a to x, b to y, c to z (a subrange in the list stands for its elements).</summary>
    private ImmutableDictionary<string, string>? ExplicitMapping(MdlRange range, string target, ImmutableArray<string> written)
    {
        var targets = written.SelectMany(w => Find(w) is { } sub && !string.Equals(sub.Canonical, Identifier.Canonical(target), StringComparison.Ordinal)
            ? sub.Elements.AsEnumerable() : [w]).ToList();
        if (targets.Count != range.Elements.Length)
        {
            _diagnostics.Error(DiagnosticCodes.BadSubscriptRange,
                $"the mapping of '{range.Name}' onto '{target}' lists {targets.Count} elements, but '{range.Name}' has {range.Elements.Length}", range.Location);
            return null;
        }
        return range.Elements.Select((e, i) => (e, t: targets[i])).ToImmutableDictionary(p => p.e, p => p.t);
    }

    /// <summary>
    /// The element of <paramref name="target"/> that corresponds to <paramref name="element"/> (at
    /// <paramref name="position"/>) of <paramref name="from"/>: itself when both hold it, else through a
    /// mapping either way; null when they do not correspond.
    /// </summary>
    public string? Correspond(MdlRange from, int position, MdlRange target)
    {
        string element = from.Elements[position];
        if (from == target) return element;
        foreach (var (src, dst, forward) in MappingsBetween(from, target))
        {
            var targets = MappedElements(src, dst);
            if (targets is null) continue;
            if (forward) return targets[position];
            int back = targets.FindIndex(t => Identifier.Canonical(t) == Identifier.Canonical(element));
            if (back >= 0) return src.Elements[back];
        }
        return target.Contains(element) ? target.Elements[target.IndexOf(element)] : null;
    }

    private IEnumerable<(MdlRange Source, MdlRange Target, bool Forward)> MappingsBetween(MdlRange from, MdlRange target)
    {
        foreach (var m in from.Mappings)
            if (Find(m.Target) == target) yield return (from, target, true);
        foreach (var m in target.Mappings)
            if (Find(m.Target) == from) yield return (target, from, false);
    }

    /// <summary>For each element of <paramref name="source"/>, the element of <paramref name="target"/> its mapping sends it to.</summary>
    private List<string>? MappedElements(MdlRange source, MdlRange target)
    {
        var mapping = source.Mappings.First(m => Find(m.Target) == target);
        if (mapping.Elements is null)
            return source.Elements.Length == target.Elements.Length ? target.Elements.ToList() : null;
        var list = mapping.Elements.Value.SelectMany(w => Find(w) is { } sub && sub != target ? sub.Elements.AsEnumerable() : [w]).ToList();
        return list.Count == source.Elements.Length ? list : null;
    }

    /// <summary>Whether a range takes part in a mapping (then equations using it are written out element by element).</summary>
    public bool IsMapped(MdlRange range) =>
        !range.Mappings.IsEmpty || _ordered.Any(r => r.Mappings.Any(m => Find(m.Target) == range));
}
