using System.Runtime.CompilerServices;
using System.Collections.Immutable;
using Simulation.Engine.Compilation;
using Simulation.Engine.Ops;

namespace Simulation.Engine.Runtime;

/// <summary>
/// Executes plan instructions over one run's slots, one at a time, each by its operation's scalar meaning
/// (<see cref="Operation"/>): the reference semantics.
/// </summary>
public static class PlanInterpreter
{
    /// <param name="state">The run's step, random stream and pipeline buffers; needed only by plans that draw random numbers or have DELAYs.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Execute(ImmutableArray<Instruction> code, double[] s, EvaluationPlan plan, ReadOnlySpan<double> parameters, RunState? state = null)
    {
        double dt = plan.Dt;
        var pool = plan.ArgumentPool.AsSpan();
        var tables = plan.Tables;
        foreach (ref readonly var i in code.AsSpan())
        {
            var op = i.Op;
            switch (op.Kind)
            {
                case OperationKind.Const:
                    s[i.Dst] = i.Imm;
                    break;
                case OperationKind.Copy:
                    s[i.Dst] = s[i.A];
                    break;
                case OperationKind.Param:
                    s[i.Dst] = parameters[i.Aux];
                    break;
                case OperationKind.Pure or OperationKind.Timed when op.ReadsPool:
                    s[i.Dst] = op.Apply(s[pool[i.Aux]], s[pool[i.Aux + 1]], s[pool[i.Aux + 2]], s[pool[i.Aux + 3]], s[EvaluationPlan.TimeSlot], dt);
                    break;
                case OperationKind.Pure or OperationKind.Timed:
                    s[i.Dst] = op.Apply(s[i.A], s[i.B], s[i.C], 0, s[EvaluationPlan.TimeSlot], dt);
                    break;
                case OperationKind.Lookup:
                    s[i.Dst] = op.Apply(tables[i.Aux], s[i.A]);
                    break;
                case OperationKind.Fold:
                    s[i.Dst] = Fold((FoldOperation)op, s, pool.Slice(i.Aux, i.Count));
                    break;
                case OperationKind.Choose:
                    s[i.Dst] = ChooseOperation.Position(s[i.A], i.Count) is int k ? s[pool[i.Aux + k]] : 0.0;
                    break;
                default:
                    ExecuteStateful(i, s, plan, pool, state ?? throw new InvalidOperationException("this plan needs a RunState"));
                    break;
            }
        }
    }

    /// <summary>The instructions that read or change run state: pipeline delays and random draws.</summary>
    private static void ExecuteStateful(in Instruction i, double[] s, EvaluationPlan plan, ReadOnlySpan<int> pool, RunState state)
    {
        if (i.Op == Operations.PipelineStart)
        {
            state.Pipelines[i.Aux].Start(s[i.A], plan.Dt, s[i.B], state.MaxSteps, (PipelineMode)(int)i.Imm);
            s[i.Dst] = s[i.B];
        }
        else if (i.Op == Operations.PipelineShift)
            s[i.Dst] = state.Pipelines[i.Aux].Shift(s[i.A]);
        else if (i.Op == Operations.PipelineShiftVarying)
            s[i.Dst] = state.Pipelines[i.Aux].Shift(s[i.A], s[i.B]);
        else if (i.Op == Operations.PipelineShiftMaterial)
            s[i.Dst] = state.Pipelines[i.Aux].ShiftMaterial(s[i.A], s[i.B], s[i.C]);
        else if (state.ShouldDraw(i.A))
        {
            Span<double> parameters = stackalloc double[i.Count];
            for (int k = 0; k < i.Count; k++) parameters[k] = s[pool[i.Aux + k]];
            s[i.Dst] = ((RandomOperation)i.Op).Sample(state.StreamOf(i.A), parameters);
        }
    }

    private static double Fold(FoldOperation fold, double[] s, ReadOnlySpan<int> items)
    {
        Span<double> values = items.Length <= 256 ? stackalloc double[items.Length] : new double[items.Length];
        for (int k = 0; k < items.Length; k++) values[k] = s[items[k]];
        return fold.Apply(values);
    }
}
