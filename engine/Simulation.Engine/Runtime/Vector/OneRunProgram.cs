using Simulation.Engine.Compilation;

namespace Simulation.Engine.Runtime.Vector;

/// <summary>
/// An <see cref="EvaluationPlan"/> prepared for one run on its own (a levers app's point run, a single <c>sim run</c>):
/// the run's slots are one row of doubles, and the Rates section is compiled with array elements in the four vector
/// lanes (<see cref="ElementPacking"/>) instead of four copies of the one run. Every element keeps the bits the
/// reference evaluator gives it. Immutable and shared; each run takes a <see cref="OneRunKernel"/> of its own.
/// A run that goes NaN or infinite is stopped and reported as such (<see cref="OneRunKernel.WentNonFinite"/>): the
/// caller runs it again on the batch engine, which reports when and where as the reference evaluator does.
/// </summary>
public sealed class OneRunProgram
{
    private OneRunProgram(EvaluationPlan plan, CompiledSection rates, TimeTable? time, IReadOnlyList<int> recordedSlots, int[] checkedRows)
    {
        Plan = plan;
        Rates = rates;
        Time = time;
        RecordedSlots = recordedSlots;
        Finite = new FiniteRows(plan, checkedRows);
        DeferredRates = ChecksStateAtEnd(plan) ? [new RowRange(plan.RateBase, plan.StockCount)] : [];
        var everyStep = RowRange.Runs(CheckedEveryStep(plan, checkedRows));
        CheckedBlocks = everyStep.Where(r => r.Count >= ShortRun).ToArray();
        CheckedAlone = everyStep.Where(r => r.Count < ShortRun).SelectMany(r => Enumerable.Range(r.Start, r.Count)).ToArray();
    }

    /// <summary>
    /// The checked rows that must be summed at every step. With Euler steps (<see cref="ChecksStateAtEnd"/>) a row whose
    /// NaN or infinity reaches a net rate through operations that keep it (<see cref="NonFiniteReach"/>) makes that
    /// stock non-finite from the next step to the end, so the check of the stocks and net rates at the end sees it:
    /// only the others (recorded values that feed no stock, values that reach one only through a comparison, MIN...),
    /// which can go NaN and come back, are summed at every step. The run then stops at the end rather than at the step
    /// that went bad, and the batch engine runs it again to report when and where, as it does for any non-finite run.
    /// </summary>
    private static List<int> CheckedEveryStep(EvaluationPlan plan, int[] checkedRows)
    {
        if (!ChecksStateAtEnd(plan)) return [.. checkedRows];
        var netRates = Enumerable.Range(plan.RateBase, plan.StockCount);
        var sinks = NonFiniteReach.Sinks(plan.Rates.AsSpan(), plan.ArgumentPool.AsSpan(), new HashSet<int>(checkedRows), netRates);
        sinks.Sort();
        return sinks;
    }

    /// <summary>Runs of checked rows shorter than this are summed row by row, not as a block (a call, a vector loop and its tail).</summary>
    private const int ShortRun = 8;

    /// <summary>The checked rows (<see cref="FiniteRows.Checked"/>) in runs of <see cref="ShortRun"/> or more, summed as blocks.</summary>
    internal RowRange[] CheckedBlocks { get; }

    /// <summary>
    /// The other checked rows, summed one by one: the rows the step code stores are scattered (on hospital-to-community 25
    /// runs, 17 of them of one to four rows), and a block's sum costs some twenty instructions before its first row.
    /// </summary>
    internal int[] CheckedAlone { get; }

    /// <summary>The net rates when they are checked at the end only (with the stocks), not with the rows the step code stores.</summary>
    internal RowRange[] DeferredRates { get; }

    public EvaluationPlan Plan { get; }

    /// <summary>The step code: the Rates section, less <see cref="Time"/>'s part, which runs first.</summary>
    internal CompiledSection Rates { get; }

    /// <summary>The values of the Rates section that depend on TIME and inputs fixed within the run only, or null.</summary>
    internal TimeTable? Time { get; }

    /// <summary>The slots recorded at each recorded step, in order.</summary>
    public IReadOnlyList<int> RecordedSlots { get; }

    internal FiniteRows Finite { get; }

    /// <summary>Slots of one run's memory: the plan's and the step code's spill slots.</summary>
    public int SlotCount => Rates.SlotCount;

    /// <summary>Groups of four array elements the step code computes as one vector.</summary>
    public int PackCount => Rates.PackCount;

    /// <summary>Sums the step code adds four items at a time, as vectors (<see cref="StripedFolds"/>).</summary>
    public int StripedCount => Rates.StripedCount;

    /// <summary>
    /// Whether a NaN or infinity in the stocks or net rates is checked for once, at the end of the run: with Euler steps,
    /// once a stock or net rate is not finite, every later stock + dt * rate of that stock is not (clamping to zero
    /// could hide -infinity, so clamped stocks are summed before clamping).
    /// </summary>
    internal static bool ChecksStateAtEnd(EvaluationPlan plan) => plan.Time.Method == Model.IntegrationMethod.Euler;

    /// <summary>
    /// Slots of the plan that keep their value from Setup to the end of a run: neither TIME, nor a stock (the steps), nor
    /// written by the sections run at every step (Rates, Capture, Commit).
    /// </summary>
    private static Func<int, bool> FixedWithinRun(EvaluationPlan plan)
    {
        var changing = new HashSet<int> { EvaluationPlan.TimeSlot };
        foreach (var instruction in plan.Rates.Concat(plan.Capture).Concat(plan.Commit)) changing.Add(instruction.Dst);
        return slot => slot < plan.SlotCount && !changing.Contains(slot) && (slot < plan.StockBase || slot >= plan.StockBase + plan.StockCount);
    }

    /// <summary>The program, or null when the plan cannot run this way (no AVX2; random draws or delays in its Rates section).</summary>
    /// <param name="recordedSlots">Plan slots that will be recorded; the step code keeps these in memory.</param>
    /// <param name="listing">Receives the generated step code as text (<see cref="KernelListing"/>), or null.</param>
    public static OneRunProgram? Create(EvaluationPlan plan, IReadOnlyList<int> recordedSlots, TextWriter? listing = null)
    {
        if (!VectorProgram.CanCompile(plan) || !System.Runtime.Intrinsics.X86.Avx2.IsSupported) return null;
        var observed = VectorProgram.Observed(plan, recordedSlots);
        // Euler steps keep a NaN or infinity in the stocks, so the net rates and stocks are checked at the end only (OneRunKernel).
        var checkedRows = FiniteRows.CheckedBy(plan, observed, takesEulerStep: ChecksStateAtEnd(plan));
        var fixedWithinRun = FixedWithinRun(plan);
        var uniform = UniformValues.Of(plan);
        var (time, rest) = TimeTable.Split(plan, observed, fixedWithinRun, ref uniform, listing);
        var rates = CompiledSection.Compile(plan, rest, observed, layout: null, uniform, time?.Section.SlotCount ?? plan.SlotCount, "one_run",
            listing: listing, fixedWithinRun: fixedWithinRun);
        return new OneRunProgram(plan, rates, time, recordedSlots.ToArray(), checkedRows);
    }
}

/// <summary>The memory one run of a <see cref="OneRunProgram"/> needs; reusable run after run.</summary>
public sealed class OneRunWorkspace
{
    public OneRunWorkspace(OneRunProgram program, int recordedSteps)
    {
        Program = program;
        // The step code addresses it by raw pointer; a pack of an array's last elements reads up to three slots past the last.
        Slots = GC.AllocateArray<double>(program.SlotCount + LaneLayout.GroupWidth - 1, pinned: true);
        Saved = new double[program.Plan.StockCount];
        Slope = new double[program.Plan.StockCount];
        Parameters = new double[program.Plan.Parameters.Length];
        Recorded = new double[recordedSteps * program.RecordedSlots.Count];
    }

    public OneRunProgram Program { get; }

    internal double[] Slots { get; }

    internal double[] Saved { get; }

    internal double[] Slope { get; }

    /// <summary>The run's parameter values (fill before running).</summary>
    public double[] Parameters { get; }

    /// <summary>[recorded step][recorded slot], after a run.</summary>
    public double[] Recorded { get; }
}
