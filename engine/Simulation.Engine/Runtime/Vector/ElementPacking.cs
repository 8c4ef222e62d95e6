using Simulation.Engine.Ops;

namespace Simulation.Engine.Runtime.Vector;

/// <summary>
/// Puts array elements in the vector lanes of a one-run program. A batch of one run leaves three of the four lanes of
/// every vector idle; but a model's arrays repeat the same equation element by element (Population[Age, IMD] * rate[Age]
/// ...), so four adjacent elements' trees are the same operations on different operands. This pass finds such groups
/// of four ("packs") in a section's dataflow graph, starting from four adjacent slots of an array (or of net rates),
/// then from four consecutive items of a sum (which adds them in four lanes), and following their operands down, and
/// replaces each by one <see cref="KernelNode.Packed"/> node that computes the four
/// elements in the four lanes. Its operands come as four adjacent slots (one load), four constants (one constant
/// vector), another pack in the same lane order, one value in all lanes, or else are gathered lane by lane
/// (<see cref="LaneShuffles.Gather"/>); a value that is read alone is taken out of its pack
/// (<see cref="LaneShuffles.Broadcast"/>). Folds, CHOOSE and the parts of long folds stay one value per node (their
/// order of operations is what gives their bits). The last two or three elements of an array (30 = 7 x 4 + 2) make a
/// pack whose other lanes compute whatever their operands hold (adjacent slots, lane 0's constant): nothing reads
/// those lanes, and every operation is defined on every double.
/// <para>Each lane of a pack computes its element's operation on that element's operands, so every element has the bits
/// the reference evaluator computes: packing only changes which lane does the work. Packs never depend on themselves:
/// a group whose elements depend on each other (an ageing chain, a cumulative sum) would, and is left as it was.</para>
/// </summary>
internal sealed class ElementPacking
{
    private const int Lanes = 4;

    private readonly Dictionary<KernelNode, (Pack Pack, int Lane)> _packOf = new();
    private readonly List<Pack> _packs = new();
    private readonly List<KernelNode> _order = new();
    private readonly Dictionary<(Pack, int), KernelNode> _broadcasts = new();
    private readonly Dictionary<int, KernelNode> _packedLoads = new();
    private readonly Dictionary<(long, long, long, long), KernelNode> _packedConstants = new();
    private readonly Dictionary<(KernelNode, KernelNode, KernelNode, KernelNode), KernelNode> _gathers = new();
    private readonly Dictionary<(int, int, int, int), KernelNode> _fixedRows = new();
    private readonly Func<int, bool>? _fixedWithinRun;
    private int _nextId;

    /// <summary>Four nodes computed as one vector; a pack of the last elements of an array has nulls in its last lanes.</summary>
    private sealed class Pack(KernelNode?[] members)
    {
        public KernelNode?[] Members { get; } = members;
        public KernelNode? Node { get; set; }
        public IEnumerable<KernelNode> Real => Members.OfType<KernelNode>();
    }

    /// <param name="nodes">The section's nodes in creation (topological) order.</param>
    /// <param name="definitions">Per slot: the node whose value the slot holds at the end of the section.</param>
    /// <param name="groups">Adjacent slots (2 to 4 of them) that hold elements of one array (or their net rates).</param>
    private ElementPacking(IReadOnlyList<KernelNode> nodes, KernelNode?[] definitions, IEnumerable<RowRange> groups, Func<int, bool>? fixedWithinRun)
    {
        _fixedWithinRun = fixedWithinRun;
        _nextId = nodes.Count == 0 ? 0 : nodes.Max(n => n.Id) + 1;
        var queue = new Queue<Pack>();
        foreach (var range in groups)
        {
            var group = new KernelNode?[Lanes];
            for (int l = 0; l < range.Count; l++) group[l] = definitions[range.Start + l];
            if (group.Take(range.Count).All(n => n is not null)) TryForm(group, queue);
        }
        Follow(queue);
        // Then the items of sums, four at a time (SUM(Demand[*, imd] * Weight[*]) computes its products alone): a sum adds
        // item 4k + l in lane l (SumOrder), so a pack of items 4k to 4k + 3 is added as it is (StripedFolds).
        foreach (var node in nodes)
        {
            if (node.Kind != NodeKind.Op || node.Part is not null || node.Op is not FoldOperation { Additive: true } sum
                || sum == Operations.StdDev || node.Inputs.Length < StripedFolds.MinItems) continue;
            for (int first = 0; first + 1 < node.Inputs.Length; first += Lanes)
            {
                var group = new KernelNode?[Lanes];
                for (int l = 0; l < Lanes && first + l < node.Inputs.Length; l++) group[l] = node.Inputs[first + l];
                TryForm(group, queue);
            }
        }
        Follow(queue);
        Build(nodes);
    }

    /// <summary>Packs the operands of the queued packs, and theirs, as far as they go.</summary>
    private void Follow(Queue<Pack> queue)
    {
        while (queue.Count > 0)
        {
            var pack = queue.Dequeue();
            for (int k = 0; k < pack.Members[0]!.Inputs.Length; k++)
                TryForm(pack.Members.Select(m => m?.Inputs[k]).ToArray(), queue);
        }
    }

    /// <summary>Packs the section's graph; returns its nodes in an order that computes every node after its inputs.</summary>
    /// <param name="rootSlots">The slots the section stores, in the order of their plan instructions.</param>
    /// <param name="roots">Receives the values to store (their <see cref="KernelNode.RootSlots"/> set).</param>
    public static List<KernelNode> Apply(IReadOnlyList<KernelNode> nodes, KernelNode?[] definitions, IEnumerable<RowRange> groups,
        IReadOnlyList<int> rootSlots, List<KernelNode> roots, Func<int, bool>? fixedWithinRun, out int packCount)
    {
        var packing = new ElementPacking(nodes, definitions, groups, fixedWithinRun);
        packing.StoreRoots(definitions, rootSlots, roots);
        packCount = packing._packs.Count;
        return packing._order;
    }

    /// <summary>Makes a pack of the group (its first lanes real, the rest null) when its members are the same operation, not packed yet.</summary>
    private void TryForm(KernelNode?[] group, Queue<Pack> queue)
    {
        var first = group[0]!;
        if (first.Kind != NodeKind.Op || first.Part is not null || first.Op!.Kind is not (OperationKind.Pure or OperationKind.Timed or OperationKind.Lookup))
            return;
        if (group[1] is null) return; // one element gains nothing
        for (int l = 0; l < Lanes; l++)
        {
            if (group[l] is not { } n) continue;
            if (n.Kind != NodeKind.Op || n.Part is not null || !ReferenceEquals(n.Op, first.Op) || n.Inputs.Length != first.Inputs.Length
                || (first.Op.Kind == OperationKind.Lookup && n.Instruction.Aux != first.Instruction.Aux) || _packOf.ContainsKey(n))
                return;
            for (int other = 0; other < l; other++)
                if (ReferenceEquals(group[other], n)) return;
        }
        var pack = new Pack(group);
        _packs.Add(pack);
        for (int l = 0; l < Lanes; l++)
            if (group[l] is { } member) _packOf[member] = (pack, l);
        queue.Enqueue(pack);
    }

    /// <summary>The unit of the packed graph a node belongs to: its pack, or itself.</summary>
    private object UnitOf(KernelNode node) => _packOf.TryGetValue(node, out var p) ? p.Pack : node;

    /// <summary>
    /// Orders the packed graph (each pack as one unit) so that every unit follows the units it reads; packs caught in a
    /// cycle (or after one) are dissolved and the order is tried again, until every unit is placed.
    /// </summary>
    private List<object> Units(IReadOnlyList<KernelNode> operations)
    {
        while (true)
        {
            var readers = new Dictionary<object, List<object>>();
            var waiting = new Dictionary<object, int>();
            foreach (var node in operations)
            {
                var unit = UnitOf(node);
                waiting.TryAdd(unit, 0);
                foreach (var input in node.Inputs)
                {
                    if (input.IsLeaf) continue;
                    var from = UnitOf(input);
                    if (ReferenceEquals(from, unit) && unit is KernelNode) continue;
                    if (!readers.TryGetValue(from, out var list)) readers[from] = list = new List<object>();
                    list.Add(unit);
                    waiting[unit] = waiting.GetValueOrDefault(unit) + 1;
                }
            }
            var ready = new Queue<object>(waiting.Where(w => w.Value == 0).Select(w => w.Key));
            var order = new List<object>();
            while (ready.Count > 0)
            {
                var unit = ready.Dequeue();
                order.Add(unit);
                foreach (var reader in readers.GetValueOrDefault(unit) ?? [])
                    if (--waiting[reader] == 0) ready.Enqueue(reader);
            }
            if (order.Count == waiting.Count) return order;
            var placed = order.ToHashSet();
            var stuck = _packs.Where(p => !placed.Contains(p)).ToList();
            foreach (var pack in stuck)
            {
                _packs.Remove(pack);
                foreach (var member in pack.Real) _packOf.Remove(member);
            }
        }
    }

    /// <summary>Creates the packed nodes and rewires every reader, in an order that computes each node after its inputs.</summary>
    private void Build(IReadOnlyList<KernelNode> nodes)
    {
        var operations = nodes.Where(n => !n.IsLeaf).ToList();
        _order.AddRange(nodes.Where(n => n.IsLeaf));
        foreach (var unit in Units(operations))
        {
            if (unit is Pack pack)
            {
                var first = pack.Members[0]!;
                var inputs = new KernelNode[first.Inputs.Length];
                for (int k = 0; k < inputs.Length; k++) inputs[k] = Operand(pack.Members.Select(m => m?.Inputs[k]).ToArray());
                pack.Node = Add(new KernelNode(NodeKind.Op, _nextId++) { Op = first.Op, Instruction = first.Instruction, Inputs = inputs, Packed = true });
                continue;
            }
            var node = (KernelNode)unit;
            for (int k = 0; k < node.Inputs.Length; k++) node.Inputs[k] = Alone(node.Inputs[k]);
            Add(node);
        }
        KernelNode.CountOperandUses(_order);
    }

    /// <summary>
    /// Decides what each observed slot stores: four adjacent slots holding one pack's lanes in order are one vector
    /// store; any other element of a pack is taken out of it and stored alone.
    /// </summary>
    private void StoreRoots(KernelNode?[] definitions, IReadOnlyList<int> rootSlots, List<KernelNode> roots)
    {
        var stored = rootSlots.ToHashSet();
        var added = new HashSet<KernelNode>();
        foreach (int slot in rootSlots)
        {
            var node = definitions[slot]!;
            if (_packOf.TryGetValue(node, out var at))
            {
                int first = slot - at.Lane;
                bool whole = first + Lanes <= definitions.Length && Enumerable.Range(0, Lanes).All(l => stored.Contains(first + l)
                    && definitions[first + l] is { } d && _packOf.TryGetValue(d, out var p) && p.Pack == at.Pack && p.Lane == l);
                if (whole)
                {
                    if (slot == first) at.Pack.Node!.RootSlots.Add(first);
                    node = at.Pack.Node!;
                }
                else
                {
                    node = Broadcast(at.Pack, at.Lane);
                    node.RootSlots.Add(slot);
                }
            }
            else node.RootSlots.Add(slot);
            if (added.Add(node)) roots.Add(node);
        }
    }

    /// <summary>An operand of a pack: the members' operands in one vector (a null member's lane takes what comes).</summary>
    private KernelNode Operand(KernelNode?[] group)
    {
        var first = group[0]!;
        var real = Enumerable.Range(0, Lanes).Where(l => group[l] is not null).ToArray();
        if (real.All(l => ReferenceEquals(group[l], first))) return Alone(first);
        // The lanes past the last element read the slots that follow (the workspace has room past the last slot).
        if (real.All(l => group[l]!.Kind == NodeKind.Load && !group[l]!.Packed && group[l]!.Slot == first.Slot + l))
            return Cached(_packedLoads, first.Slot, () => new KernelNode(NodeKind.Load, _nextId++) { Slot = first.Slot, Packed = true });
        if (real.All(l => group[l]!.Kind == NodeKind.Uniform && !group[l]!.Packed))
        {
            var values = group.Select(n => (n ?? first).Value).ToArray();
            var bits = values.Select(BitConverter.DoubleToInt64Bits).ToArray();
            return Cached(_packedConstants, (bits[0], bits[1], bits[2], bits[3]),
                () => new KernelNode(NodeKind.Uniform, _nextId++) { Value = values[0], Values = values, Packed = true });
        }
        // Four inputs fixed within the run (not adjacent): a row the kernel gathers once a run (KernelNode.Sources).
        if (_fixedWithinRun is { } isFixed && real.All(l => group[l]!.Kind == NodeKind.Load && !group[l]!.Packed && isFixed(group[l]!.Slot)))
        {
            var sources = group.Select(n => (n ?? first).Slot).ToArray();
            return Cached(_fixedRows, (sources[0], sources[1], sources[2], sources[3]),
                () => new KernelNode(NodeKind.Load, _nextId++) { Packed = true, Sources = sources });
        }
        if (_packOf.TryGetValue(first, out var at) && at.Lane == 0
            && real.All(l => _packOf.TryGetValue(group[l]!, out var p) && p.Pack == at.Pack && p.Lane == l))
            return at.Pack.Node!;
        var lanes = new KernelNode[Lanes];
        for (int l = 0; l < Lanes; l++) lanes[l] = group[l] is { } member ? InLane(member, l) : lanes[0];
        return Cached(_gathers, (lanes[0], lanes[1], lanes[2], lanes[3]),
            () => new KernelNode(NodeKind.Op, _nextId++) { Op = LaneShuffles.Gather, Inputs = lanes, Packed = true });
    }

    /// <summary>A value with its lane <paramref name="lane"/> holding <paramref name="node"/>'s value (the pack itself when it is there).</summary>
    private KernelNode InLane(KernelNode node, int lane) =>
        _packOf.TryGetValue(node, out var at) ? at.Lane == lane ? at.Pack.Node! : Broadcast(at.Pack, at.Lane) : node;

    /// <summary>A value read alone: a packed member is taken out of its pack into all four lanes.</summary>
    private KernelNode Alone(KernelNode node) => _packOf.TryGetValue(node, out var at) ? Broadcast(at.Pack, at.Lane) : node;

    private KernelNode Broadcast(Pack pack, int lane)
    {
        pack.Node!.ReadByLane = true;
        return Cached(_broadcasts, (pack, lane), () => new KernelNode(NodeKind.Op, _nextId++) { Op = LaneShuffles.Broadcast[lane], Inputs = [pack.Node] });
    }

    private KernelNode Cached<TKey>(Dictionary<TKey, KernelNode> cache, TKey key, Func<KernelNode> create) where TKey : notnull
    {
        if (!cache.TryGetValue(key, out var node)) cache[key] = node = Add(create());
        return node;
    }

    private KernelNode Add(KernelNode node)
    {
        _order.Add(node);
        return node;
    }
}
