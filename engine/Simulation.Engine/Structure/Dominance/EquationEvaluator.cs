using Simulation.Engine.Binding;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Structure.Dominance;

/// <summary>
/// Evaluates one element's bound equation at values the caller chooses, each node by its one meaning
/// (<see cref="NodeMeaning"/>, which constant folding uses too), so a link score can ask "what would this equation
/// give if only one of its inputs had changed?". Equations with memory of their own (INIT, PREVIOUS, DELAY FIXED,
/// random draws) cannot be asked that: <see cref="CanEvaluate"/> is false for them.
/// </summary>
public sealed class EquationEvaluator(BoundModel model)
{
    /// <summary>
    /// Whether <paramref name="expr"/> is a function of its inputs and the time alone: it reads, during the run, no INIT,
    /// PREVIOUS, DELAY FIXED or random draw (values that depend on the run's past). ACTIVE_INITIAL then reads only its
    /// active side.
    /// </summary>
    public static bool CanEvaluate(BoundExpr expr) =>
        !BoundTree.Any(expr, node => node is BInit or BPrevious or BDelayFixed or BRandom, Phase.Rates);

    /// <summary>The value of <paramref name="expr"/> with element e at <paramref name="value"/>(e), at time <paramref name="time"/>.</summary>
    public double Evaluate(BoundExpr expr, Func<int, double> value, double time) => expr switch
    {
        BConst c => c.Value,
        BRef r => value(r.Element),
        BTime t => t.Quantity switch
        {
            TimeQuantity.Time => time,
            TimeQuantity.Dt => model.Time.Dt,
            TimeQuantity.Start => model.Time.Start,
            _ => model.Time.Stop,
        },
        BIf i => Evaluate(NodeMeaning.Branch(i, Evaluate(i.Condition, value, time)), value, time),
        BSelect s => NodeMeaning.Item(s, Evaluate(s.Index, value, time)) is { } item ? Evaluate(item, value, time) : 0,
        BActiveInitial a => Evaluate(a.Active, value, time),
        BBinary { Left: BBinary } chain => EvaluateChain(chain, value, time),
        _ => NodeMeaning.Value(expr, new AtValues(this, value, time), model, time)
             ?? throw new InvalidOperationException($"{expr.GetType().Name} has memory of its own; check CanEvaluate first"),
    };

    /// <summary>
    /// A chain of binary operations (a + b + c ...), down its left operands in a loop: a chain of 20,000 terms must not
    /// take 20,000 nested calls (sim loops --dominance overflowed the stack on one; see BinaryChain).
    /// </summary>
    private double EvaluateChain(BBinary top, Func<int, double> value, double time)
    {
        var spine = BinaryChain.Spine(top, b => b.Left, out BoundExpr leftmost);
        double left = Evaluate(leftmost, value, time);
        foreach (var b in spine) left = NodeMeaning.Binary(b.Operator, left, Evaluate(b.Right, value, time), model, time);
        return left;
    }

    /// <summary>Operands evaluated with the caller's values of the elements.</summary>
    private readonly struct AtValues(EquationEvaluator evaluator, Func<int, double> value, double time) : IOperandValues
    {
        public bool TryValue(BoundExpr operand, out double result)
        {
            result = evaluator.Evaluate(operand, value, time);
            return true;
        }
    }
}
