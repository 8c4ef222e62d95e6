using Simulation.Engine.Diagnostics;
using Simulation.Engine.Levers;
using Simulation.Engine.Scenarios;
using Simulation.Engine.Scenarios.Format;
using Simulation.Engine.Scenarios.Summary;
using Simulation.Tests.Scenarios;

namespace Simulation.Tests.Levers;

/// <summary>
/// The levers app's engine against independent computations of the same numbers: `sim run --set` on the model alone
/// (the reference evaluator) for the point run, and a sweep of the experiment for the futures.
/// </summary>
[TestFixture]
public class LeverModelTests
{
    private static LeverModel Beds => LeverRuns.Load("scenarios", "hospital-beds.json");

    [Test]
    public void PointRun_WithMovedInputs_MatchesSimRunWithTheSameSet()
    {
        // Discharge Capacity is scaled by a sampled factor (so it is layered), Acute Length of Stay is sampled itself.
        (string, double)[] settings = [("Discharge Capacity", 70), ("Acute Length of Stay", 8.1), ("Bed Base", 260)];
        var result = LeverRuns.Run(Beds, new LeverRequest { Inputs = [.. settings.Select(s => new LeverSetting(s.Item1, s.Item2))] });
        var plain = LeverRuns.SimRun("models/hospital-beds.json", settings);

        var chart = Beds.Charts.Single(c => c.Title == "Occupied Beds");
        var line = result.Lines.Single(l => l.Chart == chart.Id);
        Assert.That(result.Times, Is.EqualTo(plain.Times));
        Assert.That(line.Values, Is.EqualTo(plain.Series("Occupied Beds")), "the chart's line is the plain run's, bit for bit");
        var awaiting = plain.Series("Awaiting Discharge");
        Assert.That(Outcome(result, "NCTR patients, day 90").Value, Is.EqualTo(awaiting[plain.Times.ToList().IndexOf(90)]));
        Assert.That(Outcome(result, "NCTR patients, day 365").Value, Is.EqualTo(awaiting[^1]));
        Assert.That(line.Values, Is.Not.EqualTo(line.Baseline), "the moved inputs change the run");
    }

    [Test]
    public void PointRun_OfTheBaselineUnmoved_IsTheModelsOwnRun()
    {
        var result = LeverRuns.Run(Beds, new LeverRequest());
        var plain = LeverRuns.SimRun("models/hospital-beds.json");
        var line = result.Lines.Single(l => l.Chart == Beds.Charts.Single(c => c.Title == "Occupied Beds").Id);
        Assert.That(line.Values, Is.EqualTo(plain.Series("Occupied Beds")));
        Assert.That(line.Baseline, Is.EqualTo(line.Values));
        Assert.That(result.Outcomes.Select(o => o.Value - o.Baseline), Has.All.EqualTo(0).Or.NaN);
    }

    /// <summary>
    /// A lever set to its own value gives the baseline's point run (answered from the baseline's cached run), while its
    /// futures hold the lever at that value where the baseline's sample it: they are run, not taken from the baseline's.
    /// </summary>
    [Test]
    public void LeverSetToItsOwnValue_PointIsTheBaselines_FuturesHoldIt()
    {
        var model = Beds;
        double own = model.Inputs.Inputs.Single(i => i.Name == "Acute Length of Stay").Values[0];
        var result = LeverRuns.Run(model, new LeverRequest { Inputs = [new LeverSetting("Acute Length of Stay", own)], Futures = 20 });
        var baseline = LeverRuns.Run(model, new LeverRequest { Futures = 20 });
        Assert.That(result.Outcomes.Select(o => o.Value), Is.EqualTo(baseline.Outcomes.Select(o => o.Value)));
        Assert.That(result.Outcomes.Select(o => o.Value - o.Baseline), Has.All.EqualTo(0).Or.NaN);
        Assert.That(result.Outcomes.Select(o => o.Futures!.Mean), Is.Not.EqualTo(baseline.Outcomes.Select(o => o.Futures!.Mean)),
            "the futures hold Acute Length of Stay at its value; the baseline's sample it");
    }

    [Test]
    public void Futures_OfEveryScenario_AreTheSweepSummarysStatistics()
    {
        var compiled = ExperimentCompiler.CompileFile(TestModels.PathOf("scenarios", "hospital-beds.json"), new DiagnosticBag())!;
        string folder = Path.Combine(Path.GetTempPath(), "sim-levers-" + Guid.NewGuid().ToString("N"));
        try
        {
            SweepTestRuns.Sweep(compiled, folder);
            var summary = SweepSummary.FromJson(File.ReadAllText(Path.Combine(folder, "summary.json")));
            foreach (var preset in Beds.Presets)
            {
                var result = LeverRuns.Run(Beds, new LeverRequest { Scenario = preset.Name, Futures = 100 });
                Assert.That(result.Futures, Is.EqualTo(100));
                foreach (var o in result.Outcomes)
                {
                    var row = summary.Rows.Single(r => r.Scenario == preset.Name && r.Outcome == o.Outcome && r.Element == o.Element);
                    LeverRuns.AssertSameStatistics(o.Futures, row.Value, $"{preset.Name}: {o.Outcome}");
                    if (row.Comparison is { } d) LeverRuns.AssertSameStatistics(o.Difference, d.Difference, $"{preset.Name}: {o.Outcome} (difference)");
                }
            }
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void Futures_WithPlausibilityTargets_LeaveOutWhatTheSweepLeavesOut()
    {
        string folder = Path.Combine(Path.GetTempPath(), "sim-levers-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var experiment = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(TestModels.PathOf("scenarios", "hospital-beds.json")));
            experiment["model"] = TestModels.PathOf("models", "hospital-beds.json");
            experiment.Remove("$schema");
            experiment["plausibility"] = Newtonsoft.Json.Linq.JArray.Parse("""[{ "outcome": "Mean occupancy", "min": 0.85, "max": 1.0 }]""");
            string file = Path.Combine(folder, "matched.json");
            File.WriteAllText(file, experiment.ToString());
            var served = LeverModel.Load(file, new DiagnosticBag(), new LeverOptions { Threads = 2 })!;
            var compiled = ExperimentCompiler.CompileFile(file, new DiagnosticBag())!;
            SweepTestRuns.Sweep(compiled, Path.Combine(folder, "sweep"));
            var summary = SweepSummary.FromJson(File.ReadAllText(Path.Combine(folder, "sweep", "summary.json")));
            Assert.That(summary.HistoryMatch!.Excluded, Is.GreaterThan(0), "the target leaves some futures out");

            var result = LeverRuns.Run(served, new LeverRequest { Scenario = "more discharge capacity", Futures = 100 });
            Assert.That(result.HistoryMatch, Is.EqualTo(summary.HistoryMatch.Describe()));
            foreach (var o in result.Outcomes)
            {
                var row = summary.Rows.Single(r => r.Scenario == "more discharge capacity" && r.Outcome == o.Outcome);
                LeverRuns.AssertSameStatistics(o.Futures, row.Value, o.Outcome);
                LeverRuns.AssertSameStatistics(o.Difference, row.Comparison?.Difference, $"{o.Outcome} (difference)");
            }
            Assert.That(result.Lines[0].Band, Is.Not.Null);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void Futures_AskedForFewer_AreTheFirstFuturesOfTheExperiment()
    {
        var many = LeverRuns.Run(Beds, new LeverRequest { Inputs = [new LeverSetting("Bed Base", 255)], Futures = 40 });
        var few = LeverRuns.Run(Beds, new LeverRequest { Inputs = [new LeverSetting("Bed Base", 255)], Futures = 7 });
        var line = many.Lines[0];
        Assert.That(few.Lines[0].Band!.P95, Is.Not.EqualTo(line.Band!.P95), "bands over 7 and 40 futures differ");
        Assert.That(few.Outcomes[0].Futures!.Count, Is.EqualTo(7));
        Assert.That(few.Outcomes[0].BaselineFutures!.Count, Is.EqualTo(7), "the baseline's bands use the same 7 futures");
    }

    [Test]
    public void Interventions_InARequest_EqualAScenarioThatHasThem()
    {
        var preset = Beds.Presets.Single(p => p.Name == "assess, then cut");
        var asPreset = LeverRuns.Run(Beds, new LeverRequest { Scenario = preset.Name, Futures = 20, Inputs = [new LeverSetting("Winter Surge", 0.12)] });
        var asRequest = LeverRuns.Run(Beds, new LeverRequest { Interventions = preset.Interventions, Futures = 20, Inputs = [new LeverSetting("Winter Surge", 0.12)] });
        for (int c = 0; c < asRequest.Outcomes.Count; c++)
            LeverRuns.AssertSameStatistics(asRequest.Outcomes[c].Futures, asPreset.Outcomes[c].Futures, asRequest.Outcomes[c].Outcome);
        Assert.That(asRequest.Lines.Select(l => l.Values), Is.EqualTo(asPreset.Lines.Select(l => l.Values)));
        var baseline = LeverRuns.Run(Beds, new LeverRequest { Futures = 20, Inputs = [new LeverSetting("Winter Surge", 0.12)] });
        Assert.That(asRequest.Outcomes.Select(o => o.Futures!.Mean), Is.Not.EqualTo(baseline.Outcomes.Select(o => o.Futures!.Mean)), "the interventions act");
    }

    [Test]
    public void ConcurrentRequests_GiveTheAnswersOfOneAtATime()
    {
        LeverRequest Request(int k) => new()
        {
            Scenario = Beds.Presets[k % Beds.Presets.Count].Name,
            Inputs = [new LeverSetting("Discharge Capacity", 55 + k), new LeverSetting("Acute Length of Stay", 6.5 + 0.1 * k)],
            Futures = k % 3 == 0 ? 12 : 0,
            Interventions = k % 4 == 1 ? [Intervention("Minimum Discharge Delay", 100 + k, 2)] : [],
        };
        var alone = Enumerable.Range(0, 12).Select(k => LeverRuns.Run(Beds, Request(k))).ToList();
        var together = new LeverResult[12];
        Parallel.For(0, 12, new ParallelOptions { MaxDegreeOfParallelism = 6 }, k => together[k] = LeverRuns.Run(Beds, Request(k)));
        for (int k = 0; k < 12; k++)
        {
            LeverRuns.AssertSameOutcomes(together[k].Outcomes, alone[k].Outcomes, $"request {k}");
            Assert.That(together[k].Lines.Select(l => l.Values), Is.EqualTo(alone[k].Lines.Select(l => l.Values)), $"request {k}: lines");
        }
    }

    [Test]
    public void OutOfRangeValue_IsUsedAsGivenWithAWarning()
    {
        var result = LeverRuns.Run(Beds, new LeverRequest { Inputs = [new LeverSetting("Discharge Capacity", 200)] });
        Assert.That(result.Warnings.Single().Field, Is.EqualTo("inputs/Discharge Capacity"));
        Assert.That(result.Warnings.Single().Message, Does.Contain("outside the plausible range"));
        var plain = LeverRuns.SimRun("models/hospital-beds.json", ("Discharge Capacity", 200));
        Assert.That(result.Lines.Single(l => l.Chart == Beds.Charts.Single(c => c.Title == "Occupied Beds").Id).Values,
            Is.EqualTo(plain.Series("Occupied Beds")), "not clamped");
    }

    internal static InterventionDefinition Intervention(string input, double at, double value) => new()
    {
        Target = InputReference.Parse(input, null), Action = InterventionAction.Set, Value = value, Start = at,
    };

    internal static OutcomeResult Outcome(LeverResult result, string name) => result.Outcomes.Single(o => o.Outcome == name);
}
