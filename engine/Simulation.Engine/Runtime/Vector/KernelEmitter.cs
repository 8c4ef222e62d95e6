using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Simulation.Engine.Compilation;
using Simulation.Engine.Ops;
using V = System.Runtime.Intrinsics.Vector256<double>;

namespace Simulation.Engine.Runtime.Vector;

/// <summary>
/// One compiled piece of a section: runs its part of the section over every lane group of a batch. The generated
/// method's first argument is the plan's lookup tables, to which the delegate is bound: a delegate bound to its first
/// argument calls the method directly, where an unbound one goes through a thunk that shifts the arguments (a few
/// percent of a one-run step, which calls some twenty chunks).
/// </summary>
/// <param name="next">Bytes from <paramref name="slots"/> to the buffer that receives the next step's stocks (see <see cref="StockUpdate"/>).</param>
internal unsafe delegate void KernelChunk(double* slots, double* constants, double time, nint next);

/// <summary>
/// What every chunk of a section shares: the memory layout, dt, the constant table, where values read by later
/// chunks are spilled, whether the code takes the Euler step itself, and the plan's lookup tables. A null layout is a
/// one-run program: one double per slot, array elements in the lanes (<see cref="ElementPacking"/>).
/// </summary>
internal sealed record KernelShape(LaneLayout? Layout, double Dt, ConstantTable Constants, IReadOnlyDictionary<KernelNode, int> Spills,
    StockUpdate? Update, LookupTable[] Tables);

/// <summary>
/// The Euler step taken inside the Rates code: where a stock's net rate is computed, the code stores
/// stock + dt * rate (the reference evaluator's operations, in its order) into the same row of a second
/// buffer instead of storing the rate, so the step needs no pass of its own over the stocks and rates
/// (a quarter of a step's time when it was one). The stocks of time t stay in place for everything that
/// still reads them (recording, the check, the rest of the Rates code); the kernel then swaps the buffers.
/// </summary>
internal sealed record StockUpdate(int StockBase, int RateBase, int Count)
{
    /// <summary>The stock whose net rate a slot holds, or null when the slot is not a net rate.</summary>
    public int? StockOf(int slot) => slot >= RateBase && slot < RateBase + Count ? StockBase + slot - RateBase : null;
}

/// <summary>
/// Emits IL for a group of scheduled nodes of a <see cref="KernelGraph"/>: a loop over the batch's
/// groups of four lanes whose body computes each node as one expression over
/// <see cref="V"/> values (operands on the IL stack, registers after the JIT), keeps values read
/// again later in locals, and stores only the section's observed slots. Operations that are a few
/// SIMD instructions are emitted inline as their AVX form (<see cref="Operation.TryEmitIntrinsic"/>); the rest are
/// calls of their vector meaning (<see cref="Operation.VectorMethod"/>), the one the interpreter runs.
/// Four doubles are read from and written to memory with <c>ldobj</c> and <c>stobj</c> of a <see cref="V"/>, not
/// calls of <c>Avx.LoadVector256</c> and <c>Avx.Store</c>: the same unaligned moves (or memory operands), but the
/// JIT imports an <c>ldobj</c> without resolving a call and looking up an intrinsic by name, and half the step
/// code's nodes are such moves (on the prevention pack's shared plan, JIT-compiling its step code took 16% less).
/// </summary>
internal sealed unsafe partial class KernelEmitter
{
    private readonly ILGenerator _il;
    private readonly LocalBuilder _pointer;
    private readonly KernelShape _shape;
    private readonly int _stride;
    private readonly ConstantTable _constants;
    private readonly Dictionary<KernelNode, LocalBuilder> _locals = new();
    private readonly Dictionary<KernelNode, int> _remaining;
    private readonly IReadOnlyDictionary<KernelNode, int> _spills;
    private readonly Stack<LocalBuilder> _free = new();
    private readonly Stack<LocalBuilder> _freeLone = new();
    private readonly DynamicMethod _method;
    private readonly AvxEmitter _avx;

    /// <param name="remaining">For each scheduled node: how many reads of it this chunk makes.</param>
    private KernelEmitter(string name, KernelShape shape, Dictionary<KernelNode, int> remaining)
    {
        _method = new DynamicMethod(name, typeof(void), [typeof(LookupTable[]), typeof(double*), typeof(double*), typeof(double), typeof(nint)],
            typeof(Operation).Module, skipVisibility: true);
        _il = _method.GetILGenerator();
        _pointer = _il.DeclareLocal(typeof(double*));
        _shape = shape;
        _stride = shape.Layout?.Stride ?? 1;
        _constants = shape.Constants;
        _remaining = remaining;
        _spills = shape.Spills;
        _avx = new AvxEmitter(_il, EmitBroadcast, Temp, local => _free.Push(local));
    }

    /// <summary>Compiles the nodes (in order) and the leaf roots into one chunk delegate.</summary>
    public static KernelChunk Emit(string name, KernelShape shape, IReadOnlyList<KernelNode> nodes, IEnumerable<KernelNode> leafRoots,
        Dictionary<KernelNode, int> remaining)
    {
        var emitter = new KernelEmitter(name, shape, remaining);
        var il = emitter._il;
        var group = il.DeclareLocal(typeof(int));
        var loop = il.DefineLabel();
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Stloc, emitter._pointer);
        il.Emit(OpCodes.Ldc_I4_0);
        il.Emit(OpCodes.Stloc, group);
        il.MarkLabel(loop);
        foreach (var leaf in leafRoots) emitter.EmitScheduled(leaf);
        foreach (var node in nodes) emitter.EmitScheduled(node);
        if (shape.Layout is null) // one run: no lane groups to loop over
        {
            il.Emit(OpCodes.Ret);
            return emitter._method.CreateDelegate<KernelChunk>(shape.Tables);
        }
        // next group of four lanes
        il.Emit(OpCodes.Ldloc, emitter._pointer);
        il.Emit(OpCodes.Ldc_I4, LaneLayout.GroupWidth * sizeof(double));
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Stloc, emitter._pointer);
        il.Emit(OpCodes.Ldloc, group);
        il.Emit(OpCodes.Ldc_I4_1);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Dup);
        il.Emit(OpCodes.Stloc, group);
        il.Emit(OpCodes.Ldc_I4, shape.Layout!.Value.Groups);
        il.Emit(OpCodes.Blt, loop);
        il.Emit(OpCodes.Ret);
        return emitter._method.CreateDelegate<KernelChunk>(shape.Tables);
    }

    /// <summary>
    /// Computes a scheduled node (or a leaf root) and hands its value to every consumer: stored slots, spill slot, later
    /// reads. A lone value of a one-run program is kept as a double, or in all four lanes once if packed nodes read it.
    /// </summary>
    private void EmitScheduled(KernelNode node)
    {
        bool lone = IsLone(node);
        if (lone) EmitLone(node, scheduledRoot: true);
        else EmitTree(node, scheduledRoot: true);
        bool widened = lone && node.VectorReads > 0 && _remaining.GetValueOrDefault(node) > 0;
        if (widened) _il.Emit(OpCodes.Call, IntoAllLanes);
        var value = lone && !widened ? TempLone() : Temp();
        _il.Emit(OpCodes.Stloc, value);
        foreach (int slot in node.RootSlots) StoreInto(slot, value, lone);
        if (_spills.TryGetValue(node, out int spill) && !node.RootSlots.Contains(spill)) StoreInto(spill, value, lone);
        if (_remaining.TryGetValue(node, out int reads) && reads > 0) _locals[node] = value;
        else Release(value);
    }

    /// <summary>Stores a value: a whole vector (a batch's lanes, or a pack's four elements into four slots), or a lone value into its slot.</summary>
    private void StoreInto(int slot, LocalBuilder value, bool lone)
    {
        if (_shape.Update?.StockOf(slot) is int stock)
        {
            EmitStockUpdate(stock, value);
            return;
        }
        EmitAddress(slot);
        _il.Emit(OpCodes.Ldloc, value);
        if (!lone)
        {
            _il.Emit(OpCodes.Stobj, typeof(V));
            return;
        }
        if (value.LocalType != typeof(double)) _il.Emit(OpCodes.Call, LowestLane);
        _il.Emit(OpCodes.Stind_R8);
    }

    private static readonly MethodInfo LoadIntoAll = typeof(Avx).GetMethod(nameof(Avx.BroadcastScalarToVector256), [typeof(double*)])!;

    /// <summary>next[stock] = stock + dt * rate, as <see cref="VectorKernel.EulerStep"/> and the reference evaluator compute it.</summary>
    private void EmitStockUpdate(int stock, LocalBuilder rate)
    {
        EmitAddress(stock);
        _il.Emit(OpCodes.Ldarg_S, (byte)4);
        _il.Emit(OpCodes.Add);
        EmitLoad(stock);
        EmitBroadcast(_shape.Dt);
        _il.Emit(OpCodes.Ldloc, rate);
        Inline(Operations.Mul);
        Inline(Operations.Add);
        _il.Emit(OpCodes.Stobj, typeof(V));
    }

    /// <summary>Pushes a node's value as a vector (a lone value of a one-run program in all four lanes).</summary>
    private void EmitTree(KernelNode node, bool scheduledRoot = false)
    {
        if (IsLone(node) && EmitLoneAsVector(node, scheduledRoot)) return;
        switch (node.Kind)
        {
            case NodeKind.Load:
                EmitLoad(node.Slot, node.Packed);
                return;
            case NodeKind.Uniform when node.Values is { } lanes:
                EmitConstant(lanes);
                return;
            case NodeKind.Uniform:
                EmitBroadcast(node.Value);
                return;
            case NodeKind.Time:
                EmitLoad(EvaluationPlan.TimeSlot); // the kernel fills the TIME row before each evaluation
                return;
        }
        if (node.Scheduled && !scheduledRoot)
        {
            EmitRead(node, vector: true);
            return;
        }
        var op = node.Op!;
        var inputs = node.Inputs;
        switch (op.Kind)
        {
            case OperationKind.Pure when op == Operations.Div && ExactReciprocal.Of(inputs[1]) is { } reciprocal:
                EmitTree(inputs[0]);
                EmitConstant(reciprocal);
                Inline(Operations.Mul);
                return;
            case OperationKind.Pure:
                foreach (var input in inputs) EmitTree(input);
                if (op.TryEmitIntrinsic(_avx)) return;
                break;
            case OperationKind.Timed: // (a, b, c, d, time, dt): operands it does not read are zeros
                foreach (var input in inputs) EmitTree(input);
                for (int unused = inputs.Length; unused < 4; unused++) EmitBroadcast(0.0);
                _il.Emit(OpCodes.Ldarg_3);
                _il.Emit(OpCodes.Ldc_R8, _shape.Dt);
                break;
            case OperationKind.Lookup:
                EmitTree(inputs[0]);
                _il.Emit(OpCodes.Ldarg_0);
                _il.Emit(OpCodes.Ldc_I4, node.Instruction.Aux);
                _il.Emit(OpCodes.Ldelem_Ref);
                break;
            case OperationKind.Fold:
                var fold = (FoldOperation)op;
                if (node.Part is { } part) EmitFoldPart(fold, inputs, part);
                else EmitReduce(fold, inputs);
                return;
            case OperationKind.Choose:
                EmitChoose(inputs);
                return;
            default:
                throw new NotSupportedException($"the step code cannot run {op}");
        }
        _il.Emit(OpCodes.Call, op.VectorMethod ?? throw new NotSupportedException($"{op} has no vector meaning"));
    }

    /// <summary>An operation that must have an AVX form (the arithmetic the code spells out itself).</summary>
    private void Inline(Operation op)
    {
        if (!op.TryEmitIntrinsic(_avx)) throw new InvalidOperationException($"{op} has no AVX form");
    }

    /// <summary>Reads a scheduled value computed earlier, as a vector or as a lone double: from its local in this chunk, or from its spill slot.</summary>
    private void EmitRead(KernelNode node, bool vector)
    {
        if (_locals.TryGetValue(node, out var local))
        {
            _il.Emit(OpCodes.Ldloc, local);
            bool heldLone = local.LocalType == typeof(double);
            if (heldLone && vector) _il.Emit(OpCodes.Call, IntoAllLanes);
            else if (!heldLone && !vector) _il.Emit(OpCodes.Call, LowestLane);
            if (--_remaining[node] == 0)
            {
                _locals.Remove(node);
                Release(local);
            }
            return;
        }
        if (!_spills.TryGetValue(node, out int spill)) throw new InvalidOperationException("a scheduled value is read before it is computed");
        if (vector) EmitLoad(spill, node.Packed);
        else EmitLoneLoad(spill);
    }

    /// <summary>Folds in the order of <see cref="VectorInterpreter"/> and <see cref="FoldOperation.Apply"/>.</summary>
    private void EmitReduce(FoldOperation fold, KernelNode[] items)
    {
        if (fold == Operations.StdDev)
        {
            var mean = Temp();
            EmitFold(Operations.Mean, items);
            _il.Emit(OpCodes.Stloc, mean);
            var deviation = Temp();
            SumOrder.Emit(items.Length, k =>
            {
                EmitTree(items[k]);
                _il.Emit(OpCodes.Ldloc, mean);
                Inline(Operations.Sub);
                _il.Emit(OpCodes.Stloc, deviation);
                _il.Emit(OpCodes.Ldloc, deviation);
                _il.Emit(OpCodes.Ldloc, deviation);
                Inline(Operations.Mul);
            }, () => Inline(Operations.Add), EmitAddStart);
            EmitBroadcast(items.Length);
            Inline(Operations.Div);
            Inline(Operations.Sqrt);
            _free.Push(mean);
            _free.Push(deviation);
            return;
        }
        EmitFold(fold, items);
    }

    /// <summary>
    /// Adds a sum's start (+0.0) to the vector on the stack (<see cref="SumOrder.Emit"/>) as x - (-0.0), the same
    /// operation: -0.0 is read from the constant table as the subtraction's memory operand, where 0.0 would take a register.
    /// </summary>
    private void EmitAddStart()
    {
        EmitBroadcast(-0.0);
        Inline(Operations.Sub);
    }

    /// <summary>
    /// One part of a fold: continues the previous part's accumulator (or starts the fold) over this part's items, and
    /// finishes the fold if it is the last; a whole sum adds its items in <see cref="SumOrder"/>'s order.
    /// </summary>
    private void EmitFoldPart(FoldOperation fold, KernelNode[] inputs, FoldPart part)
    {
        if (!part.InOrder(fold))
        {
            if (part.Continues || !part.Last) throw new InvalidOperationException("a sum is cut into its lanes' chains, not into parts in order");
            if (inputs.Length == 0) EmitBroadcast(fold.Start);
            else SumOrder.Emit(inputs.Length, k => EmitTree(inputs[k]), () => Inline(Operations.Add), EmitAddStart);
        }
        else
        {
            if (part.Continues) EmitTree(inputs[0]);
            else EmitBroadcast(fold.Start);
            foreach (var item in inputs.AsSpan(part.Continues ? 1 : 0))
            {
                EmitTree(item);
                Inline(fold.Step);
            }
        }
        if (!fold.DividesByCount || !part.Last) return;
        EmitBroadcast(part.Items);
        Inline(Operations.Div);
    }

    /// <summary>A whole fold: the one part that both starts and finishes it.</summary>
    private void EmitFold(FoldOperation fold, KernelNode[] items) => EmitFoldPart(fold, items, FoldPart.Whole(items.Length));

    private void EmitChoose(KernelNode[] inputs)
    {
        var index = Temp();
        var chosen = Temp();
        EmitTree(inputs[0]);
        ChooseOperation.EmitZeroBasedIndex(_avx);
        _il.Emit(OpCodes.Stloc, index);
        EmitBroadcast(0.0);
        _il.Emit(OpCodes.Stloc, chosen);
        for (int j = 1; j < inputs.Length; j++)
        {
            _il.Emit(OpCodes.Ldloc, index);
            EmitTree(inputs[j]);
            _il.Emit(OpCodes.Ldloc, chosen);
            ChooseOperation.EmitStep(_avx, j - 1);
            _il.Emit(OpCodes.Stloc, chosen);
        }
        _il.Emit(OpCodes.Ldloc, chosen);
        _free.Push(index);
        _free.Push(chosen);
    }

    /// <summary>A scratch local, returned to the pool by the caller when done.</summary>
    private LocalBuilder Temp() => _free.Count > 0 ? _free.Pop() : _il.DeclareLocal(typeof(V));

    /// <summary>A scratch local for a lone double.</summary>
    private LocalBuilder TempLone() => _freeLone.Count > 0 ? _freeLone.Pop() : _il.DeclareLocal(typeof(double));

    private void Release(LocalBuilder local) => (local.LocalType == typeof(double) ? _freeLone : _free).Push(local);

    /// <summary>Pushes a constant in all four lanes, read from the constant table.</summary>
    private void EmitBroadcast(double value) => EmitConstant([value, value, value, value]);

    /// <summary>Pushes four constants (one per lane), read from the constant table.</summary>
    private void EmitConstant(ReadOnlySpan<double> lanes)
    {
        _il.Emit(OpCodes.Ldarg_2);
        _il.Emit(OpCodes.Ldc_I4, _constants.IndexOf(lanes) * LaneLayout.GroupWidth * sizeof(double));
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Ldobj, typeof(V));
    }

    /// <summary>Pushes a slot's row: a batch's lanes, four adjacent slots of one run (packed), or one run's slot in all four lanes.</summary>
    private void EmitLoad(int slot, bool packed = false)
    {
        if (_shape.Layout is null && !packed)
        {
            EmitLoneInAllLanes(slot);
            return;
        }
        EmitAddress(slot);
        _il.Emit(OpCodes.Ldobj, typeof(V));
    }

    /// <summary>Pushes one run's slot as a double (the JIT folds the load into the instruction that reads it).</summary>
    private void EmitLoneLoad(int slot)
    {
        EmitAddress(slot);
        _il.Emit(OpCodes.Ldind_R8);
    }

    /// <summary>Pushes the address of this lane group's four doubles in a slot's row.</summary>
    private void EmitAddress(int slot)
    {
        _il.Emit(OpCodes.Ldloc, _pointer);
        long offset = (long)slot * _stride * sizeof(double);
        if (offset > int.MaxValue) throw new NotSupportedException("the batch is too large to address");
        _il.Emit(OpCodes.Ldc_I4, (int)offset);
        _il.Emit(OpCodes.Add);
    }
}
