using BenchmarkDotNet.Attributes;
using Simulation.Engine.Designs;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Results;
using Simulation.Engine.Runtime;
using Simulation.Engine.Runtime.Batches;
using Simulation.Engine.Scenarios;
using Simulation.Engine.Scenarios.Running;

namespace Simulation.Benchmarks;

/// <summary>
/// What the sweep machinery adds to the vector engine on the icb-bench 1,000-run sweep (target: at most 10%).
/// Baseline: the bare batch runner over the design table (values bound beforehand, final values into a checksum).
/// Sweep: the same runs as an experiment (benchmarks/icb-bench/icb-bench-sweep.json) through <see cref="SweepRunner"/>:
/// sampling from the design, delivery into chunks committed to disk, outcome extraction, the Parquet tables and the
/// summary. Same engine, threads and lanes; both compile their step code in the setup.
/// </summary>
[MemoryDiagnoser]
[WarmupCount(1)]
[IterationCount(5)]
public class SweepMachineryBenchmarks
{
    private BatchRunner _bare = null!;
    private DesignInputs _inputs = null!;
    private CompiledExperiment _experiment = null!;
    private VectorSweepEngine _engine = null!;
    private string _folder = "";

    [Params(2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var (plan, inputs) = BenchModels.IcbDesign();
        _inputs = inputs;
        var outputs = Simulator.SelectOutputs(plan, ["total pop", "B", "C", "K"]).Columns!;
        _bare = new BatchRunner(plan, RecordRequest.FinalValues(plan, outputs), new BatchOptions { Threads = Threads, LanesPerBatch = 16 });
        _bare.ProgramFor(16);

        var diagnostics = new DiagnosticBag();
        _experiment = ExperimentCompiler.CompileFile(Path.Combine(BenchModels.Root, "benchmarks", "icb-bench", "icb-bench-sweep.json"), diagnostics)
                      ?? throw new InvalidOperationException(DiagnosticRenderer.ToText(diagnostics.Items));
        _engine = new VectorSweepEngine(Threads, lanes: 16);
        _folder = Path.Combine(Path.GetTempPath(), "sim-bench-sweep-" + Environment.ProcessId);
        Sweep(); // compiles the scenario's step code once, as the bare runner's ProgramFor does
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, true);
    }

    [Benchmark(Baseline = true)]
    public double BareBatchRunner()
    {
        var sink = new Checksum();
        _bare.Run(_inputs, sink);
        return sink.Total;
    }

    [Benchmark]
    public SweepStatus Sweep() => new SweepRunner(_experiment, _engine).Run(_folder, SweepStart.Force, csv: false);

    private sealed class Checksum : IRunSink
    {
        public double Total { get; private set; }

        public void Accept(RunResult result)
        {
            foreach (double v in result.Values) Total += v;
        }
    }
}
