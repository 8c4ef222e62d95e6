using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Intrinsics.X86;
using V = System.Runtime.Intrinsics.Vector256<double>;

namespace Simulation.Engine.Runtime.Vector;

/// <summary>Four reductions in the four lanes of one accumulator (<see cref="TransposedFolds"/>).</summary>
internal sealed unsafe partial class KernelEmitter
{
    private static readonly MethodInfo Halves = typeof(Avx).GetMethod(nameof(Avx.Permute2x128), [typeof(V), typeof(V), typeof(byte)])!;
    private static readonly MethodInfo LowPairs = typeof(Avx).GetMethod(nameof(Avx.UnpackLow), [typeof(V), typeof(V)])!;
    private static readonly MethodInfo HighPairs = typeof(Avx).GetMethod(nameof(Avx.UnpackHigh), [typeof(V), typeof(V)])!;

    /// <summary>
    /// Pushes one block's accumulator, lane l holding reduction l: it continues the previous block's (or starts where the
    /// fold starts), and the block's four packs (a0..a3), (b0..b3), (c0..c3), (d0..d3) are transposed, a move of halves
    /// and an unpack for each pair of items: (a0, a1, c0, c1) and (b0, b1, d0, d1) give (a0, b0, c0, d0) and
    /// (a1, b1, c1, d1), then the same with the upper halves. The accumulator takes the items in order (fold step:
    /// accumulator, item), and MEAN's last block divides by the count, as <see cref="Ops.FoldOperation.Apply"/> does each
    /// reduction alone.
    /// </summary>
    private void EmitTransposedFold(TransposedFold transposed, KernelNode[] inputs, FoldPart part)
    {
        var fold = transposed.Fold;
        var sum = Temp();
        if (part.Continues) EmitTree(inputs[0]);
        else EmitBroadcast(fold.Start);
        _il.Emit(OpCodes.Stloc, sum);
        var packs = new LocalBuilder[LaneLayout.GroupWidth];
        int offset = part.Continues ? 1 : 0;
        for (int l = 0; l < packs.Length; l++)
        {
            EmitTree(inputs[offset + l]);
            _il.Emit(OpCodes.Stloc, packs[l] = Temp());
        }
        var (left, right) = (Temp(), Temp());
        for (int half = 0; half < transposed.BlockItems; half += 2)
        {
            byte control = half == 0 ? (byte)0x20 : (byte)0x31; // the lower halves of both, or the upper halves
            EmitHalves(packs[0], packs[2], control, left);
            EmitHalves(packs[1], packs[3], control, right);
            EmitStep(fold, sum, left, right, LowPairs);
            if (half + 1 < transposed.BlockItems) EmitStep(fold, sum, left, right, HighPairs);
        }
        foreach (var local in packs.Append(left).Append(right)) _free.Push(local);
        _il.Emit(OpCodes.Ldloc, sum);
        _free.Push(sum);
        if (!fold.DividesByCount || !part.Last) return;
        EmitBroadcast(transposed.Items);
        Inline(Ops.Operations.Div);
    }

    /// <summary>into = (first's half, second's half) as the control picks them.</summary>
    private void EmitHalves(LocalBuilder first, LocalBuilder second, byte control, LocalBuilder into)
    {
        _il.Emit(OpCodes.Ldloc, first);
        _il.Emit(OpCodes.Ldloc, second);
        _il.Emit(OpCodes.Ldc_I4, (int)control);
        _il.Emit(OpCodes.Call, Halves);
        _il.Emit(OpCodes.Stloc, into);
    }

    /// <summary>sum = step(sum, pairs(left, right)): one item of each of the four reductions.</summary>
    private void EmitStep(Ops.FoldOperation fold, LocalBuilder sum, LocalBuilder left, LocalBuilder right, MethodInfo pairs)
    {
        _il.Emit(OpCodes.Ldloc, sum);
        _il.Emit(OpCodes.Ldloc, left);
        _il.Emit(OpCodes.Ldloc, right);
        _il.Emit(OpCodes.Call, pairs);
        Inline(fold.Step);
        _il.Emit(OpCodes.Stloc, sum);
    }
}
