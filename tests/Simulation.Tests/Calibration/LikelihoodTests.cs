using System.Collections.Immutable;
using Simulation.Engine.Calibration;
using Simulation.Engine.Calibration.Format;
using Simulation.Engine.Calibration.Likelihood;

namespace Simulation.Tests.Calibration;

/// <summary>Every error model against a likelihood worked out by hand (Python's math module, independently of the engine).</summary>
public class LikelihoodTests
{
    [TestCase(ErrorKind.Normal, 10, 12, 2, -2.112085713764618)]          // -ln √(2π) - ln 2 - ((10 - 12) / 2)² / 2
    [TestCase(ErrorKind.LogNormal, 10, 8, 0.5, -2.627962534625008)]      // -ln 10 - ln √(2π) - ln 0.5 - (ln(10 / 8) / 0.5)² / 2
    [TestCase(ErrorKind.Poisson, 3, 2.5, double.NaN, -1.5428872736055896)] // ln(e^-2.5 2.5³ / 3!)
    [TestCase(ErrorKind.NegativeBinomial, 3, 2.5, 4, -1.812833324655121)] // ln(C(6, 3) p⁴ (1 - p)³), p = 4 / 6.5
    public void LogDensity_OneObservation_MatchesHandComputed(ErrorKind error, double y, double m, double scale, double expected) =>
        Assert.That(ObservationLikelihood.LogDensity(error, y, m, scale), Is.EqualTo(expected).Within(1e-12));

    [TestCase(ErrorKind.Normal, 2.0)]
    [TestCase(ErrorKind.LogNormal, 0.3)]
    [TestCase(ErrorKind.Poisson, double.NaN)]
    [TestCase(ErrorKind.NegativeBinomial, 3.0)]
    public void Residual_HalfSquare_DiffersFromMinusLogDensityByAConstant(ErrorKind error, double scale)
    {
        // ½ r² + ln p(y | m) must not depend on m: the least-squares polish then minimises -ln L exactly
        double y = 7;
        var constants = new[] { 2.0, 5.5, 7.0, 9.0, 20.0 }.Select(m =>
        {
            double r = ObservationLikelihood.Residual(error, y, m, scale);
            return r * r / 2 + ObservationLikelihood.LogDensity(error, y, m, scale);
        }).ToList();
        Assert.That(constants.Max() - constants.Min(), Is.LessThan(1e-9), string.Join(", ", constants));
    }

    [Test]
    public void Residual_ZeroCount_IsMinusRootOfTwiceTheMean() =>
        Assert.That(ObservationLikelihood.Residual(ErrorKind.Poisson, 0, 4.5, double.NaN), Is.EqualTo(-3).Within(1e-12)); // -√(2 · 4.5)

    [Test]
    public void LogDensity_ImpossibleMean_IsMinusInfinity()
    {
        Assert.That(ObservationLikelihood.LogDensity(ErrorKind.Poisson, 2, 0, double.NaN), Is.EqualTo(double.NegativeInfinity));
        Assert.That(ObservationLikelihood.LogDensity(ErrorKind.Poisson, 0, 0, double.NaN), Is.EqualTo(0));
        Assert.That(ObservationLikelihood.LogDensity(ErrorKind.LogNormal, 2, -1, 0.5), Is.EqualTo(double.NegativeInfinity));
        Assert.That(ObservationLikelihood.LogDensity(ErrorKind.NegativeBinomial, 2, -1, 3), Is.EqualTo(double.NegativeInfinity));
    }

    private static readonly double[] Y = [3, 8, 26, 76, 225];
    private static readonly double[] M = [4, 10, 30, 70, 200];

    private static FitLikelihood One(ErrorKind error, double? sd = null, double? dispersion = null, double weight = 1) =>
        new([new SeriesModel("s", error, sd, dispersion, weight, 0, Y.Length)], [.. Y]);

    [Test]
    public void Profiled_NormalWithUnknownSd_UsesTheRootMeanSquare()
    {
        double ss = Y.Zip(M, (y, m) => (y - m) * (y - m)).Sum(), sd = Math.Sqrt(ss / Y.Length);
        double expected = -Y.Length / 2.0 * (Math.Log(2 * Math.PI * sd * sd) + 1);
        Assert.That(One(ErrorKind.Normal).Profiled(M), Is.EqualTo(expected).Within(1e-10));
        Assert.That(One(ErrorKind.Sse).Profiled(M), Is.EqualTo(expected).Within(1e-10), "sse is the normal likelihood of one estimated sd");
    }

    [Test]
    public void Profiled_LogNormalWithUnknownSd_UsesTheRootMeanSquareOfTheLogs()
    {
        // ln y ~ Normal(ln m, s²), s² = Σ (ln y - ln m)² / n; the density of y carries the Jacobian 1 / y
        double ss = Y.Zip(M, (y, m) => Math.Pow(Math.Log(y / m), 2)).Sum(), variance = ss / Y.Length;
        double expected = -Y.Sum(Math.Log) - Y.Length / 2.0 * (Math.Log(2 * Math.PI * variance) + 1);
        Assert.That(One(ErrorKind.LogNormal).Profiled(M), Is.EqualTo(expected).Within(1e-10));
    }

    [Test]
    public void Profiled_SseWeights_ScaleTheSquaredErrorsOnly()
    {
        // two sse series with weights 1 and 4 share one sd: sd² = Σ w e² / n
        var likelihood = new FitLikelihood([new SeriesModel("a", ErrorKind.Sse, null, null, 1, 0, 2), new SeriesModel("b", ErrorKind.Sse, null, null, 4, 2, 3)], [.. Y]);
        double weighted = 0;
        for (int i = 0; i < 5; i++) weighted += (i < 2 ? 1 : 4) * (Y[i] - M[i]) * (Y[i] - M[i]);
        double variance = weighted / 5;
        Assert.That(likelihood.Profiled(M), Is.EqualTo(-2.5 * (Math.Log(2 * Math.PI * variance) + 1)).Within(1e-10));
    }

    [Test]
    public void Profiled_WeightMultipliesTheSeriesLogLikelihood()
    {
        double once = One(ErrorKind.Poisson).Profiled(M);
        Assert.That(One(ErrorKind.Poisson, weight: 2.5).Profiled(M), Is.EqualTo(2.5 * once).Within(1e-10));
        double handPoisson = Y.Zip(M, (y, m) => y * Math.Log(m) - m - MathNet.Numerics.SpecialFunctions.GammaLn(y + 1)).Sum();
        Assert.That(once, Is.EqualTo(handPoisson).Within(1e-10));
    }

    [Test]
    public void Profiled_NegativeBinomial_DispersionMaximisesTheLikelihood()
    {
        var likelihood = One(ErrorKind.NegativeBinomial);
        var scales = new double[1];
        Assert.That(likelihood.EstimateScales(M, scales), Is.True);
        double LogLik(double k) => One(ErrorKind.NegativeBinomial, dispersion: k).Profiled(M);
        double best = LogLik(scales[0]);
        Assert.That(best, Is.EqualTo(likelihood.Profiled(M)).Within(1e-12));
        foreach (double factor in new[] { 0.9, 0.99, 1.01, 1.1 })
            Assert.That(LogLik(scales[0] * factor), Is.LessThanOrEqualTo(best + 1e-12), $"k x {factor}");
    }

    [Test]
    public void Marginal_UnknownNormalSd_IsMinusHalfNLogSumOfSquares()
    {
        double ss = Y.Zip(M, (y, m) => (y - m) * (y - m)).Sum();
        Assert.That(One(ErrorKind.Normal).Marginal(M, []), Is.EqualTo(-2.5 * Math.Log(ss)).Within(1e-10));
        Assert.That(One(ErrorKind.Normal, sd: 3).Marginal(M, []), Is.EqualTo(One(ErrorKind.Normal, sd: 3).Profiled(M)).Within(1e-10), "a known sd is not integrated");
        double logs = Y.Zip(M, (y, m) => Math.Pow(Math.Log(y / m), 2)).Sum();
        Assert.That(One(ErrorKind.LogNormal).Marginal(M, []), Is.EqualTo(-Y.Sum(Math.Log) - 2.5 * Math.Log(logs)).Within(1e-10), "log-normal: on the logs, with the Jacobian 1 / y");
        double k = 3.5, negativeBinomial = Y.Zip(M, (y, m) => MathNet.Numerics.SpecialFunctions.GammaLn(y + k) - MathNet.Numerics.SpecialFunctions.GammaLn(k)
            - MathNet.Numerics.SpecialFunctions.GammaLn(y + 1) + k * Math.Log(k / (k + m)) + y * Math.Log(m / (k + m))).Sum();
        Assert.That(One(ErrorKind.NegativeBinomial).Marginal(M, [k]), Is.EqualTo(negativeBinomial).Within(1e-9), "a sampled dispersion is used as given");
    }

    [Test]
    public void FitStatistics_SmallExample_MatchesHandComputed()
    {
        // A = 1, 2, 3, 4; S = 1.5, 2, 2.5, 5 (worked out with Python)
        var s = FitStatistics.Compute([1, 2, 3, 4], [1.5, 2, 2.5, 5]);
        Assert.Multiple(() =>
        {
            Assert.That(s.Count, Is.EqualTo(4));
            Assert.That(s.Rmse, Is.EqualTo(0.6123724356957945).Within(1e-12));
            Assert.That(s.Mape, Is.EqualTo(22.916666666666664).Within(1e-10));
            Assert.That(s.RSquared, Is.EqualTo(0.8344827586206897).Within(1e-12));
            Assert.That(s.TheilU, Is.EqualTo(0.10557280900008412).Within(1e-12));
            Assert.That(s.BiasShare, Is.EqualTo(0.16666666666666666).Within(1e-12));
            Assert.That(s.VarianceShare, Is.EqualTo(0.13893694747180285).Within(1e-12));
            Assert.That(s.CovarianceShare, Is.EqualTo(0.6943963858615302).Within(1e-12));
            Assert.That(s.BiasShare + s.VarianceShare + s.CovarianceShare, Is.EqualTo(1).Within(1e-12));
        });
    }
}
