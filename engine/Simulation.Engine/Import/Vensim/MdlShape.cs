using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Import.Vensim;

/// <summary>One element an equation defines: for each position, the element and the range written there (null when an element was written).</summary>
internal sealed record MdlCell(ImmutableArray<string> Elements, MdlElementBinding Binding);

/// <summary>
/// The dimensions of a Vensim variable and the elements each of its equations defines. Vensim
/// declares no dimensions for a variable: its left-hand sides say which elements it has. Each
/// position gets the range whose elements are exactly those defined there (one written on a
/// left-hand side first, then the main range); when no range has exactly those elements, a subrange
/// of the main range is made for the variable, because Vensim's variable has only the elements its
/// equations define.
/// </summary>
internal sealed class MdlShape
{
    public ImmutableArray<MdlRange> Dimensions { get; }

    private MdlShape(ImmutableArray<MdlRange> dimensions) => Dimensions = dimensions;

    public bool IsScalar => Dimensions.IsEmpty;

    public static MdlShape? Of(string variable, IReadOnlyList<MdlEquation> equations, MdlRanges ranges, DiagnosticBag diagnostics)
    {
        int count = equations[0].Left.Subscripts.Length;
        foreach (var e in equations)
            if (e.Left.Subscripts.Length != count)
            {
                diagnostics.InEquation(DiagnosticCodes.DimensionMismatch, Severity.Error,
                    $"'{variable}' is defined with {e.Left.Subscripts.Length} subscripts here but {count} in its first equation",
                    e.Record.Equation, e.Left.NameSpan, variable);
                return null;
            }
        var dims = ImmutableArray.CreateBuilder<MdlRange>();
        for (int k = 0; k < count; k++)
        {
            var written = new List<MdlRange>();
            var set = new HashSet<string>();
            var elements = new List<string>();
            foreach (var e in equations)
            {
                var sub = e.Left.Subscripts[k];
                if (ranges.Find(sub.Name) is { } range) written.Add(range);
                var expanded = ranges.Expand(sub.Name);
                if (expanded is null)
                {
                    diagnostics.InEquation(DiagnosticCodes.UnknownElement, Severity.Error, $"'{sub.Name}' is neither a subscript range nor an element of one",
                        e.Record.Equation, sub.Span, variable, "define it in a subscript range, e.g. Dim: a, b, c");
                    return null;
                }
                foreach (var element in expanded.Value)
                    if (set.Add(Identifier.Canonical(element))) elements.Add(element);
            }
            var exact = written.FirstOrDefault(r => SameElements(r, set))
                        ?? ranges.All.FirstOrDefault(r => r.Parent is null && SameElements(r, set))
                        ?? ranges.All.FirstOrDefault(r => !r.Synthesized && SameElements(r, set));
            if (exact is null)
            {
                var main = ranges.MainRangeOf(elements[0]);
                if (main is null || !set.All(main.Contains))
                {
                    diagnostics.InEquation(DiagnosticCodes.BadSubscriptRange, Severity.Error,
                        $"the elements '{variable}' is defined for in position {k + 1} ({string.Join(", ", elements)}) are not all in one subscript range",
                        equations[0].Record.Equation, equations[0].Left.NameSpan, variable);
                    return null;
                }
                exact = ranges.Synthesize(variable, main, elements);
            }
            dims.Add(exact);
        }
        return new MdlShape(dims.ToImmutable());
    }

    private static bool SameElements(MdlRange range, HashSet<string> set) =>
        range.Elements.Length == set.Count && range.Elements.All(e => set.Contains(Identifier.Canonical(e)));

    /// <summary>Whether an equation defines every element of the variable, with the variable's own ranges (or ranges with the same elements).</summary>
    public bool CoversAll(MdlEquation equation, MdlRanges ranges)
    {
        if (!equation.Left.Except.IsEmpty) return false;
        for (int k = 0; k < Dimensions.Length; k++)
            if (ranges.Find(equation.Left.Subscripts[k].Name) is not { } r || r.Elements.Length != Dimensions[k].Elements.Length
                || !r.Elements.All(Dimensions[k].Contains))
                return false;
        return true;
    }

    /// <summary>The elements an equation defines, in row-major order of its left-hand side, less those its :EXCEPT: lists.</summary>
    public IEnumerable<MdlCell> Cells(MdlEquation equation, MdlRanges ranges)
    {
        var positions = equation.Left.Subscripts.Select(s =>
        {
            var range = ranges.Find(s.Name);
            var elements = range?.Elements ?? ranges.Expand(s.Name) ?? [s.Name];
            return (Range: range, Elements: elements);
        }).ToList();
        var excluded = equation.Left.Except.Select(tuple => tuple.Select(s => (ranges.Expand(s.Name) ?? [s.Name]).Select(Identifier.Canonical).ToHashSet()).ToList()).ToList();
        IEnumerable<ImmutableArray<(MdlRange?, int, string)>> tuples = [ImmutableArray<(MdlRange?, int, string)>.Empty];
        foreach (var (range, elements) in positions)
        {
            var options = elements.Select((e, i) => (range, i, e)).ToList();
            tuples = tuples.SelectMany(prefix => options.Select(o => prefix.Add(o)));
        }
        foreach (var tuple in tuples)
        {
            if (excluded.Any(ex => ex.Count == tuple.Length && tuple.Select((t, k) => ex[k].Contains(Identifier.Canonical(t.Item3))).All(x => x))) continue;
            yield return new MdlCell(tuple.Select(t => t.Item3).ToImmutableArray(), new MdlElementBinding(tuple));
        }
    }
}
