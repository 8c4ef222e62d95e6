using System.Runtime.CompilerServices;
using Simulation.Engine.Binding;
using Simulation.Engine.Compilation;
using V = System.Runtime.Intrinsics.Vector256<double>;

namespace Simulation.Engine.Runtime.Vector;

/// <summary>
/// Runs plan instructions one at a time over every lane of a batch: each instruction reads whole
/// slot rows and writes one, four lanes per <see cref="LaneMath"/> call. Used for the sections that
/// run once per run (Setup, Initial) or rarely (Capture, Commit), and as the plain vector baseline
/// that the compiled step kernel is tested against.
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
            var lane = LaneOp.Get(i.Op);
            double* d = s + i.Dst * stride, a = s + i.A * stride, b = s + i.B * stride, c = s + i.C * stride;
            switch (lane.Kind)
            {
                case LaneOpKind.Const:
                    for (int g = 0; g < groups; g++) LaneMath.Store(LaneMath.Broadcast(i.Imm), d + 4 * g);
                    break;
                case LaneOpKind.Copy:
                    for (int g = 0; g < groups; g++) LaneMath.Store(LaneMath.Load(a + 4 * g), d + 4 * g);
                    break;
                case LaneOpKind.Param:
                    double* row = p + i.Aux * parameters.Layout.Stride;
                    for (int g = 0; g < groups; g++) LaneMath.Store(LaneMath.Load(row + 4 * g), d + 4 * g);
                    break;
                case LaneOpKind.Pure when lane.Arity == 1:
                    var f1 = (Func<V, V>)lane.Function!;
                    for (int g = 0; g < groups; g++) LaneMath.Store(f1(LaneMath.Load(a + 4 * g)), d + 4 * g);
                    break;
                case LaneOpKind.Pure when lane.Arity == 2:
                    var f2 = (Func<V, V, V>)lane.Function!;
                    for (int g = 0; g < groups; g++) LaneMath.Store(f2(LaneMath.Load(a + 4 * g), LaneMath.Load(b + 4 * g)), d + 4 * g);
                    break;
                case LaneOpKind.Pure:
                    var f3 = (Func<V, V, V, V>)lane.Function!;
                    for (int g = 0; g < groups; g++)
                        LaneMath.Store(f3(LaneMath.Load(a + 4 * g), LaneMath.Load(b + 4 * g), LaneMath.Load(c + 4 * g)), d + 4 * g);
                    break;
                case LaneOpKind.Step:
                    var step = (Func<V, V, double, double, V>)lane.Function!;
                    for (int g = 0; g < groups; g++) LaneMath.Store(step(LaneMath.Load(a + 4 * g), LaneMath.Load(b + 4 * g), time, dt), d + 4 * g);
                    break;
                case LaneOpKind.Pulse:
                    var pulse = (Func<V, V, V, double, double, V>)lane.Function!;
                    for (int g = 0; g < groups; g++)
                        LaneMath.Store(pulse(LaneMath.Load(a + 4 * g), LaneMath.Load(b + 4 * g), LaneMath.Load(c + 4 * g), time, dt), d + 4 * g);
                    break;
                case LaneOpKind.Ramp:
                    var ramp = (Func<V, V, V, double, V>)lane.Function!;
                    for (int g = 0; g < groups; g++)
                        LaneMath.Store(ramp(LaneMath.Load(a + 4 * g), LaneMath.Load(b + 4 * g), LaneMath.Load(c + 4 * g), time), d + 4 * g);
                    break;
                case LaneOpKind.PulseTrain:
                    var train = (Func<V, V, V, V, double, double, V>)lane.Function!;
                    var args = pool.Slice(i.Aux, 4);
                    for (int g = 0; g < groups; g++)
                        LaneMath.Store(train(Row(s, stride, args[0], g), Row(s, stride, args[1], g), Row(s, stride, args[2], g),
                            Row(s, stride, args[3], g), time, dt), d + 4 * g);
                    break;
                case LaneOpKind.Lookup:
                    var lookup = (Func<V, LookupTable, V>)lane.Function!;
                    var table = plan.Tables[i.Aux];
                    for (int g = 0; g < groups; g++) LaneMath.Store(lookup(LaneMath.Load(a + 4 * g), table), d + 4 * g);
                    break;
                case LaneOpKind.Reduce:
                    for (int g = 0; g < groups; g++) LaneMath.Store(Reduce(lane, s, stride, pool.Slice(i.Aux, i.Count), g), d + 4 * g);
                    break;
                case LaneOpKind.Choose:
                    var items = pool.Slice(i.Aux, i.Count);
                    for (int g = 0; g < groups; g++)
                    {
                        var k = LaneMath.ChooseIndex(LaneMath.Load(a + 4 * g));
                        var chosen = V.Zero;
                        for (int j = 0; j < items.Length; j++) chosen = LaneMath.ChooseStep(k, j, Row(s, stride, items[j], g), chosen);
                        LaneMath.Store(chosen, d + 4 * g);
                    }
                    break;
                case LaneOpKind.Stateful:
                    LaneState.Execute(i, plan, s, stride, slots.Layout.Lanes,
                        states ?? throw new InvalidOperationException("this plan needs run states (delays or random draws)"));
                    break;
                default:
                    throw new NotSupportedException($"the vector interpreter cannot run {i.Op}");
            }
        }
    }

    private static V Row(double* s, int stride, int slot, int group) => LaneMath.Load(s + slot * stride + 4 * group);

    /// <summary>The reductions in the order <see cref="Operators.Reduce"/> uses: left to right from the fold's start.</summary>
    private static V Reduce(LaneOp lane, double* s, int stride, ReadOnlySpan<int> items, int g)
    {
        if (lane.Op == OpCode.StdDev)
        {
            var mean = LaneMath.Div(Sum(s, stride, items, g), LaneMath.Broadcast(items.Length));
            var squares = V.Zero;
            foreach (int item in items)
            {
                var deviation = LaneMath.Sub(Row(s, stride, item, g), mean);
                squares = LaneMath.Add(squares, LaneMath.Mul(deviation, deviation));
            }
            return LaneMath.Sqrt(LaneMath.Div(squares, LaneMath.Broadcast(items.Length)));
        }
        var (start, stepOp) = lane.Fold;
        var fold = (Func<V, V, V>)stepOp.Function!;
        var acc = LaneMath.Broadcast(start);
        foreach (int item in items) acc = fold(acc, Row(s, stride, item, g));
        return lane.Op == OpCode.Mean ? LaneMath.Div(acc, LaneMath.Broadcast(items.Length)) : acc;
    }

    private static V Sum(double* s, int stride, ReadOnlySpan<int> items, int g)
    {
        var acc = V.Zero;
        foreach (int item in items) acc = LaneMath.Add(acc, Row(s, stride, item, g));
        return acc;
    }
}
