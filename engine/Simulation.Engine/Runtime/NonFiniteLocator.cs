using Simulation.Engine.Compilation;

namespace Simulation.Engine.Runtime;

/// <summary>Finds where a NaN or infinity started: the first non-finite element in evaluation order.</summary>
public static class NonFiniteLocator
{
    public static int FirstNonFinite(EvaluationPlan plan, ReadOnlySpan<double> slots)
    {
        var slotToElement = new Dictionary<int, int>();
        for (int e = 0; e < plan.ElementSlots.Length; e++) slotToElement[plan.ElementSlots[e]] = e;
        foreach (var section in new[] { plan.Setup, plan.Initial, plan.Rates })
            foreach (var instruction in section)
                if (slotToElement.TryGetValue(instruction.Dst, out int element) && !double.IsFinite(slots[instruction.Dst]))
                    return element;
        for (int e = 0; e < plan.ElementSlots.Length; e++)
            if (!double.IsFinite(slots[plan.ElementSlots[e]])) return e;
        return -1;
    }
}
