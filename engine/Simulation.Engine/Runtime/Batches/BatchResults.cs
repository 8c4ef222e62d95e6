namespace Simulation.Engine.Runtime.Batches;

/// <summary>A sink that keeps every run's values in memory: for tests and small jobs (large jobs should stream).</summary>
public sealed class BatchResults : IRunSink
{
    private readonly List<double[]> _values = new();
    private readonly List<RunProblem?> _problems = new();

    /// <summary>Row r: run r's values, laid out as the <see cref="RecordRequest"/> says.</summary>
    public IReadOnlyList<double[]> Values => _values;

    public IReadOnlyList<RunProblem?> Problems => _problems;

    public void Accept(RunResult result)
    {
        if (result.Run != _values.Count) throw new InvalidOperationException($"run {result.Run} arrived out of order");
        _values.Add(result.Values.ToArray());
        _problems.Add(result.Problem);
    }

    /// <summary>Runs a job and collects its results.</summary>
    public static BatchResults Collect(BatchRunner runner, IRunInputs inputs)
    {
        var results = new BatchResults();
        runner.Run(inputs, results);
        return results;
    }
}
