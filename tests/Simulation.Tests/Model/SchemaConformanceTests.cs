using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Model.Json;
using Simulation.Engine.Scenarios.Format;
using Simulation.Tests.Fuzz;
using Verdict = Simulation.Engine.Model.Json.SchemaConformance.Verdict;

namespace Simulation.Tests.ModelFiles;

/// <summary>
/// The quick conformance check (<see cref="SchemaConformance"/>) against the full JSON-Schema validator it stands in
/// for: wherever it gives an answer, the full validator gives the same; and the bundled files, which conform, pass it
/// without the full validator (the speed it is for).
/// </summary>
public class SchemaConformanceTests
{
    private static readonly Dictionary<string, SchemaValidator> Validators = new()
    {
        ["model"] = new SchemaValidator(ModelSchema.Text),
        ["experiment"] = new SchemaValidator(SchemaFormat.Experiment.Text),
        ["fit"] = new SchemaValidator(SchemaFormat.Fit.Text),
    };

    /// <summary>Every bundled file of the three formats, by its $schema.</summary>
    private static IEnumerable<(string Kind, string Path)> BundledFiles() =>
        new[] { "models", "scenarios", Path.Combine("scenarios", "calibration"), Path.Combine("benchmarks", "shards"), Path.Combine("benchmarks", "icb-bench") }
            .Select(folder => TestModels.PathOf(folder)).Where(Directory.Exists)
            .SelectMany(folder => Directory.GetFiles(folder, "*.json"))
            .Select(path => (Kind: KindOf(File.ReadAllText(path)), path)).Where(f => f.Kind is not null).Select(f => (f.Kind!, f.path));

    private static string? KindOf(string text) =>
        text.Contains("model-v1.schema.json") ? "model" : text.Contains("experiment-v1.schema.json") ? "experiment" : text.Contains("fit-v1.schema.json") ? "fit" : null;

    private static JsonNode? Parse(string text)
    {
        var diagnostics = new DiagnosticBag();
        var tree = JsonParser.Parse(new SourceFile("case.json", text), diagnostics);
        return diagnostics.HasErrors ? null : tree;
    }

    [Test]
    public void BundledFiles_PassTheQuickCheck_AsTheFullValidatorPassesThem()
    {
        var files = BundledFiles().ToList();
        Assert.That(files.Select(f => f.Kind).Distinct(), Is.EquivalentTo(new[] { "model", "experiment", "fit" }));
        foreach (var (kind, path) in files)
        {
            var tree = Parse(File.ReadAllText(path))!;
            Assert.That(Validators[kind].PassesFully(tree), Is.True, path);
            Assert.That(Validators[kind].QuickVerdict(tree), Is.EqualTo(Verdict.Conforms), path);
        }
    }

    /// <summary>
    /// Seeded mutations of the bundled files (the fuzzer's: changed numbers, names, types, dropped keys, duplicated
    /// lines): of those still well-formed, each quick answer given is the full validator's. Both answers must occur
    /// often, or the comparison would prove little.
    /// </summary>
    [Test]
    public void MutatedFiles_QuickAnswer_IsTheFullValidators()
    {
        var files = BundledFiles().Where(f => new FileInfo(f.Path).Length < 30_000).Select(f => (f.Kind, Text: File.ReadAllText(f.Path))).ToList();
        var counts = new Dictionary<Verdict, int> { [Verdict.Conforms] = 0, [Verdict.Violates] = 0, [Verdict.Unsure] = 0 };
        var random = new Random(2112);
        for (int i = 0; i < 4000; i++)
        {
            var (kind, text) = files[random.Next(files.Count)];
            var mutator = new Mutator(new Random(random.Next()));
            string mutated = System.Text.Encoding.UTF8.GetString(mutator.Mutate(text, "json"));
            if (mutated.Length > 200_000 || Parse(mutated) is not { } tree) continue;
            var quick = Validators[kind].QuickVerdict(tree);
            counts[quick]++;
            if (quick == Verdict.Unsure) continue;
            Assert.That(quick == Verdict.Conforms, Is.EqualTo(Validators[kind].PassesFully(tree)), $"case {i} ({kind}: {mutator.Describe})");
        }
        TestContext.Out.WriteLine(string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}")));
        Assert.That(counts[Verdict.Conforms], Is.GreaterThan(150));
        Assert.That(counts[Verdict.Violates], Is.GreaterThan(150));
    }

    /// <summary>Values at the edges of how the full validator reads numbers, text and alternatives.</summary>
    [TestCase("model", """{ "name": "m", "formatVersion": 1.0, "time": { "start": 0, "stop": 1, "dt": 1 }, "variables": [] }""")]
    [TestCase("model", """{ "name": "m", "formatVersion": 2, "time": { "start": 0, "stop": 1, "dt": 1 }, "variables": [] }""")]
    [TestCase("model", """{ "name": "m", "formatVersion": 1.5, "time": { "start": 0, "stop": 1, "dt": 1 }, "variables": [] }""")]
    [TestCase("model", """{ "name": "", "time": { "start": 0, "stop": 1, "dt": 1 }, "variables": [] }""")]
    [TestCase("model", """{ "name": "m", "time": { "start": 0, "stop": 1, "dt": 1e-30 }, "variables": [] }""")]
    [TestCase("model", """{ "name": "m", "time": { "start": 0, "stop": 1, "dt": -1 }, "variables": [] }""")]
    [TestCase("model", """{ "name": "m", "time": { "start": 0, "stop": 1e400, "dt": 1 }, "variables": [] }""")]
    [TestCase("model", """{ "name": "m", "time": { "start": 0, "stop": 1, "dt": 1 }, "variables": [ { "name": "x", "kind": "stock", "initial": "1" } ] }""")]
    [TestCase("model", """{ "name": "m", "time": { "start": 0, "stop": 1, "dt": 1 }, "variables": [ { "name": "x", "kind": "pool", "initial": "1" } ] }""")]
    [TestCase("model", """{ "name": "m", "time": { "start": 0, "stop": 1, "dt": 1 }, "dimensions": [ { "name": "d", "size": 2, "elements": ["a", "b"] } ], "variables": [] }""")]
    [TestCase("model", """{ "name": "m", "time": { "start": 0, "stop": 1, "dt": 1 }, "dimensions": [ { "name": "d", "size": 2 } ], "variables": [] }""")]
    [TestCase("model", """{ "name": "m", "time": { "start": 0, "stop": 1, "dt": 1 }, "variables": [], "extra": 1 }""")]
    [TestCase("experiment", """{ "name": "e", "model": "m.json", "seed": 1099511627776, "uncertainty": { "design": "sobol", "samples": 1099511627776 } }""")]
    [TestCase("experiment", """{ "name": "e", "model": "m.json", "seed": 9007199254740993, "uncertainty": { "design": "sobol", "samples": 10 } }""")]
    [TestCase("experiment", """{ "name": "e", "model": "m.json", "seed": 12.5, "uncertainty": { "design": "sobol", "samples": 10 } }""")]
    [TestCase("experiment", """{ "name": "e", "model": "m.json", "uncertainty": { "design": "sobol", "samples": 0 } }""")]
    [TestCase("experiment", """{ "name": "e", "model": "m.json", "uncertainty": { "design": "sobol", "samples": 10 } }""")]
    [TestCase("experiment", """{ "name": "e", "model": "", "scenarios": [] }""")]
    [TestCase("fit", """{ "model": "m.json", "data": "d.csv", "parameters": [] }""")]
    public void EdgeCases_QuickAnswer_IsTheFullValidators(string kind, string text)
    {
        var tree = Parse(text)!;
        var quick = Validators[kind].QuickVerdict(tree);
        bool full = Validators[kind].PassesFully(tree);
        TestContext.Out.WriteLine($"quick {quick}, full {(full ? "passes" : "fails")}");
        if (quick != Verdict.Unsure) Assert.That(quick == Verdict.Conforms, Is.EqualTo(full));
        // What users see comes from the full validator whenever the quick check does not pass a file.
        Assert.That(Validators[kind].Validate(new SourceFile("case.json", text), tree).Count == 0, Is.EqualTo(full));
    }
}
