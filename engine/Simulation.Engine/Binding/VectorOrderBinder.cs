using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Ops;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Binding;

/// <summary>
/// Ranking and sorting along one dimension: XMILE's RANK and Vensim's VECTOR RANK, VECTOR SORT ORDER and
/// VECTOR REORDER. They are lowered into comparisons and sums of the elements (no operation of their own),
/// so every back end runs them as it runs any arithmetic: the rank of item p is 1 plus the number of items
/// that sort before it, ties in element order. A rank costs n comparisons; an index of a given rank n ranks.
/// </summary>
internal sealed partial class ExpressionBinder
{
    /// <summary>
    /// VECTOR_RANK, VECTOR_SORT_ORDER, VECTOR_REORDER: the vector is the first argument along one dimension, written
    /// <c>x[a, *]</c> or, as Vensim writes it, <c>x[a, D]</c> (the last subscript naming a dimension). The result is
    /// an array over that dimension, read at the current element where the element fixes it.
    /// </summary>
    private ArrayValue? BindVectorOrder(CallExpr call, BuiltinSignature builtin)
    {
        var vector = BindVector(call.Arguments[0], builtin.Name);
        var second = Bind(call.Arguments[1]);
        if (vector is null || second is null) return null;
        var (dimension, items) = vector.Value;
        if (builtin.Category == BuiltinCategory.VectorReorder)
        {
            // result[i] = vector[order[i]], order 0-based as VECTOR_SORT_ORDER gives it.
            if (second.IsScalar) return ArrayValue.Scalar(new BSelect(Plus(second.Items[0], 1), items));
            if (second.Dimensions is not [var d] || d != dimension)
            {
                context.Report(DiagnosticCodes.DimensionMismatch, $"{builtin.Name}'s order must run along the vector's dimension {dimension.Name}",
                    scope, call.Arguments[1].Span);
                return null;
            }
            return AtCurrentElement(dimension, second.Items.Select(order => (BoundExpr)new BSelect(Plus(order, 1), items)).ToArray());
        }
        if (!second.IsScalar)
        {
            context.Report(DiagnosticCodes.DimensionMismatch, $"{builtin.Name}'s direction must be one number (1 ascending, 0 descending)",
                scope, call.Arguments[1].Span);
            return null;
        }
        var sign = new BIf(new BBinary(BinaryOperator.Greater, second.Items[0], new BConst(0)), new BConst(1), new BConst(-1));
        var keys = items.Select(x => (BoundExpr)new BBinary(BinaryOperator.Multiply, sign, x)).ToArray();
        var ranks = Enumerable.Range(0, keys.Length).Select(p => VectorOrder.Rank(keys, null, p)).ToArray();
        if (builtin.Category == BuiltinCategory.VectorRank) return AtCurrentElement(dimension, ranks);
        // VECTOR_SORT_ORDER: at position p, the 0-based index of the item ranked p + 1.
        return AtCurrentElement(dimension, Enumerable.Range(0, keys.Length).Select(p => VectorOrder.IndexOfRank(ranks, new BConst(p + 1), zeroBased: true)).ToArray());
    }

    /// <summary>XMILE's RANK(A, r [, B]): the 1-based (row-major) index of the element of A ranked r ascending, ties broken by B, then by index.</summary>
    private ArrayValue? BindRank(CallExpr call)
    {
        var args = BindAll(call.Arguments);
        if (args is null) return null;
        if (!args[1].IsScalar)
        {
            context.Report(DiagnosticCodes.DimensionMismatch, "RANK's rank must be one number", scope, call.Arguments[1].Span);
            return null;
        }
        var keys = args[0].Items;
        var ties = args.Count > 2 ? args[2].Items : null;
        if (ties is not null && ties.Length != keys.Length)
        {
            context.Report(DiagnosticCodes.DimensionMismatch, $"RANK's tie-breaking array has {ties.Length} elements, the ranked one {keys.Length}",
                scope, call.Arguments[2].Span, "give arrays of the same shape");
            return null;
        }
        var ranks = Enumerable.Range(0, keys.Length).Select(p => VectorOrder.Rank(keys, ties, p)).ToArray();
        return ArrayValue.Scalar(VectorOrder.IndexOfRank(ranks, args[1].Items[0], zeroBased: false));
    }

    /// <summary>
    /// VECTOR_ELM_MAP(x[..], offset), Vensim's VECTOR ELM MAP: the element of x <c>offset</c> places after the one
    /// referenced, counting through all of x's elements in row-major order; 0 outside them.
    /// </summary>
    private ArrayValue? BindElementMap(CallExpr call)
    {
        NameExpr? name = call.Arguments[0] switch { NameExpr n => n, SubscriptExpr s => s.Target, _ => null };
        var referenced = Bind(call.Arguments[0]);
        var offset = Bind(call.Arguments[1]);
        if (referenced is null || offset is null) return null;
        if (name is null || !context.Variables.TryGetValue(name.Canonical, out var variable) || variable.Kind == Model.VariableKind.Graphical
            || referenced.Items.Any(x => x is not BRef))
        {
            context.Report(DiagnosticCodes.InvalidArgument, "VECTOR_ELM_MAP's first argument must name an element of a variable, e.g. x[a, D]",
                scope, call.Arguments[0].Span);
            return null;
        }
        var all = variable.Elements.Select(id => (BoundExpr)new BRef(id)).ToImmutableArray();
        return Zip(call, [referenced, offset], a =>
            new BSelect(new BBinary(BinaryOperator.Add, new BConst(variable.Elements.IndexOf(((BRef)a[0]).Element) + 1), a[1]), all));
    }

    /// <summary>The vector argument: its one free dimension and its items along it.</summary>
    private (Dimension Dimension, ImmutableArray<BoundExpr> Items)? BindVector(Expr argument, string function)
    {
        var value = Bind(FreeLastDimension(argument));
        if (value is null) return null;
        if (value.Dimensions is [var dimension]) return (dimension, value.Items.ToImmutableArray());
        context.Report(DiagnosticCodes.DimensionMismatch, $"{function} works along one dimension, but its vector has {value.Dimensions.Length}",
            scope, argument.Span, "write the vector with the dimension to order along last, e.g. x[a, D] or x[a, *]");
        return null;
    }

    private Expr FreeLastDimension(Expr argument) => FreeLastDimensions(argument, 1);

    /// <summary>
    /// <c>x[a, D]</c> with D a dimension is read as <c>x[a, *:D]</c>: Vensim's vector functions work along the last
    /// subscript (INVERT MATRIX along the last two).
    /// </summary>
    private Expr FreeLastDimensions(Expr argument, int count)
    {
        if (argument is not SubscriptExpr s || s.Subscripts.Length < count) return argument;
        var subscripts = s.Subscripts;
        for (int k = subscripts.Length - count; k < subscripts.Length; k++)
        {
            var sub = subscripts[k];
            if (sub.IsWildcard || sub.Expression is not NameExpr name || !context.Dimensions.ContainsKey(name.Canonical)) continue;
            subscripts = subscripts.SetItem(k, new Subscript("*", null, true, sub.Span) { WildcardSubrange = name.Name });
        }
        return s with { Subscripts = subscripts };
    }

    /// <summary>The item of the current element where it fixes <paramref name="dimension"/>; otherwise the array, left free.</summary>
    private ArrayValue AtCurrentElement(Dimension dimension, BoundExpr[] items) =>
        scope.IndexIn(dimension) is int i ? ArrayValue.Scalar(items[i]) : new ArrayValue([dimension], items);

    private static BoundExpr Plus(BoundExpr x, double k) => new BBinary(BinaryOperator.Add, x, new BConst(k));
}

/// <summary>The comparisons that ranks are made of.</summary>
internal static class VectorOrder
{
    /// <summary>
    /// 1 + the number of items that sort before item <paramref name="p"/>: smaller keys, then (equal keys) smaller
    /// tie-breakers, then (equal both) earlier items.
    /// </summary>
    public static BoundExpr Rank(IReadOnlyList<BoundExpr> keys, IReadOnlyList<BoundExpr>? ties, int p)
    {
        var terms = ImmutableArray.CreateBuilder<BoundExpr>(keys.Count);
        terms.Add(new BConst(1));
        for (int j = 0; j < keys.Count; j++)
            if (j != p) terms.Add(Before(keys, ties, j, p));
        return terms.Count == 1 ? terms[0] : new BReduce(Operations.Sum, terms.ToImmutable());
    }

    /// <summary>Whether item j sorts before item p (1 or 0).</summary>
    private static BoundExpr Before(IReadOnlyList<BoundExpr> keys, IReadOnlyList<BoundExpr>? ties, int j, int p)
    {
        if (ties is null) return new BBinary(j < p ? BinaryOperator.LessEqual : BinaryOperator.Less, keys[j], keys[p]);
        var tieBefore = new BBinary(j < p ? BinaryOperator.LessEqual : BinaryOperator.Less, ties[j], ties[p]);
        var equalKeys = new BBinary(BinaryOperator.Equal, keys[j], keys[p]);
        return new BBinary(BinaryOperator.Or, new BBinary(BinaryOperator.Less, keys[j], keys[p]), new BBinary(BinaryOperator.And, equalKeys, tieBefore));
    }

    /// <summary>The index of the item whose rank is <paramref name="rank"/> (0 or -1 when none is).</summary>
    public static BoundExpr IndexOfRank(IReadOnlyList<BoundExpr> ranks, BoundExpr rank, bool zeroBased)
    {
        var terms = ImmutableArray.CreateBuilder<BoundExpr>(ranks.Count + 1);
        if (zeroBased) terms.Add(new BConst(-1));
        for (int j = 0; j < ranks.Count; j++)
            terms.Add(new BBinary(BinaryOperator.Multiply, new BConst(j + 1), new BBinary(BinaryOperator.Equal, ranks[j], rank)));
        return new BReduce(Operations.Sum, terms.ToImmutable());
    }
}
