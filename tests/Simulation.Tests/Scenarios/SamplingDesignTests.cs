using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;
using Simulation.Engine.Scenarios.Sampling;

namespace Simulation.Tests.Scenarios;

/// <summary>Each design's defining property, and each distribution's quantile function against an independent CDF.</summary>
public class SamplingDesignTests
{
    /// <summary>
    /// (index, dimension, value * 2^32) from an independent implementation: SciPy 1.10's scipy.stats.qmc.Sobol(d=1000,
    /// scramble=False, bits=32), which uses the same published Joe-Kuo table and Gray-code order as Joe and Kuo's sobol.cc.
    /// </summary>
    private static readonly (uint Index, int Dimension, uint Value)[] Published =
    [
        (1, 1, 2147483648), (1, 1000, 2147483648), (2, 1, 3221225472), (2, 2, 1073741824), (2, 5, 3221225472),
        (3, 2, 3221225472), (3, 5, 1073741824), (4, 3, 2684354560), (4, 4, 3758096384), (4, 100, 3758096384), (4, 1000, 536870912),
        (5, 3, 536870912), (5, 4, 1610612736), (5, 1000, 2684354560), (7, 2, 2684354560), (7, 10, 3758096384),
        (1000, 1, 943718400), (1000, 2, 415236096), (1000, 3, 2227175424), (1000, 4, 2906652672), (1000, 5, 1203765248),
        (1000, 10, 297795584), (1000, 100, 801112064), (1000, 1000, 859832320),
        (1024, 1, 6291456), (1024, 2, 1616904192), (1024, 10, 2883584000), (1024, 100, 1537212416), (1024, 1000, 2845835264),
    ];

    [Test]
    public void Sobol_Points_MatchPublishedValues()
    {
        var sobol = new SobolSequence(1000);
        var point = new double[1000];
        foreach (var (index, dimension, value) in Published)
        {
            sobol.Point(index, point);
            Assert.That(point[dimension - 1], Is.EqualTo(value / 4294967296.0), $"point {index}, dimension {dimension}");
        }
    }

    [Test]
    public void Sobol_FirstPointsOfThreeDimensions_AreTheTextbookOnes()
    {
        var sobol = new SobolSequence(3);
        double[][] expected = [[0, 0, 0], [0.5, 0.5, 0.5], [0.75, 0.25, 0.25], [0.25, 0.75, 0.75], [0.375, 0.375, 0.625], [0.875, 0.875, 0.125]];
        var point = new double[3];
        for (uint n = 0; n < expected.Length; n++)
        {
            sobol.Point(n, point);
            Assert.That(point, Is.EqualTo(expected[n]), $"point {n}");
        }
    }

    [Test]
    public void Sobol_First1024Points_StratifyEveryDimensionExactly()
    {
        var sobol = new SobolSequence(1000);
        var point = new double[1000];
        var seen = new bool[1000, 1024];
        for (uint n = 0; n < 1024; n++)
        {
            sobol.Point(n, point);
            for (int d = 0; d < 1000; d++)
            {
                double scaled = point[d] * 1024;
                Assert.That(scaled, Is.EqualTo(Math.Floor(scaled)), "the first 2^10 points lie on the 1/1024 grid");
                Assert.That(seen[d, (int)scaled], Is.False, $"dimension {d + 1} hits {scaled}/1024 twice");
                seen[d, (int)scaled] = true;
            }
        }
    }

    [TestCase(1, 3)]
    [TestCase(10, 5)]
    [TestCase(997, 4)]
    public void LatinHypercube_EveryStratumOfEveryDimension_IsHitOnce(int samples, int dimensions)
    {
        var points = new LatinHypercubePoints(seed: 42, samples, dimensions);
        var u = new double[dimensions];
        var hits = new int[dimensions, samples];
        for (int s = 0; s < samples; s++)
        {
            points.Fill(s, u);
            for (int j = 0; j < dimensions; j++)
            {
                Assert.That(u[j], Is.GreaterThan(0).And.LessThan(1));
                hits[j, (int)Math.Floor(u[j] * samples)]++;
            }
        }
        foreach (int h in hits) Assert.That(h, Is.EqualTo(1));
    }

    /// <summary>
    /// The Latin hypercube's points are the ones its definition gives, bit for bit, whatever the implementation's shortcuts
    /// (<see cref="UnitStream"/> mixes a stream's seed part once): built here again from the SplitMix64 finaliser written
    /// out (Steele, Lea and Flood 2014), three mixes a number, and a textbook Fisher-Yates shuffle.
    /// </summary>
    [TestCase(0UL, 257, 5)]
    [TestCase(20261205UL, 1000, 3)]
    [TestCase(ulong.MaxValue, 2, 1)]
    public void LatinHypercube_Points_AreTheDefinitionsBitForBit(ulong seed, int samples, int dimensions)
    {
        static ulong Mix(ulong z)
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
        static double Uniform(ulong seed, ulong stream, ulong index) =>
            ((Mix(Mix(seed ^ 0x243F6A8885A308D3UL) + Mix(stream + 0x9E3779B97F4A7C15UL) + index * 0xD1B54A32D192ED03UL) >> 11) + 0.5) / 9007199254740992.0;
        var strata = new int[dimensions][];
        for (int j = 0; j < dimensions; j++)
        {
            strata[j] = Enumerable.Range(0, samples).ToArray();
            for (int i = samples - 1; i > 0; i--)
            {
                int k = (int)(Uniform(seed, 0x4C48535045524DUL + (ulong)j, (ulong)i) * (i + 1));
                (strata[j][i], strata[j][k]) = (strata[j][k], strata[j][i]);
            }
        }
        var points = new LatinHypercubePoints(seed, samples, dimensions);
        var u = new double[dimensions];
        for (int s = 0; s < samples; s++)
        {
            points.Fill(s, u);
            for (int j = 0; j < dimensions; j++)
            {
                double expected = (strata[j][s] + Uniform(seed, 0x4C48534A4954UL + (ulong)j, (ulong)s)) / samples;
                Assert.That(BitConverter.DoubleToInt64Bits(u[j]), Is.EqualTo(BitConverter.DoubleToInt64Bits(expected)), $"sample {s}, dimension {j}");
            }
            Assert.That(UnitHash.Uniform(seed, (ulong)s, (ulong)(s * 7)), Is.EqualTo(Uniform(seed, (ulong)s, (ulong)(s * 7))));
        }
    }

    [Test]
    public void LatinHypercube_SameSeed_SamePoints_OtherSeed_Different()
    {
        var a = new LatinHypercubePoints(7, 50, 2);
        var b = new LatinHypercubePoints(7, 50, 2);
        var c = new LatinHypercubePoints(8, 50, 2);
        var (ua, ub, uc) = (new double[2], new double[2], new double[2]);
        int differ = 0;
        for (int s = 0; s < 50; s++)
        {
            a.Fill(s, ua);
            b.Fill(s, ub);
            c.Fill(s, uc);
            Assert.That(ub, Is.EqualTo(ua));
            if (uc[0] != ua[0]) differ++;
        }
        Assert.That(differ, Is.GreaterThan(40));
    }

    [Test]
    public void Grid_CoversTheProductOfLevels_FirstColumnSlowest()
    {
        var grid = new GridDesign([[1, 2, 3], [10, 20], [100, 200, 300, 400]]);
        Assert.That(grid.Count, Is.EqualTo(24));
        var all = new HashSet<(double, double, double)>();
        var v = new double[3];
        for (int s = 0; s < grid.Count; s++)
        {
            grid.Fill(s, v);
            all.Add((v[0], v[1], v[2]));
        }
        Assert.That(all, Has.Count.EqualTo(24), "every combination once");
        grid.Fill(0, v);
        Assert.That(v, Is.EqualTo(new double[] { 1, 10, 100 }));
        grid.Fill(1, v);
        Assert.That(v, Is.EqualTo(new double[] { 1, 10, 200 }), "the last column varies fastest");
        grid.Fill(23, v);
        Assert.That(v, Is.EqualTo(new double[] { 3, 20, 400 }));
    }

    [Test]
    public void Grid_UniformLevels_SpanTheRangeInclusive()
    {
        Assert.That(new UniformDistribution(2, 4).GridLevels(5), Is.EqualTo(new double[] { 2, 2.5, 3, 3.5, 4 }));
        Assert.That(new UniformDistribution(2, 4).GridLevels(1), Is.EqualTo(new double[] { 3 }));
        Assert.That(new DiscreteDistribution([5, 7]).GridLevels(9), Is.EqualTo(new double[] { 5, 7 }));
        var normal = new NormalDistribution(0, 1).GridLevels(4);
        Assert.That(normal[0], Is.EqualTo(Normal.InvCDF(0, 1, 0.125)).Within(1e-12), "other distributions: quantiles at (k + 0.5) / n");
    }

    [Test]
    public void MonteCarlo_Uniforms_HaveTheMomentsOfU01_AndAreIndependentAcrossColumns()
    {
        const int n = 200_000;
        var points = new MonteCarloPoints(seed: 123, n, 2);
        var u = new double[2];
        var x = new double[n];
        var y = new double[n];
        for (int s = 0; s < n; s++)
        {
            points.Fill(s, u);
            (x[s], y[s]) = (u[0], u[1]);
        }
        double se = Math.Sqrt(1.0 / 12 / n);
        Assert.That(x.Mean(), Is.EqualTo(0.5).Within(4 * se));
        Assert.That(x.Variance(), Is.EqualTo(1.0 / 12).Within(4 * Math.Sqrt(1.0 / 180 / n)));
        Assert.That(Correlation.Pearson(x, y), Is.EqualTo(0).Within(4 / Math.Sqrt(n)));
        Assert.That(Correlation.Pearson(x.Take(n - 1), x.Skip(1)), Is.EqualTo(0).Within(4 / Math.Sqrt(n)), "no serial correlation between samples");
    }

    [Test]
    public void MonteCarlo_SampleValues_DependOnlyOnSeedAndSample()
    {
        var big = new MonteCarloPoints(9, 1000, 3);
        var small = new MonteCarloPoints(9, 10, 3);
        var (a, b) = (new double[3], new double[3]);
        big.Fill(7, a);
        small.Fill(7, b);
        Assert.That(b, Is.EqualTo(a), "a sample does not depend on how many samples there are");
    }

    public static IEnumerable<TestCaseData> Distributions()
    {
        yield return new TestCaseData(new UniformDistribution(2, 5), (Func<double, double>)(x => ContinuousUniform.CDF(2, 5, x))).SetName("Uniform");
        yield return new TestCaseData(new NormalDistribution(10, 2), (Func<double, double>)(x => Normal.CDF(10, 2, x))).SetName("Normal");
        yield return new TestCaseData(new NormalDistribution(10, 2, 9, 15),
            (Func<double, double>)(x => (Normal.CDF(10, 2, x) - Normal.CDF(10, 2, 9)) / (Normal.CDF(10, 2, 15) - Normal.CDF(10, 2, 9)))).SetName("TruncatedNormal");
        yield return new TestCaseData(new LogNormalDistribution(0.5, 0.3), (Func<double, double>)(x => LogNormal.CDF(0.5, 0.3, x))).SetName("LogNormal");
        yield return new TestCaseData(new TriangularDistribution(1, 2, 6), (Func<double, double>)(x => Triangular.CDF(1, 6, 2, x))).SetName("Triangular");
        yield return new TestCaseData(new BetaDistribution(2, 5, 10, 20), (Func<double, double>)(x => Beta.CDF(2, 5, (x - 10) / 10))).SetName("ScaledBeta");
        // PERT on [2, 10] with mode 3: alpha = 1 + 4 (3 - 2) / 8 = 1.5, beta = 1 + 4 (10 - 3) / 8 = 4.5 (worked by hand).
        yield return new TestCaseData(new PertDistribution(2, 3, 10), (Func<double, double>)(x => Beta.CDF(1.5, 4.5, (x - 2) / 8))).SetName("Pert");
        // Two triangles of mass one half each, peaking at the median 2 (CDF worked by hand: the area under each rising or falling edge).
        yield return new TestCaseData(new SplitTriangularDistribution(1, 2, 6),
            (Func<double, double>)(x => x < 2 ? 0.5 * (x - 1) * (x - 1) : 1 - 0.5 * Math.Pow((6 - x) / 4, 2))).SetName("SplitTriangular");
    }

    [TestCaseSource(nameof(Distributions))]
    public void Quantile_IsTheInverseOfAnIndependentCdf(InputDistribution distribution, Func<double, double> cdf)
    {
        foreach (double u in new[] { 0.001, 0.05, 0.2, 0.5, 0.77, 0.95, 0.999 })
            Assert.That(cdf(distribution.Quantile(u)), Is.EqualTo(u).Within(1e-8), $"u = {u}");
    }

    [Test]
    public void LogNormal_FromMoments_HasThatMeanAndSd()
    {
        var d = LogNormalDistribution.FromMoments(mean: 1, sd: 0.05);
        var reference = new LogNormal(d.Mu, d.Sigma);
        Assert.That(reference.Mean, Is.EqualTo(1).Within(1e-12));
        Assert.That(reference.StdDev, Is.EqualTo(0.05).Within(1e-12));
    }

    [Test]
    public void Discrete_FollowsItsWeights()
    {
        var d = new DiscreteDistribution([1, 2, 3], [1, 2, 1]);
        Assert.That(d.Quantile(0.1), Is.EqualTo(1));
        Assert.That(d.Quantile(0.25), Is.EqualTo(2), "the boundary belongs to the next value");
        Assert.That(d.Quantile(0.74), Is.EqualTo(2));
        Assert.That(d.Quantile(0.76), Is.EqualTo(3));
        const int n = 100_000;
        var points = new MonteCarloPoints(5, n, 1);
        var u = new double[1];
        int twos = 0;
        for (int s = 0; s < n; s++)
        {
            points.Fill(s, u);
            if (d.Quantile(u[0]) == 2) twos++;
        }
        Assert.That(twos / (double)n, Is.EqualTo(0.5).Within(4 * Math.Sqrt(0.25 / n)));
    }
}
