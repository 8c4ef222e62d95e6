namespace Simulation.Engine.Runtime.Vector;

/// <summary>
/// Where the parts of long folds (see <see cref="FoldPart"/>) go in a section's schedule. A depth-first
/// schedule puts a fold's parts together, just before its first reader, where its chain of additions runs
/// with nothing beside it. Here the values that wait for a fold are computed last, and the fold's parts are
/// spread evenly over the work before them, so that each part's few dependent operations overlap with
/// independent work. Only the order changes; each node still comes after every scheduled value it reads.
/// </summary>
internal static class FoldSchedule
{
    /// <summary>The roots in their order, those that read a fold (directly or through other values) after the rest.</summary>
    /// <param name="order">A schedule of the roots (every node after the scheduled nodes it reads).</param>
    public static IReadOnlyList<KernelNode> WaitersLast(IReadOnlyList<KernelNode> roots, IReadOnlyList<KernelNode> order)
    {
        var waits = new HashSet<KernelNode>();
        var operands = new List<KernelNode>();
        foreach (var node in order)
        {
            operands.Clear();
            KernelGraph.ScheduledOperands(node, operands);
            if (node.Part is not null || operands.Any(waits.Contains)) waits.Add(node);
        }
        return roots.Where(r => !waits.Contains(r)).Concat(roots.Where(waits.Contains)).ToList();
    }

    /// <summary>The schedule with every fold's parts moved as early as their operands allow, spaced evenly up to where the fold's last part stood.</summary>
    public static List<KernelNode> Spread(List<KernelNode> order)
    {
        var rest = order.Where(n => n.Part is null).ToList();
        if (rest.Count == order.Count) return order;
        var indexInRest = new Dictionary<KernelNode, int>();
        for (int i = 0; i < rest.Count; i++) indexInRest[rest[i]] = i;

        // Each fold's parts in order, and its deadline: the index in the rest before which its last part stood.
        var folds = new List<(List<KernelNode> Parts, int Deadline)>();
        var current = new List<KernelNode>();
        int before = 0;
        foreach (var node in order)
        {
            if (node.Part is null)
            {
                before++;
                continue;
            }
            current.Add(node);
            if (node.Part.Last)
            {
                folds.Add((current, before));
                current = new List<KernelNode>();
            }
        }

        // Place each part before rest[slot]: evenly spaced, after its operands, after the part before it.
        var slotOf = new Dictionary<KernelNode, int>();
        var placed = new List<(int Slot, int Fold, int Index, KernelNode Node)>();
        var operands = new List<KernelNode>();
        for (int f = 0; f < folds.Count; f++)
        {
            var (parts, deadline) = folds[f];
            int previous = 0;
            for (int j = 0; j < parts.Count; j++)
            {
                int slot = parts.Count == 1 ? deadline : Math.Max(previous, (int)((long)deadline * j / (parts.Count - 1)));
                operands.Clear();
                KernelGraph.ScheduledOperands(parts[j], operands);
                foreach (var operand in operands)
                    slot = Math.Max(slot, indexInRest.TryGetValue(operand, out int r) ? r + 1 : slotOf[operand]);
                slotOf[parts[j]] = previous = slot;
                placed.Add((slot, f, j, parts[j]));
            }
        }
        placed.Sort((a, b) => (a.Slot, a.Fold, a.Index).CompareTo((b.Slot, b.Fold, b.Index)));

        var spread = new List<KernelNode>(order.Count);
        int next = 0;
        for (int i = 0; i <= rest.Count; i++)
        {
            while (next < placed.Count && placed[next].Slot == i) spread.Add(placed[next++].Node);
            if (i < rest.Count) spread.Add(rest[i]);
        }
        return spread;
    }
}
