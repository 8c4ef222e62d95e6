using System.Collections.Immutable;
using Simulation.Engine.Compilation;
using Simulation.Engine.Ops;

namespace Simulation.Engine.Runtime.Vector;

/// <summary>
/// Slots whose value is the same in every run and known before any run starts: constants, and
/// what Setup computes from constants alone (not from parameters, not from time). The compiled
/// kernel writes these into its code as literals, so the step loop never loads them. They are
/// computed by the reference interpreter, one instruction at a time, so they have its exact bits.
/// </summary>
internal static class UniformValues
{
    public static double?[] Of(EvaluationPlan plan)
    {
        var values = new double[plan.SlotCount];
        var varying = new bool[plan.SlotCount];
        var writtenLater = new bool[plan.SlotCount];
        foreach (var section in new[] { plan.Initial, plan.Rates, plan.Capture, plan.Commit })
            foreach (var i in section) writtenLater[i.Dst] = true;
        varying[EvaluationPlan.TimeSlot] = true;

        var parameters = new double[plan.Parameters.Length];
        var pool = plan.ArgumentPool.AsSpan();
        var reads = new List<int>();
        var written = new bool[plan.SlotCount];
        foreach (var instruction in plan.Setup)
        {
            reads.Clear();
            instruction.Reads(pool, reads);
            bool dependsOnRun = instruction.Op.Kind is OperationKind.Param or OperationKind.Timed or OperationKind.Pipeline or OperationKind.Random
                || reads.Any(s => varying[s] || !written[s]);
            varying[instruction.Dst] = dependsOnRun;
            written[instruction.Dst] = true;
            if (!dependsOnRun) PlanInterpreter.Execute(ImmutableArray.Create(instruction), values, plan, parameters);
        }
        var uniform = new double?[plan.SlotCount];
        for (int s = 0; s < plan.SlotCount; s++)
            if (written[s] && !varying[s] && !writtenLater[s]) uniform[s] = values[s];
        return uniform;
    }
}
