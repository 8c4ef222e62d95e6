using System.Collections.Immutable;
using Simulation.Engine.Binding;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Structure;

/// <summary>The direction in which a change in a cause moves its effect, other causes held.</summary>
public enum Polarity
{
    /// <summary>The cause does not appear (the sign of "no link").</summary>
    None,
    Positive,
    Negative,
    Unknown,
}

/// <summary>
/// The polarity of a link read from the equation's syntax: the sign of d(effect)/d(cause). As system-dynamics tools
/// do, it assumes the values the equation reads are positive (stocks, rates and parameters usually are): then
/// <c>a * b</c> and <c>a / b</c> rise with a, <c>a / b</c> falls with b, <c>a - b</c> falls with b. Numbers written in
/// the equation have their own sign. Builtins pass a polarity through the arguments in which they never decrease
/// (their <see cref="BuiltinSignature.IncreasingIn"/>, from the operation catalogue); a graphical function by whether
/// its points rise or fall. Anything else that involves the cause (a comparison, a condition, MOD, a rising-then-falling
/// graph) makes the polarity <see cref="Polarity.Unknown"/>.
/// </summary>
public sealed class LinkPolarity(Func<string, GraphShape?> graphOf)
{
    /// <summary>How d(expression)/d(cause) is signed, where <paramref name="cause"/> is a canonical variable name.</summary>
    public Polarity Of(Expr expr, string cause) => expr switch
    {
        NumberExpr => Polarity.None,
        NameExpr n => n.Canonical == cause ? Polarity.Positive : Polarity.None,
        SubscriptExpr s => s.Target.Canonical == cause ? Polarity.Positive : Polarity.None,
        UnaryExpr { Operator: UnaryOperator.Plus } u => Of(u.Operand, cause),
        UnaryExpr { Operator: UnaryOperator.Negate } u => Negate(Of(u.Operand, cause)),
        UnaryExpr u => Opaque(u.Operand, cause),
        BinaryExpr b => Binary(b, cause),
        IfExpr i => Mentions(i.Condition, cause) ? Polarity.Unknown : Combine(Of(i.Then, cause), Of(i.Else, cause)),
        CallExpr c => Call(c, cause),
        _ => Polarity.Unknown,
    };

    private Polarity Binary(BinaryExpr b, string cause)
    {
        var left = Of(b.Left, cause);
        var right = Of(b.Right, cause);
        return b.Operator switch
        {
            BinaryOperator.Add => Combine(left, right),
            BinaryOperator.Subtract => Combine(left, Negate(right)),
            // d(ab) = b da + a db
            BinaryOperator.Multiply => Combine(Times(left, SignOf(b.Right)), Times(right, SignOf(b.Left))),
            // d(a/b) = da / b - a db / b^2
            BinaryOperator.Divide => Combine(Times(left, SignOf(b.Right)), Negate(Times(right, SignOf(b.Left)))),
            // a^n with n a positive number and a positive: rises with a
            BinaryOperator.Power when right == Polarity.None && SignOf(b.Right) == Polarity.Positive && SignOf(b.Left) == Polarity.Positive => left,
            _ => left == Polarity.None && right == Polarity.None ? Polarity.None : Polarity.Unknown,
        };
    }

    private Polarity Call(CallExpr call, string cause)
    {
        if (graphOf(call.Function.Canonical) is { } shape)
            return call.Arguments.Length == 1 ? Times(Of(call.Arguments[0], cause), shape.AsPolarity()) : Polarity.Unknown;
        var increasing = BuiltinCatalog.Find(call.Function.Name)?.IncreasingIn ?? [];
        var result = Polarity.None;
        for (int i = 0; i < call.Arguments.Length; i++)
        {
            var p = Of(call.Arguments[i], cause);
            if (p == Polarity.None) continue;
            result = Combine(result, increasing.Contains(i) ? p : Polarity.Unknown);
        }
        return result;
    }

    /// <summary>
    /// The sign of an expression's value, assuming every variable it reads is positive: a graphical function's by its
    /// points; a builtin that never decreases in its arguments is positive when they all are (SMTH, DELAY, MIN, SUM, EXP,
    /// STEP...), except the logarithms and inverse sines and tangents, which are negative below 1 or 0.
    /// </summary>
    public Polarity SignOf(Expr expr) => expr switch
    {
        NumberExpr n => n.Value > 0 ? Polarity.Positive : n.Value < 0 ? Polarity.Negative : Polarity.None,
        NameExpr or SubscriptExpr => Polarity.Positive,
        UnaryExpr { Operator: UnaryOperator.Plus } u => SignOf(u.Operand),
        UnaryExpr { Operator: UnaryOperator.Negate } u => Negate(SignOf(u.Operand)),
        BinaryExpr { Operator: BinaryOperator.Multiply or BinaryOperator.Divide } b => Times(SignOf(b.Left), SignOf(b.Right)),
        BinaryExpr { Operator: BinaryOperator.Add } b when SignOf(b.Left) == Polarity.Positive && SignOf(b.Right) == Polarity.Positive => Polarity.Positive,
        CallExpr c when graphOf(c.Function.Canonical) is { } shape =>
            shape.IsPositive ? Polarity.Positive : Polarity.Unknown,
        CallExpr c when BuiltinCatalog.Find(c.Function.Name) is { IncreasingIn.IsEmpty: false } builtin && !MayBeNegative.Contains(builtin.Name)
            && c.Arguments.All(a => SignOf(a) == Polarity.Positive) => Polarity.Positive,
        _ => Polarity.Unknown,
    };

    private static readonly HashSet<string> MayBeNegative = ["LN", "LOG10", "ARCSIN", "ARCTAN"];

    private Polarity Opaque(Expr operand, string cause) => Mentions(operand, cause) ? Polarity.Unknown : Polarity.None;

    private static bool Mentions(Expr expr, string cause) => ExprWalk.Names(expr).Any(n => n.Canonical == cause);

    /// <summary>The polarity of a sum of two contributions.</summary>
    public static Polarity Combine(Polarity a, Polarity b) =>
        a == Polarity.None ? b : b == Polarity.None ? a : a == b ? a : Polarity.Unknown;

    /// <summary>The polarity of a product: of a chain of links, or of a contribution scaled by a signed factor.</summary>
    public static Polarity Times(Polarity a, Polarity b) => (a, b) switch
    {
        (Polarity.None, _) or (_, Polarity.None) => Polarity.None,
        (Polarity.Unknown, _) or (_, Polarity.Unknown) => Polarity.Unknown,
        _ => a == b ? Polarity.Positive : Polarity.Negative,
    };

    public static Polarity Negate(Polarity p) => p switch
    {
        Polarity.Positive => Polarity.Negative,
        Polarity.Negative => Polarity.Positive,
        _ => p,
    };
}

/// <summary>Whether a graphical function's points rise, fall or do both, and whether every y is positive.</summary>
public enum GraphTrend
{
    Rising,
    Falling,
    Flat,
    Mixed,
}

/// <summary>A graphical function's shape.</summary>
public readonly record struct GraphShape(GraphTrend Trend, bool IsPositive)
{
    /// <summary>Rising when no y falls from one point to the next, falling when none rises.</summary>
    public static GraphShape Of(ImmutableArray<double> y)
    {
        bool rises = false, falls = false;
        for (int i = 1; i < y.Length; i++)
        {
            rises |= y[i] > y[i - 1];
            falls |= y[i] < y[i - 1];
        }
        var trend = (rises, falls) switch
        {
            (true, true) => GraphTrend.Mixed,
            (true, false) => GraphTrend.Rising,
            (false, true) => GraphTrend.Falling,
            _ => GraphTrend.Flat,
        };
        return new GraphShape(trend, y.All(v => v > 0));
    }

    /// <summary>Several graphs (one per element) as one: the same trend, or mixed.</summary>
    public static GraphShape Merge(IEnumerable<GraphShape> shapes)
    {
        var list = shapes.ToList();
        return new GraphShape(list.Select(s => s.Trend).Distinct().Count() == 1 ? list[0].Trend : GraphTrend.Mixed, list.All(s => s.IsPositive));
    }

    public Polarity AsPolarity() => Trend switch
    {
        GraphTrend.Rising => Polarity.Positive,
        GraphTrend.Falling => Polarity.Negative,
        GraphTrend.Flat => Polarity.None,
        _ => Polarity.Unknown,
    };
}
