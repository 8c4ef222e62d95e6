using Simulation.Engine.Diagnostics;
using Simulation.Engine.Scenarios.Format;
using Simulation.Engine.Scenarios.Summary;
using static Simulation.Tests.Scenarios.ExperimentFiles;
using static Simulation.Tests.Scenarios.SweepTestRuns;

namespace Simulation.Tests.Scenarios;

/// <summary>The decision statistics of the summary against small cases computed by hand.</summary>
public class DecisionStatisticsTests
{
    [Test]
    public void Comparison_CountsHigherAndLowerFutures_TiesAreNeither()
    {
        var c = Comparison.Of([-2, -1, 0, 1, 3, -0.5], []);
        Assert.That(c.PHigher, Is.EqualTo(2.0 / 6));
        Assert.That(c.PLower, Is.EqualTo(3.0 / 6));
        Assert.That(c.PBetter(Direction.Lower), Is.EqualTo(3.0 / 6));
        Assert.That(c.PBetter(Direction.Higher), Is.EqualTo(2.0 / 6));
        Assert.That(c.PBetter(null), Is.Null);
        Assert.That(c.Difference.Mean, Is.EqualTo(0.5 / 6).Within(1e-15));
    }

    [Test]
    public void ZeroToRounding_NoiseIsZero_RealDifferencesStay()
    {
        Assert.That(ZeroToRounding.Difference(157_123.456 + 3e-11, 157_123.456), Is.EqualTo(0), "the last bits of two computations of one value");
        Assert.That(ZeroToRounding.Difference(1e9 + 5, 1e9), Is.EqualTo(5), "5 in a billion is an effect");
        Assert.That(ZeroToRounding.Difference(1e9 + 1e-3, 1e9), Is.EqualTo(0), "a thousandth in a billion is not");
    }

    [Test]
    public void ZeroToRounding_TheToleranceIsRelativeToTheLargerValue()
    {
        Assert.That(ZeroToRounding.Difference(1.0 + 2e-9, 1.0), Is.EqualTo(2e-9).Within(1e-15), "2E-9 relative: an effect");
        Assert.That(ZeroToRounding.Difference(1.0 + 5e-10, 1.0), Is.EqualTo(0), "5E-10 relative: rounding");
        Assert.That(ZeroToRounding.Difference(0, 0), Is.EqualTo(0));
        Assert.That(ZeroToRounding.Difference(-3, 2), Is.EqualTo(-5));
        Assert.That(ZeroToRounding.Difference(double.NaN, 1), Is.NaN);
    }

    [Test]
    public void Ratio_IsTheRatioOfMeans_NotTheMeanOfRatios()
    {
        // Per-run ratios 10 and 3.33 (mean 6.67); ratio of means (10 + 30) / (1 + 9) = 4.
        var r = RatioSummary.Of([10, 30, double.NaN], [1, 9, 4], Direction.Lower, Direction.Higher);
        Assert.That(r.Value, Is.EqualTo(4));
        Assert.That(r.Count, Is.EqualTo(2), "a future without a numerator is left out of both means");
        Assert.That(r.Meaningful, Is.True);
        Assert.That(r.Quadrant, Is.EqualTo(Quadrant.TradeOff), "costs more (numerator up, lower is better) and gains (denominator up)");
    }

    [TestCase(-5, 2, Quadrant.Dominant)]
    [TestCase(5, -2, Quadrant.Dominated)]
    [TestCase(5, 2, Quadrant.TradeOff)]
    [TestCase(-5, -2, Quadrant.SavesAndLoses)]
    [TestCase(0, 2, Quadrant.Dominant)]
    [TestCase(0, -2, Quadrant.Dominated)]
    public void Quadrant_OfCostLowerBetterAndBenefitHigherBetter(double cost, double benefit, Quadrant expected) =>
        Assert.That(RatioSummary.QuadrantOf(cost, benefit, Direction.Lower, Direction.Higher), Is.EqualTo(expected));

    [TestCase(3, 1, Quadrant.TradeOff)]
    [TestCase(3, -1, Quadrant.Dominant)]
    [TestCase(-3, 1, Quadrant.Dominated)]
    [TestCase(-3, -1, Quadrant.SavesAndLoses)]
    public void Quadrant_OfAReturn_IsTheCostPlaneWithItsAxesSwapped(double avoided, double invested, Quadrant expected) =>
        Assert.That(RatioSummary.QuadrantOf(avoided, invested, Direction.Higher, Direction.Lower), Is.EqualTo(expected),
            "spend avoided (higher is better) per pound invested (lower is better): investing to avoid spend costs more and gains");

    [Test]
    public void Quadrant_FollowsEachOperandsDirection()
    {
        // Extra cost per admission avoided written as cost per admission (admissions: lower is better).
        Assert.That(RatioSummary.QuadrantOf(5, -2, Direction.Lower, Direction.Lower), Is.EqualTo(Quadrant.TradeOff));
        Assert.That(RatioSummary.QuadrantOf(5, 2, null, Direction.Higher), Is.Null, "no direction, no quadrant");
        Assert.That(RatioSummary.QuadrantOf(5, 0, Direction.Lower, Direction.Higher), Is.Null, "no change in the denominator");
    }

    [Test]
    public void Ratio_WhoseDenominatorBandSpansZero_IsNotMeaningful()
    {
        double[] costs = [10, 12, 9, 11, 10, 13, 8, 10, 11, 12];
        var spanning = RatioSummary.Of(costs, [1, -1, 2, -2, 0.5, 1.5, -0.5, 1, 2, 3], Direction.Lower, Direction.Higher);
        Assert.That(spanning.Denominator.P5, Is.LessThan(0));
        Assert.That(spanning.Meaningful, Is.False);
        Assert.That(spanning.Value, Is.EqualTo(10.6 / 0.75).Within(1e-12), "the value is still recorded; views do not show it");
        var clear = RatioSummary.Of(costs, [1, 2, 2, 3, 1, 2, 1, 1, 2, 3], Direction.Lower, Direction.Higher);
        Assert.That(clear.Meaningful, Is.True);
        Assert.That(RatioSummary.Of([1, 2], [0, 0], Direction.Lower, Direction.Higher).Meaningful, Is.False, "a denominator that never changes");
    }

    [Test]
    public void NetMonetaryBenefit_IsThresholdTimesQalysMinusCost_AndCostEffectiveWhenPositive()
    {
        double[] cost = [100, -50, 300], qalys = [0.01, 0.002, 0.01];
        Assert.That(CostEffectivenessSummary.NetBenefit(cost, qalys, 20000), Is.EqualTo(new double[] { 100, 90, -100 }).Within(1e-9));
        Assert.That(CostEffectivenessSummary.ProbabilityPositive(CostEffectivenessSummary.NetBenefit(cost, qalys, 20000)), Is.EqualTo(2.0 / 3));
        Assert.That(CostEffectivenessSummary.ProbabilityPositive(CostEffectivenessSummary.NetBenefit(cost, qalys, 5000)), Is.EqualTo(1.0 / 3), "[-50, 60, -250]");
    }

    [Test]
    public void Ranking_ByMeanNetBenefit_WithTheShareOfFuturesInWhichEachIsBest_TiesShared()
    {
        // Futures: B best; the baseline best (A and B lose); all three tie at 0.
        var ranking = CostEffectivenessSummary.Rank(20000, ["base", "A", "B"], [null, [1, -1, 0], [2, -2, 0]]);
        var byName = ranking.Scenarios.ToDictionary(e => e.Scenario);
        Assert.That(byName["B"].PBest, Is.EqualTo((1 + 1.0 / 3) / 3).Within(1e-15));
        Assert.That(byName["base"].PBest, Is.EqualTo((1 + 1.0 / 3) / 3).Within(1e-15));
        Assert.That(byName["A"].PBest, Is.EqualTo(1.0 / 9).Within(1e-15));
        Assert.That(ranking.Scenarios.Sum(e => e.PBest), Is.EqualTo(1).Within(1e-15));
        Assert.That(byName["A"].MeanNetBenefit, Is.EqualTo(0));
    }

    private const string Paired = "\"scenarios\": [ { \"name\": \"base\" }, { \"name\": \"faster\", \"set\": { \"Rate\": 0.15 } }, { \"name\": \"same\" } ], " +
                                  "\"uncertainty\": { \"design\": \"latinHypercube\", \"samples\": 20, \"inputs\": [ { \"input\": \"Weight\", \"apply\": \"multiply\", \"min\": 0.8, \"max\": 1.2 } ] }, ";

    [Test]
    public void Directions_Defaults_CostEffectivenessDetected_AndTheSummaryHoldsNetBenefit()
    {
        using var files = new ExperimentFiles();
        var experiment = files.CompileOk(Experiment(Paired + "\"outcomes\": [ " +
            "{ \"name\": \"Spend\", \"units\": \"GBP\", \"total\": \"Cost\" }, { \"name\": \"Health\", \"units\": \"QALYs\", \"total\": \"Stock / 100\" }, " +
            "{ \"name\": \"Left\", \"value\": \"Stock\", \"better\": \"lower\" }, { \"name\": \"Left avoided\", \"avoided\": \"Left\" }, " +
            "{ \"name\": \"Extra spend\", \"changeFromBaseline\": \"Spend\" }, { \"name\": \"QALYs gained\", \"changeFromBaseline\": \"Health\" }, " +
            "{ \"name\": \"Spend per QALY\", \"units\": \"GBP/QALY\", \"ratio\": [\"Extra spend\", \"QALYs gained\"] } ]"));
        string folder = files.PathOf("out");
        Sweep(experiment, folder);
        var summary = SweepSummary.FromJson(File.ReadAllText(Path.Combine(folder, "summary.json")));
        SummaryRow Row(string scenario, string outcome) => summary.Rows.Single(r => r.Scenario == scenario && r.Outcome == outcome);

        Assert.That(Row("faster", "Left").Better, Is.EqualTo(Direction.Lower), "as written");
        Assert.That(Row("faster", "Left avoided").Better, Is.EqualTo(Direction.Higher), "avoiding what is better lower");
        Assert.That(Row("faster", "Extra spend").Better, Is.EqualTo(Direction.Lower), "the cost of the cost-effectiveness pair");
        Assert.That(Row("faster", "QALYs gained").Better, Is.EqualTo(Direction.Higher), "the QALYs of the pair");
        Assert.That(Row("faster", "Spend").Better, Is.Null, "no default for a plain total");

        Assert.That(summary.CostEffectiveness!.Cost, Is.EqualTo("Extra spend"), "found from the cost per QALY ratio");
        Assert.That(summary.CostEffectiveness.Thresholds, Is.EqualTo(new double[] { 20000, 30000 }));
        Assert.That(summary.Headline, Is.EqualTo(new[] { "Left avoided", "Extra spend", "QALYs gained", "Spend per QALY",
            "Net monetary benefit at 20,000/QALY", "Net monetary benefit at 30,000/QALY" }));

        // Net monetary benefit, recomputed from the outcomes table future by future.
        var outcomes = Outcomes(folder);
        var nmb = Enumerable.Range(0, 20).Select(f => 20000 * outcomes[(20 + f, "QALYs gained", "")] - outcomes[(20 + f, "Extra spend", "")]).ToArray();
        var row = Row("faster", "Net monetary benefit at 20,000/QALY");
        Assert.That(row.Comparison!.Difference.Mean, Is.EqualTo(nmb.Average()).Within(1e-9 * Math.Abs(nmb.Average())));
        Assert.That(row.PBetter, Is.EqualTo(nmb.Count(x => x > 0) / 20.0));

        // The ratio is the ratio of mean differences; a scenario that changes nothing is 0, and its ratio not meaningful.
        var ratio = Row("faster", "Spend per QALY").Ratio!;
        double expected = Enumerable.Range(20, 20).Average(run => outcomes[(run, "Extra spend", "")]) / Enumerable.Range(20, 20).Average(run => outcomes[(run, "QALYs gained", "")]);
        Assert.That(ratio.Value, Is.EqualTo(expected).Within(1e-12 * Math.Abs(expected)));
        Assert.That(Row("faster", "Spend per QALY").Comparison, Is.Null, "an incremental ratio is not differenced again");
        Assert.That(Row("same", "Extra spend").Comparison!.Difference.IsZero, Is.True);
        Assert.That(Row("same", "Spend").Comparison!.Difference.IsZero, Is.True, "recompiled the same: zero to rounding");
        Assert.That(Row("same", "Spend per QALY").Ratio!.Meaningful, Is.False);
        Assert.That(Row("same", "Spend per QALY").Ratio!.Value, Is.NaN);
    }

    [Test]
    public void LeftOut_CountsFuturesWithAZeroDenominatorWithTheirReason()
    {
        using var files = new ExperimentFiles();
        var experiment = files.CompileOk(Experiment(Paired + "\"outcomes\": [ { \"name\": \"Left\", \"value\": \"Stock\" }, " +
            "{ \"name\": \"Left gained\", \"changeFromBaseline\": \"Left\" }, { \"name\": \"per gain\", \"ratio\": [\"Left\", \"Left gained\"] } ]"));
        string folder = files.PathOf("out");
        Sweep(experiment, folder);
        var summary = SweepSummary.FromJson(File.ReadAllText(Path.Combine(folder, "summary.json")));
        var row = summary.Rows.Single(r => r.Scenario == "same" && r.Outcome == "per gain");
        Assert.That(row.Value.Count, Is.EqualTo(0));
        Assert.That(row.Value.LeftOut, Is.EqualTo(new[] { new Exclusion(LeftOutReason.ZeroDenominator, 20) }));
        Assert.That(File.ReadAllText(Path.Combine(folder, "summary.csv")), Does.Contain("zero denominator: 20"));
        string note = "same, per gain: 0 of 20 futures (20 left out; zero denominator: 20)";
        Assert.That(Reporting.Text.SummaryText.Table(summary), Does.Contain(note), "the terminal says so");
        Assert.That(Reporting.Text.SummaryMarkdown.Render(summary), Does.Contain("- " + note), "and the Markdown");
    }

    [Test]
    public void CostEffectivenessBlock_NamesTheOutcomes_AndReportsUnknownOrArrayedOnes()
    {
        using var files = new ExperimentFiles();
        string outcomes = "\"outcomes\": [ { \"name\": \"Spend\", \"total\": \"Cost\" }, { \"name\": \"Health\", \"total\": \"Stock\" }, " +
                          "{ \"name\": \"By age\", \"value\": \"Weight[Age]\", \"by\": [\"Age\"] } ], ";
        var ok = files.CompileOk(Experiment(Paired + outcomes + "\"costEffectiveness\": { \"cost\": \"spend\", \"qalys\": \"Health\", \"thresholds\": [10000] }"));
        Assert.That(ok.Decisions.CostEffectiveness!.Thresholds, Is.EqualTo(new double[] { 10000 }));
        Assert.That(ok.Decisions.Columns[0].Better, Is.EqualTo(Direction.Lower));

        var (unknown, d1) = files.Compile(Experiment(Paired + outcomes + "\"costEffectiveness\": { \"cost\": \"Spned\", \"qalys\": \"Health\" }"));
        Assert.That(unknown, Is.Null);
        Assert.That(d1.Single(d => d.Severity == Severity.Error).Hint, Is.EqualTo("did you mean 'Spend'?"));

        var (arrayed, d2) = files.Compile(Experiment(Paired + outcomes + "\"costEffectiveness\": { \"cost\": \"By age\", \"qalys\": \"Health\" }"));
        Assert.That(arrayed, Is.Null);
        Assert.That(d2.Single(d => d.Severity == Severity.Error).Code, Is.EqualTo(DiagnosticCodes.InvalidExperiment));

        var (half, d3) = files.Compile(Experiment(Paired + outcomes + "\"costEffectiveness\": { \"cost\": \"Spend\" }"));
        Assert.That(half, Is.Null);
        Assert.That(d3.Single(d => d.Severity == Severity.Error).Message, Does.Contain("give both"));
    }
}
