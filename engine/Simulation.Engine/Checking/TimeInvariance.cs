using Simulation.Engine.Binding;
using Simulation.Engine.Ops;

namespace Simulation.Engine.Checking;

/// <summary>
/// Which elements keep one value for the whole run (constants, inputs, and expressions of them):
/// the plan computes those once per run instead of every step.
/// </summary>
public static class TimeInvariance
{
    /// <summary>Per element: true when its value never changes during a run. Needs the rates order.</summary>
    public static bool[] Analyse(IReadOnlyList<ModelElement> elements, IReadOnlyList<int> ratesOrder)
    {
        var invariant = new bool[elements.Count];
        foreach (int id in ratesOrder)
            invariant[id] = elements[id].Equation is { } eq && IsInvariant(eq, invariant);
        return invariant;
    }

    /// <summary>True when the expression depends only on invariant elements, constants and INIT values.</summary>
    public static bool IsInvariant(BoundExpr expr, bool[] invariantElements) => expr switch
    {
        BConst => true,
        BTime t => t.Quantity != TimeQuantity.Time,
        BRef r => invariantElements[r.Element],
        BInit => true,
        BPrevious or BDelayFixed or BRandom or BActiveInitial => false, // ACTIVE_INITIAL differs between the initial values and the run
        BUnary u => IsInvariant(u.Operand, invariantElements),
        BBinary b => BoundTree.Operands(b).All(a => IsInvariant(a, invariantElements)),
        BIf i => IsInvariant(i.Condition, invariantElements) && IsInvariant(i.Then, invariantElements) && IsInvariant(i.Else, invariantElements),
        BCall c => c.Function.Kind != OperationKind.Timed && c.Arguments.All(a => IsInvariant(a, invariantElements)),
        BLookup l => IsInvariant(l.Input, invariantElements),
        BReduce r => r.Items.All(a => IsInvariant(a, invariantElements)),
        BSelect s => IsInvariant(s.Index, invariantElements) && s.Items.All(a => IsInvariant(a, invariantElements)),
        _ => false,
    };
}
