using Simulation.Engine.Designs;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Runtime.Batches;

namespace Simulation.Tests.Runtime.Batches;

public class DesignTableTests
{
    private const string Model = """
        { "name": "level", "kind": "stock", "initial": "start level", "outflows": ["drain"] },
        { "name": "drain", "kind": "flow", "equation": "level / tau[1] + level / tau[2]" },
        { "name": "start level", "kind": "auxiliary", "equation": 100, "input": true },
        { "name": "tau", "kind": "auxiliary", "dimensions": ["Region"], "equation": 4, "input": true }
        """;

    private const string Dimensions = """[ { "name": "Region", "elements": ["north", "south"] } ]""";

    private static (DesignTable? Table, List<Diagnostic> Diagnostics) Read(string text)
    {
        var diagnostics = new DiagnosticBag();
        var table = DesignTable.Read(new SourceFile("design.csv", text), diagnostics);
        return (table, diagnostics.Items.ToList());
    }

    private static (DesignInputs? Inputs, List<Diagnostic> Diagnostics) Bind(string text)
    {
        var (table, diagnostics) = Read(text);
        Assert.That(table, Is.Not.Null, DiagnosticRenderer.ToText(diagnostics));
        var json = TestModels.Model(Model, dimensions: Dimensions);
        var bound = TestModels.Bind(json);
        var bag = new DiagnosticBag();
        var analysis = Simulation.Engine.Checking.Checker.Check(bound, bag);
        var inputs = table!.Bind(bound, analysis!, bag);
        return (inputs, bag.Items.Where(d => d.IsError).ToList());
    }

    [Test]
    public void Read_QuotesBomCrLfAndBlankLines_ReadsCells()
    {
        var (table, diagnostics) = Read("\uFEFFScenario,\"start level\",\"tau[north]\"\r\n\"base, low\",1.5,2e-1\r\n\r\nhigh, 3 ,4\r\n");
        Assert.That(diagnostics, Is.Empty);
        Assert.Multiple(() =>
        {
            Assert.That(table!.IdColumn, Is.EqualTo("Scenario"));
            Assert.That(table.InputColumns, Is.EqualTo(new[] { "start level", "tau[north]" }));
            Assert.That(table.Ids, Is.EqualTo(new[] { "base, low", "high" }));
            Assert.That(new[] { table.Value(0, 0), table.Value(0, 1), table.Value(1, 0), table.Value(1, 1) }, Is.EqualTo(new[] { 1.5, 0.2, 3, 4 }));
        });
    }

    [TestCase("", DiagnosticCodes.DesignTableEmpty, 1, 1)]
    [TestCase("a,b\n", DiagnosticCodes.DesignTableEmpty, 1, 1)]
    [TestCase("a,b\n1,2\n3\n", DiagnosticCodes.DesignTableMalformed, 3, 1)]
    [TestCase("a,b\n1,x\n", DiagnosticCodes.DesignTableNotANumber, 2, 3)]
    [TestCase("a,b\n1,\n", DiagnosticCodes.DesignTableNotANumber, 2, 3)]
    [TestCase("a,b\n1,NaN\n", DiagnosticCodes.DesignTableNotANumber, 2, 3)]
    [TestCase("a,b\n\"1,2\n", DiagnosticCodes.DesignTableMalformed, 2, 1)]
    [TestCase("a,,b\n1,2,3\n", DiagnosticCodes.DesignTableMalformed, 1, 3)]
    [TestCase("run,a\nr\"1,2\n", DiagnosticCodes.DesignTableMalformed, 2, 2)] // a quote inside an unquoted cell (issue 22, item 9)
    public void Read_BadTable_LocatedDiagnostic(string text, string code, int line, int column)
    {
        var (table, diagnostics) = Read(text);
        Assert.That(table, Is.Null);
        Assert.That(diagnostics.Select(d => (d.Code, d.Location!.Value.Line, d.Location!.Value.Column)), Does.Contain((code, line, column)),
            DiagnosticRenderer.ToText(diagnostics));
    }

    [Test]
    public void Read_EveryBadCell_ReportedAtOnce()
    {
        var (_, diagnostics) = Read("run,a,b\n1,x,2\n2,3,y\n");
        Assert.That(diagnostics.Select(d => d.Message), Is.EqualTo(new[] { "row 1, column 'a': 'x' is not a number", "row 2, column 'b': 'y' is not a number" }));
    }

    [Test]
    public void Bind_ArrayedInputWithoutSubscript_SetsEveryElement()
    {
        var (inputs, diagnostics) = Bind("run,tau,Start_Level\nA,2,50\n");
        Assert.That(diagnostics, Is.Empty);
        var values = new double[inputs!.ParameterCount];
        inputs.Fill(0, values);
        Assert.That(values, Is.EqualTo(new[] { 2, 2, 50 }));
    }

    [TestCase("start levle", DiagnosticCodes.DesignTableUnknownInput, "did you mean 'start level'?")]
    [TestCase("level", DiagnosticCodes.DesignTableNotAnInput, null)]
    [TestCase("drain", DiagnosticCodes.DesignTableNotAnInput, null)]
    public void Bind_ColumnThatIsNotAnInput_DiagnosticAtTheHeader(string column, string code, string? hint)
    {
        var (inputs, diagnostics) = Bind($"run,tau,{column}\nA,2,50\n");
        Assert.That(inputs, Is.Null);
        Assert.That(diagnostics, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(diagnostics[0].Code, Is.EqualTo(code));
            Assert.That(diagnostics[0].Location, Is.EqualTo(new SourceLocation("design.csv", 1, 9)));
            if (hint is not null) Assert.That(diagnostics[0].Hint, Is.EqualTo(hint));
        });
    }

    [Test]
    public void Bind_TwoColumnsSettingOneInput_Diagnostic()
    {
        var (inputs, diagnostics) = Bind("tau,tau[south]\n1,2\n");
        Assert.That(inputs, Is.Null);
        Assert.That(diagnostics.Single().Code, Is.EqualTo(DiagnosticCodes.DesignTableDuplicateInput));
    }
}
