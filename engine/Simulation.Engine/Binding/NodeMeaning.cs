using Simulation.Engine.Ops;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Binding;

/// <summary>Where <see cref="NodeMeaning"/> finds the value of an operand: false when the operand has none (yet).</summary>
internal interface IOperandValues
{
    bool TryValue(BoundExpr operand, out double value);
}

/// <summary>
/// What one node of a bound expression computes from its operands' values, in one place: each operator, builtin,
/// lookup and reduction by its operation's reference meaning (the one the interpreters run), the branch an IF takes
/// and the item a choice picks. <see cref="ConstantFolder"/> asks it with operands that are constants;
/// <see cref="Structure.Dominance.EquationEvaluator"/> with operands evaluated at values of its choosing. The operands
/// come through a struct so that asking allocates nothing.
/// </summary>
internal static class NodeMeaning
{
    /// <summary>The branch an IF takes when its condition has this value.</summary>
    public static BoundExpr Branch(BIf node, double condition) => Truth.IsTrue(condition) ? node.Then : node.Else;

    /// <summary>The item a choice picks at this index; null when the index is outside the items (the choice is then 0).</summary>
    public static BoundExpr? Item(BSelect node, double index) =>
        ChooseOperation.Position(index, node.Items.Length) is int k ? node.Items[k] : null;

    /// <summary>A binary operator's value on these operands (for walks that take a long chain a link at a time).</summary>
    public static double Binary(BinaryOperator op, double left, double right, BoundModel model, double time) =>
        Operations.For(op).Apply(left, right, 0, 0, time, model.Time.Dt);

    /// <summary>
    /// The value at <paramref name="time"/> of a unary or binary operation, a call, a lookup or a reduction whose
    /// operands all have values; null when one has none, and for every other kind of node.
    /// </summary>
    public static double? Value<TOperands>(BoundExpr node, TOperands operands, BoundModel model, double time)
        where TOperands : struct, IOperandValues
    {
        double dt = model.Time.Dt;
        switch (node)
        {
            case BUnary u:
                if (!operands.TryValue(u.Operand, out double x)) return null;
                return Operations.For(u.Operator) is { } unary ? unary.Apply(x, 0, 0, 0, time, dt) : x; // unary plus: no operation
            case BBinary b:
                if (!operands.TryValue(b.Left, out double left) || !operands.TryValue(b.Right, out double right)) return null;
                return Binary(b.Operator, left, right, model, time);
            case BCall c:
                Span<double> args = stackalloc double[4]; // the reference meaning takes four operands; missing ones are 0
                for (int k = 0; k < c.Arguments.Length; k++)
                {
                    if (!operands.TryValue(c.Arguments[k], out double a)) return null;
                    if (k < args.Length) args[k] = a;
                }
                return c.Function.Apply(args[0], args[1], args[2], args[3], time, dt);
            case BLookup l:
                if (!operands.TryValue(l.Input, out double input)) return null;
                return l.Mode.Apply(model.Tables[l.Table], input);
            case BReduce r:
                double[]? items = null; // made at the first value: the emitter asks of every reduction, mostly of non-constant items
                for (int k = 0; k < r.Items.Length; k++)
                {
                    if (!operands.TryValue(r.Items[k], out double item)) return null;
                    (items ??= new double[r.Items.Length])[k] = item;
                }
                return r.Operator.Apply(items ?? []);
            default:
                return null;
        }
    }
}
