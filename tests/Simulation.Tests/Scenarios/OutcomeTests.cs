using Simulation.Engine.Diagnostics;
using static Simulation.Tests.Scenarios.ExperimentFiles;
using static Simulation.Tests.Scenarios.SweepTestRuns;

namespace Simulation.Tests.Scenarios;

/// <summary>Outcomes computed inside the run (totals, means, discounted totals) and after it (differences, ratios, paired), each against an independent computation.</summary>
public class OutcomeTests
{
    private ExperimentFiles _files = null!;
    private string _out = "";

    [SetUp]
    public void CreateFiles()
    {
        _files = new ExperimentFiles();
        _out = _files.PathOf("out");
    }

    [TearDown]
    public void RemoveFiles() => _files.Dispose();

    private Dictionary<(long Run, string Outcome, string Element), double> SweepOutcomes(string members)
    {
        var experiment = _files.CompileOk(Experiment(members));
        Sweep(experiment, _out);
        return Outcomes(_out);
    }

    /// <summary>The model's Euler trajectory at rate r (weights sum to 1): Stock_i and Out_i at t_i = 0.5 i.</summary>
    private static (double[] Stock, double[] Out) Euler(double r)
    {
        var stock = new double[21];
        var flow = new double[21];
        stock[0] = 100;
        for (int i = 0; i <= 20; i++)
        {
            flow[i] = stock[i] * r * (0.5 + 0.5);
            if (i < 20) stock[i + 1] = stock[i] + 0.5 * -flow[i];
        }
        return (stock, flow);
    }

    [Test]
    public void Total_And_Mean_AreTheModelsOwnEulerSums()
    {
        var o = SweepOutcomes("\"outcomes\": [ { \"name\": \"all out\", \"total\": \"Out\" }, { \"name\": \"mid out\", \"total\": \"Out\", \"from\": 2, \"to\": 6 }, " +
                              "{ \"name\": \"mean stock\", \"mean\": \"Stock\", \"from\": 1, \"to\": 9 } ]");
        var (stock, flow) = Euler(0.1);
        double all = Enumerable.Range(0, 20).Sum(i => 0.5 * flow[i]);
        double mid = Enumerable.Range(4, 8).Sum(i => 0.5 * flow[i]); // t = 2, 2.5, ..., 5.5: the steps in [2, 6)
        double mean = Enumerable.Range(2, 16).Sum(i => 0.5 * stock[i]) / 8;
        Assert.That(o[(0, "all out", "")], Is.EqualTo(all).Within(1e-12 * all));
        Assert.That(o[(0, "all out", "")], Is.EqualTo(100 - stock[20]).Within(1e-12 * all), "what left the stock");
        Assert.That(o[(0, "mid out", "")], Is.EqualTo(mid).Within(1e-12 * mid));
        Assert.That(o[(0, "mean stock", "")], Is.EqualTo(mean).Within(1e-12 * mean));
    }

    [Test]
    public void DiscountedTotal_Euler_IsTheDiscountedSum()
    {
        var o = SweepOutcomes("\"outcomes\": [ { \"name\": \"cost\", \"total\": \"Cost\", \"discount\": { \"rate\": 0.035 } }, " +
                              "{ \"name\": \"cost from 2\", \"total\": \"Cost\", \"discount\": { \"rate\": 0.035, \"from\": 2, \"period\": 0.5 } } ]");
        var (_, flow) = Euler(0.1);
        double expected = Enumerable.Range(0, 20).Sum(i => 0.5 * 10 * flow[i] / Math.Pow(1.035, 0.5 * i));
        double shifted = Enumerable.Range(0, 20).Sum(i => 0.5 * 10 * flow[i] / Math.Pow(1.035, (0.5 * i - 2) / 0.5));
        Assert.That(o[(0, "cost", "")], Is.EqualTo(expected).Within(1e-12 * expected));
        Assert.That(o[(0, "cost from 2", "")], Is.EqualTo(shifted).Within(1e-12 * shifted), "factor 1 at t0, per period");
    }

    [Test]
    public void DiscountedTotal_Rk4_MatchesTheIntegral()
    {
        var o = SweepOutcomes("\"time\": { \"method\": \"rk4\", \"dt\": 0.125 }, \"outcomes\": [ { \"name\": \"cost\", \"total\": \"Cost\", \"discount\": { \"rate\": 0.035 } } ]");
        // Cost = 10 * 0.1 * 100 e^{-0.1 t}; discounted by e^{-ln(1.035) t}: the integral over [0, 10] in closed form.
        double k = 0.1 + Math.Log(1.035);
        double exact = 100 / k * (1 - Math.Exp(-k * 10));
        Assert.That(o[(0, "cost", "")], Is.EqualTo(exact).Within(1e-7 * exact));
    }

    [Test]
    public void Value_AtSeveralTimes_And_ByDimension()
    {
        var o = SweepOutcomes("\"outcomes\": [ { \"name\": \"stock\", \"value\": \"Stock\", \"at\": [5, 10] }, { \"name\": \"final\", \"value\": \"Stock\" }, " +
                              "{ \"name\": \"weights\", \"value\": \"Weight * 2\", \"by\": [\"Age\"] } ]");
        var (stock, _) = Euler(0.1);
        Assert.That(o[(0, "stock, year 5", "")], Is.EqualTo(stock[10]).Within(1e-12));
        Assert.That(o[(0, "stock, year 10", "")], Is.EqualTo(stock[20]).Within(1e-12));
        Assert.That(o[(0, "final", "")], Is.EqualTo(stock[20]).Within(1e-12), "the stop time by default");
        Assert.That(o[(0, "weights", "young")], Is.EqualTo(1.0));
        Assert.That(o[(0, "weights", "old")], Is.EqualTo(1.0));
    }

    [Test]
    public void Derived_DifferenceRatioAndPairedChanges_FollowTheirDefinitions()
    {
        var o = SweepOutcomes(
            "\"scenarios\": [ { \"name\": \"base\" }, { \"name\": \"fast\", \"set\": { \"Rate\": 0.15 } } ], " +
            "\"uncertainty\": { \"design\": \"monteCarlo\", \"samples\": 5, \"inputs\": [ { \"input\": \"Weight\", \"apply\": \"multiply\", \"min\": 0.8, \"max\": 1.2 } ] }, " +
            "\"outcomes\": [ { \"name\": \"out\", \"total\": \"Out\" }, { \"name\": \"left\", \"value\": \"Stock\" }, " +
            "{ \"name\": \"gap\", \"difference\": [\"out\", \"left\"] }, { \"name\": \"share\", \"ratio\": [\"out\", \"left\"] }, " +
            "{ \"name\": \"more out\", \"changeFromBaseline\": \"out\" }, { \"name\": \"stock avoided\", \"avoided\": \"left\" }, " +
            "{ \"name\": \"per unit\", \"ratio\": [\"more out\", \"stock avoided\"] }, " +
            "{ \"name\": \"by age\", \"value\": \"Weight\", \"by\": [\"Age\"] }, { \"name\": \"age share\", \"ratio\": [\"by age\", \"left\"] } ]");
        for (int f = 0; f < 5; f++)
        for (int s = 0; s < 2; s++)
        {
            long run = s * 5 + f, baseRun = f;
            double outV = o[(run, "out", "")], left = o[(run, "left", "")];
            Assert.That(o[(run, "gap", "")], Is.EqualTo(outV - left));
            Assert.That(o[(run, "share", "")], Is.EqualTo(outV / left));
            Assert.That(o[(run, "more out", "")], Is.EqualTo(outV - o[(baseRun, "out", "")]));
            Assert.That(o[(run, "stock avoided", "")], Is.EqualTo(o[(baseRun, "left", "")] - left));
            Assert.That(o[(run, "age share", "old")], Is.EqualTo(o[(run, "by age", "old")] / left), "a scalar applies to every element");
            if (s == 0) Assert.That(o[(run, "per unit", "")], Is.NaN, "0 / 0 for the baseline itself is missing");
            else Assert.That(o[(run, "per unit", "")], Is.EqualTo(o[(run, "more out", "")] / o[(run, "stock avoided", "")]));
        }
        Assert.That(o[(5, "more out", "")], Is.GreaterThan(0), "a faster drain moves more out in the same future");
    }

    [Test]
    public void Payback_IsTheFirstListedTimeFromWhichOnTheRunStaysBelowTheBaseline_MissingWhenItDoesNot()
    {
        var o = SweepOutcomes(
            "\"scenarios\": [ { \"name\": \"base\" }, { \"name\": \"slow then fast\", \"interventions\": [ { \"input\": \"Rate\", \"at\": 0, \"set\": 0.05 }, { \"input\": \"Rate\", \"at\": 5, \"set\": 0.3 } ] }, " +
            "{ \"name\": \"always slow\", \"set\": { \"Rate\": 0.05 } }, " +
            "{ \"name\": \"fast then stopped\", \"interventions\": [ { \"input\": \"Rate\", \"at\": 0, \"set\": 0.3 }, { \"input\": \"Rate\", \"at\": 1, \"set\": 0 } ] } ], " +
            "\"outcomes\": [ { \"name\": \"stock\", \"value\": \"Stock\", \"at\": [2, 4, 6, 8, 10] }, { \"name\": \"payback\", \"units\": \"period\", \"payback\": \"stock\" } ]");
        // The scenario's Euler trajectory: rate 0.05 until t = 5, then 0.3 (steps of 0.5); the baseline's is Euler(0.1).
        var (baseStock, _) = Euler(0.1);
        var stock = new double[21];
        stock[0] = 100;
        for (int i = 0; i < 20; i++) stock[i + 1] = stock[i] - 0.5 * stock[i] * (0.5 * i < 5 ? 0.05 : 0.3);
        int[] listed = [4, 8, 12, 16, 20];
        int expected = Enumerable.Range(0, 5).First(k => listed.Skip(k).All(step => stock[step] < baseStock[step])) + 1;
        Assert.That(expected, Is.EqualTo(4), "the test's own premise: above the baseline until t = 6, below it from t = 8");
        Assert.That(o[(1, "payback", "")], Is.EqualTo(expected));
        Assert.That(o[(0, "payback", "")], Is.NaN, "the baseline does not pay back on itself");
        Assert.That(o[(2, "payback", "")], Is.NaN, "never below the baseline within the listed times");
        // 100 -> 85 -> 72.25 (rate 0.3 for two steps), then still: below the baseline at t = 2 (81.5), above it from t = 4 (66.3)
        Assert.That(o[(3, "payback", "")], Is.NaN, "below the baseline at first but not at the end: it has not paid back");
        // The summary shows each scenario's own payback year, with no difference from a baseline that has none.
        var summary = Engine.Scenarios.Summary.SweepSummary.FromJson(File.ReadAllText(Path.Combine(_out, "summary.json")));
        var rows = summary.Rows.Where(r => r.Outcome == "payback").ToDictionary(r => r.Scenario);
        Assert.That(rows.Values.Select(r => r.Comparison), Is.All.Null);
        Assert.That(rows["slow then fast"].Value.Mean, Is.EqualTo(expected));
        Assert.That(rows["always slow"].Value.LeftOut.Single(), Is.EqualTo(new Engine.Scenarios.Summary.Exclusion(Engine.Scenarios.Summary.LeftOutReason.NotPaidBack, 1)));
        Assert.That(rows["base"].Value.LeftOut.Single().Reason, Is.EqualTo(Engine.Scenarios.Summary.LeftOutReason.IsBaseline));
        Assert.That(Reporting.Text.Cells.Comparison(rows["slow then fast"]), Is.EqualTo("4 [4, 4], paid back in 1 of 1 futures"));
        Assert.That(Reporting.Text.Cells.Comparison(rows["always slow"]), Is.EqualTo("–"));
        var (compiled, diagnostics) = _files.Compile(Experiment("\"outcomes\": [ { \"name\": \"out\", \"total\": \"Out\" }, { \"name\": \"p\", \"payback\": \"out\" } ]"));
        Assert.That(compiled, Is.Null);
        Assert.That(DiagnosticRenderer.ToText(diagnostics), Does.Contain("which is not a value outcome"));
    }

    [Test]
    public void SameFuture_HasTheSameSampledValues_InEveryScenario()
    {
        var experiment = _files.CompileOk(Experiment(
            "\"scenarios\": [ { \"name\": \"a\" }, { \"name\": \"b\", \"set\": { \"Weight\": 0.7 } } ], " +
            "\"uncertainty\": { \"design\": \"latinHypercube\", \"samples\": 6, \"replications\": 2, \"inputs\": [ { \"input\": \"Rate\" } ] }, " +
            "\"outcomes\": [ { \"name\": \"rate\", \"value\": \"Rate\" } ]"));
        Sweep(experiment, _out);
        var runs = ReadTable(Path.Combine(_out, "runs.parquet"));
        Assert.That(runs, Has.Count.EqualTo(24));
        foreach (var r in runs.Where(r => (string)r["scenario"]! == "b"))
        {
            var twin = runs.Single(x => (string)x["scenario"]! == "a" && (long)x["sample"]! == (long)r["sample"]! && (long)x["replication"]! == (long)r["replication"]!);
            Assert.That(r["Rate"], Is.EqualTo(twin["Rate"]));
            Assert.That((long)r["run"]!, Is.EqualTo((long)twin["run"]! + 12), "run ids are scenario-major");
        }
        var o = Outcomes(_out);
        Assert.That(runs.Select(r => o[((long)r["run"]!, "rate", "")]), Is.EqualTo(runs.Select(r => (double?)r["Rate"])), "the sampled value is the run's input");
        Assert.That(runs.Select(r => (double)r["Rate"]!).Distinct().Count(), Is.EqualTo(6), "replications share their sample");
    }
}
