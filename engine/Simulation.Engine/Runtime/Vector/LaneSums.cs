using System.Runtime.Intrinsics.X86;
using Simulation.Engine.Ops;
using V = System.Runtime.Intrinsics.Vector256<double>;

namespace Simulation.Engine.Runtime.Vector;

/// <summary>
/// The end of a long sum cut into parts (<see cref="KernelGraph"/>): its four lanes' partial sums, each a chain of
/// parts (<see cref="FoldPart.Lane"/>) from the start, combined as <see cref="SumOrder.Combine(double, double, double, double)"/> does, and MEAN's
/// division by the count. No plan instruction has it; it finishes the sum the instruction computes, in its order.
/// </summary>
internal sealed class LaneSums(FoldOperation sum, int items) : Operation(new OpInfo($"{sum.Name}Lanes", FiniteReach.AllOperands), OperationKind.Pure, 4)
{
    public FoldOperation Sum => sum;

    /// <summary>How many items the whole sum adds.</summary>
    public int Items => items;

    public override double Apply(double a, double b, double c, double d, double time, double dt)
    {
        double total = SumOrder.Combine(a, b, c, d);
        return sum.DividesByCount ? total / items : total;
    }

    public override V Apply(V a, V b, V c, V d, double time, double dt)
    {
        var total = SumOrder.Combine(a, b, c, d);
        return sum.DividesByCount ? total / System.Runtime.Intrinsics.Vector256.Create((double)items) : total;
    }

    /// <summary>Stack: p0, p1, p2, p3 -> (p0 + p1) + (p2 + p3) (/ n).</summary>
    public override bool TryEmitIntrinsic(AvxEmitter il)
    {
        il.TwoOperands(nameof(Avx.Add));
        var right = il.Stash();
        il.TwoOperands(nameof(Avx.Add));
        il.Push(right);
        il.Release(right);
        il.TwoOperands(nameof(Avx.Add));
        if (!sum.DividesByCount) return true;
        il.Constant(items);
        il.TwoOperands(nameof(Avx.Divide));
        return true;
    }
}
