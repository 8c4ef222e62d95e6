namespace Simulation.Engine.Scenarios.Running;

/// <summary>
/// Runs consecutive futures of one scenario and hands over what each run records. Implementations
/// spread runs over threads as they like but must deliver every future exactly once, in ascending order,
/// never concurrently, and give each run exactly the numbers it would have alone.
/// </summary>
public interface ISweepEngine
{
    /// <summary>Runs futures <paramref name="first"/> .. <paramref name="first"/> + <paramref name="count"/> - 1 of <paramref name="scenario"/>.</summary>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellation"/> fires; futures already delivered stay delivered.</exception>
    void Run(CompiledExperiment experiment, CompiledScenario scenario, int first, int count, IFutureSink sink, CancellationToken cancellation);
}

/// <summary>Receives each future's recorded values (laid out as the measurement plan's record layout says).</summary>
public interface IFutureSink
{
    /// <param name="values">Only valid during the call: copy what you keep.</param>
    void Accept(int future, ReadOnlySpan<double> values, FutureProblem? problem);
}

/// <summary>When a run first had a NaN or infinite stock or net rate, and the first element (in evaluation order) that was.</summary>
public readonly record struct FutureProblem(double Time, int Element);
