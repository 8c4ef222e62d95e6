using BenchmarkDotNet.Attributes;
using Simulation.Engine.Compilation;
using Simulation.Engine.Runtime;

namespace Simulation.Benchmarks;

/// <summary>
/// One run on the scalar reference evaluator, as `sim run` does it (results saved every save
/// period). Issue 2's target: SIR for 100 years at dt = 1/64 under 5 ms. icb-bench for comparison
/// with the vector engine's one-lane batch.
/// </summary>
[MemoryDiagnoser]
[WarmupCount(2)]
[IterationCount(7)]
public class ReferenceEvaluatorBenchmarks
{
    private EvaluationPlan _plan = null!;

    [Params("sir", "icb-bench")]
    public string Model { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _plan = BenchModels.Plan(Model, "euler");

    [Benchmark]
    public int Run() => Simulator.Run(_plan).Times.Count;
}
