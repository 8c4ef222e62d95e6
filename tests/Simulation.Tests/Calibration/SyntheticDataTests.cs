using Simulation.Engine.Calibration;
using Simulation.Engine.Calibration.Format;
using Simulation.Engine.Runtime;

namespace Simulation.Tests.Calibration;

/// <summary>Made-up observations have the mean and variance their error model says, also for counts in the thousands.</summary>
public class SyntheticDataTests
{
    [TestCase(ErrorKind.Normal, 2900.0, 25.0, 625.0)]
    [TestCase(ErrorKind.LogNormal, 2900.0, 0.05, double.NaN)]
    [TestCase(ErrorKind.Poisson, 2900.0, double.NaN, 2900.0)]
    [TestCase(ErrorKind.NegativeBinomial, 2900.0, 200.0, 2900 + 2900.0 * 2900 / 200)] // mean m, variance m + m² / k
    [TestCase(ErrorKind.NegativeBinomial, 3.5, 2.0, 3.5 + 3.5 * 3.5 / 2)]
    public void Observe_ManyDraws_HaveTheErrorModelsMeanAndVariance(ErrorKind error, double m, double scale, double variance)
    {
        var random = new RandomStream(5, 0);
        var draws = Enumerable.Range(0, 20000).Select(_ => SyntheticData.Observe(error, m, scale, random)).ToArray();
        double mean = draws.Average(), v = draws.Sum(x => (x - mean) * (x - mean)) / (draws.Length - 1);
        if (error == ErrorKind.LogNormal)
        {
            var logs = draws.Select(x => Math.Log(x)).ToArray();
            Assert.That(logs.Average(), Is.EqualTo(Math.Log(m)).Within(0.002), "the model's value is the median");
            return;
        }
        Assert.That(mean, Is.EqualTo(m).Within(4 * Math.Sqrt(variance / draws.Length)));
        Assert.That(v, Is.EqualTo(variance).Within(5).Percent);
    }
}
