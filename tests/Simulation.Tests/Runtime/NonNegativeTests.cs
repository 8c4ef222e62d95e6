using static Simulation.Tests.TestModels;

namespace Simulation.Tests.Runtime;

/// <summary>Non-negative stocks limit their outflows (material is conserved); non-negative flows never reverse.</summary>
public class NonNegativeTests
{
    [Test]
    public void Run_NonNegativeStock_LimitsOutflowAndConserves()
    {
        var result = Run(Model(
            "{ \"name\": \"A\", \"kind\": \"stock\", \"initial\": 5, \"outflows\": [\"move\"], \"nonNegative\": true }, " +
            "{ \"name\": \"B\", \"kind\": \"stock\", \"initial\": 0, \"inflows\": [\"move\"] }, " +
            "{ \"name\": \"move\", \"kind\": \"flow\", \"equation\": 2 }"));
        Assert.That(result.Series("A"), Is.EqualTo(new double[] { 5, 3, 1, 0, 0, 0, 0, 0, 0, 0, 0 }));
        Assert.That(result.Series("move"), Is.EqualTo(new double[] { 2, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0 }));
        Assert.That(result.Series("B")[^1], Is.EqualTo(5));
    }

    [Test]
    public void Run_NonNegativeStock_ServesOutflowsInPriorityOrder()
    {
        var result = Run(Model(
            "{ \"name\": \"A\", \"kind\": \"stock\", \"initial\": 3, \"inflows\": [\"in\"], \"outflows\": [\"first\", \"second\"], \"nonNegative\": true }, " +
            "{ \"name\": \"in\", \"kind\": \"flow\", \"equation\": 1 }, " +
            "{ \"name\": \"first\", \"kind\": \"flow\", \"equation\": 3 }, { \"name\": \"second\", \"kind\": \"flow\", \"equation\": 3 }"));
        Assert.That(result.Series("first")[0], Is.EqualTo(3));
        Assert.That(result.Series("second")[0], Is.EqualTo(0), "the first outflow takes all 3; the inflow arriving in the step is not counted");
        Assert.That(result.Series("A")[1], Is.EqualTo(1));
        Assert.That(result.Series("first")[1], Is.EqualTo(1));
        Assert.That(result.Series("A"), Is.All.GreaterThanOrEqualTo(0));
    }

    [Test]
    public void Run_NegativeInflowIntoNonNegativeStock_ClampsAtZero()
    {
        var result = Run(Model(
            "{ \"name\": \"A\", \"kind\": \"stock\", \"initial\": 1, \"inflows\": [\"in\"], \"nonNegative\": true }, " +
            "{ \"name\": \"in\", \"kind\": \"flow\", \"equation\": -2 }"));
        Assert.That(result.Series("A"), Is.All.EqualTo(0).Or.EqualTo(1));
        Assert.That(result.Series("A")[1], Is.EqualTo(0));
    }

    [Test]
    public void Run_NonNegativeFlow_NeverReverses()
    {
        var result = Run(Model(
            "{ \"name\": \"A\", \"kind\": \"stock\", \"initial\": 0, \"inflows\": [\"in\"] }, " +
            "{ \"name\": \"in\", \"kind\": \"flow\", \"equation\": \"5 - TIME\", \"nonNegative\": true }"));
        Assert.That(result.Series("in"), Is.EqualTo(new double[] { 5, 4, 3, 2, 1, 0, 0, 0, 0, 0, 0 }));
        Assert.That(result.Series("A")[^1], Is.EqualTo(15));
    }

    /// <summary>A limit never hides a division by zero: MIN(+inf, limit) would be the limit, MAX(0, -inf) would be 0.</summary>
    [TestCase("\"1 / Zero\"", false, TestName = "Run_InfiniteOutflowOfANonNegativeStock_StopsWithSD6001")]
    [TestCase("\"-1 / Zero\"", true, TestName = "Run_MinusInfiniteNonNegativeFlow_StopsWithSD6001")]
    public void Run_InfiniteLimitedFlow_StopsWithSD6001(string equation, bool nonNegativeFlow)
    {
        var result = Run(Model(
            "{ \"name\": \"A\", \"kind\": \"stock\", \"initial\": 5, \"outflows\": [\"move\"], \"nonNegative\": true }, " +
            "{ \"name\": \"B\", \"kind\": \"stock\", \"initial\": 0, \"inflows\": [\"move\"] }, " +
            "{ \"name\": \"Zero\", \"kind\": \"auxiliary\", \"equation\": \"STEP(-1, 3) + 1\" }, " +
            $"{{ \"name\": \"move\", \"kind\": \"flow\", \"equation\": {equation}{(nonNegativeFlow ? ", \"nonNegative\": true" : "")} }}"));
        var d = result.Diagnostics.Single();
        Assert.That(d.Code, Is.EqualTo(Simulation.Engine.Diagnostics.DiagnosticCodes.NotFinite));
        Assert.That(d.Message, Is.EqualTo("'move' became NaN or infinite at time 3"));
    }

    [Test]
    public void Run_LimitedFlows_AreUnchangedWhereFinite()
    {
        var result = Run(Model(
            "{ \"name\": \"A\", \"kind\": \"stock\", \"initial\": 5, \"outflows\": [\"move\"], \"nonNegative\": true }, " +
            "{ \"name\": \"move\", \"kind\": \"flow\", \"equation\": \"4 - 1.5 * TIME\", \"nonNegative\": true }"));
        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.Series("move"), Is.EqualTo(new double[] { 4, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0 }));
    }
}
