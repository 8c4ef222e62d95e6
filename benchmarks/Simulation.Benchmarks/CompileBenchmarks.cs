using BenchmarkDotNet.Attributes;
using Simulation.Engine;
using Simulation.Engine.Compilation;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Runtime.Vector;

namespace Simulation.Benchmarks;

/// <summary>
/// From file to runnable: read (with schema validation), bind, check and compile a generated
/// 2,000-variable model (issue 2's target: under 200 ms), and the vector engine's code generation
/// for icb-bench (the IL emission; the JIT compiles it on first use, which is in the sweep's time).
/// </summary>
[MemoryDiagnoser]
[WarmupCount(2)]
[IterationCount(10)]
public class CompileBenchmarks
{
    private string _path = "";
    private EvaluationPlan _icb = null!;

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"sim-generated-2000-{Environment.ProcessId}.json");
        File.WriteAllText(_path, BenchModels.Generated(2000));
        _icb = BenchModels.Plan("icb-bench", "euler");
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    [Benchmark]
    public int LoadCheckCompile2000Variables()
    {
        var diagnostics = new DiagnosticBag();
        var document = ModelPipeline.Read(_path, diagnostics) ?? throw new InvalidOperationException(DiagnosticRenderer.ToText(diagnostics.Items));
        var plan = ModelPipeline.Compile(document, diagnostics) ?? throw new InvalidOperationException(DiagnosticRenderer.ToText(diagnostics.Items));
        return plan.SlotCount;
    }

    [Benchmark]
    public int GenerateIcbBenchStepCode() => VectorProgram.Create(_icb, 16, [_icb.ElementSlots[0]]).Layout.Slots;
}
