using System.Globalization;
using Simulation.Engine.Calibration.Counterfactual;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Runtime.Batches;
using Simulation.Tests.Cli;

namespace Simulation.Tests.Calibration;

/// <summary>
/// The evaluate step against outcomes known in advance: Linear(t) = Start - Slope t, an intervention that doubles
/// the slope from day 10, and observations made with and without it.
/// </summary>
public class EvaluateTests
{
    private const string Experiment = """
        { "name": "levels", "model": "model.json",
          "scenarios": [ { "name": "as it was" }, { "name": "steeper", "interventions": [ { "input": "Slope", "at": 10, "multiply": 2 } ] } ],
          "uncertainty": { "design": "table", "table": "posterior.csv" } }
        """;

    private const string Fit = """
        { "model": "model.json", "data": "data.csv", "parameters": [ { "input": "Start" }, { "input": "Slope" } ],
          "fit": [ { "variable": "Linear", "column": "level", "error": "normal", "sd": 1 } ] }
        """;

    /// <summary>200 futures around Start = 100, Slope = 2 (a posterior's spread), and observations of days 1-20 along the given slope after day 10.</summary>
    internal static FitFiles Files(double slopeAfter)
    {
        var files = new FitFiles();
        var random = new Engine.Runtime.RandomStream(1, 0);
        files.Write("posterior.csv", "run,Start,Slope\n" + string.Join("\n", Enumerable.Range(0, 200).Select(r =>
            FormattableString.Invariant($"{r},{100 + MathNet.Numerics.Distributions.Normal.Sample(random, 0, 0.5)},{2 + MathNet.Numerics.Distributions.Normal.Sample(random, 0, 0.02)}"))) + "\n");
        var days = Enumerable.Range(1, 20).Select(t => (double)t).ToList();
        var noise = new Engine.Runtime.RandomStream(2, 0);
        files.Write("data.csv", FitFiles.Data(days, ("level", days.Select(t => 100 - 2 * Math.Min(t, 10) - slopeAfter * Math.Max(0, t - 10)
            + MathNet.Numerics.Distributions.Normal.Sample(noise, 0, 1)).ToList())));
        files.Write("experiment.json", Experiment);
        files.Write("fit.json", Fit);
        return files;
    }

    private static EvaluationReport Evaluate(FitFiles files, string? scenario)
    {
        var diagnostics = new DiagnosticBag();
        var problem = EvaluationCompiler.Compile(files.PathOf("experiment.json"), files.PathOf("fit.json"), null, scenario, 11, new Dictionary<string, double>(), diagnostics);
        Assert.That(problem, Is.Not.Null, DiagnosticRenderer.ToText(diagnostics.Items));
        return CounterfactualEvaluation.Run(problem!, new BatchOptions { Threads = 2 });
    }

    [Test]
    public void Evaluate_InterventionWorked_ObservationsFallBelowTheCounterfactualAsThePlanExpected()
    {
        using var files = Files(slopeAfter: 4);
        var report = Evaluate(files, "steeper");
        var s = report.Series.Single();
        Assert.That(s.Count, Is.EqualTo(10), "days 11-20");
        // each day from 11 lost 2 (t - 10) more than the counterfactual: 2 (1 + ... + 10) = 110 in all
        Assert.That(s.Difference.P50, Is.EqualTo(-110).Within(12));
        Assert.That(s.ProbabilityCounterfactualAbove, Is.EqualTo(1));
        Assert.That(s.ShareOutside, Is.GreaterThan(0.5));
        Assert.That(s.ExpectedDifference!.P50, Is.EqualTo(-110).Within(3), "the plan expected the same");
        Assert.That(report.Observations[^1].Percentile, Is.EqualTo(0), "the last day is below every counterfactual future");
    }

    [Test]
    public void Evaluate_NothingChanged_ObservationsSitWithinTheCounterfactualBand()
    {
        using var files = Files(slopeAfter: 2);
        var report = Evaluate(files, null);
        var s = report.Series.Single();
        Assert.That(s.Difference.P5, Is.LessThan(0));
        Assert.That(s.Difference.P95, Is.GreaterThan(0));
        Assert.That(s.ProbabilityCounterfactualAbove, Is.InRange(0.05, 0.95));
        Assert.That(s.ShareOutside, Is.LessThanOrEqualTo(0.3));
        Assert.That(s.ExpectedDifference, Is.Null);
    }

    [Test]
    public void Evaluate_Cli_WritesTheFilesAndPrintsTheComparison()
    {
        using var files = Files(slopeAfter: 4);
        string output = files.PathOf("out");
        var r = SimProcess.Run("evaluate", files.PathOf("experiment.json"), "--fit", files.PathOf("fit.json"), "--scenario", "steeper", "--from", "11", "--output", output);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(Directory.GetFiles(output).Select(Path.GetFileName).Order(), Is.EqualTo(new[] { "evaluation-summary.csv", "evaluation.csv", "evaluation.html", "evaluation.json" }));
        var lines = File.ReadAllLines(Path.Combine(output, "evaluation.csv"));
        Assert.That(lines[0], Is.EqualTo("time,series,observed,counterfactual_p5,counterfactual_p50,counterfactual_p95,percentile,expected_p5,expected_p50,expected_p95"));
        Assert.That(lines, Has.Length.EqualTo(11));
        Assert.That(double.Parse(lines[1].Split(',')[0], CultureInfo.InvariantCulture), Is.EqualTo(11));
        Assert.That(r.Stdout, Does.Contain("level").And.Contain("steeper"));

        var unknown = SimProcess.Run("evaluate", files.PathOf("experiment.json"), "--fit", files.PathOf("fit.json"), "--scenario", "steper", "--output", files.PathOf("x"));
        Assert.That(unknown.ExitCode, Is.EqualTo(1));
        Assert.That(unknown.Stderr, Does.Contain("no scenario 'steper'").And.Contain("did you mean 'steeper'?"));
        Assert.That(Directory.Exists(files.PathOf("x")), Is.False);
    }

    [Test]
    public void Synthesize_UnderAScenario_MakesUpTheDataItsInterventionGives()
    {
        // the slope doubles from day 10 under "steeper": Linear = 100 - 2 min(t, 10) - 4 max(0, t - 10), plus noise of sd 1
        using var files = Files(slopeAfter: 2);
        var diagnostics = new DiagnosticBag();
        var fit = Engine.Calibration.Format.FitJsonReader.ReadFile(files.PathOf("fit.json"), diagnostics)!;
        var experiment = Engine.Scenarios.Format.ExperimentJsonReader.ReadFile(files.PathOf("experiment.json"), diagnostics)!;
        var problem = Engine.Calibration.Problem.FitCompiler.Compile(fit, diagnostics, new Engine.Calibration.Problem.ScenarioOf(experiment, "STEEPER"));
        Assert.That(problem, Is.Not.Null, DiagnosticRenderer.ToText(diagnostics.Items));
        var drawn = Engine.Calibration.SyntheticData.Draw(FitFiles.Evaluator(problem!), [100, 2], [double.NaN], seed: 4);
        var expected = problem!.Observations.Select(o => 100 - 2 * Math.Min(o.Time, 10) - 4 * Math.Max(0, o.Time - 10)).ToArray();
        var residuals = drawn.Select((y, i) => y - expected[i]).ToArray();
        Assert.That(residuals.Select(Math.Abs).Max(), Is.LessThan(4.5), "within 4.5 sd of the scenario's values");
        Assert.That(Math.Abs(residuals.Average()), Is.LessThan(1), "centred on them");

        var unknown = new DiagnosticBag();
        Assert.That(Engine.Calibration.Problem.FitCompiler.Compile(fit, unknown, new Engine.Calibration.Problem.ScenarioOf(experiment, "steper")), Is.Null);
        Assert.That(DiagnosticRenderer.ToText(unknown.Items), Does.Contain("SD5005").And.Contain("did you mean 'steeper'?"));
    }

    [Test]
    public void Synthesize_Cli_ScenarioAndDataOfTheWeeksAfter()
    {
        using var files = Files(slopeAfter: 2);
        files.Write("after.csv", FitFiles.Data([12, 14, 16], ("level", [0, 0, 0])));
        string output = files.PathOf("made-up.csv");
        var r = SimProcess.Run("synthesize", files.PathOf("fit.json"), "--experiment", files.PathOf("experiment.json"), "--scenario", "steeper",
            "--data", files.PathOf("after.csv"), "--set", "Start=100", "--set", "Slope=2", "--output", output);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        var rows = File.ReadAllLines(output).Skip(1).Select(l => l.Split(',').Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray()).ToList();
        Assert.That(rows.Select(row => row[0]), Is.EqualTo(new[] { 12.0, 14, 16 }));
        for (int k = 0; k < rows.Count; k++)
            Assert.That(rows[k][1], Is.EqualTo(80 - 4 * (rows[k][0] - 10)).Within(4.5), $"day {rows[k][0]}");

        var alone = SimProcess.Run("synthesize", files.PathOf("fit.json"), "--scenario", "steeper", "--output", files.PathOf("x.csv"));
        Assert.That(alone.ExitCode, Is.EqualTo(2));
        Assert.That(alone.Stderr, Does.Contain("--experiment and --scenario go together"));
    }
}
