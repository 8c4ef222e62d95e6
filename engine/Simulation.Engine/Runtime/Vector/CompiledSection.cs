using System.Collections.Immutable;
using Simulation.Engine.Compilation;
using Simulation.Engine.Ops;

namespace Simulation.Engine.Runtime.Vector;

/// <summary>
/// A plan section compiled to native SIMD code for one batch width: a few generated methods, each
/// running its share of the section over every group of four lanes. Immutable and thread-safe:
/// every worker runs the same chunks on its own batch memory.
/// </summary>
internal sealed unsafe class CompiledSection
{
    /// <summary>
    /// Nodes (operations and loads) per generated method. Small enough for the JIT to optimise fully and quickly,
    /// and for its register allocator to do well: on icb-bench, methods of 300-500 nodes ran 15-25% faster than
    /// methods of 1,200 (measured interleaved in one process, 16 lanes); values crossing methods go through memory.
    /// </summary>
    public const int MaxChunkSize = 400;

    private readonly KernelChunk[] _chunks;
    private readonly double[] _constantMemory;

    /// <summary>The constant table, aligned to 32 bytes in <see cref="_constantMemory"/> so that no vector of it straddles two cache lines.</summary>
    private readonly double* _constants;

    private CompiledSection(KernelChunk[] chunks, double[] constants, int slotCount)
    {
        _chunks = chunks;
        _constantMemory = GC.AllocateArray<double>(constants.Length + LaneLayout.GroupWidth, pinned: true);
        double* start = (double*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref _constantMemory[0]); // pinned at allocation
        _constants = start + (32 - (nint)start % 32) % 32 / sizeof(double);
        constants.CopyTo(new Span<double>(_constants, constants.Length));
        SlotCount = slotCount;
    }

    /// <summary>Rows the batch memory needs: the plan's slots and this section's spill slots.</summary>
    public int SlotCount { get; }

    public int ChunkCount => _chunks.Length;

    /// <summary>Takes the Euler step too (see <see cref="StockUpdate"/>).</summary>
    public bool UpdatesStocks => !double.IsNaN(StepDt);

    /// <summary>The dt of the Euler step the code takes (NaN when it takes none).</summary>
    public double StepDt { get; private init; } = double.NaN;

    /// <summary>
    /// Runs the section; the TIME row of <paramref name="slots"/> must hold <paramref name="time"/>. When it
    /// <see cref="UpdatesStocks"/>, the next step's stocks go to the same rows <paramref name="next"/> bytes on.
    /// </summary>
    public void Run(double* slots, double time, nint next)
    {
        foreach (var chunk in _chunks) chunk(slots, _constants, time, next);
    }

    /// <param name="observed">Slots whose final values must be in memory after the section (the rest may live in registers only).</param>
    /// <param name="firstSpillSlot">Where this section's own rows start (the plan's slot count).</param>
    /// <param name="layout">The batch's layout, or null for one run (one double per slot) with array elements in the lanes.</param>
    /// <param name="update">The Euler step to take in the code, or null.</param>
    /// <param name="listing">Receives the code as text (<see cref="KernelListing"/>), or null.</param>
    /// <param name="fixedWithinRun">One run: whether a slot keeps its value from Setup to the end of the run (see <see cref="FixedRows"/>).</param>
    public static CompiledSection Compile(EvaluationPlan plan, ImmutableArray<Instruction> section, IReadOnlySet<int> observed,
        LaneLayout? layout, double?[] uniform, int firstSpillSlot, string name, StockUpdate? update = null, TextWriter? listing = null,
        Func<int, bool>? fixedWithinRun = null)
    {
        // Every stock takes its step, also one whose net rate Setup set once (a stock without flows).
        var stored = update is null ? new RowRange(0, 0) : new RowRange(update.RateBase, update.Count);
        var graph = new KernelGraph(section.AsSpan(), plan.ArgumentPool.AsSpan(), uniform, observed, stored,
            layout is null ? ElementGroups(plan) : null, layout is null ? fixedWithinRun : null);

        // Cut the schedule into methods of bounded size.
        var chunkOf = new Dictionary<KernelNode, int>();
        var chunks = new List<List<KernelNode>> { new() };
        int weight = 0;
        foreach (var node in graph.Order)
        {
            if (weight > 0 && weight + node.TreeSize > MaxChunkSize)
            {
                chunks.Add(new List<KernelNode>());
                weight = 0;
            }
            chunks[^1].Add(node);
            chunkOf[node] = chunks.Count - 1;
            weight += node.TreeSize;
        }

        // Values read by a later method travel through a spill slot; within a method they stay in locals. A value the
        // section stores anyway (an observed slot, not a stock's next value) is read back from there instead.
        var spills = new Dictionary<KernelNode, int>();
        int spillSlots = 0;
        int SpillSlot(KernelNode node, int width)
        {
            foreach (int slot in node.RootSlots)
                if (update?.StockOf(slot) is null) return slot;
            spillSlots += width;
            return firstSpillSlot + spillSlots - width;
        }
        var reads = new Dictionary<KernelNode, int>[chunks.Count];
        for (int c = 0; c < chunks.Count; c++) reads[c] = new Dictionary<KernelNode, int>();
        foreach (var node in graph.Order)
        {
            var counts = reads[chunkOf[node]];
            CountReads(node, true, counts);
        }
        var readElsewhere = new List<KernelNode>();
        for (int c = 0; c < chunks.Count; c++)
        {
            readElsewhere.Clear();
            foreach (var (node, _) in reads[c])
                if (chunkOf[node] != c) readElsewhere.Add(node);
            foreach (var node in readElsewhere)
            {
                reads[c].Remove(node);
                if (spills.ContainsKey(node)) continue;
                spills[node] = SpillSlot(node, node.Packed ? LaneLayout.GroupWidth : 1); // a one-run pack spills four adjacent slots
            }
        }

        // Packs whose lanes are read one by one are read back from memory (LaneShuffles.Broadcast).
        foreach (var node in graph.Order.Where(n => n.ReadByLane && !spills.ContainsKey(n)))
            spills[node] = SpillSlot(node, LaneLayout.GroupWidth);
        // Rows of inputs gathered once a run, after the spill rows.
        var fixedRows = new List<(int Row, int[] Sources)>();
        foreach (var node in graph.FixedRows)
        {
            node.Slot = firstSpillSlot + spillSlots;
            spillSlots += LaneLayout.GroupWidth;
            fixedRows.Add((node.Slot, node.Sources!));
        }
        var shape = new KernelShape(layout, plan.Dt, new ConstantTable(), spills, update, plan.Tables.ToArray());
        if (listing is not null) new KernelListing(plan, listing).Write(name, shape, chunks, graph.LeafRoots);
        var compiled = new KernelChunk[chunks.Count];
        for (int c = 0; c < chunks.Count; c++)
            compiled[c] = KernelEmitter.Emit($"{name}_{c}", shape, chunks[c], c == 0 ? graph.LeafRoots : [], reads[c]);
        return new CompiledSection(compiled, shape.Constants.ToArray(), firstSpillSlot + spillSlots)
        {
            StepDt = update is null ? double.NaN : plan.Dt,
            PackCount = graph.PackCount,
            StripedCount = graph.StripedCount,
            FixedRows = fixedRows,
        };
    }

    /// <summary>
    /// Rows the one-run kernel fills once a run, after Setup and Initial: lane l of the row from slot Sources[l] (inputs
    /// fixed within the run that a pack reads from four places), so the step code reads them as one vector.
    /// </summary>
    public IReadOnlyList<(int Row, int[] Sources)> FixedRows { get; private init; } = [];

    /// <summary>Groups of four elements computed as one vector in a one-run program (<see cref="ElementPacking"/>).</summary>
    public int PackCount { get; private init; }

    /// <summary>Sums a one-run program adds four items at a time, as vectors (<see cref="StripedFolds"/>).</summary>
    public int StripedCount { get; private init; }

    /// <summary>
    /// Every four adjacent elements of an array whose slots are adjacent, and its last two or three (and, for arrays of
    /// stocks, the same of their net rates): where a one-run program looks for the same equation four times over.
    /// </summary>
    private static List<RowRange> ElementGroups(EvaluationPlan plan)
    {
        var groups = new List<RowRange>();
        foreach (var variable in plan.Model.Variables)
        {
            var slots = variable.Elements.Select(e => plan.ElementSlots[e]).ToArray();
            for (int i = 0; i + 1 < slots.Length; i += LaneLayout.GroupWidth)
            {
                int count = Math.Min(LaneLayout.GroupWidth, slots.Length - i);
                if (Enumerable.Range(1, count - 1).Any(l => slots[i + l] != slots[i] + l)) continue;
                groups.Add(new RowRange(slots[i], count));
                int stock = slots[i] - plan.StockBase;
                if (stock >= 0 && stock + count <= plan.StockCount) groups.Add(new RowRange(plan.RateBase + stock, count));
            }
        }
        return groups;
    }

    /// <summary>Counts the reads of scheduled values that the emitter makes for one node's tree (STDDEV reads its items twice).</summary>
    private static void CountReads(KernelNode node, bool root, Dictionary<KernelNode, int> counts)
    {
        if (node.IsLeaf) return;
        if (node.Scheduled && !root)
        {
            counts[node] = counts.GetValueOrDefault(node) + 1;
            return;
        }
        int times = node.Op == Operations.StdDev ? 2 : 1;
        for (int t = 0; t < times; t++)
            foreach (var input in node.Inputs) CountReads(input, false, counts);
    }
}
