using Simulation.Engine.Binding;
using Simulation.Engine.Ops;

namespace Simulation.Engine.Structure.Dominance;

/// <summary>
/// Evaluates one element's bound equation at values the caller chooses, by the operations' reference meanings (the
/// ones <see cref="Runtime.PlanInterpreter"/> runs), so a link score can ask "what would this equation give if only
/// one of its inputs had changed?". Equations with memory of their own (INIT, PREVIOUS, DELAY FIXED, random draws)
/// cannot be asked that: <see cref="CanEvaluate"/> is false for them.
/// </summary>
public sealed class EquationEvaluator(BoundModel model)
{
    /// <summary>Whether <paramref name="expr"/> is a function of its inputs and the time alone.</summary>
    public static bool CanEvaluate(BoundExpr expr) => expr switch
    {
        BConst or BRef or BTime => true,
        BUnary u => CanEvaluate(u.Operand),
        BBinary b => CanEvaluate(b.Left) && CanEvaluate(b.Right),
        BIf i => CanEvaluate(i.Condition) && CanEvaluate(i.Then) && CanEvaluate(i.Else),
        BCall c => c.Arguments.All(CanEvaluate),
        BLookup l => CanEvaluate(l.Input),
        BReduce r => r.Items.All(CanEvaluate),
        BSelect s => CanEvaluate(s.Index) && s.Items.All(CanEvaluate),
        BActiveInitial a => CanEvaluate(a.Active),
        _ => false, // INIT, PREVIOUS, DELAY FIXED, random draws: values that depend on the run's past
    };

    /// <summary>The value of <paramref name="expr"/> with element e at <paramref name="value"/>(e), at time <paramref name="time"/>.</summary>
    public double Evaluate(BoundExpr expr, Func<int, double> value, double time)
    {
        double dt = model.Time.Dt;
        switch (expr)
        {
            case BConst c:
                return c.Value;
            case BRef r:
                return value(r.Element);
            case BTime t:
                return t.Quantity switch
                {
                    TimeQuantity.Time => time,
                    TimeQuantity.Dt => dt,
                    TimeQuantity.Start => model.Time.Start,
                    _ => model.Time.Stop,
                };
            case BUnary u:
                double x = Evaluate(u.Operand, value, time);
                return Operations.For(u.Operator) is { } unary ? unary.Apply(x, 0, 0, 0, time, dt) : x;
            case BBinary b:
                return Operations.For(b.Operator).Apply(Evaluate(b.Left, value, time), Evaluate(b.Right, value, time), 0, 0, time, dt);
            case BIf i:
                return Operations.Select.Apply(Evaluate(i.Condition, value, time), Evaluate(i.Then, value, time), Evaluate(i.Else, value, time), 0, time, dt);
            case BCall call:
                double Arg(int k) => k < call.Arguments.Length ? Evaluate(call.Arguments[k], value, time) : 0;
                return call.Function.Apply(Arg(0), Arg(1), Arg(2), Arg(3), time, dt);
            case BLookup l:
                return l.Mode.Apply(model.Tables[l.Table], Evaluate(l.Input, value, time));
            case BReduce r:
                return r.Operator.Apply(r.Items.Select(item => Evaluate(item, value, time)).ToArray());
            case BSelect s:
                return ChooseOperation.Position(Evaluate(s.Index, value, time), s.Items.Length) is int k ? Evaluate(s.Items[k], value, time) : 0;
            case BActiveInitial a:
                return Evaluate(a.Active, value, time);
            default:
                throw new InvalidOperationException($"{expr.GetType().Name} has memory of its own; check CanEvaluate first");
        }
    }
}
