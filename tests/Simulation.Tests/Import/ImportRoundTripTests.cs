using Simulation.Engine;
using Simulation.Engine.Conformance;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Results;
using Simulation.Engine.Runtime;

namespace Simulation.Tests.Import;

/// <summary>
/// `sim import` over both corpora and the Vensim models of tests/crosscheck/mdl: every case that runs, written as our JSON, is valid
/// against the schema and simulates to exactly the same numbers (bit for bit) as the file it came from.
/// </summary>
public class ImportRoundTripTests
{
    public static IEnumerable<TestCaseData> Cases() =>
        new[] { "conformance/sdxorg", "conformance/sdxorg-mdl", "crosscheck/mdl" }.SelectMany(name =>
        {
            string corpus = TestModels.PathOf(["tests", .. name.Split('/')]);
            var setAside = SetAsideList.ReadFor(corpus);
            return ConformanceCase.Discover(corpus)
                .Where(c => setAside.Find(c.Name)?.ExpectError is null) // those cannot be imported: the files are incomplete or use what we lack
                .Select(c => new TestCaseData(c.ModelPath).SetName($"{name.Replace("conformance/", "")}/{c.Name} as JSON"));
        });

    [TestCaseSource(nameof(Cases))]
    public void Import_CorpusModelWrittenAsJson_SimulatesIdentically(string path)
    {
        var diagnostics = new DiagnosticBag();
        var document = ModelPipeline.Read(path, diagnostics);
        Assert.That(document, Is.Not.Null, DiagnosticRenderer.ToText(diagnostics.Items));
        var fromXmile = Run(document!);

        string json = ModelJsonWriter.ToJson(document!, "../docs/schema/model-v1.schema.json");
        var jsonDiagnostics = new DiagnosticBag();
        var reread = ModelJsonReader.Read(new SourceFile("imported.json", json), jsonDiagnostics);
        Assert.That(jsonDiagnostics.Items.Where(d => d.IsError), Is.Empty, DiagnosticRenderer.ToText(jsonDiagnostics.Items) + json);
        var fromJson = Run(reread!);

        Assert.That(fromJson.Names, Is.EqualTo(fromXmile.Names));
        Assert.That(fromJson.Times, Is.EqualTo(fromXmile.Times));
        for (int i = 0; i < fromXmile.Rows.Count; i++)
            Assert.That(fromJson.Rows[i], Is.EqualTo(fromXmile.Rows[i]), $"at time {fromXmile.Times[i]}");
    }

    private static SimulationResult Run(ModelDocument document)
    {
        var diagnostics = new DiagnosticBag();
        var plan = ModelPipeline.Compile(document, diagnostics);
        Assert.That(plan, Is.Not.Null, DiagnosticRenderer.ToText(diagnostics.Items));
        return Simulator.Run(plan!, continueOnNonFinite: true);
    }
}
