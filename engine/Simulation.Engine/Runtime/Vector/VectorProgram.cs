using Simulation.Engine.Compilation;
using Simulation.Engine.Model;
using Simulation.Engine.Ops;

namespace Simulation.Engine.Runtime.Vector;

/// <summary>How the vector engine runs the plan's Rates section, the one that runs every step.</summary>
public enum RatesExecution
{
    /// <summary>Generated SIMD code (the fast path; needs AVX, else the interpreter runs).</summary>
    Compiled,

    /// <summary>The vector interpreter, one instruction at a time (the plain baseline, for tests and comparisons).</summary>
    Interpreted,
}

/// <summary>
/// An <see cref="EvaluationPlan"/> prepared for the vector engine at one batch width: the Rates
/// section compiled to SIMD code that keeps the recorded slots (and the net rates) in memory.
/// Immutable and shared by every worker thread; each worker runs it on its own
/// <see cref="BatchWorkspace"/>.
/// </summary>
public sealed class VectorProgram
{
    private VectorProgram(EvaluationPlan plan, LaneLayout layout, CompiledSection? rates, IReadOnlyList<int> recordedSlots, int[] checkedRows)
    {
        Plan = plan;
        Layout = layout;
        Rates = rates;
        RecordedSlots = recordedSlots;
        Finite = new FiniteRows(plan, checkedRows);
    }

    public EvaluationPlan Plan { get; }

    /// <summary>Lanes per batch and the memory layout (slot rows include the compiled code's spill slots).</summary>
    public LaneLayout Layout { get; }

    /// <summary>The slots whose values can be recorded after each evaluation of the rates.</summary>
    public IReadOnlyList<int> RecordedSlots { get; }

    internal CompiledSection? Rates { get; }

    /// <summary>The Rates section runs as generated SIMD code (not on the vector interpreter).</summary>
    public bool HasStepCode => Rates is not null;

    /// <summary>The rows the check for NaN and infinity reads.</summary>
    internal FiniteRows Finite { get; }

    /// <summary>
    /// The compiled Rates code takes the Euler step itself (see <see cref="StockUpdate"/>): it stores the next step's
    /// stocks in a second buffer and no net rates.
    /// </summary>
    internal bool UpdatesStocks => Rates?.UpdatesStocks ?? false;

    /// <param name="lanes">Runs per batch, a multiple of 4 (see <see cref="LaneLayout.LanesFor"/>).</param>
    /// <param name="recordedSlots">Plan slots that will be recorded (outputs); the compiled code keeps these in memory.</param>
    /// <param name="listing">Receives the generated step code as text (see <see cref="KernelListing"/>), or null.</param>
    public static VectorProgram Create(EvaluationPlan plan, int lanes, IReadOnlyList<int> recordedSlots,
        RatesExecution execution = RatesExecution.Compiled, TextWriter? listing = null)
    {
        var provisional = new LaneLayout(lanes, plan.SlotCount);
        // Random draws and pipeline delays keep per-run state: a Rates section with them runs on the interpreter.
        if (execution == RatesExecution.Interpreted || !CanCompile(plan))
            return new VectorProgram(plan, provisional, null, recordedSlots.ToArray(), []);
        var observed = Observed(plan, recordedSlots);
        // Euler steps are taken in the Rates code, unless Capture or Commit keep values between evaluation and step
        // (they run on the interpreter and read and write the slots in place).
        var update = plan.Time.Method == IntegrationMethod.Euler && plan.Capture.Length == 0 && plan.Commit.Length == 0
            ? new StockUpdate(plan.StockBase, plan.RateBase, plan.StockCount)
            : null;
        // What the step code stores is checked; elements whose NaN or infinity could go unseen in registers are stored too.
        var checkedRows = FiniteRows.CheckedBy(plan, observed, takesEulerStep: update is not null);
        var rates = CompiledSection.Compile(plan, plan.Rates, observed, provisional, UniformValues.Of(plan), plan.SlotCount, "rates", update, listing);
        return new VectorProgram(plan, new LaneLayout(lanes, rates.SlotCount), rates, recordedSlots.ToArray(), checkedRows);
    }

    /// <summary>The step code needs AVX, and a Rates section without random draws and pipeline delays (they keep per-run state).</summary>
    internal static bool CanCompile(EvaluationPlan plan) => AvxEmitter.Supported && !plan.Rates.Any(i => LaneState.IsStateful(i));

    /// <summary>The slots whose values the step code must leave in memory: the recorded ones, the net rates, and what Capture and Commit read.</summary>
    internal static HashSet<int> Observed(EvaluationPlan plan, IReadOnlyList<int> recordedSlots)
    {
        var observed = new HashSet<int>(recordedSlots);
        for (int i = 0; i < plan.StockCount; i++) observed.Add(plan.RateBase + i);
        var pool = plan.ArgumentPool.AsSpan();
        var reads = new List<int>();
        foreach (var i in plan.Capture.Concat(plan.Commit))
        {
            reads.Clear();
            i.Reads(pool, reads);
            observed.UnionWith(reads);
        }
        return observed;
    }
}
