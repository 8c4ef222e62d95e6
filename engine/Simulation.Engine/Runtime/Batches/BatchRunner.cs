using Simulation.Engine.Compilation;
using Simulation.Engine.Runtime.Vector;

namespace Simulation.Engine.Runtime.Batches;

/// <summary>How a batch job is spread over the machine. Results never depend on these settings.</summary>
public sealed record BatchOptions
{
    /// <summary>Worker threads (default: one per core).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Runs integrated side by side in one batch, a multiple of 4: small enough that a batch's working set stays in cache.</summary>
    public int LanesPerBatch { get; init; } = 16;

    /// <summary>The experiment's random seed: run r draws from the stream of (Seed, r), as the reference evaluator's run r does.</summary>
    public ulong Seed { get; init; }

    /// <summary>Compiled SIMD code (default) or the vector interpreter for the per-step section.</summary>
    public RatesExecution Execution { get; init; } = RatesExecution.Compiled;
}

/// <summary>
/// Runs one plan many times, each run with its own parameter values, on the vector engine: runs
/// are grouped into batches of <see cref="BatchOptions.LanesPerBatch"/> lanes integrated in
/// lock-step, and batches are spread over worker threads. Each run's results are exactly those of
/// the reference evaluator run alone (see the differential tests), whatever the thread count or
/// batch size, and reach the sink in run order. Create once per plan and record request (this
/// compiles the step code), then call <see cref="Run"/> as often as needed, from one thread at a time.
/// </summary>
public sealed class BatchRunner
{
    private readonly Dictionary<int, VectorProgram> _programs = new();
    private readonly int[] _recordSteps;
    private readonly Lazy<OneRunProgram?> _oneRun;
    private readonly System.Collections.Concurrent.ConcurrentBag<OneRunWorkspace> _oneRunWorkspaces = new();

    public BatchRunner(EvaluationPlan plan, RecordRequest record, BatchOptions? options = null)
    {
        Options = options ?? new BatchOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.Threads, 1, nameof(options));
        if (Options.LanesPerBatch <= 0 || Options.LanesPerBatch % LaneLayout.GroupWidth != 0)
            throw new ArgumentOutOfRangeException(nameof(options), Options.LanesPerBatch, "LanesPerBatch must be a positive multiple of 4");
        Plan = plan;
        Record = record;
        _recordSteps = record.Steps.ToArray();
        _oneRun = new Lazy<OneRunProgram?>(() => Options.Execution == RatesExecution.Compiled
            ? OneRunProgram.Create(Plan, Record.Outputs.Select(o => o.Slot).ToArray())
            : null);
    }

    public EvaluationPlan Plan { get; }

    public RecordRequest Record { get; }

    public BatchOptions Options { get; }

    /// <summary>The compiled program for a batch width (compiled on first use, then reused).</summary>
    public VectorProgram ProgramFor(int lanes)
    {
        lock (_programs)
        {
            if (!_programs.TryGetValue(lanes, out var program))
            {
                _programs[lanes] = program = VectorProgram.Create(Plan, lanes, Record.Outputs.Select(o => o.Slot).ToArray(), Options.Execution);
                Diagnostics.StageTrace.Mark($"step code generated ({lanes} lanes)");
            }
            return program;
        }
    }

    /// <summary>
    /// Compiles now what a job of one run takes (otherwise its first job compiles it): the one-run program, or the batch
    /// program a run alone falls back to when the plan cannot run that way.
    /// </summary>
    public void PrepareOneRun()
    {
        if (_oneRun.Value is null) ProgramFor(Math.Min(Options.LanesPerBatch, LaneLayout.LanesFor(1)));
    }

    /// <summary>Runs every run of <paramref name="inputs"/> and hands each result to <paramref name="sink"/>, in run order.</summary>
    public void Run(IRunInputs inputs, IRunSink sink, CancellationToken cancellation = default)
    {
        if (inputs.ParameterCount != Plan.Parameters.Length)
            throw new ArgumentException($"the inputs give {inputs.ParameterCount} values per run; the plan has {Plan.Parameters.Length} parameters", nameof(inputs));
        if (inputs.RunCount == 0) return;
        if (inputs.RunCount == 1 && TryOneRun(inputs, sink, cancellation)) return;
        int lanes = Math.Min(Options.LanesPerBatch, LaneLayout.LanesFor(inputs.RunCount));
        var program = ProgramFor(lanes);
        int batches = (inputs.RunCount + lanes - 1) / lanes;
        int threads = Math.Min(Options.Threads, batches);
        var job = new BatchJob(program, _recordSteps, Record.ValuesPerRun, inputs, sink, batches, threads, Options.Seed, cancellation);
        job.Run();
    }

    /// <summary>
    /// A job of one run takes the one-run program (<see cref="OneRunProgram"/>: array elements in the vector lanes, where a
    /// batch would fill them with copies of the run); false when it cannot, or the run went NaN or infinite, for the
    /// batch engine to run it and report when and where.
    /// </summary>
    private bool TryOneRun(IRunInputs inputs, IRunSink sink, CancellationToken cancellation)
    {
        if (_oneRun.Value is not { } program) return false;
        cancellation.ThrowIfCancellationRequested();
        if (!_oneRunWorkspaces.TryTake(out var work)) work = new OneRunWorkspace(program, _recordSteps.Length);
        try
        {
            inputs.Fill(0, work.Parameters);
            if (!OneRunKernel.Run(work, _recordSteps, Options.Seed, (ulong)inputs.StreamIndex(0))) return false;
            sink.Accept(new RunResult(0, work.Recorded.AsSpan(0, Record.ValuesPerRun), null));
            return true;
        }
        finally
        {
            _oneRunWorkspaces.Add(work);
        }
    }
}
