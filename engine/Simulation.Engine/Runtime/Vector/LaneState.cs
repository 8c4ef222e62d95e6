using Simulation.Engine.Compilation;
using Simulation.Engine.Ops;

namespace Simulation.Engine.Runtime.Vector;

/// <summary>
/// The per-run state of a batch's lanes that lives outside the slots: one <see cref="RunState"/>
/// per lane (step counter, random stream seeded by (seed, run index), pipeline ring buffers), used
/// exactly as the reference evaluator uses its one. Plans without delays or random builtins need
/// none, and get none.
/// </summary>
internal static unsafe class LaneState
{
    /// <summary>Runs one stateful instruction for every lane, one lane at a time.</summary>
    public static void Execute(in Instruction i, EvaluationPlan plan, double* s, int stride, int lanes, RunState[] states)
    {
        double* dst = s + i.Dst * stride, a = s + i.A * stride, b = s + i.B * stride, c = s + i.C * stride;
        var pool = plan.ArgumentPool.AsSpan();
        Span<double> parameters = stackalloc double[Math.Max(1, i.Count)];
        for (int lane = 0; lane < lanes; lane++)
        {
            var state = states[lane];
            if (i.Op == Operations.PipelineStart)
            {
                state.Pipelines[i.Aux].Start(a[lane], plan.Dt, b[lane], state.MaxSteps, (PipelineMode)(int)i.Imm);
                dst[lane] = b[lane];
            }
            else if (i.Op == Operations.PipelineShift)
                dst[lane] = state.Pipelines[i.Aux].Shift(a[lane]);
            else if (i.Op == Operations.PipelineShiftVarying)
                dst[lane] = state.Pipelines[i.Aux].Shift(a[lane], b[lane]);
            else if (i.Op == Operations.PipelineShiftMaterial)
                dst[lane] = state.Pipelines[i.Aux].ShiftMaterial(a[lane], b[lane], c[lane]);
            else if (state.ShouldDraw(i.A))
            {
                for (int k = 0; k < i.Count; k++) parameters[k] = s[pool[i.Aux + k] * stride + lane];
                dst[lane] = ((RandomOperation)i.Op).Sample(state.StreamOf(i.A), parameters[..i.Count]);
            }
        }
    }

    /// <summary>Whether any of a plan's instructions needs per-run state.</summary>
    public static bool Needed(EvaluationPlan plan) => plan.PipelineCount > 0 || plan.RandomSiteCount > 0;

    public static bool IsStateful(in Instruction i) => i.Op.Kind is OperationKind.Pipeline or OperationKind.Random;
}
