using System.Collections.Immutable;
using Simulation.Engine.Ops;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Binding;

/// <summary>
/// Folds, bottom-up, every operation whose operands are literal constants, and every IF whose condition is one.
/// Arrayed equations make this common: in <c>IF Age = 1 THEN births ELSE 0</c> the condition is a constant for each
/// element. A folded value is the operation's own meaning (<see cref="Operation"/>), which the interpreters run too,
/// so folding never changes a result. Given the values of elements, the same folding evaluates an expression
/// (<see cref="Evaluate"/>), for checks and parameter defaults.
/// </summary>
internal static class ConstantFolder
{
    public static BoundExpr Fold(BoundExpr expr, BoundModel model) => Fold(expr, model, null);

    /// <summary>The value of a time-invariant expression with the elements' values that <paramref name="valueOf"/> knows; null when it has no single value.</summary>
    public static double? Evaluate(BoundExpr expr, BoundModel model, Func<int, double?> valueOf) =>
        Fold(expr, model, valueOf) is BConst c ? c.Value : null;

    /// <summary>The expression folded with the elements' values that <paramref name="valueOf"/> knows (the rest stay references).</summary>
    public static BoundExpr Specialize(BoundExpr expr, BoundModel model, Func<int, double?> valueOf) => Fold(expr, model, valueOf);

    private static BoundExpr Fold(BoundExpr expr, BoundModel model, Func<int, double?>? valueOf)
    {
        BoundExpr Inner(BoundExpr e) => Fold(e, model, valueOf);
        ImmutableArray<BoundExpr> All(ImmutableArray<BoundExpr> items) => items.Select(Inner).ToImmutableArray();
        switch (expr)
        {
            case BRef r when valueOf?.Invoke(r.Element) is double value:
                return new BConst(value);
            case BTime { Quantity: not TimeQuantity.Time } t when valueOf is not null:
                return new BConst(t.Quantity switch { TimeQuantity.Dt => model.Time.Dt, TimeQuantity.Start => model.Time.Start, _ => model.Time.Stop });
            case BUnary u:
                return FoldNode(u with { Operand = Inner(u.Operand) }, model);
            case BBinary top: // the chain down its left operands in a loop (see BinaryChain)
            {
                var spine = BinaryChain.Spine(top, b => b.Left, out BoundExpr leftmost);
                var left = Inner(leftmost);
                foreach (var b in spine) left = FoldNode(new BBinary(b.Operator, left, Inner(b.Right)), model);
                return left;
            }
            case BIf i:
            {
                var condition = Inner(i.Condition);
                if (condition is BConst c) return Inner(Truth.IsTrue(c.Value) ? i.Then : i.Else);
                return new BIf(condition, Inner(i.Then), Inner(i.Else));
            }
            case BCall call:
                return FoldNode(new BCall(call.Function, All(call.Arguments)), model);
            case BLookup l:
                return FoldNode(l with { Input = Inner(l.Input) }, model);
            case BReduce r:
                return FoldNode(new BReduce(r.Operator, All(r.Items)), model);
            case BSelect s:
                return FoldNode(new BSelect(Inner(s.Index), All(s.Items)), model);
            case BInit init:
                return new BInit(Inner(init.Inner));
            case BPrevious p:
                return new BPrevious(Inner(p.Inner), Inner(p.Initial));
            case BActiveInitial a:
                return new BActiveInitial(Inner(a.Active), Inner(a.Initial));
            case BDelayFixed d:
                return d with { Input = Inner(d.Input), DelayTime = Inner(d.DelayTime), Initial = Inner(d.Initial), Missing = d.Missing is { } m ? Inner(m) : null };
            case BRandom r: // never folded: each step draws anew
                return r with { Arguments = All(r.Arguments) };
            default:
                return expr;
        }
    }

    /// <summary>
    /// Folds one node whose operands are folded already: its value (<see cref="NodeMeaning"/>) when they are all
    /// constants (time functions excepted: their value changes with TIME), the chosen branch or item when the choice
    /// is a constant.
    /// </summary>
    public static BoundExpr FoldNode(BoundExpr expr, BoundModel model) => expr switch
    {
        BIf { Condition: BConst condition } i => FoldNode(NodeMeaning.Branch(i, condition.Value), model),
        BSelect { Index: BConst k } s => NodeMeaning.Item(s, k.Value) ?? new BConst(0),
        BCall { Function.Kind: OperationKind.Timed } => expr,
        _ => NodeMeaning.Value(expr, new Constants(), model, model.Time.Start) is double value ? new BConst(value) : expr,
    };

    /// <summary>Operands that are constants have their values; the rest have none.</summary>
    private readonly struct Constants : IOperandValues
    {
        public bool TryValue(BoundExpr operand, out double value)
        {
            value = operand is BConst c ? c.Value : 0;
            return operand is BConst;
        }
    }
}
