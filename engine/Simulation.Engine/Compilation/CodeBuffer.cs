using Simulation.Engine.Ops;

namespace Simulation.Engine.Compilation;

/// <summary>The plan's sections and slots while they are being filled.</summary>
internal sealed class CodeBuffer
{
    private readonly Stack<int> _freeTemps = new();
    private readonly HashSet<int> _temps = new();
    private readonly Dictionary<long, int> _constants = new();

    public CodeBuffer(int firstFreeSlot) => SlotCount = firstFreeSlot;

    public int SlotCount { get; private set; }
    public List<Instruction> Setup { get; } = new();
    public List<Instruction> Initial { get; } = new();
    public List<Instruction> AfterInitial { get; } = new();
    public List<Instruction> Rates { get; } = new();
    public List<Instruction> Capture { get; } = new();
    public List<Instruction> Commit { get; } = new();
    public List<int> Pool { get; } = new();

    /// <summary>A slot that keeps its value for the whole run.</summary>
    public int NewSlot() => SlotCount++;

    /// <summary>A scratch slot for an intermediate result, reused once <see cref="Release"/>d.</summary>
    public int RentTemp()
    {
        if (_freeTemps.Count > 0) return _freeTemps.Pop();
        int slot = NewSlot();
        _temps.Add(slot);
        return slot;
    }

    /// <summary>Returns operand slots that were temporaries, once the instruction reading them is emitted.</summary>
    public void Release(params ReadOnlySpan<int> slots)
    {
        foreach (int s in slots)
            if (_temps.Contains(s) && !_freeTemps.Contains(s)) _freeTemps.Push(s);
    }

    /// <summary>The slot holding a constant, loaded once in Setup.</summary>
    public int Constant(double value)
    {
        long key = BitConverter.DoubleToInt64Bits(value);
        if (_constants.TryGetValue(key, out int slot)) return slot;
        slot = NewSlot();
        Setup.Insert(_constants.Count, new Instruction(Operations.Const, slot, Imm: value));
        _constants[key] = slot;
        return slot;
    }

    public int AddToPool(IReadOnlyList<int> slots)
    {
        int start = Pool.Count;
        Pool.AddRange(slots);
        return start;
    }
}
