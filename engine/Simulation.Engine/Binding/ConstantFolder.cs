using System.Collections.Immutable;
using System.Runtime.InteropServices;
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

    /// <summary>
    /// Folds bottom-up. A node none of whose operands changed is returned as it is, not copied: most of a model's
    /// equations have nothing to fold, and every copy was memory to allocate and collect (a plan's compile folds each
    /// equation at least once, and a shared plan's again for each scenario).
    /// </summary>
    private static BoundExpr Fold(BoundExpr expr, BoundModel model, Func<int, double?>? valueOf)
    {
        BoundExpr Inner(BoundExpr e) => Fold(e, model, valueOf);
        switch (expr)
        {
            case BRef r when valueOf?.Invoke(r.Element) is double value:
                return new BConst(value);
            case BTime { Quantity: not TimeQuantity.Time } t when valueOf is not null:
                return new BConst(t.Quantity switch { TimeQuantity.Dt => model.Time.Dt, TimeQuantity.Start => model.Time.Start, _ => model.Time.Stop });
            case BUnary u:
            {
                var operand = Inner(u.Operand);
                return FoldNode(Same(operand, u.Operand) ? u : u with { Operand = operand }, model);
            }
            case BBinary top: // the chain down its left operands in a loop (see BinaryChain)
            {
                var spine = BinaryChain.Spine(top, b => b.Left, out BoundExpr leftmost);
                var left = Inner(leftmost);
                foreach (var b in spine)
                {
                    var right = Inner(b.Right);
                    left = FoldNode(Same(left, b.Left) && Same(right, b.Right) ? b : new BBinary(b.Operator, left, right), model);
                }
                return left;
            }
            case BIf i:
            {
                var condition = Inner(i.Condition);
                if (condition is BConst c) return Inner(Truth.IsTrue(c.Value) ? i.Then : i.Else);
                var (then, otherwise) = (Inner(i.Then), Inner(i.Else));
                return Same(condition, i.Condition) && Same(then, i.Then) && Same(otherwise, i.Else) ? i : new BIf(condition, then, otherwise);
            }
            case BCall call:
                return All(call.Arguments, out var arguments) ? FoldNode(call, model) : FoldNode(new BCall(call.Function, arguments), model);
            case BLookup l:
            {
                var input = Inner(l.Input);
                return FoldNode(Same(input, l.Input) ? l : l with { Input = input }, model);
            }
            case BReduce r:
                return All(r.Items, out var folded) ? FoldNode(r, model) : FoldNode(new BReduce(r.Operator, folded), model);
            case BSelect s:
            {
                var index = Inner(s.Index);
                return All(s.Items, out var choices) && Same(index, s.Index) ? FoldNode(s, model) : FoldNode(new BSelect(index, choices), model);
            }
            case BInit init:
            {
                var inner = Inner(init.Inner);
                return Same(inner, init.Inner) ? init : new BInit(inner);
            }
            case BPrevious p:
            {
                var (inner, initial) = (Inner(p.Inner), Inner(p.Initial));
                return Same(inner, p.Inner) && Same(initial, p.Initial) ? p : new BPrevious(inner, initial);
            }
            case BActiveInitial a:
            {
                var (active, initial) = (Inner(a.Active), Inner(a.Initial));
                return Same(active, a.Active) && Same(initial, a.Initial) ? a : new BActiveInitial(active, initial);
            }
            case BDelayFixed d:
            {
                var (input, delay, initial, missing) = (Inner(d.Input), Inner(d.DelayTime), Inner(d.Initial), d.Missing is { } m ? Inner(m) : null);
                return Same(input, d.Input) && Same(delay, d.DelayTime) && Same(initial, d.Initial) && ReferenceEquals(missing, d.Missing)
                    ? d : d with { Input = input, DelayTime = delay, Initial = initial, Missing = missing };
            }
            case BRandom r: // never folded: each step draws anew
                return All(r.Arguments, out var randomArguments) ? r : r with { Arguments = randomArguments };
            default:
                return expr;
        }

        // True when folding changed none of the items (the items then are the same array); the folded items otherwise.
        bool All(ImmutableArray<BoundExpr> items, out ImmutableArray<BoundExpr> folded)
        {
            BoundExpr[]? changed = null;
            for (int k = 0; k < items.Length; k++)
            {
                var item = Inner(items[k]);
                if (changed is null && Same(item, items[k])) continue;
                changed ??= items.ToArray();
                changed[k] = item;
            }
            folded = changed is null ? items : ImmutableCollectionsMarshal.AsImmutableArray(changed);
            return changed is null;
        }
    }

    private static bool Same(BoundExpr folded, BoundExpr original) => ReferenceEquals(folded, original);

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
