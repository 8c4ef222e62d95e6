using BenchmarkDotNet.Attributes;

namespace Simulation.Benchmarks;

/// <summary>
/// The NHS reference models on the vector engine as their scenario packs run them (the baseline scenario, its
/// sampled futures, outcomes recorded): one future at 1 lane against 16 futures in one 16-lane batch, one thread.
/// Per run: Mean / runs. Steps per run: hospital-to-community 29,200 (10 years at dt = 1/8 day).
/// </summary>
[MemoryDiagnoser]
[WarmupCount(2)]
[IterationCount(9)]
public class NhsModelBenchmarks
{
    private NhsPack _pack = null!;

    [Params("hospital-to-community", "illness-to-prevention")]
    public string Pack { get; set; } = "";

    [Params(1, 16)]
    public int Runs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _pack = new NhsPack(Pack);
        _pack.Run(Runs, Runs); // compiles the step code
    }

    [Benchmark]
    public double Batch() => _pack.Run(Runs, Runs);
}
