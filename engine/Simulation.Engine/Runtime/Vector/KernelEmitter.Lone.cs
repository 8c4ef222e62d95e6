using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Intrinsics;
using Simulation.Engine.Compilation;
using Simulation.Engine.Ops;

namespace Simulation.Engine.Runtime.Vector;

/// <summary>
/// Lone values of a one-run program (<see cref="ElementPacking"/>): every value that is not four array elements in the
/// lanes is one double, computed with scalar instructions (IL arithmetic on float64, which the JIT keeps in xmm
/// registers and can read a memory operand into), and put in all four lanes only where a pack reads it. IEEE gives a
/// scalar operation the bits it gives each lane of the vector one, so nothing changes but the instructions: where the
/// step code computed every lone value in four lanes, it broadcast each load and constant first (1,780 broadcasts a step
/// on hospital-to-community). Operations whose AVX form is a few instructions (comparisons, IF, MIN/MAX...) run that
/// form on the value in the lowest lane (the other lanes are never read); the rest call their scalar meaning.
/// </summary>
internal sealed unsafe partial class KernelEmitter
{
    private static readonly MethodInfo IntoAllLanes = typeof(Vector256).GetMethod(nameof(Vector256.Create), [typeof(double)])!;
    private static readonly MethodInfo LowestLane = typeof(Vector256).GetMethod(nameof(Vector256.ToScalar))!.MakeGenericMethod(typeof(double));
    private static readonly MethodInfo InLowestLane = typeof(Vector128).GetMethod(nameof(Vector128.CreateScalarUnsafe), [typeof(double)])!;
    private static readonly MethodInfo Widen = typeof(Vector128).GetMethod(nameof(Vector128.ToVector256Unsafe))!.MakeGenericMethod(typeof(double));
    private static readonly MethodInfo SquareRoot = typeof(Math).GetMethod(nameof(Math.Sqrt), [typeof(double)])!;

    /// <summary>In a one-run program, a value that is not packed is one double; in a batch every value is a vector.</summary>
    private bool IsLone(KernelNode node) => _shape.Layout is null && !node.Packed;

    /// <summary>Lone slots read by packs in this method, each put in all four lanes once (a slot is written at most once a step, before it is read).</summary>
    private readonly Dictionary<int, LocalBuilder> _inAllLanes = new();

    /// <summary>Pushes a one-run slot's value in all four lanes: broadcast from memory at its first read in this method, then from a local.</summary>
    private void EmitLoneInAllLanes(int slot)
    {
        if (!_inAllLanes.TryGetValue(slot, out var local))
        {
            EmitAddress(slot);
            _il.Emit(OpCodes.Call, LoadIntoAll);
            _inAllLanes[slot] = local = _il.DeclareLocal(typeof(Vector256<double>));
            _il.Emit(OpCodes.Stloc, local);
        }
        _il.Emit(OpCodes.Ldloc, local);
    }

    /// <summary>Pushes a lone node's value as a double.</summary>
    private void EmitLone(KernelNode node, bool scheduledRoot = false)
    {
        switch (node.Kind)
        {
            case NodeKind.Load:
                EmitLoneLoad(node.Slot);
                return;
            case NodeKind.Uniform:
                _il.Emit(OpCodes.Ldc_R8, node.Value);
                return;
            case NodeKind.Time:
                EmitLoneLoad(EvaluationPlan.TimeSlot);
                return;
        }
        if (node.Scheduled && !scheduledRoot)
        {
            EmitRead(node, vector: false);
            return;
        }
        var op = node.Op!;
        var inputs = node.Inputs;
        if (LaneShuffles.LaneOf(op) is int lane)
        {
            EmitLoneLoad(_spills[inputs[0]] + lane); // one element of a pack, from where the pack was stored
            return;
        }
        if (op is StripedFold striped)
        {
            EmitStripedFold(striped, inputs);
            return;
        }
        switch (op.Kind)
        {
            case OperationKind.Pure when op == Operations.Div && ExactReciprocal.Of(inputs[1]) is { } reciprocal:
                EmitLone(inputs[0]);
                _il.Emit(OpCodes.Ldc_R8, reciprocal[0]);
                _il.Emit(OpCodes.Mul);
                return;
            case OperationKind.Pure:
                foreach (var input in inputs) EmitLone(input);
                EmitLoneOp(op, inputs.Length);
                return;
            case OperationKind.Timed: // (a, b, c, d, time, dt): operands it does not read are zeros
                foreach (var input in inputs) EmitLone(input);
                for (int unused = inputs.Length; unused < 4; unused++) _il.Emit(OpCodes.Ldc_R8, 0.0);
                _il.Emit(OpCodes.Ldarg_3);
                _il.Emit(OpCodes.Ldc_R8, _shape.Dt);
                _il.Emit(OpCodes.Call, ScalarMethodOf(op));
                return;
            case OperationKind.Lookup:
                EmitLone(inputs[0]);
                _il.Emit(OpCodes.Ldarg_0);
                _il.Emit(OpCodes.Ldc_I4, node.Instruction.Aux);
                _il.Emit(OpCodes.Ldelem_Ref);
                _il.Emit(OpCodes.Call, ScalarMethodOf(op));
                return;
            case OperationKind.Fold when op == Operations.StdDev:
                EmitLoneStdDev(inputs);
                return;
            case OperationKind.Fold:
                EmitLoneFold((FoldOperation)op, inputs, node.Part ?? FoldPart.Whole(inputs.Length));
                return;
            default: // CHOOSE: its vector form, on its operands in all four lanes
                EmitTree(node, scheduledRoot);
                _il.Emit(OpCodes.Call, LowestLane);
                return;
        }
    }

    /// <summary>
    /// Pushes a lone value in all four lanes for a reader that wants a vector, when the vector code does not do it itself
    /// (it does for loads, constants, reads of scheduled values and CHOOSE); true when done.
    /// </summary>
    private bool EmitLoneAsVector(KernelNode node, bool scheduledRoot)
    {
        if (node.IsLeaf || (node.Scheduled && !scheduledRoot) || node.Op!.Kind == OperationKind.Choose) return false;
        if (LaneShuffles.LaneOf(node.Op) is int lane) EmitLoad(_spills[node.Inputs[0]] + lane); // broadcast from memory
        else
        {
            EmitLone(node, scheduledRoot);
            _il.Emit(OpCodes.Call, IntoAllLanes);
        }
        return true;
    }

    /// <summary>Stack: the operation's operands as doubles -> its result as a double.</summary>
    private void EmitLoneOp(Operation op, int arity)
    {
        if (ReferenceEquals(op, Operations.Add)) _il.Emit(OpCodes.Add);
        else if (ReferenceEquals(op, Operations.Sub)) _il.Emit(OpCodes.Sub);
        else if (ReferenceEquals(op, Operations.Mul)) _il.Emit(OpCodes.Mul);
        else if (ReferenceEquals(op, Operations.Div)) _il.Emit(OpCodes.Div);
        else if (ReferenceEquals(op, Operations.Neg)) _il.Emit(OpCodes.Neg);
        else if (HasAvxForm(op))
        {
            // The AVX form on vectors holding the operands in their lowest lane (the other lanes hold whatever the
            // registers held: every AVX form works lane by lane, and only the lowest lane is read).
            var operands = new LocalBuilder[arity];
            for (int k = arity - 1; k >= 0; k--)
            {
                operands[k] = TempLone();
                _il.Emit(OpCodes.Stloc, operands[k]);
            }
            foreach (var operand in operands)
            {
                _il.Emit(OpCodes.Ldloc, operand);
                _il.Emit(OpCodes.Call, InLowestLane);
                _il.Emit(OpCodes.Call, Widen);
                Release(operand);
            }
            Inline(op);
            _il.Emit(OpCodes.Call, LowestLane);
        }
        else _il.Emit(OpCodes.Call, ScalarMethodOf(op));
    }

    /// <summary>A fold part (or a whole fold) in the order of <see cref="FoldOperation.Apply"/>: the same operations on doubles.</summary>
    private void EmitLoneFold(FoldOperation fold, KernelNode[] inputs, FoldPart part)
    {
        if (!part.InOrder(fold))
        {
            if (part.Continues || !part.Last) throw new InvalidOperationException("a sum is cut into its lanes' chains, not into parts in order");
            if (inputs.Length == 0) _il.Emit(OpCodes.Ldc_R8, fold.Start);
            else SumOrder.Emit(inputs.Length, k => EmitLone(inputs[k]), () => _il.Emit(OpCodes.Add), EmitLoneAddStart);
        }
        else
        {
            if (part.Continues) EmitLone(inputs[0]);
            else _il.Emit(OpCodes.Ldc_R8, fold.Start);
            foreach (var item in inputs.AsSpan(part.Continues ? 1 : 0))
            {
                EmitLone(item); // an item in memory is the addition's memory operand
                EmitLoneOp(fold.Step, 2);
            }
        }
        if (!fold.DividesByCount || !part.Last) return;
        _il.Emit(OpCodes.Ldc_R8, (double)part.Items);
        _il.Emit(OpCodes.Div);
    }

    /// <summary>Adds a sum's start (+0.0) to the double on the stack as x - (-0.0): the same operation, with a memory operand where 0.0 would take a register.</summary>
    private void EmitLoneAddStart()
    {
        _il.Emit(OpCodes.Ldc_R8, -0.0);
        _il.Emit(OpCodes.Sub);
    }

    /// <summary>STDDEV as <see cref="EmitReduce"/> spells it: the mean, then the squared deviations summed in <see cref="SumOrder"/>'s order, / n, square root.</summary>
    private void EmitLoneStdDev(KernelNode[] items)
    {
        var mean = TempLone();
        var deviation = TempLone();
        EmitLoneFold(Operations.Mean, items, FoldPart.Whole(items.Length));
        _il.Emit(OpCodes.Stloc, mean);
        SumOrder.Emit(items.Length, k =>
        {
            EmitLone(items[k]);
            _il.Emit(OpCodes.Ldloc, mean);
            _il.Emit(OpCodes.Sub);
            _il.Emit(OpCodes.Stloc, deviation);
            _il.Emit(OpCodes.Ldloc, deviation);
            _il.Emit(OpCodes.Ldloc, deviation);
            _il.Emit(OpCodes.Mul);
        }, () => _il.Emit(OpCodes.Add), EmitLoneAddStart);
        _il.Emit(OpCodes.Ldc_R8, (double)items.Length);
        _il.Emit(OpCodes.Div);
        _il.Emit(OpCodes.Call, SquareRoot);
        Release(mean);
        Release(deviation);
    }

    private static MethodInfo ScalarMethodOf(Operation op) => op.ScalarMethod ?? throw new NotSupportedException($"{op} has no scalar meaning to call");

    private static readonly ConcurrentDictionary<Operation, bool> AvxForms = new();

    /// <summary>Whether the operation has an inline AVX form (asked once per operation, of a throwaway method).</summary>
    internal static bool HasAvxForm(Operation op) => AvxForms.GetOrAdd(op, o =>
    {
        var probe = new DynamicMethod("probe", typeof(void), Type.EmptyTypes).GetILGenerator();
        return o.TryEmitIntrinsic(new AvxEmitter(probe, _ => { }, () => probe.DeclareLocal(typeof(Vector256<double>)), _ => { }));
    });
}
