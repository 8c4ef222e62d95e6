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

    /// <summary>True when the expression reads STOPTIME, so that a run stopped earlier would compute other values.</summary>
    public static bool ReadsStopTime(BoundExpr expr) => BoundTree.Any(expr, node => node is BTime { Quantity: TimeQuantity.Stop });
}
