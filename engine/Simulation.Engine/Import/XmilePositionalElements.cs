using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Import;

/// <summary>
/// Per-element equations given by position rather than by subscript, as Stella and converters from
/// Vensim write them: an arrayed variable whose equation is a list of numbers (<c>1, 2, 3</c>), or
/// that has one &lt;eqn&gt; per element, gets one equation per element in row-major order. The
/// list must have exactly one entry per element.
/// </summary>
internal sealed class XmilePositionalElements(XmileContext context, IReadOnlyDictionary<string, DimensionDefinition> dimensions)
{
    /// <summary>The per-element equations when <paramref name="equation"/> is a list of numbers; null when it is an ordinary equation.</summary>
    public ImmutableArray<ElementDefinition>? FromValueList(EquationSource equation, ImmutableArray<NameReference> dims, string owner)
    {
        var pieces = TopLevelPieces(equation.Text);
        if (pieces.Count < 2) return null;
        foreach (var (start, end) in pieces)
        {
            var parsed = Parser.TryParse(equation.Text[start..end]).Expression;
            if (parsed is not (NumberExpr or UnaryExpr { Operand: NumberExpr }))
                return null; // not a list of numbers: the parser will report the equation as written
        }
        var list = pieces.Select(p => Slice(equation, p.Start, p.End)).ToList();
        return ByPosition(list, dims, owner, "its equation lists", equation.LocationOf(pieces[0].Start));
    }

    /// <summary>One equation per element, in row-major order; null (after a diagnostic) when the count is wrong or a dimension is unknown.</summary>
    public ImmutableArray<ElementDefinition>? ByPosition(IReadOnlyList<EquationSource> equations, ImmutableArray<NameReference> dims, string owner,
        string listed, SourceLocation? location)
    {
        var resolved = dims.Select(d => dimensions.GetValueOrDefault(Identifier.Canonical(d.Name))).ToList();
        if (resolved.Any(d => d is null)) return null; // the binder reports the unknown dimension
        int count = resolved.Aggregate(1, (n, d) => n * d!.Elements.Length);
        if (count != equations.Count)
        {
            context.Diagnostics.Error(DiagnosticCodes.DimensionMismatch, $"'{owner}' has {count} elements but {listed} {equations.Count}", location, owner,
                "give one equation per element, in row-major order, or use <element subscript=\"...\">");
            return null;
        }
        return equations.Select((equation, flat) => new ElementDefinition
        {
            Subscript = ElementNames(resolved!, flat),
            Equation = equation,
            Location = equation.LocationOf(0),
        }).ToImmutableArray();
    }

    private static ImmutableArray<string> ElementNames(List<DimensionDefinition?> dims, int flat)
    {
        var names = new string[dims.Count];
        for (int k = dims.Count - 1; k >= 0; k--)
        {
            var elements = dims[k]!.Elements;
            names[k] = elements[flat % elements.Length];
            flat /= elements.Length;
        }
        return names.ToImmutableArray();
    }

    private static EquationSource Slice(EquationSource equation, int start, int end)
    {
        var offsets = Enumerable.Range(start, end - start).Select(equation.FileOffsetOf).ToArray();
        return new EquationSource(equation.Text[start..end], equation.File, equation.FileOffsetOf(start), offsets);
    }

    /// <summary>Ranges of the text between commas that are outside parentheses, brackets, quotes and comments.</summary>
    private static List<(int Start, int End)> TopLevelPieces(string text)
    {
        var pieces = new List<(int, int)>();
        int depth = 0, start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '"')
            {
                int close = text.IndexOf('"', i + 1);
                i = close < 0 ? text.Length : close;
            }
            else if (c == '{')
            {
                int close = text.IndexOf('}', i + 1);
                i = close < 0 ? text.Length : close;
            }
            else if (c is '(' or '[') depth++;
            else if (c is ')' or ']') depth--;
            else if (c == ',' && depth == 0)
            {
                pieces.Add((start, i));
                start = i + 1;
            }
        }
        pieces.Add((start, text.Length));
        return pieces;
    }
}
