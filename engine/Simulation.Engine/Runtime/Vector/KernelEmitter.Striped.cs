using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Simulation.Engine.Ops;
using V = System.Runtime.Intrinsics.Vector256<double>;
using V2 = System.Runtime.Intrinsics.Vector128<double>;

namespace Simulation.Engine.Runtime.Vector;

/// <summary>Sums whose items come four at a time as vectors (<see cref="StripedFolds"/>).</summary>
internal sealed unsafe partial class KernelEmitter
{
    private static readonly MethodInfo UpperHalf = typeof(Avx).GetMethod(nameof(Avx.ExtractVector128), [typeof(V), typeof(byte)])!;
    private static readonly MethodInfo LowerHalf = typeof(Vector256).GetMethod(nameof(Vector256.GetLower))!.MakeGenericMethod(typeof(double));
    private static readonly MethodInfo PairSums = typeof(Sse3).GetMethod(nameof(Sse3.HorizontalAdd), [typeof(V2), typeof(V2)])!;
    private static readonly MethodInfo LowestOfTwo = typeof(Vector128).GetMethod(nameof(Vector128.ToScalar))!.MakeGenericMethod(typeof(double));
    private static readonly MethodInfo AloneInTwo = typeof(Vector128).GetMethod(nameof(Vector128.CreateScalar), [typeof(double)])!;
    private static readonly MethodInfo ZeroExtended = typeof(Vector128).GetMethod(nameof(Vector128.ToVector256))!.MakeGenericMethod(typeof(double));
    private static readonly MethodInfo Zero = typeof(V).GetProperty(nameof(V.Zero))!.GetMethod!;
    private static readonly MethodInfo BlendLanes = typeof(Avx).GetMethod(nameof(Avx.Blend), [typeof(V), typeof(V), typeof(byte)])!;

    /// <summary>
    /// Pushes the sum as a double: the blocks added into one accumulator whose lane l is partial sum l (a last block of
    /// fewer than four items with its other lanes zeroed), then (p0 + p1, p2 + p3) from its two halves, and their sum.
    /// Without a start in the lanes (<see cref="SumOrder.Emit"/> says why that gives the same bits), the start is added at
    /// the end, unless a lane was zeroed: a zeroed lane is then exactly its partial sum from the start, and adding it
    /// makes the rest exact too (x + p differs from x' + p, where x' is x but for the sign of a zero, only if p is -0, which
    /// a partial sum from +0 never is).
    /// </summary>
    private void EmitStripedFold(StripedFold striped, KernelNode[] blocks)
    {
        for (int b = 0; b < blocks.Length; b++)
        {
            EmitBlock(blocks[b], striped.InBlock(b));
            if (b > 0) Inline(Operations.Add);
        }
        var sum = Temp();
        _il.Emit(OpCodes.Stloc, sum);
        _il.Emit(OpCodes.Ldloc, sum);
        _il.Emit(OpCodes.Call, LowerHalf);
        _il.Emit(OpCodes.Ldloc, sum);
        _il.Emit(OpCodes.Ldc_I4_1);
        _il.Emit(OpCodes.Call, UpperHalf);
        _il.Emit(OpCodes.Call, PairSums); // (p0 + p1, p2 + p3)
        _free.Push(sum);
        _il.Emit(OpCodes.Dup);
        _il.Emit(OpCodes.Call, PairSums); // (p0 + p1) + (p2 + p3)
        _il.Emit(OpCodes.Call, LowestOfTwo);
        if (striped.Items % SumOrder.Lanes == 0) EmitLoneAddStart();
        if (!striped.Sum.DividesByCount) return;
        _il.Emit(OpCodes.Ldc_R8, (double)striped.Items);
        _il.Emit(OpCodes.Div);
    }

    /// <summary>Pushes a block's vector with the lanes past its <paramref name="items"/> items zeroed (a load of one or two slots reads only those, a value alone is put in the lowest lane).</summary>
    private void EmitBlock(KernelNode block, int items)
    {
        if (items == 1 && !block.Packed) // a last item alone: the double, in the lowest lane
        {
            EmitLone(block);
            _il.Emit(OpCodes.Call, AloneInTwo);
            _il.Emit(OpCodes.Call, ZeroExtended);
            return;
        }
        if (items < SumOrder.Lanes && items <= 2 && block is { Kind: NodeKind.Load, Sources: null })
        {
            EmitAddress(block.Slot);
            if (items == 2) _il.Emit(OpCodes.Ldobj, typeof(V2));
            else
            {
                _il.Emit(OpCodes.Ldind_R8);
                _il.Emit(OpCodes.Call, AloneInTwo);
            }
            _il.Emit(OpCodes.Call, ZeroExtended);
            return;
        }
        EmitTree(block);
        if (items == SumOrder.Lanes) return;
        _il.Emit(OpCodes.Call, Zero);
        _il.Emit(OpCodes.Ldc_I4, (0b1111 << items) & 0b1111);
        _il.Emit(OpCodes.Call, BlendLanes);
    }
}
