using BenchmarkDotNet.Attributes;
using Simulation.Engine.Compilation;
using Simulation.Engine.Designs;
using Simulation.Engine.Results;
using Simulation.Engine.Runtime;
using Simulation.Engine.Runtime.Batches;

namespace Simulation.Benchmarks;

/// <summary>
/// The whole icb-bench sweep in process: 1,000 runs from the design table, final values of
/// total pop, B, C and K, on 1 and 2 threads (step code generated beforehand). Compare with the C
/// references' in-process sweep times (benchmarks/run.sh prints both).
/// </summary>
[MemoryDiagnoser]
[WarmupCount(1)]
[IterationCount(5)]
public class SweepBenchmarks
{
    private BatchRunner _runner = null!;
    private DesignInputs _inputs = null!;

    [Params(1, 2)]
    public int Threads { get; set; }

    [Params(16)]
    public int Lanes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var (plan, inputs) = BenchModels.IcbDesign();
        _inputs = inputs;
        var outputs = Simulator.SelectOutputs(plan, ["total pop", "B", "C", "K"]).Columns!;
        _runner = new BatchRunner(plan, RecordRequest.FinalValues(plan, outputs), new BatchOptions { Threads = Threads, LanesPerBatch = Lanes });
        _runner.ProgramFor(Lanes);
    }

    [Benchmark]
    public double Sweep()
    {
        var sink = new Checksum();
        _runner.Run(_inputs, sink);
        return sink.Total;
    }

    private sealed class Checksum : IRunSink
    {
        public double Total { get; private set; }

        public void Accept(RunResult result)
        {
            foreach (double v in result.Values) Total += v;
        }
    }
}
