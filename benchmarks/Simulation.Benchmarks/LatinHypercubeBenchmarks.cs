using BenchmarkDotNet.Attributes;
using Simulation.Engine.Scenarios.Sampling;

namespace Simulation.Benchmarks;

/// <summary>
/// Making a Latin hypercube's permutations, which every process of a sweep does for all of its samples (a shard too, for
/// the few it runs): the prevention pack's 10,000 samples of 88 inputs. Baseline: the definition, three SplitMix64 mixes
/// a number (how <see cref="UnitHash"/> made them until 2026-12-05); against it <see cref="LatinHypercubePoints"/>, which
/// mixes a stream's seed part once (<see cref="UnitStream"/>). Both give the same bits (SamplingDesignTests).
/// </summary>
[MemoryDiagnoser]
[WarmupCount(2)]
[IterationCount(9)]
public class LatinHypercubeBenchmarks
{
    [Params(10_000)]
    public int Samples { get; set; }

    [Params(88)]
    public int Inputs { get; set; }

    [Benchmark(Baseline = true)]
    public int Definition()
    {
        int checksum = 0;
        for (int j = 0; j < Inputs; j++)
        {
            var p = Enumerable.Range(0, Samples).ToArray();
            for (int i = Samples - 1; i > 0; i--)
            {
                int k = (int)(Uniform(20261205, 0x4C48535045524DUL + (ulong)j, (ulong)i) * (i + 1));
                (p[i], p[k]) = (p[k], p[i]);
            }
            checksum += p[0];
        }
        return checksum;
    }

    [Benchmark]
    public int Points()
    {
        var points = new LatinHypercubePoints(20261205, Samples, Inputs);
        int checksum = 0;
        for (int j = 0; j < Inputs; j++) checksum += points.Stratum(j, 0);
        return checksum;
    }

    private static double Uniform(ulong seed, ulong stream, ulong index) =>
        ((Mix(Mix(seed ^ 0x243F6A8885A308D3UL) + Mix(stream + 0x9E3779B97F4A7C15UL) + index * 0xD1B54A32D192ED03UL) >> 11) + 0.5) * (1.0 / (1UL << 53));

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
