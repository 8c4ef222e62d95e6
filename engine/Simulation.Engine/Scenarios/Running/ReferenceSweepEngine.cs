using Simulation.Engine.Runtime;

namespace Simulation.Engine.Scenarios.Running;

/// <summary>
/// Runs futures on the scalar reference evaluator, <see cref="Threads"/> at a time: a block of futures is
/// integrated in parallel into a buffer, then delivered in order. A stand-in for the vector engine's batch
/// runner and the oracle it is checked against; results depend neither on the thread count nor on the block size.
/// </summary>
public sealed class ReferenceSweepEngine(int threads = 1, int block = 8) : ISweepEngine
{
    public int Threads { get; } = Math.Max(1, threads);

    /// <summary>Futures integrated per thread between deliveries.</summary>
    public int Block { get; } = Math.Max(1, block);

    public void Run(CompiledExperiment experiment, CompiledScenario scenario, int first, int count, IFutureSink sink, CancellationToken cancellation)
    {
        var layout = experiment.Measurement.Layout;
        var plan = scenario.Plan;
        int block = Threads * Block, width = layout.ValuesPerRun;
        var values = new double[block * width];
        var problems = new FutureProblem?[block];
        for (int start = 0; start < count; start += block)
        {
            cancellation.ThrowIfCancellationRequested();
            int n = Math.Min(block, count - start);
            Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = Threads, CancellationToken = cancellation }, () =>
                    (new StepRecorder(layout, scenario.RecordSlots, plan.StepCount), new double[plan.Parameters.Length], new double[width]),
                (i, _, state) =>
                {
                    var (recorder, parameters, row) = state;
                    int future = first + start + i;
                    FutureInputs.Fill(experiment, scenario, future, parameters);
                    recorder.Begin(row);
                    var kernel = new ReferenceEvaluator(plan, parameters, recorder, stopOnNonFinite: false, experiment.Seed, (ulong)FutureInputs.StreamIndex(future));
                    Integrator.Run(ref kernel, plan.Time, plan.StepCount, saveEvery: 1);
                    row.CopyTo(values, i * width);
                    problems[i] = recorder.Problem;
                    return state;
                }, _ => { });
            for (int i = 0; i < n; i++) sink.Accept(first + start + i, values.AsSpan(i * width, width), problems[i]);
        }
    }
}
