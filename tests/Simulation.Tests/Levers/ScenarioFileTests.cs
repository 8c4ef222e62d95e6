using Newtonsoft.Json.Linq;
using Simulation.Engine.Levers;
using Simulation.Engine.Scenarios.Summary;
using Simulation.Tests.Cli;

namespace Simulation.Tests.Levers;

/// <summary>"Save as scenario" writes an experiment that `sim sweep` runs as it is, and the sweep gives the app's numbers.</summary>
[TestFixture]
public class ScenarioFileTests
{
    [Test]
    public void SavedScenario_SweptBySimSweep_GivesTheAppsFutures()
    {
        var beds = LeverRuns.Load("scenarios", "hospital-beds.json");
        // A preset with interventions and a basedOn chain; a multiplied sampled input (set), a sampled input (an
        // intervention at the start, since a sweep may not set it), an input nobody samples, and an added intervention.
        var request = new LeverRequest
        {
            Name = "my levers",
            Scenario = "assess, then cut",
            Inputs = [new LeverSetting("Discharge Capacity", 68), new LeverSetting("Acute Length of Stay", 8.2), new LeverSetting("Bed Base", 255)],
            Interventions = [LeverModelTests.Intervention("Minimum Discharge Delay", 200, 1.5)],
            Futures = 100,
        };
        var app = LeverRuns.Run(beds, request);
        string text = beds.SaveScenario(request, out var problem)!;
        Assert.That(problem, Is.Null);

        var saved = (JObject)JObject.Parse(text)["scenarios"]!.Last!;
        Assert.That((string?)saved["name"], Is.EqualTo("my levers"));
        Assert.That(saved["basedOn"], Is.Null, "flattened");
        Assert.That(saved["set"]!.ToObject<Dictionary<string, double>>(), Is.EqualTo(new Dictionary<string, double> { ["Discharge Capacity"] = 68, ["Bed Base"] = 255 }));
        Assert.That(saved["interventions"]![0]!.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo("""{"input":"Acute Length of Stay","at":0.0,"set":8.2}"""));

        string folder = Path.Combine(Path.GetTempPath(), "sim-saved-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string file = Path.Combine(folder, "saved.json");
            File.WriteAllText(file, text);
            var sweep = SimProcess.Run("sweep", file, "--output", Path.Combine(folder, "sweep"));
            Assert.That(sweep.ExitCode, Is.EqualTo(0), sweep.Stderr);
            var summary = SweepSummary.FromJson(File.ReadAllText(Path.Combine(folder, "sweep", "summary.json")));
            foreach (var o in app.Outcomes)
            {
                var row = summary.Rows.Single(r => r.Scenario == "my levers" && r.Outcome == o.Outcome && r.Element == o.Element);
                LeverRuns.AssertSameStatistics(o.Futures, row.Value, o.Outcome);
                if (row.Comparison is { } d) LeverRuns.AssertSameStatistics(o.Difference, d.Difference, $"{o.Outcome} (difference)");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void SavedScenario_OfABareModel_AddsTheBaselineAndRunsFromAnyFolder()
    {
        var sir = LeverRuns.Load("models", "sir.json");
        var input = sir.Inputs.Inputs.First(i => i.Settable && !i.IsArrayed);
        var request = new LeverRequest { Name = "faster", Inputs = [new LeverSetting(input.Name, input.Values[0] * 1.5)] };
        var app = LeverRuns.Run(sir, request);
        var root = JObject.Parse(sir.SaveScenario(request, out _)!);
        Assert.That(root["scenarios"]!.Select(s => (string?)s["name"]), Is.EqualTo(new[] { "baseline", "faster" }));
        Assert.That(Path.IsPathRooted((string)root["model"]!), "the model path is absolute, so the file runs from anywhere");

        string folder = Path.Combine(Path.GetTempPath(), "sim-saved-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, "sir-faster.json"), root.ToString());
            var sweep = SimProcess.Run("sweep", Path.Combine(folder, "sir-faster.json"), "--output", Path.Combine(folder, "out"));
            Assert.That(sweep.ExitCode, Is.EqualTo(0), sweep.Stderr);
            var summary = SweepSummary.FromJson(File.ReadAllText(Path.Combine(folder, "out", "summary.json")));
            foreach (var o in app.Outcomes)
                Assert.That(summary.Rows.Single(r => r.Scenario == "faster" && r.Outcome == o.Outcome).Value.Mean, Is.EqualTo(o.Value), o.Outcome);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
