using FsCheck;
using FsCheck.Fluent;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Model.Json;

namespace Simulation.Tests.ModelFiles;

public class ModelReaderTests
{
    private static ModelDocument Read(string json)
    {
        var diagnostics = new DiagnosticBag();
        var doc = TestModels.Read(json, diagnostics);
        Assert.That(diagnostics.HasErrors, Is.False, DiagnosticRenderer.ToText(diagnostics.Items));
        return doc!;
    }

    [Test]
    public void Read_FullVariable_KeepsEveryField()
    {
        var doc = Read("""
        { "name": "m", "description": "d", "formatVersion": 1,
          "time": { "start": 1, "stop": 5, "dt": 0.5, "savePeriod": 1, "method": "rk4", "units": "years" },
          "dimensions": [ { "name": "Age", "elements": ["young", "old"] }, { "name": "Q", "size": 3 } ],
          "variables": [
            { "name": "Pop", "kind": "stock", "dimensions": ["Age"], "initial": "10", "inflows": ["in"], "outflows": [], "nonNegative": true,
              "units": "people", "doc": "the population" },
            { "name": "in", "kind": "flow", "dimensions": ["Age"], "equation": 1, "elements": { "old": "2" } },
            { "name": "rate", "kind": "auxiliary", "equation": 0.3, "input": true, "source": "ONS 2021", "range": [0.1, 0.5] },
            { "name": "g", "kind": "graphical", "graph": { "xRange": [0, 1], "y": [0, 5, 10], "interpolation": "discrete" } }
          ] }
        """);
        Assert.That(doc.Time, Is.EqualTo(doc.Time with { Start = 1, Stop = 5, Dt = 0.5, SavePeriod = 1, Method = IntegrationMethod.RK4, Units = "years" }));
        Assert.That(doc.Dimensions[1].Elements, Is.EqualTo(new[] { "1", "2", "3" }));
        var pop = doc.Variables[0];
        Assert.That((pop.Kind, pop.Equation!.Text, pop.NonNegative, pop.Units, pop.Documentation), Is.EqualTo((VariableKind.Stock, "10", true, "people", "the population")));
        Assert.That(doc.Variables[1].Elements.Single().Subscript, Is.EqualTo(new[] { "old" }));
        var rate = doc.Variables[2];
        Assert.That((rate.Input!.Source, rate.Input.Low, rate.Input.High), Is.EqualTo(("ONS 2021", (double?)0.1, (double?)0.5)));
        var g = doc.Variables[3].Graph!;
        Assert.That(g.X, Is.EqualTo(new[] { 0, 0.5, 1 }));
        Assert.That(g.Interpolation, Is.EqualTo(GraphInterpolation.Discrete));
    }

    [Test]
    public void Read_ArrayedInputRange_KeepsOneRangePerElement()
    {
        string json = TestModels.Model("{ \"name\": \"r\", \"kind\": \"auxiliary\", \"dimensions\": [\"A\"], \"input\": true, \"elements\": { \"x\": 1, \"y\": 2 }, " +
            "\"range\": [[0.5, 1.5], [1.5, 3]] }, { \"name\": \"u\", \"kind\": \"auxiliary\", \"equation\": \"SUM(r[*]) * TIME\" }",
            dimensions: "[ { \"name\": \"A\", \"elements\": [\"x\", \"y\"] } ]");
        var input = Read(json).Variables[0].Input!;
        Assert.That((input.RangeOf(0), input.RangeOf(1)), Is.EqualTo(((0.5, 1.5), (1.5, 3.0))));
        Assert.That(TestModels.Diagnose(json), Is.Empty);
        Assert.That(TestModels.Diagnose(json.Replace("[[0.5, 1.5], [1.5, 3]]", "[[0.5], [1.5, 3]]")).Single().Code,
            Is.EqualTo(Simulation.Engine.Diagnostics.DiagnosticCodes.DimensionMismatch));
        Assert.That(TestModels.Diagnose(json.Replace("[[0.5, 1.5], [1.5, 3]]", "[[0.5, 3.5], [1.5, 3]]")).Single().Code,
            Is.EqualTo(Simulation.Engine.Diagnostics.DiagnosticCodes.InvalidValue));
    }

    [Test]
    public void Read_EquationWithEscapes_MapsEachCharacterToItsFilePosition()
    {
        string json = "{ \"name\": \"m\", \"time\": { \"start\": 0, \"stop\": 1, \"dt\": 1 }, \"variables\": [ { \"name\": \"a\", \"kind\": \"auxiliary\", \"equation\": \"\\\"q\\\" \\n+ zz\" } ] }";
        var eq = Read(json).Variables[0].Equation!;
        Assert.That(eq.Text, Is.EqualTo("\"q\" \n+ zz"));
        Assert.That(eq.FileOffsetOf(eq.Text.IndexOf("zz", StringComparison.Ordinal)), Is.EqualTo(json.IndexOf("zz", StringComparison.Ordinal)));
    }

    [TestCase("{", "unexpected end of file")]
    [TestCase("{ \"a\": 1, }", "remove the comma")]
    [TestCase("{ 'a': 1 }", "double quotes")]
    [TestCase("{ \"a\": tru }", "expected a value")]
    [TestCase("{ \"a\": 1 } x", "after the end")]
    [TestCase("{ \"a\": \"line\nbreak\" }", "line break inside a string")]
    [TestCase("// comment\n{}", "JSON has no comments")]
    public void Parse_MalformedJson_ExplainsWhatIsWrong(string json, string fragment)
    {
        var diagnostics = new DiagnosticBag();
        Assert.That(JsonParser.Parse(new SourceFile("f.json", json), diagnostics), Is.Null);
        var d = diagnostics.Items.Single();
        Assert.That(d.Code, Is.EqualTo(DiagnosticCodes.MalformedJson));
        Assert.That(d.Message + " " + d.Hint, Does.Contain(fragment));
    }

    [Test]
    public void Parse_DuplicateKeys_ReportsEachAndKeepsTheFirst()
    {
        var diagnostics = new DiagnosticBag();
        var node = (JsonObject)JsonParser.Parse(new SourceFile("f.json", "{ \"a\": 1,\n \"a\": 2, \"a\": 3 }"), diagnostics)!;
        Assert.That(diagnostics.Items.Count(d => d.Code == DiagnosticCodes.DuplicateKey), Is.EqualTo(2));
        Assert.That(((JsonNumber)node["a"]!).Value, Is.EqualTo(1));
        Assert.That(diagnostics.Items[0].Location!.Value.Line, Is.EqualTo(2));
    }

    [FsCheck.NUnit.Property(MaxTest = 2000)]
    public Property Read_AnyText_NeverThrows() =>
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), text =>
        {
            var diagnostics = new DiagnosticBag();
            var doc = TestModels.Read(text ?? "", diagnostics);
            return doc is not null || diagnostics.HasErrors;
        });

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public Property Read_CorruptedBundledModel_NeverThrows() =>
        Prop.ForAll(Gen.Choose(0, 5000).SelectMany(at => Gen.Choose(0, 20).SelectMany(cut => Gen.Elements("", "{", "]", "\"", ",", "1e999", "null", "\\u12")
            .Select(insert => (at, cut, insert)))).ToArbitrary(), edit =>
        {
            string text = File.ReadAllText(TestModels.PathOf("models", "hospital-beds.json"));
            int at = Math.Min(edit.at, text.Length);
            string corrupted = text[..at] + edit.insert + text[Math.Min(text.Length, at + edit.cut)..];
            var diagnostics = new DiagnosticBag();
            var doc = TestModels.Read(corrupted, diagnostics);
            if (doc is not null) Simulation.Engine.ModelPipeline.Check(doc, diagnostics);
            return true;
        });

    [Test]
    public void BundledModels_NameThePublishedSchema()
    {
        foreach (var path in Directory.GetFiles(TestModels.PathOf("models"), "*.json").Append(TestModels.PathOf("benchmarks", "icb-bench", "icb-bench.json")))
        {
            var root = (JsonObject)JsonParser.Parse(new SourceFile(path, File.ReadAllText(path)), new DiagnosticBag())!;
            string schema = ((JsonString)root["$schema"]!).Value;
            string resolved = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, schema));
            Assert.That(resolved, Is.EqualTo(TestModels.PathOf(ModelSchema.RelativePath.Split('/'))), path);
        }
    }
}
