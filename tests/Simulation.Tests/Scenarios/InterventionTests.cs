using Simulation.Engine.Runtime;
using static Simulation.Tests.Scenarios.ExperimentFiles;
using static Simulation.Tests.Scenarios.SweepTestRuns;

namespace Simulation.Tests.Scenarios;

/// <summary>
/// Dated interventions compiled into the run: each behaves exactly as if the modeller had written the schedule
/// into the model (checked bit for bit against such a model), and composes with sampled values and overrides.
/// </summary>
public class InterventionTests
{
    private ExperimentFiles _files = null!;

    [SetUp]
    public void CreateFiles() => _files = new ExperimentFiles();

    [TearDown]
    public void RemoveFiles() => _files.Dispose();

    private (double[] Rate, double[] Stock) Run(string interventions, string extra = "", int future = 0)
    {
        var experiment = _files.CompileOk(Experiment(
            $"\"scenarios\": [ {{ \"name\": \"s\", \"interventions\": [ {interventions} ] }} ], \"outputs\": {{ \"series\": [\"Rate\", \"Stock\"] }}{extra}"));
        var row = Record(experiment, 0)[future];
        return (Series(experiment, row, "Rate"), Series(experiment, row, "Stock"));
    }

    private static double[] Times => Enumerable.Range(0, 21).Select(i => 0.5 * i).ToArray();

    /// <summary>Euler on dStock/dt = -Stock * rate(t) * 1 (the two weights sum to 1), written out independently.</summary>
    private static double[] Euler(Func<double, double> rate)
    {
        var s = new double[21];
        s[0] = 100;
        for (int i = 0; i < 20; i++) s[i + 1] = s[i] + 0.5 * -(s[i] * rate(0.5 * i) * (0.5 + 0.5));
        return s;
    }

    [Test]
    public void Set_AtTime_ChangesTheInputFromThatStepOn()
    {
        var (rate, stock) = Run("{ \"input\": \"Rate\", \"at\": 2, \"set\": 0.3 }");
        Assert.That(rate, Is.EqualTo(Times.Select(t => t < 2 ? 0.1 : 0.3).ToArray()));
        Assert.That(stock, Is.EqualTo(Euler(t => t < 2 ? 0.1 : 0.3)).Within(1e-12));
    }

    [Test]
    public void Ramp_MovesLinearlyAndReachesTheValueExactly()
    {
        var (rate, _) = Run("{ \"input\": \"Rate\", \"from\": 2, \"to\": 4, \"set\": 0.3 }");
        for (int i = 0; i < 21; i++)
        {
            double t = Times[i];
            double expected = t <= 2 ? 0.1 : t >= 4 ? 0.3 : 0.1 + 0.2 * (t - 2) / 2;
            Assert.That(rate[i], Is.EqualTo(expected).Within(1e-15), $"t = {t}");
        }
        Assert.That(rate[^1], Is.EqualTo(0.3), "the target is reached exactly, not 0.30000000000000004");
    }

    [Test]
    public void Stop_SetsTheInputToZero_AndTheStockHolds()
    {
        var (rate, stock) = Run("{ \"input\": \"Rate\", \"at\": 5, \"stop\": true }");
        Assert.That(rate.Skip(10), Is.All.EqualTo(0));
        Assert.That(stock.Skip(10), Is.All.EqualTo(stock[10]), "nothing flows once the service stops");
    }

    [Test]
    public void Multiply_OneElement_LeavesTheOthers()
    {
        var experiment = _files.CompileOk(Experiment(
            "\"scenarios\": [ { \"name\": \"s\", \"interventions\": [ { \"input\": \"Weight[old]\", \"at\": 3, \"multiply\": 2 } ] } ], \"outputs\": { \"series\": [\"Weight\"] }"));
        var row = Record(experiment, 0)[0];
        Assert.That(Series(experiment, row, "Weight", "young"), Is.All.EqualTo(0.5));
        Assert.That(Series(experiment, row, "Weight", "old"), Is.EqualTo(Times.Select(t => t < 3 ? 0.5 : 1.0).ToArray()));
    }

    [Test]
    public void LaterIntervention_TakesOverFromItsTime_WhateverTheOrderWritten()
    {
        var (rate, _) = Run("{ \"input\": \"Rate\", \"at\": 6, \"stop\": true }, { \"input\": \"Rate\", \"from\": 1, \"to\": 3, \"multiply\": 2 }");
        for (int i = 0; i < 21; i++)
        {
            double t = Times[i];
            double expected = t >= 6 ? 0 : t <= 1 ? 0.1 : t >= 3 ? 0.2 : 0.1 * (1 + (2 - 1) * (t - 1) / 2);
            Assert.That(rate[i], Is.EqualTo(expected).Within(1e-15), $"t = {t}");
        }
    }

    [TestCase("euler")]
    [TestCase("rk4")]
    public void CompiledIntervention_EqualsTheScheduleWrittenIntoTheModel_BitForBit(string method)
    {
        var experiment = _files.CompileOk(Experiment(
            $"\"time\": {{ \"method\": \"{method}\" }}, \"scenarios\": [ {{ \"name\": \"s\", \"interventions\": [ {{ \"input\": \"Rate\", \"from\": 2.5, \"to\": 7, \"set\": 0.4 }} ] }} ], \"outputs\": {{ \"series\": [\"Stock\"] }}"));
        var stock = Series(experiment, Record(experiment, 0)[0], "Stock");
        var handWritten = TestModels.Compile(ExperimentFiles.Model
            .Replace("\"equation\": 0.1, \"input\": true", "\"equation\": \"IF STEP(1, 7) > 0 THEN 0.4 ELSE Rate0 + (0.4 - Rate0) * RAMP(1 / (7 - 2.5), 2.5, 7)\"")
            .Replace("{ \"name\": \"Cost\"", "{ \"name\": \"Rate0\", \"kind\": \"auxiliary\", \"equation\": 0.1 }, { \"name\": \"Cost\"")
            .Replace("\"units\": \"years\"", $"\"units\": \"years\", \"method\": \"{method}\""));
        var reference = Simulator.Run(handWritten).Series("Stock");
        Assert.That(stock, Is.EqualTo(reference));
    }

    [Test]
    public void Intervention_OnASampledInput_ActsOnTheSampledValue()
    {
        var (rate, _) = Run("{ \"input\": \"Rate\", \"at\": 5, \"multiply\": 2 }",
            ", \"uncertainty\": { \"design\": \"grid\", \"inputs\": [ { \"input\": \"Rate\", \"values\": [0.05, 0.15] } ] }", future: 1);
        Assert.That(rate, Is.EqualTo(Times.Select(t => t < 5 ? 0.15 : 0.3).ToArray()));
    }

    [Test]
    public void Multiplier_ScalesTheScenariosOverride()
    {
        var experiment = _files.CompileOk(Experiment(
            "\"scenarios\": [ { \"name\": \"s\", \"set\": { \"Weight\": { \"elements\": { \"old\": 0.25 } } } } ], " +
            "\"uncertainty\": { \"design\": \"grid\", \"inputs\": [ { \"input\": \"Weight\", \"values\": [2, 4], \"apply\": \"multiply\" } ] }, " +
            "\"outputs\": { \"series\": [\"Weight\"] }"));
        var rows = Record(experiment, 0);
        Assert.That(Series(experiment, rows[1], "Weight", "old"), Is.All.EqualTo(1.0), "0.25 x 4");
        Assert.That(Series(experiment, rows[1], "Weight", "young"), Is.All.EqualTo(2.0), "0.5 x 4");
        Assert.That(Series(experiment, rows[0], "Weight", "old"), Is.All.EqualTo(0.5), "0.25 x 2");
    }

    [Test]
    public void BasedOn_AppliesTheParentsChangesFirst()
    {
        var experiment = _files.CompileOk(Experiment(
            "\"scenarios\": [ { \"name\": \"parent\", \"set\": { \"Rate\": 0.2 }, \"interventions\": [ { \"input\": \"Rate\", \"at\": 4, \"set\": 0.3 } ] }, " +
            "{ \"name\": \"child\", \"basedOn\": \"parent\", \"set\": { \"Weight[old]\": 1.5 }, \"interventions\": [ { \"input\": \"Rate\", \"at\": 2, \"set\": 0.05 } ] } ], " +
            "\"outputs\": { \"series\": [\"Rate\", \"Weight\"] }"));
        var row = Record(experiment, 1)[0];
        Assert.That(Series(experiment, row, "Rate"), Is.EqualTo(Times.Select(t => t < 2 ? 0.2 : t < 4 ? 0.05 : 0.3).ToArray()));
        Assert.That(Series(experiment, row, "Weight", "old"), Is.All.EqualTo(1.5));
    }

    [Test]
    public void Override_GraphPoints_ReplaceTheGraph()
    {
        var experiment = _files.CompileOk(Experiment(
            "\"scenarios\": [ { \"name\": \"s\", \"set\": { \"Effect\": { \"graph\": { \"x\": [0, 1], \"y\": [3, 5] } } } } ], \"outputs\": { \"series\": [\"Effect Used\"] }"));
        Assert.That(Series(experiment, Record(experiment, 0)[0], "Effect Used"), Is.All.EqualTo(3.2).Within(1e-15), "3 + 2 x 0.1");
    }
}
