using System.Collections.Immutable;
using Simulation.Engine.Compilation;
using Simulation.Engine.Model;

namespace Simulation.Engine.Runtime;

/// <summary>Executes plan instructions over one run's slots: a plain switch, the reference semantics.</summary>
public static class PlanInterpreter
{
    /// <param name="state">The run's step, random stream and pipeline buffers; needed only by plans that draw random numbers or have DELAYs.</param>
    public static void Execute(ImmutableArray<Instruction> code, double[] s, EvaluationPlan plan, ReadOnlySpan<double> parameters, RunState? state = null)
    {
        double dt = plan.Dt;
        var pool = plan.ArgumentPool.AsSpan();
        foreach (ref readonly var i in code.AsSpan())
        {
            if (i.Op >= OpCode.PipelineStart)
            {
                ExecuteStateful(i, s, plan, pool, state ?? throw new InvalidOperationException("this plan needs a RunState"));
                continue;
            }
            double a = s[i.A], b = s[i.B];
            s[i.Dst] = i.Op switch
            {
                OpCode.Const => i.Imm,
                OpCode.Copy => a,
                OpCode.Param => parameters[i.Aux],
                OpCode.Neg => -a,
                OpCode.Not => ScalarMath.Bool(a == 0),
                OpCode.Add => a + b,
                OpCode.Sub => a - b,
                OpCode.Mul => a * b,
                OpCode.Div => a / b,
                OpCode.Pow => Math.Pow(a, b),
                OpCode.Mod => ScalarMath.Mod(a, b),
                OpCode.Eq => ScalarMath.Bool(a == b),
                OpCode.Ne => ScalarMath.Bool(a != b),
                OpCode.Lt => ScalarMath.Bool(a < b),
                OpCode.Le => ScalarMath.Bool(a <= b),
                OpCode.Gt => ScalarMath.Bool(a > b),
                OpCode.Ge => ScalarMath.Bool(a >= b),
                OpCode.And => ScalarMath.Bool(a != 0 && b != 0),
                OpCode.Or => ScalarMath.Bool(a != 0 || b != 0),
                OpCode.Select => a != 0 ? b : s[i.C],
                OpCode.Abs => Math.Abs(a),
                OpCode.Exp => Math.Exp(a),
                OpCode.Ln => Math.Log(a),
                OpCode.Log10 => Math.Log10(a),
                OpCode.Log => Math.Log(a) / Math.Log(b),
                OpCode.Sqrt => Math.Sqrt(a),
                OpCode.Sin => Math.Sin(a),
                OpCode.Cos => Math.Cos(a),
                OpCode.Tan => Math.Tan(a),
                OpCode.ArcSin => Math.Asin(a),
                OpCode.ArcCos => Math.Acos(a),
                OpCode.ArcTan => Math.Atan(a),
                OpCode.Floor => Math.Floor(a),
                OpCode.Round => ScalarMath.Round(a),
                OpCode.Sign => ScalarMath.Sign(a),
                OpCode.Min => Math.Min(a, b),
                OpCode.Max => Math.Max(a, b),
                OpCode.SafeDiv => ScalarMath.SafeDiv(a, b, s[i.C]),
                OpCode.Step => ScalarMath.Step(a, b, s[EvaluationPlan.TimeSlot], dt),
                OpCode.Pulse => ScalarMath.Pulse(a, b, s[i.C], s[EvaluationPlan.TimeSlot], dt),
                OpCode.Ramp => ScalarMath.Ramp(a, b, s[i.C], s[EvaluationPlan.TimeSlot]),
                OpCode.PulseTrain => ScalarMath.PulseTrain(s[pool[i.Aux]], s[pool[i.Aux + 1]], s[pool[i.Aux + 2]], s[pool[i.Aux + 3]],
                    s[EvaluationPlan.TimeSlot], dt),
                OpCode.Lookup => Lookup(plan, i.Aux, a),
                OpCode.LookupForward => ScalarMath.LookupForward(plan.Tables[i.Aux].X.AsSpan(), plan.Tables[i.Aux].Y.AsSpan(), a),
                OpCode.LookupBackward => ScalarMath.LookupBackward(plan.Tables[i.Aux].X.AsSpan(), plan.Tables[i.Aux].Y.AsSpan(), a),
                OpCode.LookupInvert => ScalarMath.LookupInvert(plan.Tables[i.Aux].X.AsSpan(), plan.Tables[i.Aux].Y.AsSpan(), a),
                OpCode.Choose => Choose(s, pool.Slice(i.Aux, i.Count), a),
                _ => Reduce(i.Op, s, pool.Slice(i.Aux, i.Count)),
            };
        }
    }

    /// <summary>The instructions that read or change run state: pipeline delays and random draws.</summary>
    private static void ExecuteStateful(in Instruction i, double[] s, EvaluationPlan plan, ReadOnlySpan<int> pool, RunState state)
    {
        switch (i.Op)
        {
            case OpCode.PipelineStart:
                state.Pipelines[i.Aux].Start(s[i.A], plan.Dt, s[i.B], state.MaxSteps);
                s[i.Dst] = s[i.B];
                return;
            case OpCode.PipelineShift:
                s[i.Dst] = state.Pipelines[i.Aux].Shift(s[i.A]);
                return;
            default:
                if (!state.ShouldDraw(i.A)) return;
                Span<double> parameters = stackalloc double[i.Count];
                for (int k = 0; k < i.Count; k++) parameters[k] = s[pool[i.Aux + k]];
                s[i.Dst] = RandomDraws.Draw(i.Op, state.Stream, parameters);
                return;
        }
    }

    private static double Lookup(EvaluationPlan plan, int table, double x)
    {
        var t = plan.Tables[table];
        return ScalarMath.Lookup(t.X.AsSpan(), t.Y.AsSpan(), t.Interpolation, x);
    }

    private static double Choose(double[] s, ReadOnlySpan<int> items, double index)
    {
        double k = Math.Floor(index) - 1;
        return k >= 0 && k < items.Length ? s[items[(int)k]] : 0.0;
    }

    private static double Reduce(OpCode op, double[] s, ReadOnlySpan<int> items)
    {
        Span<double> values = items.Length <= 256 ? stackalloc double[items.Length] : new double[items.Length];
        for (int k = 0; k < items.Length; k++) values[k] = s[items[k]];
        return Operators.Reduce(op switch
        {
            OpCode.Sum => Binding.ReduceOperator.Sum,
            OpCode.Product => Binding.ReduceOperator.Product,
            OpCode.Mean => Binding.ReduceOperator.Mean,
            OpCode.MinOf => Binding.ReduceOperator.Min,
            OpCode.MaxOf => Binding.ReduceOperator.Max,
            OpCode.StdDev => Binding.ReduceOperator.StdDev,
            _ => throw new InvalidOperationException($"unknown opcode {op}"),
        }, values);
    }
}
