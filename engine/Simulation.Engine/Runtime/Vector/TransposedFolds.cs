using Simulation.Engine.Ops;

namespace Simulation.Engine.Runtime.Vector;

/// <summary>
/// Four reductions of a one-run program computed in the four lanes of one vector. A SUM over an array whose elements
/// are packed (<see cref="ElementPacking"/>) reads the packs' lanes one by one: each pack is stored, then read back an
/// element at a time into one chain of scalar additions (on hospital-to-community, 37 SUMs of 30 elements, 421 packs
/// stored for it). A SUM is a chain over its items in order; four SUMs of as many items are four independent chains,
/// and a vector has four lanes. So the items of four SUMs, block by block (a block being one pack of each), are
/// transposed in registers (four packs (a0..a3), (b0..b3), (c0..c3), (d0..d3) into (a0, b0, c0, d0), (a1, b1, c1, d1)
/// ...) and added to one accumulator, lane l holding SUM l. Each lane starts where the reduction starts and takes the
/// same operation with the same items in the same order as the reference's fold, so each SUM has the reference's bits;
/// the packs need not be stored, and each addition does four items' work.
/// </summary>
internal static class TransposedFolds
{
    private const int Lanes = LaneLayout.GroupWidth;

    /// <summary>
    /// Groups the section's eligible reductions by four (or three, or two; a lone one stays as it was) and rewires their
    /// readers to the lanes of one <see cref="TransposedFold"/> node each.
    /// </summary>
    /// <param name="nodes">The packed graph's nodes, every node after its inputs.</param>
    /// <param name="roots">The values the section stores; a reduction among them is replaced by its lane.</param>
    /// <returns>The nodes the roots need, every node after its inputs.</returns>
    public static List<KernelNode> Apply(List<KernelNode> nodes, List<KernelNode> roots, out int count)
    {
        int nextId = nodes.Count == 0 ? 0 : nodes.Max(n => n.Id) + 1;
        var open = new Dictionary<(FoldOperation, int), List<KernelNode>>();
        var groups = new List<List<KernelNode>>();
        foreach (var node in nodes)
        {
            if (!IsEligible(node)) continue;
            var key = ((FoldOperation)node.Op!, node.Inputs.Length);
            if (!open.TryGetValue(key, out var group)) open[key] = group = new List<KernelNode>();
            if (group.Any(member => DependsOn(node, member)))
            {
                groups.Add(group); // a reduction of the items of another waits for it: never in one vector
                open[key] = group = new List<KernelNode>();
            }
            group.Add(node);
            if (group.Count < Lanes) continue;
            groups.Add(group);
            open.Remove(key);
        }
        groups.AddRange(open.Values);
        groups.RemoveAll(g => g.Count < 2); // one reduction alone gains nothing
        count = groups.Count;
        if (count == 0) return nodes;

        var replacement = new Dictionary<KernelNode, KernelNode>();
        foreach (var group in groups)
        {
            var fold = (FoldOperation)group[0].Op!;
            int items = group[0].Inputs.Length;
            var zero = new KernelNode(NodeKind.Uniform, nextId++) { Value = 0 }; // a lane no reduction uses
            KernelNode? previous = null;
            for (int first = 0; first < items; first += Lanes)
            {
                // One part per block of four items, each continuing the previous part's accumulator (as a long fold's
                // parts do), so that the schedule computes each block's packs just before the part that reads them.
                var packs = Enumerable.Range(0, Lanes).Select(l => l < group.Count ? BlockOf(group[l].Inputs, first) : zero);
                previous = new KernelNode(NodeKind.Op, nextId++)
                {
                    Op = new TransposedFold(fold, items, first), Instruction = group[0].Instruction, Packed = true,
                    Inputs = previous is null ? packs.ToArray() : [previous, .. packs],
                    Part = new FoldPart(previous is not null, first + Lanes >= items, items),
                };
            }
            for (int l = 0; l < group.Count; l++)
            {
                var lane = new KernelNode(NodeKind.Op, nextId++) { Op = LaneShuffles.Broadcast[l], Inputs = [previous!] };
                lane.RootSlots.AddRange(group[l].RootSlots);
                replacement[group[l]] = lane;
            }
        }
        foreach (var node in nodes)
            for (int k = 0; k < node.Inputs.Length; k++)
                if (replacement.TryGetValue(node.Inputs[k], out var lane)) node.Inputs[k] = lane;
        for (int r = 0; r < roots.Count; r++)
            if (replacement.TryGetValue(roots[r], out var lane)) roots[r] = lane;
        return Reachable(roots);
    }

    /// <summary>
    /// A whole reduction (not a part of a long one; not STDDEV, which reads its items twice) whose items are the lanes of
    /// packs in order: items 4k to 4k + 3 are lanes 0 to 3 of one pack (the last block may be shorter, or one value alone).
    /// </summary>
    private static bool IsEligible(KernelNode node)
    {
        if (node.Kind != NodeKind.Op || node.Packed || node.Part is not null || node.Op is not FoldOperation fold
            || fold == Operations.StdDev || node.Inputs.Length < 2 || !KernelEmitter.HasAvxForm(fold.Step))
            return false;
        var items = node.Inputs;
        for (int i = 0; i < items.Length; i++)
        {
            if (i % Lanes == 0 && i == items.Length - 1) break; // a last item alone: any value (BlockOf)
            if (LaneShuffles.LaneOf(items[i].Op) != i % Lanes) return false;
            if (!ReferenceEquals(items[i].Inputs[0], items[i - i % Lanes].Inputs[0])) return false;
        }
        return true;
    }

    /// <summary>
    /// The value whose lanes are a reduction's items <paramref name="first"/> to <paramref name="first"/> + 3: their pack;
    /// a last item alone that is not the first lane of a pack (an array of 4k + 1 elements ends with one left unpacked)
    /// is read in all four lanes, of which the block takes the first.
    /// </summary>
    private static KernelNode BlockOf(KernelNode[] items, int first) =>
        LaneShuffles.LaneOf(items[first].Op) == 0 ? items[first].Inputs[0] : items[first];

    /// <summary>Whether <paramref name="node"/> reads <paramref name="other"/>, directly or through other values.</summary>
    private static bool DependsOn(KernelNode node, KernelNode other)
    {
        var seen = new HashSet<KernelNode>();
        var stack = new Stack<KernelNode>(node.Inputs);
        while (stack.Count > 0)
        {
            var next = stack.Pop();
            if (ReferenceEquals(next, other)) return true;
            if (!seen.Add(next)) continue;
            foreach (var input in next.Inputs) stack.Push(input);
        }
        return false;
    }

    /// <summary>
    /// The nodes the roots read, every node after its inputs; operand counts and which packs are read lane by lane are
    /// counted again (the reductions' items no longer read their packs' lanes).
    /// </summary>
    private static List<KernelNode> Reachable(List<KernelNode> roots)
    {
        var order = new List<KernelNode>();
        var placed = new HashSet<KernelNode>();
        var stack = new Stack<(KernelNode Node, int Next)>();
        foreach (var root in roots)
        {
            if (!placed.Add(root)) continue;
            stack.Push((root, 0));
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                if (next < node.Inputs.Length)
                {
                    stack.Push((node, next + 1));
                    if (placed.Add(node.Inputs[next])) stack.Push((node.Inputs[next], 0));
                }
                else order.Add(node);
            }
        }
        foreach (var node in order)
        {
            node.OperandUses = 0;
            node.ReadByLane = false;
        }
        foreach (var node in order)
        {
            int weight = node.Op == Operations.StdDev && node.Part is null ? 2 : 1; // STDDEV reads its items twice
            foreach (var input in node.Inputs) input.OperandUses += weight;
            if (LaneShuffles.LaneOf(node.Op) is not null) node.Inputs[0].ReadByLane = true;
        }
        return order;
    }
}

/// <summary>
/// One block of four reductions in the four lanes (<see cref="TransposedFolds"/>): its operands are the previous block's
/// accumulator (unless it is the first) and four packs, one per lane, whose lanes are the items
/// <paramref name="first"/> to <paramref name="first"/> + 3 of the four reductions; transposed, the accumulator takes them
/// in order. Only the one-run step code computes it (<c>KernelEmitter.EmitTransposedFold</c>).
/// </summary>
internal sealed class TransposedFold(FoldOperation fold, int items, int first) : Operation(new OpInfo($"{fold.Name}Transposed"), OperationKind.Fold, 0)
{
    public FoldOperation Fold => fold;

    /// <summary>How many items each lane's reduction folds.</summary>
    public int Items => items;

    /// <summary>The first item of this block.</summary>
    public int First => first;

    /// <summary>Items of this block (four, or fewer in the last).</summary>
    public int BlockItems => Math.Min(LaneLayout.GroupWidth, items - first);
}
