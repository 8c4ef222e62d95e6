using Simulation.Engine.Binding;
using Simulation.Engine.Ops;

namespace Simulation.Engine.Checking;

/// <summary>
/// Finds the elements an expression reads, for dependency ordering: those it reads in a phase, or (with no phase)
/// every element it names anywhere (<see cref="BoundTree.ForEachChild{TState}"/>).
/// </summary>
public static class References
{
    public static void Collect(BoundExpr expr, Phase? phase, List<int> into)
    {
        if (expr is BRef r) into.Add(r.Element);
        else BoundTree.ForEachChild(expr, phase, (phase, into), static (child, s) => Collect(child, s.phase, s.into));
    }

    public static List<int> Of(BoundExpr? expr, Phase? phase)
    {
        var list = new List<int>();
        if (expr is not null) Collect(expr, phase, list);
        return list;
    }

    /// <summary>True when the expression reads TIME (directly or through a time function).</summary>
    public static bool ReadsTime(BoundExpr expr) => expr switch
    {
        BTime t => t.Quantity == TimeQuantity.Time,
        BCall c => c.Function.Kind == OperationKind.Timed || c.Arguments.Any(ReadsTime),
        BUnary u => ReadsTime(u.Operand),
        BBinary b => BoundTree.Operands(b).Any(ReadsTime),
        BIf i => ReadsTime(i.Condition) || ReadsTime(i.Then) || ReadsTime(i.Else),
        BLookup l => ReadsTime(l.Input),
        BReduce r => r.Items.Any(ReadsTime),
        BSelect s => ReadsTime(s.Index) || s.Items.Any(ReadsTime),
        BPrevious or BDelayFixed or BRandom => true,
        BActiveInitial a => ReadsTime(a.Active) || ReadsTime(a.Initial),
        _ => false,
    };

    /// <summary>True when the expression reads STOPTIME, so that a run stopped earlier would compute other values.</summary>
    public static bool ReadsStopTime(BoundExpr expr) => expr switch
    {
        BTime t => t.Quantity == TimeQuantity.Stop,
        BCall c => c.Arguments.Any(ReadsStopTime),
        BUnary u => ReadsStopTime(u.Operand),
        BBinary b => ReadsStopTime(b.Left) || ReadsStopTime(b.Right),
        BIf i => ReadsStopTime(i.Condition) || ReadsStopTime(i.Then) || ReadsStopTime(i.Else),
        BLookup l => ReadsStopTime(l.Input),
        BReduce r => r.Items.Any(ReadsStopTime),
        BSelect s => ReadsStopTime(s.Index) || s.Items.Any(ReadsStopTime),
        BInit init => ReadsStopTime(init.Inner),
        BPrevious p => ReadsStopTime(p.Inner) || ReadsStopTime(p.Initial),
        BDelayFixed d => ReadsStopTime(d.Input) || ReadsStopTime(d.DelayTime) || ReadsStopTime(d.Initial) || (d.Missing is { } m && ReadsStopTime(m)),
        BRandom random => random.Arguments.Any(ReadsStopTime),
        _ => false,
    };
}
