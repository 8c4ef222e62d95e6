using System.Collections.Immutable;
using Simulation.Engine.Compilation;
using Simulation.Engine.Ops;

namespace Simulation.Engine.Runtime.Vector;

/// <summary>
/// The part of a one-run program's Rates section whose values depend on TIME and on slots fixed within the run only
/// (<c>(1 + growth) ^ Years elapsed</c>, a seasonal <c>COS</c>, a discount factor, an intervention's STEP): at step i
/// it gives the same bits in every run whose fixed slots it reads hold the same bits, since TIME is start + i * dt in
/// each. A levers app's requests move one input at a time, mostly not one these read, so the program keeps these values
/// for every step (a table, <see cref="Published"/>) and a later run with the same fixed values copies them in instead of
/// computing them (on hospital-to-community, 5 of the step's 10 POW calls and its COS). The section is compiled apart
/// (<see cref="Section"/>) and run before the rest at every step of any other run.
/// A table is made by the second run that sees the same fixed values (so that a lever moved request after request,
/// which changes them every time, costs no table), and replaces the one before it.
/// </summary>
internal sealed unsafe class TimeTable
{
    /// <summary>Tables larger than this (steps x rows) are not kept: the memory would cost more than the work saves.</summary>
    private const long MaxValues = 4_000_000;

    private readonly int _steps;
    private Published? _published;
    private ulong[]? _lastKey;
    private int _served;

    private TimeTable(CompiledSection section, int[] rows, int[] keyRows, int steps)
    {
        Section = section;
        Rows = rows;
        KeyRows = keyRows;
        _steps = steps;
    }

    /// <summary>The section's code: computes <see cref="Rows"/> at a step.</summary>
    public CompiledSection Section { get; }

    /// <summary>The slots the rest of the step reads, records or checks: what the table holds, per step.</summary>
    public int[] Rows { get; }

    /// <summary>Runs that copied the values from a table (for tests).</summary>
    internal int RunsServed => Volatile.Read(ref _served);

    /// <summary>The fixed slots the section reads: a table serves a run whose values there have the same bits.</summary>
    public int[] KeyRows { get; }

    /// <summary>The values of <see cref="Rows"/> at every step of a run whose <see cref="KeyRows"/> held <c>Key</c>.</summary>
    private sealed record Published(ulong[] Key, double[] Values); // Values pinned

    /// <summary>
    /// Splits <paramref name="plan"/>'s Rates section: the table, or null when no instruction qualifies or the run does not
    /// evaluate at start + i * dt only (Euler); and the rest of the section, to compile as the step code after it.
    /// </summary>
    /// <param name="observed">Slots the rest of the run reads from memory (recorded, checked, the net rates).</param>
    /// <param name="uniform">The plan's uniform values (<see cref="UniformValues"/>), extended for the rows the split adds.</param>
    public static (TimeTable? Table, ImmutableArray<Instruction> Others) Split(EvaluationPlan plan, IReadOnlySet<int> observed,
        Func<int, bool> fixedWithinRun, ref double?[] uniform, TextWriter? listing)
    {
        var rates = plan.Rates;
        if (plan.Time.Method != Model.IntegrationMethod.Euler) return (null, rates);
        var pool = plan.ArgumentPool.AsSpan();
        var afterRates = new HashSet<int>(); // read or written by Capture and Commit
        var reads = new List<int>();
        foreach (var instruction in plan.Capture.Concat(plan.Commit))
        {
            instruction.Reads(pool, reads);
            afterRates.Add(instruction.Dst);
        }
        afterRates.UnionWith(reads);
        var banned = new HashSet<int>(); // slots the table cannot hold (below): the section may not write them
        while (true)
        {
            var walk = new Walk(rates, pool, fixedWithinRun, banned, observed, afterRates);
            walk = new Walk(rates, pool, fixedWithinRun, banned, observed, afterRates, walk.Worth);
            // A value the rest reads stays in its slot when nothing else writes it; one in a slot that other instructions
            // share (a temporary) gets a row of its own, unless it must be in its slot after the section or a pool reads it.
            var writers = rates.GroupBy(i => i.Dst).ToDictionary(g => g.Key, g => g.Count());
            var renamed = new Dictionary<int, int>(); // instruction -> its value's row
            var rowOf = new Dictionary<int, int>(); // one row per value: instructions computing the same value share it
            int before = banned.Count;
            // A slot read before the section writes it holds the step before's value then: the table's would come too early.
            for (int k = 0; k < rates.Length; k++)
                if (walk.InTable[k] && walk.ReadEarly.Contains(rates[k].Dst)) banned.Add(rates[k].Dst);
            foreach (int k in walk.Needed)
            {
                int slot = rates[k].Dst;
                if (writers[slot] == 1) continue;
                if (walk.InMemory.Contains(k) || walk.PoolRead.Contains(k)) banned.Add(slot);
                else renamed[k] = rowOf.TryGetValue(walk.Same[k], out int row) ? row : rowOf[walk.Same[k]] = plan.SlotCount + rowOf.Count;
            }
            if (banned.Count > before) continue;
            if (walk.Needed.Count == 0) return (null, rates);
            int[] rows = [.. walk.Needed.Select(k => renamed.TryGetValue(k, out int row) ? row : rates[k].Dst).Distinct().Order()];
            if ((long)(plan.StepCount + 1) * rows.Length > MaxValues) return (null, rates);

            var section = ImmutableArray.CreateBuilder<Instruction>();
            var others = ImmutableArray.CreateBuilder<Instruction>();
            for (int k = 0; k < rates.Length; k++)
            {
                var instruction = walk.Renamed(k, rates[k], renamed);
                if (renamed.TryGetValue(k, out int row)) instruction = instruction with { Dst = row };
                (walk.InTable[k] ? section : others).Add(instruction);
            }
            var keyRows = new SortedSet<int>();
            foreach (var instruction in section)
            {
                reads.Clear();
                instruction.Reads(pool, reads);
                keyRows.UnionWith(reads.Where(s => s < plan.SlotCount && fixedWithinRun(s)));
            }
            Array.Resize(ref uniform, plan.SlotCount + rowOf.Count); // the new rows vary
            var compiled = CompiledSection.Compile(plan, section.ToImmutable(), rows.ToHashSet(), layout: null, uniform, uniform.Length, "one_run_time",
                listing: listing, fixedWithinRun: fixedWithinRun);
            return (new TimeTable(compiled, rows, [.. keyRows], plan.StepCount + 1), others.ToImmutable());
        }
    }

    /// <summary>
    /// One pass over the section in order: which instructions compute from TIME, fixed slots and such instructions'
    /// values only (into a slot not banned), which of those values the rest reads (the rest of the section, Capture and
    /// Commit, or memory after the section), and where each read of them is.
    /// </summary>
    private sealed class Walk
    {
        private readonly int[][] _sources; // per instruction, per operand field A, B, C: the instruction whose value it reads, or -1

        public Walk(ImmutableArray<Instruction> rates, ReadOnlySpan<int> pool, Func<int, bool> fixedWithinRun, HashSet<int> banned,
            IReadOnlySet<int> observed, HashSet<int> afterRates, bool[]? allowed = null)
        {
            InTable = new bool[rates.Length];
            _sources = new int[rates.Length][];
            var writer = new Dictionary<int, int>(); // slot -> the instruction whose value it holds at this point
            var reads = new List<int>();
            var readers = new List<int>[rates.Length]; // per instruction of the table: the instructions of the table that read its value
            Same = new int[rates.Length];
            var same = new Dictionary<string, int>();
            for (int k = 0; k < rates.Length; k++)
            {
                var instruction = rates[k];
                reads.Clear();
                instruction.Reads(pool, reads);
                bool timed = instruction.Op.Kind is not (OperationKind.Random or OperationKind.Pipeline or OperationKind.Param)
                    && !banned.Contains(instruction.Dst) && (allowed is null || allowed[k]);
                foreach (int s in reads)
                    timed &= writer.TryGetValue(s, out int w) ? InTable[w] : s == EvaluationPlan.TimeSlot || fixedWithinRun(s);
                InTable[k] = timed;
                if (timed) // the same operation of the same values: the same bits (as KernelGraph shares them)
                {
                    string key = $"{instruction.Op.Name}:{BitConverter.DoubleToInt64Bits(instruction.Imm)}:{(instruction.Op.ReadsPool ? 0 : instruction.Aux)}:"
                        + string.Join(",", reads.Select(s => writer.TryGetValue(s, out int w) ? $"v{Same[w]}" : $"s{s}"));
                    Same[k] = same.TryAdd(key, k) ? k : same[key];
                }
                int fields = FieldsRead(instruction);
                int Source(int slot) => writer.TryGetValue(slot, out int w) && InTable[w] ? w : -1;
                _sources[k] = [fields > 0 ? Source(instruction.A) : -1, fields > 1 ? Source(instruction.B) : -1, fields > 2 ? Source(instruction.C) : -1];
                foreach (int s in reads)
                {
                    if (!writer.ContainsKey(s) && s != EvaluationPlan.TimeSlot && !fixedWithinRun(s)) ReadEarly.Add(s);
                    if (Source(s) is not (>= 0 and var w)) continue;
                    if (fields < 0) PoolRead.Add(w);
                    if (!timed) Needed.Add(w);
                    else (readers[w] ??= []).Add(k);
                }
                writer[instruction.Dst] = k;
            }
            // Worth keeping: a costly operation (a call, a division) and what it reads; a cheap one after the last of them
            // (a product with an input) is left to the step code, so that moving that input does not change the table.
            Worth = new bool[rates.Length];
            for (int k = rates.Length - 1; k >= 0; k--)
                Worth[k] = InTable[k] && (!Cheap.Contains(rates[k].Op.Name) || (readers[k]?.Exists(r => Worth[r]) ?? false));
            foreach (var (slot, w) in writer)
                if (InTable[w] && (observed.Contains(slot) || afterRates.Contains(slot)))
                {
                    Needed.Add(w);
                    InMemory.Add(w);
                }
        }

        public bool[] InTable { get; }

        /// <summary>Per instruction of the table: the first that computes the same value.</summary>
        public int[] Same { get; }

        /// <summary>Instructions of the table worth keeping in it (see the constructor).</summary>
        public bool[] Worth { get; }

        /// <summary>Operations of a few instructions: not worth a table's row unless a costly one reads them.</summary>
        private static readonly HashSet<string> Cheap = ["Const", "Copy", "Neg", "Not", "Add", "Sub", "Mul", "Eq", "Ne", "Lt", "Le", "Gt", "Ge", "And", "Or", "Select", "Abs", "Min", "Max"];

        /// <summary>Instructions of the table whose values the rest reads.</summary>
        public HashSet<int> Needed { get; } = [];

        /// <summary>Those whose values must be in their own slots after the section.</summary>
        public HashSet<int> InMemory { get; } = [];

        /// <summary>Slots read before the section writes them (the value of the step before, or a stock's).</summary>
        public HashSet<int> ReadEarly { get; } = [];

        /// <summary>Instructions of the table whose values some instruction reads from the argument pool (not renamable).</summary>
        public HashSet<int> PoolRead { get; } = [];

        /// <summary>Instruction <paramref name="k"/> reading the rows of <paramref name="renamed"/> values instead of their slots.</summary>
        public Instruction Renamed(int k, Instruction instruction, Dictionary<int, int> renamed)
        {
            int Row(int field, int slot) => _sources[k][field] is >= 0 and var w && renamed.TryGetValue(w, out int row) ? row : slot;
            return instruction with { A = Row(0, instruction.A), B = Row(1, instruction.B), C = Row(2, instruction.C) };
        }

        /// <summary>How many of A, B and C the instruction reads (as <see cref="Instruction.Reads"/> does); -1 when it reads the pool.</summary>
        private static int FieldsRead(Instruction instruction) => instruction.Op.Kind switch
        {
            OperationKind.Copy or OperationKind.Lookup => 1,
            OperationKind.Pure or OperationKind.Timed when instruction.Op.ReadsPool => -1,
            OperationKind.Pure or OperationKind.Timed or OperationKind.Pipeline => Math.Min(3, instruction.Op.Arity),
            OperationKind.Const or OperationKind.Param => 0,
            _ => -1,
        };
    }

    /// <summary>A run's use of the table, after Initialize (the fixed slots hold their values).</summary>
    public Use Begin(double[] slots)
    {
        var key = new ulong[KeyRows.Length];
        for (int j = 0; j < key.Length; j++) key[j] = BitConverter.DoubleToUInt64Bits(slots[KeyRows[j]]);
        if (Volatile.Read(ref _published) is { } published && published.Key.AsSpan().SequenceEqual(key))
        {
            Interlocked.Increment(ref _served);
            return new Use(this, published.Values, null);
        }
        var last = Interlocked.Exchange(ref _lastKey, key);
        if (last is null || !last.AsSpan().SequenceEqual(key)) return new Use(this, null, null);
        return new Use(this, null, new Making(key, GC.AllocateArray<double>(_steps * Rows.Length, pinned: true)));
    }

    /// <summary>A table a run filled step by step, kept once the run reached its end.</summary>
    public void Publish(Making making) => Volatile.Write(ref _published, new Published(making.Key, making.Values));

    /// <summary>A table being filled by a run (pinned: read and written by pointer).</summary>
    internal sealed record Making(ulong[] Key, double[] Values);

    /// <summary>How a run takes the section's values: copied from a table, or computed (and written to <see cref="Making"/>).</summary>
    internal readonly struct Use
    {
        private readonly TimeTable _time;
        private readonly double[]? _values; // a published table, or the one being made; pinned
        private readonly double* _table; // the published table's first row, or null

        public Use(TimeTable time, double[]? table, Making? making)
        {
            _time = time;
            Making = making;
            _values = table ?? making?.Values;
            if (table is not null) _table = (double*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref table[0]);
        }

        public Making? Making { get; }

        /// <summary>Puts the values of step <paramref name="step"/> in the slots (computed by the section when there is no table).</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void Step(double* slots, double t, int step)
        {
            var rows = _time.Rows;
            if (_table is not null)
            {
                double* row = _table + step * rows.Length;
                for (int j = 0; j < rows.Length; j++) slots[rows[j]] = row[j];
                // A step is some thousands of instructions: too far apart for the processor to fetch the rows ahead by itself.
                if (System.Runtime.Intrinsics.X86.Sse.IsSupported) System.Runtime.Intrinsics.X86.Sse.Prefetch0(row + 8 * rows.Length);
                return;
            }
            _time.Section.Run(slots, t, 0);
            Keep(slots, step);
        }

        /// <summary>When making a table: keeps the values of step <paramref name="step"/> (the first evaluation's too, which the interpreter computes).</summary>
        public void Keep(double* slots, int step)
        {
            if (Making is null) return;
            var rows = _time.Rows;
            var values = _values!;
            int first = step * rows.Length;
            for (int j = 0; j < rows.Length; j++) values[first + j] = slots[rows[j]];
        }
    }
}
