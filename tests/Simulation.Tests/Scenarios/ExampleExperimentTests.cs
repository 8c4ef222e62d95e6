using Simulation.Engine.Diagnostics;
using Simulation.Engine.Scenarios;
using Simulation.Engine.Scenarios.Format;

namespace Simulation.Tests.Scenarios;

/// <summary>The bundled experiments and the documentation's example are valid and run; the published schema is the embedded one.</summary>
public class ExampleExperimentTests
{
    public static IEnumerable<string> Experiments() =>
        Directory.GetFiles(TestModels.PathOf("scenarios"), "*.json").Select(p => Path.GetRelativePath(TestModels.Root, p));

    [TestCaseSource(nameof(Experiments))]
    public void BundledExperiment_CompilesWithoutDiagnostics(string path)
    {
        var diagnostics = new DiagnosticBag();
        var experiment = ExperimentCompiler.CompileFile(TestModels.PathOf(path), diagnostics);
        Assert.That(experiment, Is.Not.Null, DiagnosticRenderer.ToText(diagnostics.Items));
        Assert.That(diagnostics.Items, Is.Empty, DiagnosticRenderer.ToText(diagnostics.Items));
    }

    [Test]
    public void HospitalBeds_Sweep_RunsAndEveryScenarioMovesTheWayItShould()
    {
        var diagnostics = new DiagnosticBag();
        var experiment = ExperimentCompiler.CompileFile(TestModels.PathOf("scenarios", "hospital-beds.json"), diagnostics)!;
        string folder = Path.Combine(Path.GetTempPath(), "sim-beds-" + Guid.NewGuid().ToString("N"));
        try
        {
            Assert.That(SweepTestRuns.Sweep(experiment, folder), Is.EqualTo(Engine.Scenarios.SweepStatus.Completed));
            var summary = Engine.Scenarios.Summary.SweepSummary.FromJson(File.ReadAllText(Path.Combine(folder, "summary.json")));
            var saved = summary.Rows.Where(r => r.Outcome == "Bed days saved" && r.Scenario != "baseline").ToList();
            Assert.That(saved, Has.Count.EqualTo(3));
            Assert.That(saved.Select(r => r.Value.Mean), Is.All.GreaterThan(0), "more discharge capacity frees beds on average");
            var cost = summary.Rows.Where(r => r.Outcome == "Extra cost" && r.Scenario != "baseline");
            Assert.That(cost.Select(r => r.Value.P5), Is.All.GreaterThan(0), "and costs more in every future");
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, true);
        }
    }

    /// <summary>The bundled experiments (interventions, ramps, multipliers, per-element changes, RK4) give the same bytes on both engines.</summary>
    [TestCase("hospital-beds.json", "\"samples\": 100", "\"samples\": 12")]
    [TestCase("ageing-chain.json", "\"samples\": 100", "\"samples\": 10")]
    public void BundledExperiment_VectorEngine_WritesTheReferenceEvaluatorsBytes(string name, string samples, string fewer)
    {
        string folder = Path.Combine(Path.GetTempPath(), "sim-diff-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string text = File.ReadAllText(TestModels.PathOf("scenarios", name)).Replace(samples, fewer).Replace("\"../models/", $"\"{TestModels.PathOf("models")}/");
            var diagnostics = new DiagnosticBag();
            var experiment = ExperimentCompiler.Compile(ExperimentJsonReader.Read(new SourceFile(Path.Combine(folder, name), text), diagnostics)!, diagnostics)!;
            Assert.That(experiment, Is.Not.Null, DiagnosticRenderer.ToText(diagnostics.Items));
            SweepTestRuns.Sweep(experiment, Path.Combine(folder, "reference"), engine: new Engine.Scenarios.Running.ReferenceSweepEngine(threads: 2));
            SweepTestRuns.Sweep(experiment, Path.Combine(folder, "vector"), engine: new Engine.Scenarios.Running.VectorSweepEngine(threads: 2, lanes: 8));
            foreach (var file in Directory.GetFiles(Path.Combine(folder, "reference")))
                Assert.That(File.ReadAllBytes(Path.Combine(folder, "vector", Path.GetFileName(file))), Is.EqualTo(File.ReadAllBytes(file)), Path.GetFileName(file));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Test]
    public void PublishedSchema_IsTheEmbeddedOne()
    {
        Assert.That(File.ReadAllText(TestModels.PathOf(SchemaFormat.Experiment.RelativePath)), Is.EqualTo(SchemaFormat.Experiment.Text));
    }

    [Test]
    public void DocumentationExample_IsTheBundledAgeingChainExperiment()
    {
        string doc = File.ReadAllText(TestModels.PathOf("docs", "experiment-format.md"));
        int start = doc.IndexOf("```json", StringComparison.Ordinal) + "```json".Length;
        string json = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)].Trim();
        Assert.That(json, Is.EqualTo(File.ReadAllText(TestModels.PathOf("scenarios", "ageing-chain.json")).Trim()));
    }

    [Test]
    public void Documentation_ListsEveryExperimentCode()
    {
        string doc = File.ReadAllText(TestModels.PathOf("docs", "experiment-format.md"));
        foreach (var (code, description) in DiagnosticCodes.Descriptions.Where(d => d.Key.StartsWith("SD50", StringComparison.Ordinal)))
            Assert.That(doc, Does.Contain($"| {code} | {description} |"));
    }
}
