using Simulation.Engine;
using Simulation.Engine.Diagnostics;

namespace Simulation.Tests.ModelFiles;

/// <summary>
/// Schema validation runs when the file is read, on the tree the reader parsed: its errors come first, then the
/// reader's and the binder's, and the checker sees them.
/// </summary>
public class SchemaOrderTests
{
    private const string BrokenEverywhere = """
        { "name": "m", "time": { "start": 0, "stop": 10, "dt": 1 },
          "variables": [
            { "name": "a", "kind": "auxiliary", "equation": "b + 1", "colour": "red" },
            { "name": "f", "kind": "flow", "equation": 1, "initial": 2 },
            { "name": "unused", "kind": "auxiliary", "equation": 3 }
          ] }
        """;

    [Test]
    public void SchemaErrors_ComeFirst_ThenTheReadersThenTheBinders()
    {
        var codes = TestModels.Diagnose(BrokenEverywhere).Select(d => d.Code).ToList();
        Assert.That(codes, Is.EqualTo(new[]
        {
            DiagnosticCodes.SchemaViolation, // "colour" is not a property of a variable
            DiagnosticCodes.MisplacedField,  // a flow with an "initial"
            DiagnosticCodes.UnknownVariable, // b
        }), "binding runs after schema errors, as before; and the checker, seeing errors, warns of nothing unused");
    }

    [Test]
    public void CompileFile_WithSchemaErrors_ReportsThemAndCompilesNothing()
    {
        string path = Path.Combine(Path.GetTempPath(), $"schema-order-{Environment.ProcessId}.json");
        File.WriteAllText(path, BrokenEverywhere);
        try
        {
            var diagnostics = new DiagnosticBag();
            Assert.That(ModelPipeline.CompileFile(path, diagnostics), Is.Null);
            Assert.That(diagnostics.Items.Select(d => d.Code), Is.EqualTo(TestModels.Diagnose(BrokenEverywhere).Select(d => d.Code)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void ASchemaErrorAlone_StillStopsTheModel()
    {
        var diagnostics = new DiagnosticBag();
        var document = TestModels.Read("""
            { "name": "m", "time": { "start": 0, "stop": 10, "dt": 1 }, "colour": "red",
              "variables": [ { "name": "a", "kind": "auxiliary", "equation": 1 } ] }
            """, diagnostics);
        var (_, analysis) = ModelPipeline.Check(document!, diagnostics);
        Assert.That(analysis, Is.Null);
        Assert.That(diagnostics.Items.Select(d => d.Code), Is.EqualTo(new[] { DiagnosticCodes.SchemaViolation }));
    }

    /// <summary>The validator compares numbers as decimals; magnitudes beyond them are judged at the edge, never an exception.</summary>
    [TestCase("1e300")]
    [TestCase("-1e300")]
    [TestCase("1e400")]
    public void NumbersBeyondDecimals_AreJudged_NotAnInternalError(string value)
    {
        var codes = TestModels.Diagnose($$"""
            { "name": "m", "formatVersion": {{value}}, "time": { "start": 0, "stop": 10, "dt": 1 },
              "dimensions": [ { "name": "D", "size": {{value}} } ],
              "variables": [ { "name": "a", "kind": "auxiliary", "equation": 1 } ] }
            """).Select(d => d.Code).ToList();
        Assert.That(codes, Does.Contain(DiagnosticCodes.SchemaViolation), "format version 1 is the only one");
    }

    /// <summary>Schema errors of the kinds users meet, worded as before the validator changed (unknown property with the nearest one, enumerations, types).</summary>
    [Test]
    public void SchemaErrors_AreWordedForPeople()
    {
        var messages = TestModels.Diagnose("""
            { "name": "m", "time": { "start": "0", "stop": 10, "dt": 1, "method": "eular" },
              "variables": [ { "name": "a", "kind": "auxiliary", "equation": 1, "elements": { "x": { "equaton": 1 } } },
                             { "name": "g", "kind": "graphical", "graph": { "y": [1], "x": [1], "xRange": [0, 1] } } ] }
            """).Where(d => d.Code == DiagnosticCodes.SchemaViolation).Select(d => $"{d.Message} | {d.Hint}").ToList();
        Assert.That(messages, Is.EquivalentTo(new[]
        {
            "'time.start' must be a number, not text | ",
            "'time.method' is \"eular\", which is not one of: euler, rk2, rk4 | did you mean \"euler\"?",
            "unknown property \"equaton\" in 'variables[0].elements.x' | did you mean \"equation\"?",
            "'variables[1].graph' has properties that cannot be given together | ",
        }));
    }
}
