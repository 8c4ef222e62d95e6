using BenchmarkDotNet.Attributes;
using Simulation.Engine.Compilation;
using Simulation.Engine.Runtime;
using Simulation.Engine.Runtime.Vector;

namespace Simulation.Benchmarks;

/// <summary>
/// The core integration loop on the vector engine: one batch of runs from start to stop (Setup,
/// Initial, every step), with the workspace allocated beforehand, so the memory diagnoser shows
/// what the step loop allocates (nothing). One lane is one run in a 4-lane vector (the other three
/// lanes repeat it). Time per run-step = Mean / (lanes x steps); steps: SIR 6,400, icb-bench 3,650.
/// </summary>
[MemoryDiagnoser]
[WarmupCount(2)]
[IterationCount(7)]
public class IntegrationLoopBenchmarks
{
    private EvaluationPlan _plan = null!;
    private BatchWorkspace _work = null!;
    private readonly int[] _recordSteps = [int.MaxValue];

    [Params("sir", "icb-bench")]
    public string Model { get; set; } = "";

    [Params("euler", "rk4")]
    public string Method { get; set; } = "";

    [Params(1, 16, 64, 256, 1024)]
    public int Lanes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _plan = BenchModels.Plan(Model, Method);
        var program = VectorProgram.Create(_plan, LaneLayout.LanesFor(Lanes), [_plan.ElementSlots[0]]);
        _work = new BatchWorkspace(program, 1) { ActiveLanes = Lanes };
        for (int p = 0; p < _plan.Parameters.Length; p++) _work.Parameters.Row(p).Fill(_plan.ParameterDefaults[p]);
    }

    [Benchmark]
    public void Batch()
    {
        var kernel = new VectorKernel(_work, _recordSteps);
        Integrator.Run(ref kernel, _plan.Time, _plan.StepCount, saveEvery: 1);
        if (kernel.NeedsExactRun()) throw new InvalidOperationException("the benchmark's runs went NaN or infinite");
    }
}
