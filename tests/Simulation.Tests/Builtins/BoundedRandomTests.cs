using Simulation.Engine.Ops;
using Simulation.Engine.Runtime;

namespace Simulation.Tests.Builtins;

/// <summary>
/// Vensim's RANDOM functions with bounds, shift and stretch (RANDOM_EXPONENTIAL...): every draw lies in [min, max], and
/// the sample mean is the truncated distribution's mean. The expected means are computed here from each density
/// written out by hand (unnormalised, as a ratio of integrals or sums), not from the inverse distribution functions
/// the draws use.
/// </summary>
public class BoundedRandomTests
{
    private const int Draws = 50_000;

    /// <summary>Mean and variance of shift + stretch · z for z with this density, conditioned on [min, max] (Simpson's rule).</summary>
    private static (double Mean, double Variance) Continuous(Func<double, double> density, double min, double max, double shift, double stretch)
    {
        double a = (min - shift) / stretch, b = (max - shift) / stretch;
        const int n = 20_000;
        double h = (b - a) / n, m0 = 0, m1 = 0, m2 = 0;
        for (int i = 0; i <= n; i++)
        {
            double z = a + i * h, w = (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2) * density(z), x = shift + stretch * z;
            m0 += w;
            m1 += w * x;
            m2 += w * x * x;
        }
        return (m1 / m0, m2 / m0 - m1 * m1 / (m0 * m0));
    }

    private static (double Mean, double Variance) Discrete(Func<int, double> logMass, int first, int last, double shift, double stretch)
    {
        double m0 = 0, m1 = 0, m2 = 0;
        for (int k = first; k <= last; k++)
        {
            double w = Math.Exp(logMass(k)), x = shift + stretch * k;
            m0 += w;
            m1 += w * x;
            m2 += w * x * x;
        }
        return (m1 / m0, m2 / m0 - m1 * m1 / (m0 * m0));
    }

    private static double LogFactorial(int k) => Enumerable.Range(1, k).Sum(i => Math.Log(i));

    private static double[] Sample(string op, double[] parameters)
    {
        var operation = (RandomOperation)Operations.Named(op)!;
        var stream = new RandomStream(11, 3);
        return Enumerable.Range(0, Draws).Select(_ => operation.Sample(stream, parameters)).ToArray();
    }

    private static void AssertDraws(string op, double[] parameters, (double Mean, double Variance) expected)
    {
        var x = Sample(op, parameters);
        Assert.That(x, Is.All.InRange(parameters[0], parameters[1]), "within [min, max]");
        Assert.That(x.Average(), Is.EqualTo(expected.Mean).Within(5 * Math.Sqrt(expected.Variance / Draws)), "the truncated mean");
    }

    [Test]
    public void Exponential_ShiftedStretchedAndTruncated() =>
        AssertDraws("RandomExponentialBounded", [1.5, 6, 1, 2], Continuous(z => Math.Exp(-z), 1.5, 6, 1, 2));

    [Test]
    public void Gamma_OrderThree_Truncated() =>
        AssertDraws("RandomGammaBounded", [0, 10, 3, 0, 1.5], Continuous(z => z * z * Math.Exp(-z), 0, 10, 0, 1.5));

    [Test]
    public void Beta_TwoThree_StretchedAndTruncatedOnBothSides() =>
        AssertDraws("RandomBetaBounded", [0.5, 3, 2, 3, 0, 4], Continuous(z => z * (1 - z) * (1 - z), 0.5, 3, 0, 4));

    [Test]
    public void Weibull_ShapeOneAndAHalf_Shifted() =>
        AssertDraws("RandomWeibullBounded", [0, 100, 1.5, 2, 3], Continuous(z => z <= 0 ? 0 : Math.Sqrt(z) * Math.Exp(-Math.Pow(z, 1.5)), 0, 100, 2, 3));

    [Test]
    public void Triangular_TruncatedOnBothSides() =>
        AssertDraws("RandomTriangularBounded", [2, 5, 1, 2, 6], Continuous(z => z < 2 ? z - 1 : (6 - z) / 4, 2, 5, 0, 1));

    [Test]
    public void Poisson_Truncated_GivesWholeCountsInTheWindow()
    {
        var expected = Discrete(k => k * Math.Log(3) - LogFactorial(k), 1, 6, 0, 1);
        AssertDraws("RandomPoissonBounded", [1, 6, 3, 0, 1], expected);
        Assert.That(Sample("RandomPoissonBounded", [1, 6, 3, 0, 1]), Is.All.Matches<double>(x => x == Math.Floor(x)));
    }

    [Test]
    public void Binomial_ShiftedAndStretched_GivesOnlyShiftPlusStretchTimesACount()
    {
        // 20 trials with probability 0.3; 5 + 2k within [10, 100] leaves k = 3..20.
        var expected = Discrete(k => LogFactorial(20) - LogFactorial(k) - LogFactorial(20 - k) + k * Math.Log(0.3) + (20 - k) * Math.Log(0.7), 3, 20, 5, 2);
        AssertDraws("RandomBinomialBounded", [10, 100, 0.3, 20, 5, 2], expected);
        Assert.That(Sample("RandomBinomialBounded", [10, 100, 0.3, 20, 5, 2]), Is.All.Matches<double>(x => (x - 5) / 2 == Math.Floor((x - 5) / 2)));
    }

    [Test]
    public void NegativeBinomial_ShiftedStretchedAndTruncated_CountsFailuresBeforeTheSuccesses()
    {
        // Failures before the 3rd success with probability 0.4: mass C(k + 2, k) 0.4^3 0.6^k; 1 + 2k within [3, 40] leaves k = 1..19.
        var expected = Discrete(k => LogFactorial(k + 2) - LogFactorial(2) - LogFactorial(k) + 3 * Math.Log(0.4) + k * Math.Log(0.6), 1, 19, 1, 2);
        AssertDraws("RandomNegativeBinomialBounded", [3, 40, 0.4, 3, 1, 2], expected);
        Assert.That(Sample("RandomNegativeBinomialBounded", [3, 40, 0.4, 3, 1, 2]), Is.All.Matches<double>(x => (x - 1) / 2 == Math.Floor((x - 1) / 2)));
        // Untruncated, the mean is successes x (1 - p) / p = 4.5.
        Assert.That(Sample("RandomNegativeBinomialBounded", [0, 1e9, 0.4, 3, 0, 1]).Average(), Is.EqualTo(4.5).Within(5 * Math.Sqrt(3 * 0.6 / (0.4 * 0.4) / Draws)));
    }

    [Test]
    public void Poisson_LargeMean_SearchesFarFromZero()
    {
        var x = Sample("RandomPoissonBounded", [0, 1e9, 5000, 0, 1]);
        Assert.That(x.Average(), Is.EqualTo(5000).Within(5 * Math.Sqrt(5000.0 / Draws)));
    }

    [Test]
    public void Lookup_ShiftedStretchedAndTruncated_DrawsWithTheTablesDensity()
    {
        // Points (0, 1), (1, 1), (2, 3), (4, 0): the density joins them by straight lines, 0 outside [0, 4].
        static double Density(double z) => z < 0 || z > 4 ? 0 : z < 1 ? 1 : z < 2 ? 1 + 2 * (z - 1) : 3 - 1.5 * (z - 2);
        AssertDraws("RandomLookupBounded", [1.5, 8, 1, 2, 0, 1, 2, 4, 1, 1, 3, 0], Continuous(Density, 1.5, 8, 1, 2));
        AssertDraws("RandomLookupBounded", [-100, 100, 0, 1, 0, 1, 2, 4, 1, 1, 3, 0], Continuous(Density, 0, 4, 0, 1));
    }

    [Test]
    public void Lookup_OfATriangle_DrawsWhatTheTriangularDistributionDraws()
    {
        // The same uniform numbers through two inverse distribution functions: ours, quadratic per segment, and MathNet's triangular.
        var lookup = Sample("RandomLookupBounded", [0.5, 5, 0, 1, 1, 2, 6, 0, 2, 0]);
        var triangular = Sample("RandomTriangularBounded", [0.5, 5, 1, 2, 6]);
        for (int k = 0; k < 1000; k++) Assert.That(lookup[k], Is.EqualTo(triangular[k]).Within(1e-9), $"draw {k}");
    }

    [TestCase("RandomLookupBounded", new[] { 0.0, 9.0, 0.0, 1.0, 0.0, 1.0, 2.0, 1.0, -1.0, 1.0 })] // a negative density
    [TestCase("RandomLookupBounded", new[] { 0.0, 9.0, 0.0, 1.0, 0.0, 2.0, 1.0, 1.0, 1.0, 1.0 })] // x's out of order
    [TestCase("RandomLookupBounded", new[] { 0.0, 9.0, 0.0, 1.0, 0.0, 1.0, 0.0, 0.0 })] // no area
    [TestCase("RandomExponentialBounded", new[] { 0.0, 1.0, 0.0, 0.0 })] // stretch 0
    [TestCase("RandomGammaBounded", new[] { 0.0, 1.0, -1.0, 0.0, 1.0 })]
    [TestCase("RandomBetaBounded", new[] { 0.0, 1.0, 0.0, 1.0, 0.0, 1.0 })]
    [TestCase("RandomTriangularBounded", new[] { 0.0, 9.0, 3.0, 1.0, 6.0 })] // peak before start
    [TestCase("RandomBinomialBounded", new[] { 0.0, 9.0, 1.5, 4.0, 0.0, 1.0 })]
    [TestCase("RandomBinomialBounded", new[] { 0.0, 9.0, 0.5, 2.5, 0.0, 1.0 })]
    [TestCase("RandomNegativeBinomialBounded", new[] { 0.0, 9.0, 0.0, 3.0, 0.0, 1.0 })] // probability 0: no success ever
    [TestCase("RandomNegativeBinomialBounded", new[] { 0.0, 9.0, 0.5, 0.0, 0.0, 1.0 })]
    [TestCase("RandomPoissonBounded", new[] { 5.0, 1.0, 3.0, 0.0, 1.0 })] // min > max
    [TestCase("RandomPoissonBounded", new[] { 1.2, 1.8, 3.0, 0.0, 1.0 })] // no whole count in the window
    public void InvalidParameters_GiveNaN(string op, double[] parameters) =>
        Assert.That(((RandomOperation)Operations.Named(op)!).Sample(new RandomStream(1, 1), parameters), Is.NaN);

    [Test]
    public void WindowWithoutProbability_GivesTheNearestBound()
    {
        var exponential = (RandomOperation)Operations.Named("RandomExponentialBounded")!;
        Assert.That(exponential.Sample(new RandomStream(1, 1), [-5, -2, 0, 1]), Is.EqualTo(-2), "below the support: its top");
    }
}
