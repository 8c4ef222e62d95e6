using Simulation.Engine.Ops;

namespace Simulation.Engine.Runtime.Vector;

/// <summary>
/// Sums of a one-run program whose items come four at a time as vectors, added as vectors. A sum adds its items in
/// <see cref="SumOrder"/>'s order: lane l adds items l, l + 4, ..., then (p0 + p1) + (p2 + p3). When items 4k to 4k + 3
/// are the lanes of one pack in order (<c>SUM(Demand[*, *])</c> over an array computed in packs, <see cref="ElementPacking"/>)
/// or four adjacent slots (<c>SUM(Stock[*])</c>: one load), lane l of a vector accumulator is exactly partial sum l: one
/// vector addition adds four items, where reading the packs' lanes one by one cost a store of each pack and a scalar
/// addition of each item (or, when sums were added left to right, transposing the packs of four sums: on
/// hospital-to-community 682 shuffles a step). The last block of an array of 4k + 1, 4k + 2 or 4k + 3 items has its other
/// lanes zeroed, which leaves each of those partial sums exactly what a start of 0 gives it. Sums whose items do not line
/// up with vectors (a row of an Age x IMD array starts anywhere in a pack) are added in the same order one double at a time
/// (<c>KernelEmitter.EmitLoneFold</c>).
/// </summary>
internal static class StripedFolds
{
    private const int Lanes = SumOrder.Lanes;

    /// <summary>Sums of fewer items stay doubles: the vector's last steps (its two halves, then its pairs) cost more than they save.</summary>
    internal const int MinItems = 5;

    /// <summary>Replaces the section's eligible sums by <see cref="StripedFold"/> nodes that read their items' vectors.</summary>
    /// <param name="nodes">The packed graph's nodes, every node after its inputs.</param>
    /// <param name="roots">The values the section stores; a sum among them is replaced.</param>
    /// <returns>The nodes the roots need, every node after its inputs.</returns>
    public static List<KernelNode> Apply(List<KernelNode> nodes, List<KernelNode> roots, out int count)
    {
        int nextId = nodes.Count == 0 ? 0 : nodes.Max(n => n.Id) + 1;
        var rows = new Dictionary<int, KernelNode>();
        foreach (var node in nodes)
            if (node.Kind == NodeKind.Load && node.Packed && node.Sources is null) rows.TryAdd(node.Slot, node);
        var replacement = new Dictionary<KernelNode, KernelNode>();
        foreach (var node in nodes)
        {
            if (!IsSum(node) || Blocks(node.Inputs, rows, ref nextId) is not { } blocks) continue;
            var striped = new KernelNode(NodeKind.Op, nextId++)
            {
                Op = new StripedFold((FoldOperation)node.Op!, node.Inputs.Length), Instruction = node.Instruction, Inputs = blocks,
            };
            striped.RootSlots.AddRange(node.RootSlots);
            replacement[node] = striped;
        }
        count = replacement.Count;
        if (count == 0) return nodes;
        foreach (var node in nodes)
            for (int k = 0; k < node.Inputs.Length; k++)
                if (replacement.TryGetValue(node.Inputs[k], out var striped)) node.Inputs[k] = striped;
        for (int r = 0; r < roots.Count; r++)
            if (replacement.TryGetValue(roots[r], out var striped)) roots[r] = striped;
        return Reachable(roots);
    }

    /// <summary>A whole sum (SUM, MEAN; not a long sum's lane chain, not STDDEV, which reads its items twice) of a value alone.</summary>
    private static bool IsSum(KernelNode node) =>
        node.Kind == NodeKind.Op && !node.Packed && node.Part is null && node.Op is FoldOperation { Additive: true } fold
        && fold != Operations.StdDev && BitConverter.DoubleToInt64Bits(fold.Start) == 0 && node.Inputs.Length >= MinItems;

    /// <summary>
    /// The vectors whose lanes are the items four at a time: a pack whose lanes 0 to 3 are items 4k to 4k + 3 (the last
    /// block may be its first lanes only), or a load of four adjacent slots (made here, or the pack's load when there is
    /// one), or for a last item alone, that value; null when a block is none of these.
    /// </summary>
    private static KernelNode[]? Blocks(KernelNode[] items, Dictionary<int, KernelNode> rows, ref int nextId)
    {
        var blocks = new KernelNode[(items.Length + Lanes - 1) / Lanes];
        for (int b = 0; b < blocks.Length; b++)
        {
            int first = b * Lanes, inBlock = Math.Min(Lanes, items.Length - first);
            var head = items[first];
            if (inBlock == 1 && LaneShuffles.LaneOf(head.Op) is null) blocks[b] = head; // a last item alone (an array of 4k + 1 ends with one unpacked)
            else if (LaneShuffles.LaneOf(head.Op) == 0)
            {
                var pack = head.Inputs[0];
                for (int l = 1; l < inBlock; l++)
                    if (LaneShuffles.LaneOf(items[first + l].Op) != l || !ReferenceEquals(items[first + l].Inputs[0], pack)) return null;
                blocks[b] = pack;
            }
            else if (head.Kind == NodeKind.Load && !head.Packed)
            {
                for (int l = 1; l < inBlock; l++)
                    if (items[first + l] is not { Kind: NodeKind.Load, Packed: false } item || item.Slot != head.Slot + l) return null;
                if (!rows.TryGetValue(head.Slot, out var row))
                    rows[head.Slot] = row = new KernelNode(NodeKind.Load, nextId++) { Slot = head.Slot, Packed = true };
                blocks[b] = row;
            }
            else return null;
        }
        return blocks;
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
        KernelNode.CountOperandUses(order);
        foreach (var node in order) node.ReadByLane = false;
        foreach (var node in order)
            if (LaneShuffles.LaneOf(node.Op) is not null) node.Inputs[0].ReadByLane = true;
        return order;
    }
}

/// <summary>
/// A sum in <see cref="SumOrder"/>'s order whose operands are its items four at a time, lane l of each holding an item
/// of partial sum l (<see cref="StripedFolds"/>); a value alone. Only the one-run step code computes it
/// (<c>KernelEmitter.EmitStripedFold</c>).
/// </summary>
internal sealed class StripedFold(FoldOperation sum, int items) : Operation(new OpInfo($"{sum.Name}Striped", FiniteReach.AllOperands), OperationKind.Fold, 0)
{
    public FoldOperation Sum => sum;

    /// <summary>How many items the sum adds.</summary>
    public int Items => items;

    /// <summary>Items of block <paramref name="block"/> (four, or fewer in the last).</summary>
    public int InBlock(int block) => Math.Min(SumOrder.Lanes, items - block * SumOrder.Lanes);
}
