using Simulation.Engine.Compilation;
using Simulation.Engine.Ops;

namespace Simulation.Engine.Runtime.Vector;

/// <summary>A value in a section's dataflow graph.</summary>
internal enum NodeKind
{
    /// <summary>A slot's value from memory, as it was when the section started (stocks, per-run invariants).</summary>
    Load,

    /// <summary>A value known when the kernel is built and the same in every lane (constants and what depends only on them).</summary>
    Uniform,

    /// <summary>TIME.</summary>
    Time,

    /// <summary>An operation on other nodes.</summary>
    Op,
}

internal sealed class KernelNode(NodeKind kind, int id)
{
    public NodeKind Kind { get; } = kind;
    public int Id { get; } = id;
    public int Slot { get; set; }
    public double Value { get; init; }
    public Instruction Instruction { get; init; }
    public Operation? Op { get; init; }
    public KernelNode[] Inputs { get; init; } = [];

    /// <summary>
    /// Its four lanes hold four different elements of one run (<see cref="ElementPacking"/>): a packed load reads four
    /// adjacent slots, a packed constant has <see cref="Values"/>, a packed operation computes four elements' equations.
    /// Every other value of a one-run program has the run's value in all four lanes.
    /// </summary>
    public bool Packed { get; init; }

    /// <summary>A packed value whose lanes are read one by one (<see cref="LaneShuffles.Broadcast"/>): stored to memory once computed.</summary>
    public bool ReadByLane { get; set; }

    /// <summary>
    /// A one-run program's packed load of a row that the kernel fills once a run, after Setup, lane l from slot
    /// Sources[l]: four inputs fixed within the run (an Age-indexed rate read by the elements of two ages) gathered once,
    /// where the step code would gather them lane by lane at every step. <see cref="Slot"/> is the row, once allocated.
    /// </summary>
    public int[]? Sources { get; init; }

    /// <summary>A packed constant's four values.</summary>
    public double[]? Values { get; init; }

    /// <summary>How many times other nodes read this one (an operand read twice counts twice).</summary>
    public int OperandUses { get; set; }

    /// <summary>How many times this node reads each of its inputs: twice for a whole STDDEV (the mean, then the squares), else once.</summary>
    public int ReadsOfEachInput => Op == Operations.StdDev && Part is null ? 2 : 1;

    /// <summary>Sets every node's <see cref="OperandUses"/> to the reads the other nodes of <paramref name="order"/> make of it.</summary>
    public static void CountOperandUses(List<KernelNode> order)
    {
        foreach (var node in order) node.OperandUses = 0;
        foreach (var node in order)
            foreach (var input in node.Inputs) input.OperandUses += node.ReadsOfEachInput;
    }

    /// <summary>How many packed nodes read this one as an operand: a one-run program's lone value they read in all four lanes.</summary>
    public int VectorReads { get; set; }

    /// <summary>Slots this value is stored into at the end of the section.</summary>
    public List<int> RootSlots { get; } = new();

    /// <summary>Computed once into a variable (read several times, stored, or cut from a deep tree) rather than inline where it is read.</summary>
    public bool Scheduled { get; set; }

    /// <summary>Height and size of the tree emitted inline for this node (scheduled operands count as leaves).</summary>
    public int Depth { get; set; }

    public int Size { get; set; }

    /// <summary>For scheduled nodes: the size of the tree emitted to compute it.</summary>
    public int TreeSize { get; set; }

    /// <summary>For a part of a long reduction cut into parts (see <see cref="FoldPart"/>); null for every other node.</summary>
    public FoldPart? Part { get; init; }

    public bool IsLeaf => Kind != NodeKind.Op;
}

/// <summary>
/// One part of a long reduction (SUM, PRODUCT, MEAN, MIN, MAX over many items) cut into parts of a few items
/// each. A fold is one chain of dependent operations (each addition waits for the one before, 3-4 cycles),
/// which the processor cannot overlap with other work once the chain fills its window of pending
/// instructions; cut into parts spread across the rest of the step's code, the chain's latency hides behind
/// that work. Every part continues the accumulator of the part before (its first input), so the operations
/// and their order, and therefore the bits, are those of the uncut fold.
/// </summary>
/// <param name="Continues">The first input is the accumulator of the previous part (false for the first part).</param>
/// <param name="Last">The last part, which finishes the fold (MEAN divides by <paramref name="Items"/>) and stands for the whole reduction.</param>
/// <param name="Items">How many items the whole reduction folds (for a lane's chain, the chain's).</param>
/// <param name="Lane">A part of one lane's chain of a long sum (<see cref="SumOrder"/>): its items are added left to right
/// from the start, and <see cref="LaneSums"/> combines the four chains.</param>
internal sealed record FoldPart(bool Continues, bool Last, int Items, bool Lane = false)
{
    /// <summary>A fold not cut at all: one part that starts and finishes it.</summary>
    public static FoldPart Whole(int items) => new(false, true, items);

    /// <summary>Its items are added left to right (a part of a left-to-right fold, or of a lane's chain), not in <see cref="SumOrder"/>'s order.</summary>
    public bool InOrder(Ops.FoldOperation fold) => Lane || !fold.Additive;
}

/// <summary>
/// The dataflow graph of one plan section, and an order to compute it in. Slots are only names:
/// a temporary slot reused by several expressions becomes several nodes. A value read once is
/// computed inline where it is read, so it lives in a register instead of making a round trip
/// through memory; values read several times are computed once, at their first reader, into a
/// variable. Only slots that someone outside the section observes (net rates, recorded outputs,
/// what Capture reads) are stored. Every node computes what its plan instruction computes, on the
/// same operands, so reordering the nodes never changes a bit of the result.
/// </summary>
internal sealed class KernelGraph
{
    /// <summary>Trees deeper or larger than this are cut into scheduled parts (bounded recursion, bounded method size).</summary>
    private const int MaxDepth = 40;
    private const int MaxSize = 1500;

    /// <summary>Reductions over more items than this are cut into parts of <see cref="FoldPartItems"/> items (see <see cref="FoldPart"/>).</summary>
    private const int LongFold = 32;
    private const int FoldPartItems = 8;

    private List<KernelNode> _nodes = new();

    /// <param name="uniform">Per slot: the value when it is the same in every lane and known now, else null.</param>
    /// <param name="observed">Slots whose final value the section must store.</param>
    /// <param name="storedAlways">Adjacent observed slots to store even when the section does not write them (their value on entry).</param>
    /// <param name="elementGroups">For a one-run program: adjacent slots (up to four) of elements to put in the four lanes
    /// (<see cref="ElementPacking"/>); null to keep one run's value in each lane.</param>
    /// <param name="fixedWithinRun">For a one-run program: whether a slot keeps its value from Setup to the end of the run.</param>
    public KernelGraph(ReadOnlySpan<Instruction> code, ReadOnlySpan<int> pool, double?[] uniform, IReadOnlySet<int> observed,
        RowRange storedAlways, IReadOnlyList<RowRange>? elementGroups = null, Func<int, bool>? fixedWithinRun = null)
    {
        int slotCount = uniform.Length;
        var current = new KernelNode?[slotCount];
        var entry = new KernelNode?[slotCount];
        var finalDefinition = new int[slotCount];
        KernelNode? time = null;
        var reads = new List<int>();
        var uniforms = new Dictionary<long, KernelNode>();
        var computed = new Dictionary<OperationKey, KernelNode>(code.Length); // sized once: a large plan's step code is some 20,000 nodes

        KernelNode UniformOf(double value)
        {
            long bits = BitConverter.DoubleToInt64Bits(value);
            if (!uniforms.TryGetValue(bits, out var node)) uniforms[bits] = node = New(NodeKind.Uniform, value: value);
            return node;
        }

        KernelNode ValueOf(int slot)
        {
            if (current[slot] is { } defined) return defined;
            if (entry[slot] is { } known) return known;
            KernelNode leaf = slot == EvaluationPlan.TimeSlot ? time ??= New(NodeKind.Time)
                : uniform[slot] is double u ? UniformOf(u)
                : New(NodeKind.Load, slot: slot);
            return entry[slot] = leaf;
        }

        for (int index = 0; index < code.Length; index++)
        {
            var instruction = code[index];
            var op = instruction.Op;
            KernelNode node;
            switch (op.Kind)
            {
                case OperationKind.Const:
                    node = UniformOf(instruction.Imm);
                    break;
                case OperationKind.Copy:
                    node = ValueOf(instruction.A);
                    break;
                case OperationKind.Param:
                    throw new NotSupportedException("a parameter read belongs in the Setup section, not in a compiled step section");
                case OperationKind.Pipeline or OperationKind.Random:
                    throw new NotSupportedException($"{op} keeps per-run state; a section with it runs on the interpreter");
                default:
                    reads.Clear();
                    instruction.Reads(pool, reads);
                    var inputs = new KernelNode[reads.Count]; // a loop, not LINQ: no delegate and iterator per instruction
                    for (int r = 0; r < inputs.Length; r++) inputs[r] = ValueOf(reads[r]);
                    var key = new OperationKey(op, op.Kind == OperationKind.Lookup ? instruction.Aux : 0, inputs);
                    if (computed.TryGetValue(key, out var same))
                    {
                        node = same; // the same operation on the same values: the same bits, computed once
                        break;
                    }
                    if (CanCutIntoParts(op, inputs)) node = NewFoldParts(instruction, op, inputs);
                    else
                    {
                        node = New(NodeKind.Op, instruction: instruction, op: op, inputs: inputs);
                        foreach (var input in inputs) input.OperandUses += node.ReadsOfEachInput;
                    }
                    computed[key] = node;
                    break;
            }
            if (entry[instruction.Dst] is not null && instruction.Dst != EvaluationPlan.TimeSlot)
                throw new NotSupportedException($"slot {instruction.Dst} is read before it is written in the same section; the compiled kernel cannot reorder that");
            current[instruction.Dst] = node;
            finalDefinition[instruction.Dst] = index;
        }

        for (int slot = storedAlways.Start; slot < storedAlways.Start + storedAlways.Count; slot++) current[slot] ??= ValueOf(slot);
        var rootSlots = InDefinitionOrder(observed, current, finalDefinition, code.Length);
        if (elementGroups is null)
        {
            var roots = new List<KernelNode>();
            var seen = new HashSet<KernelNode>();
            foreach (int slot in rootSlots)
            {
                var root = current[slot]!;
                root.RootSlots.Add(slot);
                if (seen.Add(root)) roots.Add(root);
            }
            Roots = roots;
        }
        else
        {
            var roots = new List<KernelNode>();
            var packed = ElementPacking.Apply(_nodes, current, elementGroups, rootSlots, roots, fixedWithinRun, out int packs);
            packed = StripedFolds.Apply(packed, roots, out int striped);
            (_nodes, Roots, PackCount, StripedCount) = (packed, roots, packs, striped);
        }
        Shape();
        Order = ScheduleFrom(Roots);
        if (_nodes.Any(n => n.Part is not null)) Order = FoldSchedule.Spread(ScheduleFrom(FoldSchedule.WaitersLast(Roots, Order)));
    }

    /// <summary>Groups of four elements computed as one vector (<see cref="ElementPacking"/>); 0 unless packed.</summary>
    public int PackCount { get; }

    /// <summary>Sums whose items are added four at a time as vectors (<see cref="StripedFolds"/>); 0 unless packed.</summary>
    public int StripedCount { get; }

    /// <summary>Values stored at the end of the section, in the order their plan instructions come.</summary>
    public IReadOnlyList<KernelNode> Roots { get; }

    /// <summary>The scheduled operation nodes, each after the scheduled nodes it reads.</summary>
    public IReadOnlyList<KernelNode> Order { get; }

    /// <summary>Packed loads of rows filled once a run (<see cref="KernelNode.Sources"/>).</summary>
    public IEnumerable<KernelNode> FixedRows => _nodes.Where(n => n.Sources is not null);

    /// <summary>Roots that are leaves (a rate that is just a constant or a copy of a stored slot).</summary>
    public IEnumerable<KernelNode> LeafRoots => Roots.Where(r => r.IsLeaf);

    private KernelNode New(NodeKind kind, int slot = 0, double value = 0, Instruction instruction = default, Operation? op = null,
        KernelNode[]? inputs = null, FoldPart? part = null)
    {
        var node = new KernelNode(kind, _nodes.Count) { Slot = slot, Value = value, Instruction = instruction, Op = op, Inputs = inputs ?? [], Part = part };
        _nodes.Add(node);
        return node;
    }

    /// <summary>
    /// What makes two operation nodes compute the same value: the operation, its table (lookups), and the same operand
    /// nodes in the same order. Every operation the step code runs is a pure function of these (time functions read
    /// the one TIME node and the plan's dt), so a node with the same key is reused instead of computed again (the
    /// plan repeats subexpressions across the elements of arrays and across equations: on the hospital-to-community
    /// model 486 of 7,717 step instructions, among them 29 of its 33 lookups).
    /// </summary>
    private readonly struct OperationKey(Operation op, int table, KernelNode[] inputs) : IEquatable<OperationKey>
    {
        private readonly Operation _op = op;
        private readonly int _table = table;
        private readonly KernelNode[] _inputs = inputs;

        public bool Equals(OperationKey other) =>
            ReferenceEquals(_op, other._op) && _table == other._table && _inputs.AsSpan().SequenceEqual(other._inputs);

        public override bool Equals(object? obj) => obj is OperationKey other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            hash.Add(_op);
            hash.Add(_table);
            foreach (var input in _inputs) hash.Add(input.Id);
            return hash.ToHashCode();
        }
    }

    private static bool CanCutIntoParts(Operation op, KernelNode[] items) =>
        op.Kind == OperationKind.Fold && op != Operations.StdDev && items.Length > LongFold;

    /// <summary>
    /// Creates the parts of a long fold in order, each reading the one before; returns the node that stands for the
    /// reduction: the last part, or for a sum (<see cref="SumOrder"/>) the <see cref="LaneSums"/> of its four lanes' chains,
    /// each chain cut into parts the same way.
    /// </summary>
    private KernelNode NewFoldParts(Instruction instruction, Operation op, KernelNode[] items)
    {
        if (op is not FoldOperation { Additive: true } sum) return NewChain(instruction, op, items, lane: false);
        var lanes = new KernelNode[SumOrder.Lanes];
        for (int l = 0; l < lanes.Length; l++)
        {
            var chain = new KernelNode[(items.Length - l + SumOrder.Lanes - 1) / SumOrder.Lanes];
            for (int k = 0; k < chain.Length; k++) chain[k] = items[l + k * SumOrder.Lanes];
            lanes[l] = NewChain(instruction, Operations.Sum, chain, lane: true);
        }
        foreach (var lane in lanes) lane.OperandUses++;
        return New(NodeKind.Op, instruction: instruction, op: new LaneSums(sum, items.Length), inputs: lanes);
    }

    /// <summary>The items folded left to right in parts of <see cref="FoldPartItems"/>, each continuing the part before; returns the last.</summary>
    private KernelNode NewChain(Instruction instruction, Operation op, KernelNode[] items, bool lane)
    {
        KernelNode? previous = null;
        for (int first = 0; ; first += FoldPartItems)
        {
            var chunk = items.AsSpan(first, Math.Min(FoldPartItems, items.Length - first)).ToArray();
            bool last = first + FoldPartItems >= items.Length;
            var inputs = previous is null ? chunk : [previous, .. chunk];
            foreach (var input in inputs) input.OperandUses++;
            previous = New(NodeKind.Op, instruction: instruction, op: op, inputs: inputs,
                part: new FoldPart(previous is not null, last, items.Length, lane));
            if (last) return previous;
        }
    }

    /// <summary>Decides which operations are scheduled (creation order is a topological order, so operands are decided first).</summary>
    private void Shape()
    {
        foreach (var node in _nodes.Where(n => n.Packed))
            foreach (var input in node.Inputs) input.VectorReads++;
        foreach (var node in _nodes)
        {
            if (node.IsLeaf)
            {
                node.Size = 1;
                continue;
            }
            int depth = 0, size = 1;
            foreach (var input in node.Inputs)
            {
                if (input.Scheduled) continue;
                depth = Math.Max(depth, input.Depth);
                size += input.Size;
            }
            node.Depth = depth + 1;
            node.Size = node.TreeSize = size;
            node.Scheduled = node.OperandUses > 1 || node.RootSlots.Count > 0 || node.Depth > MaxDepth || node.Size > MaxSize || node.Part is not null || node.ReadByLane;
            if (node.Scheduled)
            {
                node.Depth = 0;
                node.Size = 1;
            }
        }
    }

    /// <summary>The scheduled nodes a node's inline tree reads (it computes the rest itself).</summary>
    public static void ScheduledOperands(KernelNode node, List<KernelNode> into)
    {
        foreach (var input in node.Inputs)
        {
            if (input.IsLeaf) continue;
            if (input.Scheduled) into.Add(input);
            else ScheduledOperands(input, into);
        }
    }

    /// <summary>Depth-first from each root in turn: every scheduled value is computed just before its first reader needs it.</summary>
    private static List<KernelNode> ScheduleFrom(IReadOnlyList<KernelNode> roots)
    {
        var order = new List<KernelNode>();
        var placed = new HashSet<KernelNode>();
        var stack = new Stack<(KernelNode Node, List<KernelNode> Operands, int Next)>();
        foreach (var root in roots)
        {
            if (root.IsLeaf || !placed.Add(root)) continue;
            stack.Push((root, Operands(root), 0));
            while (stack.Count > 0)
            {
                var (node, operands, next) = stack.Pop();
                if (next < operands.Count)
                {
                    stack.Push((node, operands, next + 1));
                    var operand = operands[next];
                    if (placed.Add(operand)) stack.Push((operand, Operands(operand), 0));
                }
                else order.Add(node);
            }
        }
        return order;
    }

    private static List<KernelNode> Operands(KernelNode node)
    {
        var list = new List<KernelNode>();
        ScheduledOperands(node, list);
        return list;
    }

    /// <summary>
    /// The observed slots the section defines or stores, in the order of their final definitions (ties in the set's
    /// order). A counting sort over the instruction indices rather than LINQ's OrderBy or Array.Sort of packed keys:
    /// the precompiled (composite) build lacks both instantiations and would JIT-compile them at first use.
    /// </summary>
    private static List<int> InDefinitionOrder(IReadOnlySet<int> observed, KernelNode?[] current, int[] finalDefinition, int instructions)
    {
        var before = new int[instructions + 1]; // before[k]: how many of the slots have a final definition earlier than k
        foreach (int slot in observed)
            if (current[slot] is not null) before[finalDefinition[slot] + 1]++;
        for (int k = 1; k <= instructions; k++) before[k] += before[k - 1];
        var ordered = new int[before[instructions]];
        foreach (int slot in observed)
            if (current[slot] is not null) ordered[before[finalDefinition[slot]]++] = slot;
        return [.. ordered];
    }
}
