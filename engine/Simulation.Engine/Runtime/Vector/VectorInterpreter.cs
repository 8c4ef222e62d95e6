using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Simulation.Engine.Compilation;
using Simulation.Engine.Ops;
using V = System.Runtime.Intrinsics.Vector256<double>;

namespace Simulation.Engine.Runtime.Vector;

/// <summary>
/// Runs plan instructions one at a time over every lane of a batch: each instruction reads whole
/// slot rows and writes one, four lanes at a time by the operation's vector meaning (<see cref="Operation"/>).
/// Used for the sections that run once per run (Setup, Initial) or rarely (Capture, Commit), and as the plain
/// vector baseline that the compiled step code is tested against.
/// </summary>
internal static unsafe class VectorInterpreter
{
    /// <param name="parameters">Rows [parameter][lane]: the values of this batch's runs.</param>
    /// <param name="states">Each lane's run state, for pipeline delays and random draws (null when the plan has neither).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Execute(ReadOnlySpan<Instruction> code, EvaluationPlan plan, LaneBuffer slots, LaneBuffer parameters, double time,
        RunState[]? states)
    {
        int stride = slots.Layout.Stride, groups = slots.Layout.Groups;
        double* s = slots.Pointer, p = parameters.Pointer;
        var pool = plan.ArgumentPool.AsSpan();
        double dt = plan.Dt;
        foreach (ref readonly var i in code)
        {
            var op = i.Op;
            double* d = s + i.Dst * stride, a = s + i.A * stride, b = s + i.B * stride, c = s + i.C * stride, e = s;
            if (op.ReadsPool && op.Kind is OperationKind.Pure or OperationKind.Timed)
            {
                a = s + pool[i.Aux] * stride;
                b = s + pool[i.Aux + 1] * stride;
                c = s + pool[i.Aux + 2] * stride;
                e = s + pool[i.Aux + 3] * stride;
            }
            switch (op.Kind)
            {
                case OperationKind.Const:
                    for (int g = 0; g < groups; g++) Vector256.Create(i.Imm).Store(d + 4 * g);
                    break;
                case OperationKind.Copy:
                    for (int g = 0; g < groups; g++) Vector256.Load(a + 4 * g).Store(d + 4 * g);
                    break;
                case OperationKind.Param:
                    double* row = p + i.Aux * parameters.Layout.Stride;
                    for (int g = 0; g < groups; g++) Vector256.Load(row + 4 * g).Store(d + 4 * g);
                    break;
                case OperationKind.Pure or OperationKind.Timed:
                    for (int g = 0; g < groups; g++)
                        op.Apply(Vector256.Load(a + 4 * g), Vector256.Load(b + 4 * g), Vector256.Load(c + 4 * g), Vector256.Load(e + 4 * g), time, dt)
                            .Store(d + 4 * g);
                    break;
                case OperationKind.Lookup:
                    var table = plan.Tables[i.Aux];
                    for (int g = 0; g < groups; g++) op.Apply(table, Vector256.Load(a + 4 * g)).Store(d + 4 * g);
                    break;
                case OperationKind.Fold:
                    for (int g = 0; g < groups; g++) Fold((FoldOperation)op, s, stride, pool.Slice(i.Aux, i.Count), g).Store(d + 4 * g);
                    break;
                case OperationKind.Choose:
                    var items = pool.Slice(i.Aux, i.Count);
                    for (int g = 0; g < groups; g++)
                    {
                        var k = ChooseOperation.ZeroBasedIndex(Vector256.Load(a + 4 * g));
                        var chosen = V.Zero;
                        for (int j = 0; j < items.Length; j++) chosen = ChooseOperation.Step(k, j, Row(s, stride, items[j], g), chosen);
                        chosen.Store(d + 4 * g);
                    }
                    break;
                default:
                    LaneState.Execute(i, plan, s, stride, slots.Layout.Lanes,
                        states ?? throw new InvalidOperationException("this plan needs run states (delays or random draws)"));
                    break;
            }
        }
    }

    private static V Row(double* s, int stride, int slot, int group) => Vector256.Load(s + slot * stride + 4 * group);

    /// <summary>A fold in its operation's order: a sum in <see cref="SumOrder"/>'s (STDDEV: the mean first, then the squares), the rest left to right from the start value with its step.</summary>
    private static V Fold(FoldOperation fold, double* s, int stride, ReadOnlySpan<int> items, int g)
    {
        if (fold == Operations.StdDev)
        {
            var mean = Fold(Operations.Mean, s, stride, items, g);
            Span<V> squares = items.Length <= 64 ? stackalloc V[items.Length] : new V[items.Length];
            for (int k = 0; k < items.Length; k++)
            {
                var deviation = Row(s, stride, items[k], g) - mean;
                squares[k] = deviation * deviation;
            }
            return Vector256.Sqrt(SumOrder.Sum(squares, V.Zero) / Vector256.Create((double)items.Length));
        }
        if (fold.Additive)
        {
            Span<V> values = items.Length <= 64 ? stackalloc V[items.Length] : new V[items.Length];
            for (int k = 0; k < items.Length; k++) values[k] = Row(s, stride, items[k], g);
            var sum = SumOrder.Sum(values, Vector256.Create(fold.Start));
            return fold.DividesByCount ? sum / Vector256.Create((double)items.Length) : sum;
        }
        var acc = Vector256.Create(fold.Start);
        foreach (int item in items) acc = fold.Step.Apply(acc, Row(s, stride, item, g), default, default, 0, 0);
        return acc;
    }
}
