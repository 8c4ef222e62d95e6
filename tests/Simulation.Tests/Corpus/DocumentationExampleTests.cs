using System.Text.RegularExpressions;
using Simulation.Engine.Diagnostics;

namespace Simulation.Tests.Corpus;

/// <summary>The complete example in docs/model-format.md is a valid model that runs without warnings.</summary>
public class DocumentationExampleTests
{
    [Test]
    public void ModelFormatExample_ChecksAndRuns()
    {
        string doc = File.ReadAllText(TestModels.PathOf("docs", "model-format.md"));
        var block = Regex.Matches(doc, "```json\\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value)
            .First(b => b.Contains("\"variables\""));
        var diagnostics = TestModels.Diagnose(block);
        Assert.That(diagnostics, Is.Empty, DiagnosticRenderer.ToText(diagnostics));
        var result = TestModels.Run(block);
        Assert.That(result.Series("Acute Patients[65+]")[0], Is.EqualTo(36 * 7.2).Within(1e-9));
    }

    [Test]
    public void ElementKeys_WithWildcard_ApplyToEveryElement()
    {
        var result = TestModels.Run(TestModels.Model(
            "{ \"name\": \"Births\", \"kind\": \"auxiliary\", \"equation\": 10 }, " +
            "{ \"name\": \"Births In\", \"kind\": \"auxiliary\", \"dimensions\": [\"Age\", \"Q\"], \"equation\": 0, \"elements\": { \"young,*\": \"Births / 2\" } }",
            dimensions: "[ { \"name\": \"Age\", \"elements\": [\"young\", \"old\"] }, { \"name\": \"Q\", \"size\": 2 } ]"));
        Assert.That(result.Rows[0], Is.EqualTo(new double[] { 10, 5, 5, 0, 0 }));
    }
}
