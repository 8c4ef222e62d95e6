using Simulation.Engine;
using Simulation.Engine.Diagnostics;

namespace Simulation.Tests.ModelFiles;

/// <summary>
/// Schema validation runs on another thread while the model is read and bound; what anyone reads from the
/// diagnostics must be what it was when validation ran in line: schema errors first, then the reader's and
/// the binder's, and the checker seeing the schema's errors.
/// </summary>
public class SchemaBesideBindingTests
{
    private static Diagnostic Error(string code) => new(code, Severity.Error, code, null);

    [Test]
    public void PendingBatch_TakesItsPlace_BeforeLaterDiagnostics()
    {
        var bag = new DiagnosticBag();
        var batch = new TaskCompletionSource<IReadOnlyList<Diagnostic>>();
        bag.Add(Error("first"));
        bag.AddWhenDone(batch.Task);
        bag.Add(Error("later"));
        batch.SetResult([Error("pending 1"), Error("pending 2")]);
        Assert.That(bag.Items.Select(d => d.Code), Is.EqualTo(new[] { "first", "pending 1", "pending 2", "later" }));
    }

    [Test]
    public void HasErrors_WaitsForThePendingBatch()
    {
        var bag = new DiagnosticBag();
        var batch = new TaskCompletionSource<IReadOnlyList<Diagnostic>>();
        bag.AddWhenDone(batch.Task);
        Task.Run(async () =>
        {
            await Task.Delay(50);
            batch.SetResult([Error("late")]);
        });
        Assert.That(bag.HasErrors, Is.True);
    }

    [Test]
    public void PendingBatch_Failure_IsRethrownToTheReader()
    {
        var bag = new DiagnosticBag();
        bag.AddWhenDone(Task.FromException<IReadOnlyList<Diagnostic>>(new InvalidOperationException("schema missing")));
        Assert.That(() => bag.Items, Throws.InvalidOperationException.With.Message.EqualTo("schema missing"));
    }

    private static Diagnostic Warning(string code) => new(code, Severity.Warning, code, null);

    [Test]
    public void WarningsOnCondition_DroppedWhenThePendingBatchBringsAnError()
    {
        var bag = new DiagnosticBag();
        var batch = new TaskCompletionSource<IReadOnlyList<Diagnostic>>();
        bag.AddWhenDone(batch.Task);
        bag.Add(Warning("binder"));
        bag.AddIfNoErrors([Warning("unused")]);
        bag.Add(Warning("step size"));
        batch.SetResult([Error("schema")]);
        Assert.That(bag.Items.Select(d => d.Code), Is.EqualTo(new[] { "schema", "binder", "step size" }));
    }

    [Test]
    public void WarningsOnCondition_TakeTheirPlaceWhenThePendingBatchHasNoError()
    {
        var bag = new DiagnosticBag();
        var batch = new TaskCompletionSource<IReadOnlyList<Diagnostic>>();
        bag.AddWhenDone(batch.Task);
        bag.Add(Warning("binder"));
        bag.AddIfNoErrors([Warning("unused 1"), Warning("unused 2")]);
        bag.Add(Error("later error"));
        batch.SetResult([Warning("schema warning")]);
        Assert.That(bag.Items.Select(d => d.Code),
            Is.EqualTo(new[] { "schema warning", "binder", "unused 1", "unused 2", "later error" }),
            "an error after the warnings does not remove them, as in line it would not have");
    }

    [Test]
    public void WarningsOnCondition_WithNothingPending_DependOnTheErrorsSoFar()
    {
        var clean = new DiagnosticBag();
        clean.AddIfNoErrors([Warning("unused")]);
        var broken = new DiagnosticBag();
        broken.Add(Error("binder"));
        broken.AddIfNoErrors([Warning("unused")]);
        Assert.That(clean.Items.Select(d => d.Code), Is.EqualTo(new[] { "unused" }));
        Assert.That(broken.Items.Select(d => d.Code), Is.EqualTo(new[] { "binder" }));
    }

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
        string path = Path.Combine(Path.GetTempPath(), $"schema-beside-binding-{Environment.ProcessId}.json");
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
}
