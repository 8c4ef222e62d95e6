using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Binding;

/// <summary>What one subscript position selects in its dimension.</summary>
internal abstract record SubscriptChoice
{
    /// <summary>One element.</summary>
    public sealed record FixedIndex(int Index) : SubscriptChoice;

    /// <summary>Every element of <see cref="Over"/> (the dimension stays free); <see cref="Map"/> gives each one's index in the target.</summary>
    public sealed record FreeDimension(Dimension Over, int[] Map) : SubscriptChoice;

    /// <summary>Before the first or after the last element (x[Age.prev] in the first band): the reference is 0.</summary>
    public sealed record Outside : SubscriptChoice;

    /// <summary>An index computed at run time (1-based).</summary>
    public sealed record Dynamic(BoundExpr Index) : SubscriptChoice;

    public static SubscriptChoice Fixed(int index) => new FixedIndex(index);

    public static SubscriptChoice Free(Dimension over, int[] map) => new FreeDimension(over, map);
}

internal sealed partial class ExpressionBinder
{
    private ArrayValue? BindSubscripted(SubscriptExpr expr) => BindSubscripted(expr, null);

    private ArrayValue? BindSubscripted(SubscriptExpr expr, Func<int, BoundExpr>? item)
    {
        if (!context.Variables.TryGetValue(expr.Target.Canonical, out var variable))
        {
            ReportUnknownVariable(expr.Target.Name, expr.Target.Span);
            return null;
        }
        if (variable.Dimensions.Length != expr.Subscripts.Length)
        {
            string dims = variable.Dimensions.Length == 0 ? "is not arrayed" : $"is arrayed over {string.Join(", ", variable.Dimensions)}";
            context.Report(DiagnosticCodes.DimensionMismatch,
                $"'{variable.Name}' {dims}, but {expr.Subscripts.Length} subscript{(expr.Subscripts.Length == 1 ? " is" : "s are")} given",
                scope, expr.Span, variable.Dimensions.Length == 0 ? "remove the brackets" : $"give one subscript per dimension: {variable.Name}[{string.Join(", ", variable.Dimensions)}]");
            return null;
        }
        var choices = new SubscriptChoice[expr.Subscripts.Length];
        for (int i = 0; i < choices.Length; i++)
        {
            var choice = Resolve(expr.Subscripts[i], variable.Dimensions[i]);
            if (choice is null) return null;
            choices[i] = choice;
        }
        if (item is null && variable.Kind == Model.VariableKind.Graphical) // a graphical function has tables, not elements
        {
            context.Report(DiagnosticCodes.NotAFunction, $"'{variable.Name}' is a graphical function and needs an input", scope, expr.Span);
            return null;
        }
        return Select(variable, choices, item ?? ElementOf(variable));
    }

    /// <summary>Builds the (possibly array) value selected from a variable by one choice per dimension.</summary>
    private static ArrayValue Select(BoundVariable variable, SubscriptChoice[] choices, Func<int, BoundExpr> item)
    {
        var target = new int[choices.Length];
        if (!choices.Any(c => c is SubscriptChoice.FreeDimension)) // one element, as when a subscript names the current one
            return ArrayValue.Scalar(Pick(variable, choices, 0, target, [], 0, item));
        var free = choices.OfType<SubscriptChoice.FreeDimension>().ToList();
        var dims = free.Select(f => f.Over).ToImmutableArray();
        int count = dims.Aggregate(1, (n, d) => n * d.Size);
        var items = new BoundExpr[count];
        var freeIndex = new int[free.Count];
        for (int flat = 0; flat < count; flat++)
        {
            int rest = flat;
            for (int k = free.Count - 1; k >= 0; k--)
            {
                freeIndex[k] = rest % dims[k].Size;
                rest /= dims[k].Size;
            }
            items[flat] = Pick(variable, choices, 0, target, freeIndex, 0, item);
        }
        return new ArrayValue(dims, items);
    }

    private static BoundExpr Pick(BoundVariable variable, SubscriptChoice[] choices, int position, int[] target, int[] freeIndex, int nextFree,
        Func<int, BoundExpr> item)
    {
        if (position == choices.Length) return item(variable.FlatIndex(target));
        switch (choices[position])
        {
            case SubscriptChoice.FixedIndex f:
                target[position] = f.Index;
                return Pick(variable, choices, position + 1, target, freeIndex, nextFree, item);
            case SubscriptChoice.FreeDimension free:
                target[position] = free.Map[freeIndex[nextFree]];
                return Pick(variable, choices, position + 1, target, freeIndex, nextFree + 1, item);
            case SubscriptChoice.Dynamic d:
                var options = new BoundExpr[variable.Dimensions[position].Size];
                for (int i = 0; i < options.Length; i++)
                {
                    target[position] = i;
                    options[i] = Pick(variable, choices, position + 1, (int[])target.Clone(), freeIndex, nextFree, item);
                }
                return new BSelect(d.Index, options.ToImmutableArray());
            default:
                return new BConst(0);
        }
    }

    /// <summary>Resolves one subscript against the dimension in that position of the referenced variable.</summary>
    private SubscriptChoice? Resolve(Subscript sub, Dimension dimension)
    {
        if (sub.IsWildcard)
        {
            if (sub.WildcardSubrange is null) return SubscriptChoice.Free(dimension, Identity(dimension.Size));
            return FreeOver(sub.WildcardSubrange, dimension, sub);
        }
        int direct = ElementIndex(dimension, sub.Text);
        if (direct < 0 && sub.Expression is NameExpr written) direct = ElementIndex(dimension, written.Name); // quoted: pop["New York"]
        if (direct >= 0) return SubscriptChoice.Fixed(direct);
        if (sub.Text.StartsWith('@')) return DimensionPosition(sub, dimension);

        if (sub.Expression is NameExpr name)
        {
            string canonical = name.Canonical;
            if (context.Dimensions.TryGetValue(canonical, out var named))
                return FromDimension(named, dimension, sub);
            int dot = canonical.LastIndexOf('.');
            if (dot > 0 && context.Dimensions.TryGetValue(canonical[..dot], out var stepped) && canonical[(dot + 1)..] is "prev" or "next")
            {
                if (scope.IndexIn(stepped) is not int current)
                {
                    context.Report(DiagnosticCodes.DimensionMismatch,
                        $"'{sub.Text}' needs a current element of {stepped.Name}, but '{scope.Variable.Name}' is not arrayed over it", scope, sub.Span);
                    return null;
                }
                int moved = current + (canonical.EndsWith("prev", StringComparison.Ordinal) ? -1 : 1);
                if (moved < 0 || moved >= stepped.Size) return new SubscriptChoice.Outside();
                if (DimensionRelations.Translate(stepped, moved, dimension) is int translated) return SubscriptChoice.Fixed(translated);
                context.Report(DiagnosticCodes.BadMapping, $"{stepped.Name} does not correspond to {dimension.Name}", scope, sub.Span);
                return null;
            }
            if (!context.Variables.ContainsKey(canonical))
            {
                ReportUnknownElement(sub, dimension);
                return null;
            }
        }
        if (sub.Expression is null)
        {
            ReportUnknownElement(sub, dimension);
            return null;
        }
        var index = BindScalar(sub.Expression, () => $"the subscript '{sub.Text}'");
        if (index is null) return null;
        if (index is BConst c)
        {
            int i = (int)Math.Floor(c.Value) - 1;
            if (i >= 0 && i < dimension.Size) return SubscriptChoice.Fixed(i);
            context.Report(DiagnosticCodes.UnknownElement, $"index {c.Value} is outside {dimension.Name} (1 to {dimension.Size})", scope, sub.Span);
            return null;
        }
        return new SubscriptChoice.Dynamic(index);
    }

    /// <summary>
    /// XMILE's dimension position <c>@k</c>: the current element's index in the k-th dimension of the
    /// variable being defined, so <c>B[DimN, DimN, DimM] = A[DimM, @1, @2]</c> transposes even when names repeat.
    /// </summary>
    private SubscriptChoice? DimensionPosition(Subscript sub, Dimension target)
    {
        var own = scope.Variable.Dimensions;
        if (!int.TryParse(sub.Text.AsSpan(1).Trim(), System.Globalization.NumberStyles.None, null, out int k) || k < 1 || k > own.Length)
        {
            context.Report(DiagnosticCodes.DimensionMismatch,
                own.Length == 0 ? $"'{sub.Text}' names a dimension position, but '{scope.Variable.Name}' is not arrayed"
                                : $"'{sub.Text}' is not a dimension position of '{scope.Variable.Name}' (@1 to @{own.Length})",
                scope, sub.Span, "@k stands for the current element of the k-th dimension of the variable being defined");
            return null;
        }
        var from = own[k - 1];
        if (DimensionRelations.Translate(from, scope.Element.Indices[k - 1], target) is int index) return SubscriptChoice.Fixed(index);
        context.Report(DiagnosticCodes.DimensionMismatch,
            $"'{sub.Text}' is {from.Name}, which does not correspond to {target.Name}", scope, sub.Span,
            $"declare {from.Name} a subrange of {target.Name} or map it onto {target.Name}");
        return null;
    }

    private static int ElementIndex(Dimension dimension, string text)
    {
        int i = dimension.IndexOf(text);
        if (i >= 0) return i;
        // Qualified element: Age."0-17" or Age.young
        string name = dimension.Name;
        if (text.Length > name.Length && text[name.Length] == '.' && text.StartsWith(name, StringComparison.OrdinalIgnoreCase))
            return dimension.IndexOf(text[(name.Length + 1)..].Trim('"'));
        return -1;
    }

    /// <summary>A dimension named in a subscript: the current element's position when it is fixed, else all its elements.</summary>
    private SubscriptChoice? FromDimension(Dimension named, Dimension target, Subscript sub)
    {
        if (scope.IndexIn(named) is int current)
        {
            if (DimensionRelations.Translate(named, current, target) is int index) return SubscriptChoice.Fixed(index);
            if (named == target || DimensionRelations.Related(named, target))
            {
                context.Report(DiagnosticCodes.BadMapping,
                    $"element '{named.Elements[current]}' of {named.Name} is not in {target.Name}", scope, sub.Span);
                return null;
            }
            context.Report(DiagnosticCodes.DimensionMismatch,
                $"{named.Name} is used to subscript a dimension of {target.Name}, and they are not related", scope, sub.Span,
                $"declare {named.Name} a subrange of {target.Name} or map it onto {target.Name}");
            return null;
        }
        return FreeOver(named.Name, target, sub);
    }

    private SubscriptChoice? FreeOver(string name, Dimension target, Subscript sub)
    {
        if (!context.Dimensions.TryGetValue(Identifier.Canonical(name), out var over))
        {
            context.Report(DiagnosticCodes.UnknownDimension, $"unknown dimension '{name}'", scope, sub.Span,
                NameSuggester.Suggest(name, context.Dimensions.Values.Select(d => d.Name)) is { } s ? $"did you mean '{s}'?" : null);
            return null;
        }
        var map = new int[over.Size];
        for (int j = 0; j < over.Size; j++)
        {
            if (DimensionRelations.Translate(over, j, target) is not int i)
            {
                context.Report(DiagnosticCodes.DimensionMismatch,
                    $"{over.Name} cannot stand for {target.Name}: element '{over.Elements[j]}' has no counterpart", scope, sub.Span,
                    $"declare {over.Name} a subrange of {target.Name} or map it onto {target.Name}");
                return null;
            }
            map[j] = i;
        }
        return SubscriptChoice.Free(over, map);
    }

    private void ReportUnknownElement(Subscript sub, Dimension dimension)
    {
        string? suggestion = NameSuggester.Suggest(sub.Text, dimension.Elements.Concat(context.Dimensions.Values.Select(d => d.Name)));
        context.Report(DiagnosticCodes.UnknownElement, $"'{sub.Text}' is not an element of {dimension.Name}", scope, sub.Span,
            suggestion is not null ? $"did you mean '{suggestion}'?" : $"{dimension.Name} has: {string.Join(", ", dimension.Elements.Take(12))}{(dimension.Size > 12 ? ", ..." : "")}");
    }

    private static int[] Identity(int n) => Enumerable.Range(0, n).ToArray();
}
