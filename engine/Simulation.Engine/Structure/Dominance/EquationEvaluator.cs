using Simulation.Engine.Binding;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Structure.Dominance;

/// <summary>
/// Evaluates one element's bound equation at values the caller chooses, each node by its one meaning
/// (<see cref="NodeMeaning"/>, which constant folding uses too), so a link score can ask "what would this equation
/// give if only one of its inputs had changed?". INIT(x) is x at the start of the run, fixed for the whole run: it is
/// evaluated once, at the values the run started with (<see cref="Start"/>). Equations with a memory that changes over
/// the run (PREVIOUS, DELAY FIXED, random draws) cannot be asked that: <see cref="CanEvaluate"/> is false for them.
/// </summary>
public sealed class EquationEvaluator(BoundModel model)
{
    private readonly Dictionary<BInit, double> _init = new(ReferenceEqualityComparer.Instance);
    private Func<int, double>? _start;

    /// <summary>
    /// Whether <paramref name="expr"/> is a function of its inputs, the time and values fixed at the start (INIT): it
    /// reads, during the run, no PREVIOUS, DELAY FIXED or random draw (values that depend on the run's past).
    /// ACTIVE_INITIAL then reads only its active side.
    /// </summary>
    public static bool CanEvaluate(BoundExpr expr) => !BoundTree.Any(expr, node => HasMemory(node) || node is BInit i && Remembers(i.Inner), Phase.Rates);

    private static bool HasMemory(BoundExpr node) => node is BPrevious or BDelayFixed or BRandom;

    private static bool Remembers(BoundExpr inner) => BoundTree.Any(inner, node => HasMemory(node) || node is BInit, phase: null);

    /// <summary>The values of the elements when the run started (at its start time): what INIT reads.</summary>
    public void Start(double[] values)
    {
        var start = (double[])values.Clone();
        _start = e => start[e];
        _init.Clear();
    }

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
        BInit i => Initial(i),
        BBinary { Left: BBinary } chain => EvaluateChain(chain, value, time),
        _ => NodeMeaning.Value(expr, new AtValues(this, value, time), model, time)
             ?? throw new InvalidOperationException($"{expr.GetType().Name} has memory of its own; check CanEvaluate first"),
    };

    /// <summary>INIT(x): x at the run's start, computed once a run.</summary>
    private double Initial(BInit init)
    {
        if (_init.TryGetValue(init, out double v)) return v;
        var start = _start ?? throw new InvalidOperationException("INIT needs the run's start values; call Start first");
        return _init[init] = Evaluate(init.Inner, start, model.Time.Start);
    }

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
