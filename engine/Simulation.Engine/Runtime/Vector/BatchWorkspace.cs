namespace Simulation.Engine.Runtime.Vector;

/// <summary>
/// The memory one worker needs to run batches of a <see cref="VectorProgram"/>: slot rows, the
/// multi-stage integration buffers, this batch's parameters, what is recorded, and which runs hit a
/// NaN or infinity. Allocated once per worker and reused for every batch, so running a batch
/// allocates nothing.
/// </summary>
public sealed class BatchWorkspace
{
    public BatchWorkspace(VectorProgram program, int recordedSteps)
    {
        var plan = program.Plan;
        var layout = program.Layout;
        Program = program;
        Slots = new LaneBuffer(layout);
        NextSlots = program.UpdatesStocks ? new LaneBuffer(layout) : null;
        Saved = new LaneBuffer(layout, plan.StockCount);
        Slope = new LaneBuffer(layout, plan.StockCount);
        Parameters = new LaneBuffer(layout, Math.Max(1, plan.Parameters.Length));
        Recorded = new LaneBuffer(layout, Math.Max(1, recordedSteps * program.RecordedSlots.Count));
        LaneSlots = new double[plan.SlotCount];
        LaneSums = new double[layout.Lanes];
        ProblemTimes = new double[layout.Lanes];
        RunIndices = new long[layout.Lanes];
        States = LaneState.Needed(plan) ? new RunState[layout.Lanes] : null;
        ProblemElements = new int[layout.Lanes];
    }

    public VectorProgram Program { get; }

    public LaneBuffer Slots { get; }

    /// <summary>
    /// The second slot buffer when the step code takes the Euler step itself (<see cref="StockUpdate"/>): it
    /// receives the next step's stocks, then the two buffers trade places.
    /// </summary>
    internal LaneBuffer? NextSlots { get; }

    internal LaneBuffer Saved { get; }

    internal LaneBuffer Slope { get; }

    /// <summary>Rows [parameter][lane] of the current batch.</summary>
    public LaneBuffer Parameters { get; }

    /// <summary>Rows [recorded step][recorded slot][lane] of the current batch.</summary>
    public LaneBuffer Recorded { get; }

    /// <summary>Lanes holding real runs (the rest repeat a real run's inputs and are ignored).</summary>
    public int ActiveLanes { get; set; }

    /// <summary>Each lane's run index: with <see cref="Seed"/> it fixes the lane's random stream.</summary>
    public long[] RunIndices { get; }

    /// <summary>The experiment's random seed.</summary>
    public ulong Seed { get; set; }

    /// <summary>Each lane's run state (made afresh for every batch), or null when the plan has no delays or random draws.</summary>
    internal RunState[]? States { get; }

    /// <summary>Per lane: the time a stock or net rate first became NaN or infinite, or NaN if never.</summary>
    public double[] ProblemTimes { get; }

    /// <summary>Per lane: the element that was non-finite first (in evaluation order), when <see cref="ProblemTimes"/> is set.</summary>
    public int[] ProblemElements { get; }

    /// <summary>Scratch: one lane's slots, to locate a non-finite value with the scalar locator.</summary>
    internal double[] LaneSlots { get; }

    /// <summary>Scratch: a sum per lane, to find which lanes hold a non-finite value.</summary>
    internal double[] LaneSums { get; }
}
