using System.Globalization;
using Simulation.Engine.Compilation;
using Simulation.Engine.Ops;

namespace Simulation.Engine.Runtime.Vector;

/// <summary>
/// The generated step code written out as C#-like text (<c>sim run MODEL --dump-kernel</c>): each generated method
/// with its arguments named, the loop over the batch's groups of four lanes, and in its body every scheduled value in
/// the order the code computes it, as one expression of operations of the catalogue over slots (named after the
/// model's elements), constants, TIME and earlier values; then where each value is stored. It is written from the
/// same schedule, cut and spills that the IL is emitted from, so it reads as the code runs.
/// </summary>
internal sealed class KernelListing(EvaluationPlan plan, TextWriter writer)
{
    private readonly Dictionary<int, string> _slotNames = SlotNames(plan);
    private readonly Dictionary<KernelNode, string> _values = new();

    public void Write(string name, KernelShape shape, IReadOnlyList<IReadOnlyList<KernelNode>> chunks, IEnumerable<KernelNode> leafRoots)
    {
        writer.WriteLine($"// {name}: {chunks.Count} generated method{(chunks.Count == 1 ? "" : "s")} over {(shape.Layout is { } layout ? $"{layout.Groups} group(s) of 4 lanes" : "one run, array elements in the 4 lanes")}, dt = {Number(shape.Dt)}");
        writer.WriteLine(shape.Update is null ? "// the Euler step is taken after the section" : "// the Euler step is taken here: next[stock] = stock + dt * net rate");
        writer.WriteLine($"// {Crossing(chunks)} values are read by a later method than their own (through a spill row or their stored slot)");
        for (int c = 0; c < chunks.Count; c++)
        {
            writer.WriteLine();
            writer.WriteLine($"void {name}_{c}(LookupTable[] tables, double* slots, double* constants, double time, nint toNext)");
            writer.WriteLine("{");
            writer.WriteLine("    for (int group = 0; group < groups; group++, slots += 4)");
            writer.WriteLine("    {");
            if (shape.Update is not null) writer.WriteLine("        double* next = (double*)((byte*)slots + toNext);");
            foreach (var node in (c == 0 ? leafRoots : []).Concat(chunks[c])) WriteScheduled(node, shape);
            writer.WriteLine("    }");
            writer.WriteLine("}");
        }
    }

    /// <summary>Values read by a method other than the one that computes them: each is stored and loaded back.</summary>
    private static int Crossing(IReadOnlyList<IReadOnlyList<KernelNode>> chunks)
    {
        var chunkOf = new Dictionary<KernelNode, int>();
        for (int c = 0; c < chunks.Count; c++)
            foreach (var node in chunks[c]) chunkOf[node] = c;
        var crossing = new HashSet<KernelNode>();
        var operands = new List<KernelNode>();
        for (int c = 0; c < chunks.Count; c++)
            foreach (var node in chunks[c])
            {
                operands.Clear();
                KernelGraph.ScheduledOperands(node, operands);
                foreach (var operand in operands)
                    if (chunkOf[operand] != c) crossing.Add(operand);
            }
        return crossing.Count;
    }

    private void WriteScheduled(KernelNode node, KernelShape shape)
    {
        string value = $"v{node.Id}";
        writer.WriteLine($"        var {value} = {Tree(node, root: true)};");
        _values[node] = value;
        foreach (int slot in node.RootSlots)
            writer.WriteLine(shape.Update?.StockOf(slot) is int stock
                ? $"        next[{Slot(stock)}] = slots[{Slot(stock)}] + {Number(shape.Dt)} * {value};"
                : $"        slots[{Slot(slot)}{Four(node)}] = {value};");
        if (shape.Spills.TryGetValue(node, out int spill) && !node.RootSlots.Contains(spill)) writer.WriteLine($"        slots[spill {spill}{Four(node)}] = {value};");
    }

    private string Tree(KernelNode node, bool root = false)
    {
        switch (node.Kind)
        {
            case NodeKind.Load when node.Sources is { } sources: return $"slots[{node.Slot}..+4: {string.Join(", ", sources.Select(Slot))}, gathered once a run]";
            case NodeKind.Load: return $"slots[{Slot(node.Slot)}{Four(node)}]";
            case NodeKind.Uniform when node.Values is { } lanes: return $"({string.Join(", ", lanes.Select(Number))})";
            case NodeKind.Uniform: return Number(node.Value);
            case NodeKind.Time: return "time";
        }
        if (node.Scheduled && !root) return _values.GetValueOrDefault(node) ?? $"v{node.Id}";
        var op = node.Op!;
        var inputs = node.Inputs.Select(i => Tree(i)).ToList();
        if (op == Operations.Div && ExactReciprocal.Of(node.Inputs[1]) is { } reciprocal) // as KernelEmitter emits it
            return $"Mul{(node.Packed ? "x4" : "")}({inputs[0]}, {(node.Packed ? $"({string.Join(", ", reciprocal.Select(Number))})" : Number(reciprocal[0]))})";
        return op.Kind switch
        {
            OperationKind.Lookup => $"{op.Name}{(node.Packed ? "x4" : "")}(tables[{node.Instruction.Aux}], {inputs[0]})",
            OperationKind.Timed => $"{op.Name}({string.Join(", ", inputs)}, time, dt)",
            OperationKind.Choose => $"Choose({inputs[0]}; {string.Join(", ", inputs.Skip(1))})",
            OperationKind.Fold when op is StripedFold s => $"{s.Sum.Name} of {s.Items}, four at a time({string.Join(", ", inputs)})",
            OperationKind.Fold when node.Part is { } part =>
                $"{op.Name}{(part.Lane ? " lane" : "")}{(part.Continues ? " continued" : "")}{(part.Last ? $" of {part.Items}" : " part")}({string.Join(", ", inputs)})",
            _ => $"{op.Name}{(node.Packed && op != LaneShuffles.Gather ? "x4" : "")}({string.Join(", ", inputs)})",
        };
    }

    /// <summary>A one-run program's pack (<see cref="ElementPacking"/>) reads and writes four adjacent slots.</summary>
    private static string Four(KernelNode node) => node.Packed ? "..+4" : "";

    private string Slot(int slot) => _slotNames.TryGetValue(slot, out var name) ? name : $"s{slot}";

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Each slot named after what it holds: an element (the first that uses it), a stock's net rate, TIME.</summary>
    private static Dictionary<int, string> SlotNames(EvaluationPlan plan)
    {
        var names = new Dictionary<int, string> { [EvaluationPlan.TimeSlot] = "TIME" };
        var elements = plan.Model.Elements;
        for (int e = 0; e < plan.ElementSlots.Length; e++) names.TryAdd(plan.ElementSlots[e], $"\"{elements[e].DisplayName}\"");
        var stocks = elements.Where(e => e.Kind == Binding.ElementKind.Stock).ToList();
        for (int i = 0; i < stocks.Count; i++) names[plan.RateBase + i] = $"net rate of \"{stocks[i].DisplayName}\"";
        return names;
    }
}
