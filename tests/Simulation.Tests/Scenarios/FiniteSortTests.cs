using NUnit.Framework;
using Simulation.Engine.Scenarios.Summary;
using FsProperty = FsCheck.NUnit.PropertyAttribute;

namespace Simulation.Tests.Scenarios;

/// <summary>
/// The summary's radix sort (FiniteSort) against Array.Sort, the comparison sort it replaced: the same values in the
/// same order (zeros of either sign aside), and the same statistics to the bit, so a sweep's summary keeps its bytes.
/// </summary>
public sealed class FiniteSortTests
{
    /// <summary>Finite values of every awkward kind: duplicates, zeros of both signs, subnormals, extremes, one sign only.</summary>
    private static double[] Values(int n, int kind, Random random) => Enumerable.Range(0, n).Select(_ => kind switch
    {
        0 => random.NextDouble() * 2e6 - 1e6,
        1 => random.Next(-3, 4) * 0.5,                                           // few distinct values, many ties
        2 => random.Next(3) switch { 0 => 0.0, 1 => -0.0, _ => random.NextDouble() - 0.5 },
        3 => (random.Next(2) == 0 ? -1 : 1) * double.Epsilon * random.Next(1, 1000), // subnormals
        4 => (random.Next(2) == 0 ? -1 : 1) * Math.Pow(10, random.Next(-300, 300)) * random.NextDouble(),
        5 => -random.NextDouble() * 1e-3,
        _ => 42.0,
    }).ToArray();

    private static void SameOrder(double[] values)
    {
        var expected = (double[])values.Clone();
        Array.Sort(expected);
        var actual = (double[])values.Clone();
        FiniteSort.Sort(actual);
        for (int i = 0; i < values.Length; i++)
        {
            Assert.That(actual[i], Is.EqualTo(expected[i]), $"position {i} of {values.Length}");
            if (expected[i] != 0)
                Assert.That(BitConverter.DoubleToInt64Bits(actual[i]), Is.EqualTo(BitConverter.DoubleToInt64Bits(expected[i])), $"bits at {i}");
        }
    }

    /// <summary>The statistics as the summary computed them before, over Array.Sort's order.</summary>
    private static double[] Reference(double[] values)
    {
        var sorted = values.Where(double.IsFinite).ToArray();
        Array.Sort(sorted);
        return [sorted.Length, Quantiles.Mean(sorted), .. new[] { 0.05, 0.25, 0.5, 0.75, 0.95 }.Select(p => Quantiles.Type7(sorted, p))];
    }

    private static void SameStatistics(double[] values)
    {
        var d = Quantiles.Describe(values);
        double[] actual = [d.Count, d.Mean, d.P5, d.P25, d.P50, d.P75, d.P95];
        Assert.That(actual.Select(BitConverter.DoubleToInt64Bits), Is.EqualTo(Reference(values).Select(BitConverter.DoubleToInt64Bits)));
    }

    [Test]
    public void EveryKindOfValue_InEverySize_SortsAsArraySortDoes_WithTheSameStatistics()
    {
        var random = new Random(20261205);
        foreach (int n in new[] { 0, 1, 2, 255, 256, 257, 1000, 2048, 10_007 })
            for (int kind = 0; kind <= 6; kind++)
            {
                var values = Values(n, kind, random);
                SameOrder(values);
                SameStatistics(values);
            }
    }

    [Test]
    public void ZerosOfBothSigns_AmongOtherValues_GiveTheStatisticsOfEitherOrder()
    {
        // Half the values zero, of random sign: Array.Sort leaves their signs in any order; no statistic may see it.
        var random = new Random(7);
        for (int trial = 0; trial < 20; trial++)
        {
            var values = Enumerable.Range(0, 1000 + trial).Select(i => i % 2 == 0 ? (random.Next(2) == 0 ? 0.0 : -0.0) : random.Next(-2, 3) * 1.5).ToArray();
            SameStatistics(values);
        }
        SameStatistics(Enumerable.Repeat(-0.0, 500).ToArray());
    }

    [FsProperty(MaxTest = 60)]
    public void AnyFiniteValues_SortAsArraySortDoes(double[] raw, byte copies)
    {
        // Repeated so that arrays reach the radix path (256 values and more) with ties.
        var values = Enumerable.Repeat(raw.Where(double.IsFinite), 1 + copies % 40).SelectMany(v => v).ToArray();
        SameOrder(values);
        SameStatistics(values);
    }
}
