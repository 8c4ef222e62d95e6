namespace Simulation.Engine.Runtime.Batches;

/// <summary>
/// The input values of every run of a batch job: run r sets the plan's parameters
/// (<see cref="Compilation.EvaluationPlan.Parameters"/>, in that order) to <c>Fill(r, ...)</c>.
/// Implementations may generate values on demand (a sampler) instead of storing them.
/// </summary>
public interface IRunInputs
{
    int RunCount { get; }

    /// <summary>Values per run; must equal the plan's parameter count.</summary>
    int ParameterCount { get; }

    /// <summary>Writes run <paramref name="run"/>'s parameter values. Called from worker threads, concurrently: must be thread-safe.</summary>
    void Fill(int run, Span<double> values);

    /// <summary>
    /// The index that, with the seed, fixes run <paramref name="run"/>'s random stream: the run itself, unless the
    /// runs of this job continue a numbering (a sweep runs futures f0, f0 + 1, ... as runs 0, 1, ...).
    /// </summary>
    long StreamIndex(int run) => run;
}

/// <summary>Runs given as a matrix, one row per run, one column per plan parameter. Immutable.</summary>
public sealed class ParameterTable : IRunInputs
{
    private readonly double[] _values;

    /// <param name="values">Row-major: run r's parameter p at <c>r * parameterCount + p</c>. Copied.</param>
    public ParameterTable(int runCount, int parameterCount, ReadOnlySpan<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(runCount);
        ArgumentOutOfRangeException.ThrowIfNegative(parameterCount);
        if (values.Length != (long)runCount * parameterCount)
            throw new ArgumentException($"{runCount} runs of {parameterCount} parameters need {(long)runCount * parameterCount} values, not {values.Length}",
                nameof(values));
        RunCount = runCount;
        ParameterCount = parameterCount;
        _values = values.ToArray();
    }

    /// <summary><paramref name="runs"/> runs that all use <paramref name="values"/> (for example the plan's defaults).</summary>
    public static ParameterTable Repeat(ReadOnlySpan<double> values, int runs)
    {
        var all = new double[values.Length * runs];
        for (int r = 0; r < runs; r++) values.CopyTo(all.AsSpan(r * values.Length));
        return new ParameterTable(runs, values.Length, all);
    }

    public int RunCount { get; }

    public int ParameterCount { get; }

    public void Fill(int run, Span<double> values) => _values.AsSpan(run * ParameterCount, ParameterCount).CopyTo(values);
}
