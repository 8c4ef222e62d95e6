using System.Collections.Immutable;
using Simulation.Engine.Binding;
using Simulation.Engine.Runtime;

namespace Simulation.Engine.Compilation;

/// <summary>
/// Folds, bottom-up, every operation whose operands are literal constants, and every IF whose
/// condition is one. Arrayed equations make this common: in <c>IF Age = 1 THEN births ELSE 0</c>
/// the condition is a constant for each element. Values come from the same operators the
/// evaluator uses, so folding never changes a result.
/// </summary>
internal static class ConstantFolder
{
    public static BoundExpr Fold(BoundExpr expr, BoundModel model)
    {
        switch (expr)
        {
            case BUnary u:
            {
                var operand = Fold(u.Operand, model);
                var e = u with { Operand = operand };
                return operand is BConst ? Evaluate(e, model) : e;
            }
            case BBinary b:
            {
                var left = Fold(b.Left, model);
                var right = Fold(b.Right, model);
                var e = new BBinary(b.Operator, left, right);
                return left is BConst && right is BConst ? Evaluate(e, model) : e;
            }
            case BIf i:
            {
                var condition = Fold(i.Condition, model);
                if (condition is BConst c) return Fold(ScalarMath.Truth(c.Value) ? i.Then : i.Else, model);
                return new BIf(condition, Fold(i.Then, model), Fold(i.Else, model));
            }
            case BCall call:
            {
                var args = call.Arguments.Select(a => Fold(a, model)).ToImmutableArray();
                var e = new BCall(call.Function, args);
                bool timeFunction = call.Function is BuiltinFunction.Step or BuiltinFunction.Pulse or BuiltinFunction.Ramp or BuiltinFunction.PulseTrain;
                return !timeFunction && args.All(a => a is BConst) ? Evaluate(e, model) : e;
            }
            case BLookup l:
            {
                var input = Fold(l.Input, model);
                var e = l with { Input = input };
                return input is BConst ? Evaluate(e, model) : e;
            }
            case BReduce r:
            {
                var items = r.Items.Select(a => Fold(a, model)).ToImmutableArray();
                var e = new BReduce(r.Operator, items);
                return items.All(a => a is BConst) ? Evaluate(e, model) : e;
            }
            case BSelect s:
            {
                var index = Fold(s.Index, model);
                var items = s.Items.Select(a => Fold(a, model)).ToImmutableArray();
                if (index is BConst k)
                {
                    int i = (int)Math.Floor(k.Value) - 1;
                    return i >= 0 && i < items.Length ? items[i] : new BConst(0);
                }
                return new BSelect(index, items);
            }
            case BInit init:
                return new BInit(Fold(init.Inner, model));
            case BPrevious p:
                return new BPrevious(Fold(p.Inner, model), Fold(p.Initial, model));
            case BDelayFixed d:
                return new BDelayFixed(Fold(d.Input, model), Fold(d.DelayTime, model), Fold(d.Initial, model));
            case BRandom r: // never folded: each step draws anew
                return r with { Arguments = r.Arguments.Select(a => Fold(a, model)).ToImmutableArray() };
            default:
                return expr;
        }
    }

    private static BConst Evaluate(BoundExpr e, BoundModel model) =>
        new(ExpressionInterpreter.Evaluate(e, model, _ => throw new InvalidOperationException("a folded expression has no references"), model.Time.Start));
}
