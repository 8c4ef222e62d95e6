using MathNet.Numerics.Distributions;
using Simulation.Engine.Calibration.Mcmc;
using Simulation.Engine.Runtime;

namespace Simulation.Tests.Calibration;

/// <summary>R-hat and effective sample size against chains whose answers are known.</summary>
public class ChainDiagnosticsTests
{
    private static double[][] Ar1(int chains, int n, double phi, double shift = 0, ulong seed = 7)
    {
        var random = new RandomStream(seed, 0);
        return Enumerable.Range(0, chains).Select(c =>
        {
            var x = new double[n];
            double v = Normal.Sample(random, 0, 1 / Math.Sqrt(1 - phi * phi)); // start in the stationary distribution
            for (int i = 0; i < n; i++) x[i] = (v = phi * v + Normal.Sample(random, 0, 1)) + (c == 0 ? shift : 0);
            return x;
        }).ToArray();
    }

    [Test]
    public void Compute_IndependentDraws_RHatNearOneAndEssNearCount()
    {
        var (rHat, ess) = ChainDiagnostics.Compute(Ar1(8, 2000, 0));
        Assert.That(rHat, Is.LessThan(1.01));
        Assert.That(ess, Is.EqualTo(16000).Within(12).Percent);
    }

    [TestCase(0.5)]
    [TestCase(0.9)]
    public void Compute_AutoregressiveChains_EssIsCountTimesOneMinusPhiOverOnePlusPhi(double phi)
    {
        // an AR(1) chain's integrated autocorrelation time is (1 + φ) / (1 - φ)
        var (_, ess) = ChainDiagnostics.Compute(Ar1(8, 5000, phi));
        Assert.That(ess, Is.EqualTo(40000 * (1 - phi) / (1 + phi)).Within(15).Percent);
    }

    [Test]
    public void Compute_OneChainElsewhere_RHatWellAboveOne()
    {
        var (rHat, _) = ChainDiagnostics.Compute(Ar1(4, 1000, 0.5, shift: 3));
        Assert.That(rHat, Is.GreaterThan(1.2));
    }
}
