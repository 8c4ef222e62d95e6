using System.Globalization;
using Simulation.Engine;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Runtime;

namespace Simulation.Tests.Corpus;

/// <summary>Every bundled model runs without diagnostics and reproduces its expected output file.</summary>
public class BundledModelTests
{
    public static IEnumerable<TestCaseData> Models() =>
        Directory.GetFiles(TestModels.PathOf("models"), "*.json").Order()
            .Select(path => new TestCaseData(Path.GetFileName(path)).SetName($"BundledModel_{Path.GetFileNameWithoutExtension(path)}"));

    [TestCaseSource(nameof(Models))]
    public void Run_BundledModel_MatchesExpectedOutput(string file)
    {
        string path = TestModels.PathOf("models", file);
        string expectedPath = TestModels.PathOf("models", "expected", Path.ChangeExtension(file, ".csv"));
        Assert.That(File.Exists(expectedPath), Is.True, $"every bundled model has an expected output: {expectedPath}");
        var diagnostics = new DiagnosticBag();
        var plan = ModelPipeline.CompileFile(path, diagnostics);
        Assert.That(plan, Is.Not.Null, DiagnosticRenderer.ToText(diagnostics.Items));
        Assert.That(diagnostics.Items, Is.Empty, "bundled models are free of warnings too: " + DiagnosticRenderer.ToText(diagnostics.Items));
        var result = Simulator.Run(plan!);

        var lines = File.ReadAllLines(expectedPath);
        var header = CsvFields.Split(lines[0]);
        Assert.That(header[0], Is.EqualTo("Time"));
        Assert.That(lines.Length - 1, Is.EqualTo(result.Times.Count), "saved rows");
        for (int c = 1; c < header.Count; c++)
        {
            int column = result.IndexOf(header[c]);
            Assert.That(column, Is.GreaterThanOrEqualTo(0), $"output column {header[c]}");
            for (int r = 1; r < lines.Length; r++)
            {
                double expected = double.Parse(CsvFields.Split(lines[r])[c], CultureInfo.InvariantCulture);
                double actual = result.Rows[r - 1][column];
                Assert.That(actual, Is.EqualTo(expected).Within(1e-10 * Math.Max(1, Math.Abs(expected))), $"{header[c]} at row {r}");
            }
        }
    }
}
