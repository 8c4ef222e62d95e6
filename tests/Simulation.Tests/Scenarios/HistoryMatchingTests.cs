using System.Globalization;
using MathNet.Numerics.Statistics;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Scenarios.Summary;
using static Simulation.Tests.Scenarios.ExperimentFiles;
using static Simulation.Tests.Scenarios.SweepTestRuns;

namespace Simulation.Tests.Scenarios;

/// <summary>
/// History matching: futures whose baseline misses a plausibility target are left out of every scenario's summary,
/// counted per target and listed; checked against the outcomes table, which keeps every run.
/// </summary>
public class HistoryMatchingTests
{
    private const int Futures = 40;

    private static string Plausible(string targets) => Experiment(
        "\"scenarios\": [ { \"name\": \"base\" }, { \"name\": \"faster\", \"interventions\": [ { \"input\": \"Rate\", \"at\": 2, \"multiply\": 1.5 } ] } ], " +
        $"\"uncertainty\": {{ \"design\": \"monteCarlo\", \"samples\": {Futures}, \"inputs\": [ {{ \"input\": \"Rate\" }} ] }}, " +
        "\"outcomes\": [ { \"name\": \"left\", \"value\": \"Stock\" }, { \"name\": \"out\", \"total\": \"Out\" }, { \"name\": \"weights\", \"value\": \"Weight[Age]\", \"by\": [\"Age\"] } ], " +
        "\"plausibility\": [ " + targets + " ]");

    [Test]
    public void FuturesMissingATarget_AreLeftOutOfEveryScenario_AndCounted()
    {
        using var files = new ExperimentFiles();
        var experiment = files.CompileOk(Plausible(
            "{ \"outcome\": \"left\", \"min\": 25, \"max\": 45, \"doc\": \"a count we trust\" }, { \"outcome\": \"out\", \"max\": 70 }"));
        string folder = files.PathOf("out");
        Sweep(experiment, folder);
        var outcomes = Outcomes(folder);
        double Baseline(string outcome, int f) => outcomes[(f, outcome, "")];
        var keptLeft = Enumerable.Range(0, Futures).Where(f => Baseline("left", f) is >= 25 and <= 45).ToHashSet();
        var keptOut = Enumerable.Range(0, Futures).Where(f => Baseline("out", f) <= 70).ToHashSet();
        var kept = keptLeft.Intersect(keptOut).Order().ToList();
        Assert.That(kept.Count, Is.InRange(5, Futures - 5), "the targets must keep some futures and leave out others for this test to mean anything");

        var summary = SweepSummary.FromJson(File.ReadAllText(Path.Combine(folder, "summary.json")));
        var match = summary.HistoryMatch!;
        Assert.That(match.Futures, Is.EqualTo(Futures));
        Assert.That(match.Kept, Is.EqualTo(kept));
        Assert.That(match.Misses.Select(m => m.Missed), Is.EqualTo(new[] { Futures - keptLeft.Count, Futures - keptOut.Count }));
        Assert.That(match.Misses[0].Target.Doc, Is.EqualTo("a count we trust"));
        Assert.That(double.IsPositiveInfinity(match.Misses[1].Target.Max), Is.False);
        Assert.That(double.IsNegativeInfinity(match.Misses[1].Target.Min), Is.True, "an open end");

        foreach (var row in summary.Rows.Where(r => r.Element.Length == 0))
        {
            int s = row.Scenario == "base" ? 0 : 1;
            var own = kept.Select(f => outcomes[(s * Futures + f, row.Outcome, "")]).ToArray();
            Assert.That(row.Runs, Is.EqualTo(kept.Count));
            Assert.That(row.Value.LeftOut, Is.EqualTo(new[] { new Exclusion(LeftOutReason.Implausible, Futures - kept.Count) }),
                "each statistic says why its n is short of the futures swept");
            Assert.That(row.Value.Mean, Is.EqualTo(own.Mean()).Within(1e-12 * Math.Abs(own.Mean())));
            Assert.That(row.Value.P50, Is.EqualTo(own.QuantileCustom(0.5, QuantileDefinition.R7)).Within(1e-12 * Math.Abs(row.Value.P50)));
            if (s == 0) continue;
            var diff = kept.Select(f => outcomes[(Futures + f, row.Outcome, "")] - outcomes[(f, row.Outcome, "")]).ToArray();
            Assert.That(row.Comparison!.Difference.Count, Is.EqualTo(kept.Count), "paired over the kept futures only");
            Assert.That(row.Comparison.Difference.LeftOut.Single().Reason, Is.EqualTo(LeftOutReason.Implausible));
            Assert.That(row.Comparison.Difference.Mean, Is.EqualTo(diff.Mean()).Within(1e-9 * Math.Abs(diff.Mean())));
        }
        Assert.That(outcomes.Count(o => o.Key.Outcome == "left"), Is.EqualTo(2 * Futures), "the outcomes table keeps every run");

        var csv = File.ReadAllLines(Path.Combine(folder, "summary.csv"));
        int excluded = SweepSummary.CsvHeader.ToList().IndexOf("excluded");
        Assert.That(csv.Skip(1).Select(l => int.Parse(Corpus.CsvFields.Split(l)[excluded], CultureInfo.InvariantCulture)), Is.All.EqualTo(Futures - kept.Count));
        Assert.That(match.Describe(), Does.StartWith($"History matching: {kept.Count} of {Futures} futures plausible; {Futures - kept.Count} left out"));
        Assert.That(match.Describe(), Does.Contain($"left in [25, 45] ({Futures - keptLeft.Count})"));
    }

    [Test]
    public void WithoutTargets_EveryFutureCounts_AndTheSummaryHasNoHistoryMatch()
    {
        using var files = new ExperimentFiles();
        var experiment = files.CompileOk(Experiment("\"uncertainty\": { \"design\": \"monteCarlo\", \"samples\": 4, \"inputs\": [ { \"input\": \"Rate\" } ] }, " +
            "\"outcomes\": [ { \"name\": \"left\", \"value\": \"Stock\" } ]"));
        string folder = files.PathOf("out");
        Sweep(experiment, folder);
        var summary = SweepSummary.FromJson(File.ReadAllText(Path.Combine(folder, "summary.json")));
        Assert.That(summary.HistoryMatch, Is.Null);
        Assert.That(summary.Rows.Single().Runs, Is.EqualTo(4));
        Assert.That(summary.Rows.Single().Value.LeftOut, Is.Empty);
    }

    [Test]
    public void TargetOnAnOutcomeByElement_ChecksEveryElementOrTheOneNamed()
    {
        using var files = new ExperimentFiles();
        var all = files.CompileOk(Plausible("{ \"outcome\": \"weights\", \"min\": 0, \"max\": 1 }"));
        Assert.That(all.Plausibility.Select(t => t.Element), Is.EqualTo(new[] { "young", "old" }));
        var one = files.CompileOk(Plausible("{ \"outcome\": \"weights\", \"element\": \"old\", \"min\": 0 }"));
        Assert.That(one.Plausibility.Single().ToString(), Is.EqualTo("weights[old] in [0, inf]"));
    }

    [TestCase("{ \"outcome\": \"lef\", \"min\": 1 }", DiagnosticCodes.UnknownOutcome, "did you mean 'left'")]
    [TestCase("{ \"outcome\": \"weights\", \"element\": \"middle\", \"min\": 1 }", DiagnosticCodes.UnknownInputElement, "young, old")]
    [TestCase("{ \"outcome\": \"left\" }", DiagnosticCodes.InvalidExperiment, "neither \"min\" nor \"max\"")]
    [TestCase("{ \"outcome\": \"left\", \"min\": 5, \"max\": 1 }", DiagnosticCodes.InvalidExperiment, "min 5 above max 1")]
    [TestCase("{ \"outcome\": \"left\", \"mni\": 5 }", DiagnosticCodes.SchemaViolation, "did you mean \"min\"")]
    public void BadTarget_IsReportedWhereItIsWritten(string target, string code, string fragment)
    {
        using var files = new ExperimentFiles();
        var (compiled, diagnostics) = files.Compile(Plausible(target));
        Assert.That(compiled, Is.Null);
        var match = diagnostics.FirstOrDefault(d => d.Code == code);
        Assert.That(match, Is.Not.Null, DiagnosticRenderer.ToText(diagnostics));
        Assert.That(match!.Location, Is.Not.Null);
        Assert.That(DiagnosticRenderer.ToText(match), Does.Contain(fragment));
    }
}
