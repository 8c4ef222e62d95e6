using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Simulation.Engine.Ops;

namespace Simulation.Engine.Runtime.Vector;

/// <summary>
/// Folds of a one-run program (<see cref="ElementPacking"/>): a SUM over an array adds one value at a time, in order
/// (its bits depend on the order), so in a one-run program its accumulator needs one lane only. The items come as
/// scalar additions (or multiplications) with a memory operand (an element of a stored pack, a stock, a constant): one
/// instruction per item, where a value loaded into all four lanes and then added takes two. The result is then put in
/// all four lanes, as every lone value of a one-run program is.
/// </summary>
internal sealed unsafe partial class KernelEmitter
{
    private static readonly MethodInfo LoadLowest = typeof(Sse2).GetMethod(nameof(Sse2.LoadScalarVector128), [typeof(double*)])!;
    private static readonly MethodInfo IntoAllLanes = typeof(Avx2).GetMethod(nameof(Avx2.BroadcastScalarToVector256), [typeof(Vector128<double>)])!;

    /// <summary>The scalar instruction of a fold's step (SUM, MEAN: addition; PROD: multiplication), or null.</summary>
    private static MethodInfo? ScalarStep(FoldOperation fold) =>
        fold.Step == Operations.Add ? Scalar(nameof(Sse2.AddScalar)) : fold.Step == Operations.Mul ? Scalar(nameof(Sse2.MultiplyScalar)) : null;

    private static MethodInfo Scalar(string name) => typeof(Sse2).GetMethod(name, [typeof(Vector128<double>), typeof(Vector128<double>)])!;

    /// <summary><see cref="EmitFoldPart"/> in the lowest lane: the same operations in the same order.</summary>
    private void EmitScalarFoldPart(FoldOperation fold, MethodInfo step, KernelNode[] inputs, FoldPart part)
    {
        if (part.Continues)
        {
            EmitTree(inputs[0]);
            EmitLowerHalf();
        }
        else EmitScalarConstant(fold.Start);
        foreach (var item in inputs.AsSpan(part.Continues ? 1 : 0))
        {
            EmitScalarItem(item);
            _il.Emit(OpCodes.Call, step);
        }
        if (fold.DividesByCount && part.Last)
        {
            EmitScalarConstant(part.Items);
            _il.Emit(OpCodes.Call, Scalar(nameof(Sse2.DivideScalar)));
        }
        _il.Emit(OpCodes.Call, IntoAllLanes);
    }

    /// <summary>Pushes an item's value in the lowest lane, straight from memory where it is there.</summary>
    private void EmitScalarItem(KernelNode item)
    {
        if (item.Kind == NodeKind.Load && !item.Packed) EmitAddress(item.Slot);
        else if (!item.Scheduled && LaneShuffles.LaneOf(item.Op) is int lane) EmitAddress(_spills[item.Inputs[0]] + lane);
        else if (item.Kind == NodeKind.Uniform && !item.Packed)
        {
            EmitScalarConstant(item.Value);
            return;
        }
        else
        {
            EmitTree(item);
            EmitLowerHalf();
            return;
        }
        _il.Emit(OpCodes.Call, LoadLowest);
    }

    private void EmitScalarConstant(double value)
    {
        _il.Emit(OpCodes.Ldarg_2);
        _il.Emit(OpCodes.Ldc_I4, _constants.IndexOf(value) * LaneLayout.GroupWidth * sizeof(double));
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Call, LoadLowest);
    }

    private void EmitLowerHalf() => _il.Emit(OpCodes.Call, LowerHalf);
}
