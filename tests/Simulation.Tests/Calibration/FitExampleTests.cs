using Simulation.Engine.Calibration.Format;
using Simulation.Engine.Scenarios.Format;
using Simulation.Engine.Calibration.Problem;
using Simulation.Engine.Diagnostics;

namespace Simulation.Tests.Calibration;

/// <summary>The bundled fit files compile cleanly; the documentation's example is the bundled one; the published schema is the embedded one.</summary>
public class FitExampleTests
{
    /// <summary>The fit files under scenarios/calibration (the folder also holds experiments over calibrated posteriors).</summary>
    public static IEnumerable<string> Fits() =>
        Directory.GetFiles(TestModels.PathOf("scenarios", "calibration"), "*.json")
            .Where(p => File.ReadAllText(p).Contains(Path.GetFileName(SchemaFormat.Fit.RelativePath), StringComparison.Ordinal))
            .Select(p => Path.GetRelativePath(TestModels.Root, p));

    [TestCaseSource(nameof(Fits))]
    public void BundledFit_CompilesWithoutDiagnostics(string path)
    {
        var diagnostics = new DiagnosticBag();
        var problem = FitCompiler.CompileFile(TestModels.PathOf(path), diagnostics);
        Assert.That(problem, Is.Not.Null, DiagnosticRenderer.ToText(diagnostics.Items));
        Assert.That(diagnostics.Items, Is.Empty, DiagnosticRenderer.ToText(diagnostics.Items));
    }

    [Test]
    public void PublishedSchema_IsTheEmbeddedOne() =>
        Assert.That(File.ReadAllText(TestModels.PathOf(SchemaFormat.Fit.RelativePath)), Is.EqualTo(SchemaFormat.Fit.Text));

    [Test]
    public void DocumentationExample_IsTheBundledFluFit()
    {
        string doc = File.ReadAllText(TestModels.PathOf("docs", "calibration.md"));
        int start = doc.IndexOf("```json", StringComparison.Ordinal) + "```json".Length;
        string json = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)].Trim();
        Assert.That(json, Is.EqualTo(File.ReadAllText(TestModels.PathOf("scenarios", "calibration", "flu-sir.json")).Trim()));
    }

    [Test]
    public void PriorDistributions_AreTheExperimentsContinuousOnes()
    {
        // a prior is written as an experiment's uncertain input is: a kind added there must be added here too (or left out on purpose)
        var experiment = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(TestModels.PathOf("docs", "schema", "experiment-v1.schema.json")));
        var fit = Newtonsoft.Json.Linq.JObject.Parse(SchemaFormat.Fit.Text);
        var kinds = experiment["definitions"]!["uncertainInput"]!["properties"]!["distribution"]!["enum"]!.Select(t => (string)t!).Where(k => k != "discrete");
        Assert.That(fit["definitions"]!["prior"]!["properties"]!["distribution"]!["enum"]!.Select(t => (string)t!), Is.EquivalentTo(kinds));
    }
}
