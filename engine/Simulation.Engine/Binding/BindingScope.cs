using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Ops;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Binding;

/// <summary>Everything the binder shares across the model: names, dimensions, elements, tables, diagnostics.</summary>
internal sealed class BindingContext
{
    private readonly HashSet<(EquationSource, int, string)> _reported = new();

    public required Dictionary<string, BoundVariable> Variables { get; init; }
    public required Dictionary<string, Dimension> Dimensions { get; init; }
    public required List<ModelElement> Elements { get; init; }
    public required List<LookupTable> Tables { get; init; }
    public required DiagnosticBag Diagnostics { get; init; }

    /// <summary>
    /// Reports a problem in an equation once, however many elements share the equation
    /// (an apply-to-all equation is bound once per element).
    /// </summary>
    public void Report(string code, string message, ElementScope scope, TextSpan span, string? hint = null)
    {
        if (_reported.Add((scope.Source, span.Start, code)))
            Diagnostics.InEquation(code, Severity.Error, message, scope.Source, span, scope.Variable.Name, hint);
    }

    public IEnumerable<string> VariableNames => Variables.Values.Select(v => v.Name);

    /// <summary>
    /// Canonical names of variables that are written but could not be declared (a misspelt kind, an unknown dimension):
    /// that was reported where it is written, so a use of one is not reported again as an unknown variable.
    /// </summary>
    public HashSet<string> Unreadable { get; } = new();

    private readonly Dictionary<string, int> _hiddenPrefixes = new();

    /// <summary>The allocations bound so far, by their arguments, so that the elements of one result share one clearing price.</summary>
    public List<(BoundExpr[] Key, BoundExpr[] Results)> Allocations { get; } = new();

    /// <summary>
    /// A unique name for the hidden elements of one builtin call: <c>Shipments.delay3</c>, then
    /// <c>Shipments.delay3#2</c> for a second DELAY3 in the same element's equation.
    /// </summary>
    public string HiddenPrefix(ModelElement owner, string tag)
    {
        string prefix = $"{owner.DisplayName}.{tag}";
        int count = _hiddenPrefixes[prefix] = _hiddenPrefixes.GetValueOrDefault(prefix) + 1;
        return count == 1 ? prefix : $"{prefix}#{count}";
    }

    /// <summary>Random call sites numbered so far (each call in each element's equation is one site).</summary>
    public int RandomSites { get; private set; }

    public int NewRandomSite() => RandomSites++;
}

/// <summary>The element whose equation is being bound: fixes an index for each of its variable's dimensions.</summary>
internal sealed class ElementScope(BoundVariable variable, ModelElement element, EquationSource source)
{
    public BoundVariable Variable { get; } = variable;
    public ModelElement Element { get; } = element;
    public EquationSource Source { get; } = source;

    /// <summary>
    /// The index in <paramref name="target"/> that the current element selects, if any: directly when
    /// the variable has that dimension, or through a subrange or mapping relation with one it has.
    /// </summary>
    /// <param name="occurrence">For a dimension the variable has more than once (a square matrix over D x D): which one, in order.</param>
    public int? IndexIn(Dimension target, int occurrence = 0)
    {
        var dims = Variable.Dimensions;
        for (int k = 0; k < dims.Length; k++)
            if (dims[k] == target && occurrence-- == 0) return Element.Indices[k];
        for (int k = 0; k < dims.Length; k++)
            if (DimensionRelations.Translate(dims[k], Element.Indices[k], target) is int i) return i;
        return null;
    }

    public bool Fixes(Dimension d) => IndexIn(d) is not null;
}

/// <summary>How element positions carry from one dimension to a related one.</summary>
internal static class DimensionRelations
{
    /// <summary>
    /// The index in <paramref name="to"/> of element <paramref name="index"/> of <paramref name="from"/>, when
    /// the two are related (same root through subranges, or a mapping); null when unrelated or absent.
    /// </summary>
    public static int? Translate(Dimension from, int index, Dimension to)
    {
        if (from == to) return index;
        if (from.MapsTo == to && from.MapIndex is { } map) return map[index];
        if (to.MapsTo == from && to.MapIndex is { } back)
        {
            int j = Array.IndexOf(back, index);
            return j >= 0 ? j : null;
        }
        if (from.Root == to.Root)
        {
            int root = from.RootIndex(index);
            for (int j = 0; j < to.Size; j++)
                if (to.RootIndex(j) == root) return j;
            return null;
        }
        if (from.Root.MapsTo is { } m && from.Root.MapIndex is { } rootMap && m.Root == to.Root)
            return Translate(m, rootMap[from.RootIndex(index)], to);
        return null;
    }

    public static bool Related(Dimension a, Dimension b) =>
        a == b || a.Root == b.Root || a.MapsTo == b || b.MapsTo == a || a.Root.MapsTo?.Root == b.Root || b.Root.MapsTo?.Root == a.Root;

    public static ImmutableArray<Dimension> Of(IEnumerable<Dimension> d) => d.ToImmutableArray();
}
