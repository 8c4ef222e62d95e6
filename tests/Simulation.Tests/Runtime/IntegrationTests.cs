using static Simulation.Tests.TestModels;

namespace Simulation.Tests.Runtime;

/// <summary>The integrators against exact solutions of their own discrete recurrences, and their order of accuracy.</summary>
public class IntegrationTests
{
    private static string Decay(string method, double dt, double stop = 10) => Model(
        "{ \"name\": \"S\", \"kind\": \"stock\", \"initial\": 100, \"outflows\": [\"decay\"] }, " +
        "{ \"name\": \"decay\", \"kind\": \"flow\", \"equation\": \"S * k\" }, { \"name\": \"k\", \"kind\": \"auxiliary\", \"equation\": 0.3 }",
        $"\"start\": 0, \"stop\": {stop}, \"dt\": {dt}, \"method\": \"{method}\"");

    /// <summary>For dS/dt = -kS, one step multiplies S by a polynomial in h = k dt: the method's Taylor truncation of e^-h.</summary>
    [TestCase("euler", 0.5)]
    [TestCase("euler", 0.125)]
    [TestCase("rk2", 0.5)]
    [TestCase("rk4", 0.5)]
    [TestCase("rk4", 0.1)]
    public void Run_ExponentialDecay_MatchesTheMethodsExactDiscreteSolution(string method, double dt)
    {
        var result = Run(Decay(method, dt));
        double h = 0.3 * dt;
        double factor = method switch
        {
            "euler" => 1 - h,
            "rk2" => 1 - h + h * h / 2,
            _ => 1 - h + h * h / 2 - h * h * h / 6 + h * h * h * h / 24,
        };
        var s = result.Series("S");
        Assert.That(s.Length, Is.EqualTo((int)Math.Round(10 / dt) + 1));
        for (int i = 0; i < s.Length; i++)
            Assert.That(s[i], Is.EqualTo(100 * Math.Pow(factor, i)).Within(1e-12).Percent, $"step {i}");
    }

    [TestCase("euler", 1, 2.0)]
    [TestCase("rk2", 2, 4.0)]
    [TestCase("rk4", 4, 16.0)]
    public void Run_HalvingDt_ShrinksErrorByTwoToTheOrder(string method, int order, double expectedRatio)
    {
        // A smooth nonlinear problem with a known solution: logistic growth, P(t) = K / (1 + (K/P0 - 1) e^{-rt}).
        string model(double dt) => Model(
            "{ \"name\": \"P\", \"kind\": \"stock\", \"initial\": 10, \"inflows\": [\"growth\"] }, " +
            "{ \"name\": \"growth\", \"kind\": \"flow\", \"equation\": \"0.8 * P * (1 - P / 1000)\" }",
            $"\"start\": 0, \"stop\": 10, \"dt\": {dt}, \"method\": \"{method}\"");
        double exact = 1000 / (1 + (1000.0 / 10 - 1) * Math.Exp(-0.8 * 10));
        double Error(double dt) => Math.Abs(Run(model(dt)).Final("P") - exact);
        double coarse = Error(0.1), fine = Error(0.05);
        Assert.That(coarse / fine, Is.EqualTo(expectedRatio).Within(expectedRatio * 0.12), $"order {order}: errors {coarse:G3} then {fine:G3}");
    }

    [Test]
    public void Run_SavePeriod_SavesEveryWholeMultipleAndTheEnd()
    {
        var result = Run(Decay("euler", 0.25, stop: 10) .Replace("\"method\": \"euler\"", "\"method\": \"euler\", \"savePeriod\": 2"));
        Assert.That(result.Times, Is.EqualTo(new[] { 0.0, 2, 4, 6, 8, 10 }));
    }

    [Test]
    public void Run_TimeIsCountedInWholeSteps()
    {
        var result = Run(Decay("euler", 0.1, stop: 1));
        Assert.That(result.Times.Count, Is.EqualTo(11));
        Assert.That(result.Times[^1], Is.EqualTo(1.0), "start + 10 * 0.1, not 0.1 added ten times (0.9999999999999999)");
    }
}
