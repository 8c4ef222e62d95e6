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
    /// <remarks>
    /// Allocates nothing: plan compilation asks this of every equation and of many of their parts. A chain's left
    /// operands are followed in a loop (a chain may hold 20,000 operands; see <see cref="Syntax.BinaryChain"/>), its right
    /// operands by recursion.
    /// </remarks>
    public static bool IsInvariant(BoundExpr expr, bool[] invariantElements)
    {
        while (expr is BBinary b)
        {
            if (!IsInvariant(b.Right, invariantElements)) return false;
            expr = b.Left;
        }
        return expr switch
        {
            BConst => true,
            BTime t => t.Quantity != TimeQuantity.Time,
            BRef r => invariantElements[r.Element],
            BInit => true,
            BPrevious or BDelayFixed or BRandom or BActiveInitial => false, // ACTIVE_INITIAL differs between the initial values and the run
            BUnary u => IsInvariant(u.Operand, invariantElements),
            BIf i => IsInvariant(i.Condition, invariantElements) && IsInvariant(i.Then, invariantElements) && IsInvariant(i.Else, invariantElements),
            BCall c => c.Function.Kind != OperationKind.Timed && AllInvariant(c.Arguments, invariantElements),
            BLookup l => IsInvariant(l.Input, invariantElements),
            BReduce r => AllInvariant(r.Items, invariantElements),
            BSelect s => IsInvariant(s.Index, invariantElements) && AllInvariant(s.Items, invariantElements),
            _ => false,
        };
    }

    private static bool AllInvariant(System.Collections.Immutable.ImmutableArray<BoundExpr> items, bool[] invariantElements)
    {
        foreach (var item in items)
            if (!IsInvariant(item, invariantElements)) return false;
        return true;
    }
}
