using Simulation.Engine.Results;
using Simulation.Engine.Runtime.Batches;

namespace Simulation.Engine.Scenarios.Running;

/// <summary>
/// Runs futures on the vector engine's batch runner: each scenario's plan is compiled to step code once
/// (on first use) and its futures run in batches of <see cref="BatchOptions.LanesPerBatch"/> lanes over
/// <see cref="BatchOptions.Threads"/> threads. Run r of a call is future first + r, and draws from the
/// random stream of (seed, future), so a resumed sweep and a whole one give the same numbers. Results are
/// the reference evaluator's, bit for bit (the batch runner's differential tests and this sweep's).
/// </summary>
public sealed class VectorSweepEngine(int threads, int lanes = 16) : ISweepEngine
{
    private readonly Dictionary<Compilation.EvaluationPlan, BatchRunner> _runners = new(); // scenarios sharing a plan share its step code

    public int Threads { get; } = Math.Max(1, threads);

    public int Lanes { get; } = lanes;

    public void Run(CompiledExperiment experiment, CompiledScenario scenario, int first, int count, IFutureSink sink, CancellationToken cancellation)
    {
        var layout = experiment.Measurement.Layout;
        var runner = RunnerFor(experiment, scenario);
        runner.Run(new Futures(experiment, scenario, first, count), new Delivery(first, layout.ValuesPerRun, sink), cancellation);
    }

    private BatchRunner RunnerFor(CompiledExperiment experiment, CompiledScenario scenario)
    {
        if (_runners.TryGetValue(scenario.Plan, out var runner)) return runner;
        var plan = scenario.Plan;
        var layout = experiment.Measurement.Layout;
        // A sweep that measures nothing still runs (its runs table says which runs had problems): record the time at the end.
        var record = layout.ValuesPerRun == 0
            ? RecordRequest.FinalValues(plan, [new OutputColumn("time", Compilation.EvaluationPlan.TimeSlot, -1)])
            : RecordRequest.AtTimes(plan, layout.Outputs.Select((o, j) => new OutputColumn(o.Variable, scenario.RecordSlots[j], scenario.RecordElements[j])).ToList(),
                layout.Steps.Select(experiment.Clock.TimeOf));
        runner = new BatchRunner(plan, record, new BatchOptions { Threads = Threads, LanesPerBatch = Lanes, Seed = experiment.Seed });
        _runners[scenario.Plan] = runner;
        return runner;
    }

    /// <summary>Futures first .. first + count - 1 as runs 0 .. count - 1, each with its sample's values and its own stream.</summary>
    private sealed class Futures(CompiledExperiment experiment, CompiledScenario scenario, int first, int count) : IRunInputs
    {
        public int RunCount => count;

        public int ParameterCount => scenario.Plan.Parameters.Length;

        public void Fill(int run, Span<double> values) => FutureInputs.Fill(experiment, scenario, first + run, values);

        public long StreamIndex(int run) => FutureInputs.StreamIndex(first + run);
    }

    private sealed class Delivery(int first, int width, IFutureSink sink) : IRunSink
    {
        public void Accept(RunResult result) =>
            sink.Accept(first + result.Run, result.Values[..width],
                result.Problem is { } p ? new FutureProblem(p.Time, p.Element) : null);
    }
}
