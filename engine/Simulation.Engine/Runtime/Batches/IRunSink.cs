namespace Simulation.Engine.Runtime.Batches;

/// <summary>
/// Receives each run's recorded values as batches finish. The runner calls <see cref="Accept"/>
/// once per run, in ascending run order, never concurrently (possibly from a worker thread), and
/// holds only a bounded number of finished batches, so a sink that writes results out keeps the
/// memory of a job flat however many runs it has.
/// </summary>
public interface IRunSink
{
    void Accept(RunResult result);
}

/// <summary>
/// One run's outcome. <see cref="Values"/> is laid out as <see cref="RecordRequest"/> says
/// (time-major) and is only valid during the <see cref="IRunSink.Accept"/> call: copy what you keep.
/// </summary>
public readonly ref struct RunResult(int run, ReadOnlySpan<double> values, RunProblem? problem)
{
    public int Run { get; } = run;

    public ReadOnlySpan<double> Values { get; } = values;

    /// <summary>Set when a stock or net rate became NaN or infinite; the run went on regardless.</summary>
    public RunProblem? Problem { get; } = problem;
}

/// <summary>When a run first had a NaN or infinite stock or net rate, and the first element (in evaluation order) that was.</summary>
public readonly record struct RunProblem(double Time, int Element);
