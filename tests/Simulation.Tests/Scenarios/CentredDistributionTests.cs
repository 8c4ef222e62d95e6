using Simulation.Engine.Diagnostics;
using Simulation.Engine.Scenarios.Sampling;
using static Simulation.Tests.Scenarios.ExperimentFiles;

namespace Simulation.Tests.Scenarios;

/// <summary>
/// Distributions centred on the model's value: PERT and the split triangular against closed forms, and their
/// defaults (the input's range in the model as the bounds, its value as the median), element by element.
/// </summary>
public class CentredDistributionTests
{
    /// <summary>The mean as the integral of the quantile function over (0, 1), by the midpoint rule.</summary>
    private static double MeanOf(InputDistribution d, int points = 200_000) =>
        Enumerable.Range(0, points).Sum(i => d.Quantile((i + 0.5) / points)) / points;

    [Test]
    public void Pert_HasTheClassicalMean()
    {
        Assert.That(MeanOf(new PertDistribution(2, 3, 10)), Is.EqualTo((2 + 4 * 3 + 10) / 6.0).Within(1e-5));
        Assert.That(MeanOf(new PertDistribution(0, 8, 10, shape: 2)), Is.EqualTo((0 + 2 * 8 + 10) / 4.0).Within(1e-5), "(min + λ mode + max) / (λ + 2)");
    }

    [Test]
    public void Pert_WithMedian_HasThatMedian_AndItsMedianRangeIsTheBeta1_5Median()
    {
        var d = PertDistribution.WithMedian(150, 300, 935);
        Assert.That(d.Quantile(0.5), Is.EqualTo(300).Within(1e-8));
        Assert.That(d.Mode, Is.InRange(150, 300), "a right-skewed PERT has its mode below its median");
        double lowest = 1 - Math.Pow(2, -1 / 5.0); // the median of Beta(1, 5): 1 - 2^(-1/5)
        Assert.That(PertDistribution.MedianRange(0, 1), Is.EqualTo((lowest, 1 - lowest)));
        Assert.That(new PertDistribution(0, 0, 1).Quantile(0.5), Is.EqualTo(lowest).Within(1e-12));
    }

    [Test]
    public void SplitTriangular_MedianIsExact_HalvesHoldHalf_MeanIsClosedForm()
    {
        var d = new SplitTriangularDistribution(150, 300, 935);
        Assert.That(d.Quantile(0.5), Is.EqualTo(300), "exactly the median");
        Assert.That(d.Quantile(1e-12), Is.EqualTo(150).Within(1e-3));
        Assert.That(d.Quantile(1 - 1e-12), Is.EqualTo(935).Within(1e-3));
        // Each half is a triangle with its mode at the median: means (150 + 2 x 300) / 3 and (935 + 2 x 300) / 3, weighted one half each.
        Assert.That(MeanOf(d), Is.EqualTo((150 + 935 + 4 * 300) / 6.0).Within(1e-4));
    }

    [Test]
    public void CentredKinds_WithoutParameters_TakeEachElementsValueAsMedianAndRangeAsBounds()
    {
        using var files = new ExperimentFiles(ExperimentFiles.Model.Replace(
            "\"equation\": 0.5, \"input\": true }", "\"elements\": { \"young\": 0.2, \"old\": 0.7 }, \"input\": true, \"range\": [[0.1, 0.4], [0.6, 0.9]] }"));
        foreach (string kind in new[] { "splitTriangular", "pert" })
        {
            var experiment = files.CompileOk(Experiment($"\"uncertainty\": {{ \"design\": \"grid\", \"inputs\": [ {{ \"input\": \"Weight\", \"distribution\": \"{kind}\", \"levels\": 3 }} ] }}"));
            var column = experiment.Uncertainty.Columns.Single();
            Assert.That(column.Label, Is.EqualTo("Weight (quantile)"), kind);
            var scenario = experiment.Scenarios[0];
            var (sample, parameters) = (new double[1], new double[scenario.Plan.Parameters.Length]);
            var expected = new[] { new[] { 0.1, 0.4 }, new[] { 0.2, 0.7 }, new[] { 0.6, 0.9 } }; // quantile levels 0, 1/2, 1; young in [0.1, 0.6], old in [0.4, 0.9]
            for (int s = 0; s < 3; s++)
            {
                experiment.Uncertainty.Design.Fill(s, sample);
                scenario.FillParameters(sample, parameters);
                Assert.That(parameters, Is.EqualTo(expected[s]).Within(1e-8), $"{kind}: one draw moves both elements; the middle level is each one's value");
            }
        }
    }

    [Test]
    public void CentredKind_OnAScalar_IsAnOrdinaryColumnCentredOnTheValue()
    {
        using var files = new ExperimentFiles();
        var experiment = files.CompileOk(Experiment("\"uncertainty\": { \"design\": \"latinHypercube\", \"samples\": 5, \"inputs\": [ { \"input\": \"Rate\", \"distribution\": \"splitTriangular\" }, " +
            "{ \"input\": \"Weight\", \"distribution\": \"lognormal\", \"median\": 0.5, \"sigma\": 0.2 } ] }"));
        var columns = experiment.Uncertainty.Columns;
        Assert.That(columns.Select(c => c.Label), Is.EqualTo(new[] { "Rate", "Weight" }));
        Assert.That(columns[0].Distribution!.Quantile(0.5), Is.EqualTo(0.1), "the model's value");
        Assert.That(columns[0].Distribution!.Quantile(0.999999), Is.EqualTo(0.2).Within(1e-3), "the model's range");
        Assert.That(columns[1].Distribution!.Quantile(0.5), Is.EqualTo(0.5).Within(1e-15));
        Assert.That(columns[1].Distribution!.Quantile(0.975), Is.EqualTo(0.5 * Math.Exp(0.2 * 1.959963984540054)).Within(1e-12));
    }

    public static IEnumerable<TestCaseData> Mistakes()
    {
        TestCaseData Case(string name, string input, string fragment, string? model = null) => new TestCaseData(input, fragment, model).SetName(name);
        yield return Case("ValueAtAnEndOfItsRange", "{ \"input\": \"Rate\", \"distribution\": \"splitTriangular\" }", "has its median 0.05 at an end of [0.05, 0.2]",
            ExperimentFiles.Model.Replace("\"equation\": 0.1, \"input\": true", "\"equation\": 0.05, \"input\": true"));
        yield return Case("PertMedianTooNearAnEnd", "{ \"input\": \"Rate\", \"distribution\": \"pert\", \"min\": 0, \"median\": 0.05, \"max\": 1 }", "cannot have the median 0.05");
        yield return Case("PertModeAndMedian", "{ \"input\": \"Rate\", \"distribution\": \"pert\", \"mode\": 0.1, \"median\": 0.1 }", "not both");
        yield return Case("LogNormalMixed", "{ \"input\": \"Rate\", \"distribution\": \"lognormal\", \"median\": 0.1, \"sd\": 0.1 }", "\"median\" and \"sigma\"");
        yield return Case("MultiplierFromTheModel", "{ \"input\": \"Rate\", \"distribution\": \"splitTriangular\", \"apply\": \"multiply\" }", "needs its own parameters");
        yield return Case("NoValueNoRange", "{ \"input\": \"Weight\", \"distribution\": \"splitTriangular\" }", "needs \"min\" and \"max\"");
    }

    [TestCaseSource(nameof(Mistakes))]
    public void CentredKind_Mistake_IsReportedAsAnImpossibleDistribution(string input, string fragment, string? model)
    {
        using var files = new ExperimentFiles(model ?? ExperimentFiles.Model);
        var (compiled, diagnostics) = files.Compile(Experiment("\"uncertainty\": { \"design\": \"monteCarlo\", \"samples\": 3, \"inputs\": [ " + input + " ] }"));
        Assert.That(compiled, Is.Null);
        var match = diagnostics.FirstOrDefault(d => d.Code == DiagnosticCodes.ImpossibleDistribution);
        Assert.That(match, Is.Not.Null, DiagnosticRenderer.ToText(diagnostics));
        Assert.That(DiagnosticRenderer.ToText(match!), Does.Contain(fragment));
    }
}
