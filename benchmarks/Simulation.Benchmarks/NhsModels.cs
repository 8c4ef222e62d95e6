using Simulation.Engine.Diagnostics;
using Simulation.Engine.Scenarios;
using Simulation.Engine.Scenarios.Running;

namespace Simulation.Benchmarks;

/// <summary>
/// The NHS reference models' scenario packs (scenarios/*.json) as a sweep runs them: a scenario's compiled plan
/// (interventions and outcome accumulators compiled in), its futures' sampled inputs, the outcomes recorded at the
/// measurement times, on the vector engine at a chosen batch width.
/// </summary>
public sealed class NhsPack
{
    private readonly Dictionary<int, VectorSweepEngine> _engines = new();

    public NhsPack(string name, string scenario = "baseline")
    {
        Name = name;
        var diagnostics = new DiagnosticBag();
        Experiment = ExperimentCompiler.CompileFile(Path.Combine(BenchModels.Root, "scenarios", name + ".json"), diagnostics)
                     ?? throw new InvalidOperationException(DiagnosticRenderer.ToText(diagnostics.Items));
        Scenario = Experiment.Scenarios.Single(s => s.Name == scenario);
    }

    public string Name { get; }

    public CompiledExperiment Experiment { get; }

    public CompiledScenario Scenario { get; }

    /// <summary>Runs futures 0 .. runs - 1 of the scenario on one thread, in batches of <paramref name="lanes"/>; returns a checksum of the outcomes.</summary>
    public double Run(int runs, int lanes)
    {
        if (!_engines.TryGetValue(lanes, out var engine)) _engines[lanes] = engine = new VectorSweepEngine(threads: 1, Simulation.Engine.Runtime.Vector.LaneLayout.LanesFor(lanes));
        var sink = new Checksum();
        engine.Run(Experiment, Scenario, 0, runs, sink, CancellationToken.None);
        return sink.Total;
    }

    private sealed class Checksum : IFutureSink
    {
        public double Total { get; private set; }

        public void Accept(int future, ReadOnlySpan<double> values, FutureProblem? problem)
        {
            if (problem is not null) throw new InvalidOperationException($"future {future} went NaN or infinite");
            foreach (double v in values) Total += v;
        }
    }
}
