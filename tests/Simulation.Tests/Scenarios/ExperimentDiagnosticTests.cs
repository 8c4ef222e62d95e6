using Simulation.Engine.Diagnostics;
using static Simulation.Tests.Scenarios.ExperimentFiles;

namespace Simulation.Tests.Scenarios;

/// <summary>One bad experiment per diagnostic code: the code is reported at the line of the mistake, nothing compiles, nothing throws.</summary>
public class ExperimentDiagnosticTests
{
    private ExperimentFiles _files = null!;

    [SetUp]
    public void CreateFiles() => _files = new ExperimentFiles();

    [TearDown]
    public void RemoveFiles() => _files.Dispose();

    private const string Lhs = "\"uncertainty\": { \"design\": \"latinHypercube\", \"samples\": 10, \"inputs\": [\n";

    public static IEnumerable<TestCaseData> Cases()
    {
        TestCaseData Case(string code, string json, int line, string fragment, string model = ExperimentFiles.Model) =>
            new TestCaseData(code, json, line, fragment, model).SetName($"{code}_{DiagnosticCodes.Descriptions[code].Replace(' ', '_')}");

        yield return Case(DiagnosticCodes.SchemaViolation, Experiment("\n\"scenarios\": [ { \"name\": \"a\", \"sett\": {} } ]"), 2, "did you mean \"set\"");
        yield return Case(DiagnosticCodes.ModelFileMissing, """{ "name": "x",""" + "\n\"model\": \"nowhere.json\" }", 2, "does not exist");
        yield return Case(DiagnosticCodes.UnknownInput, Experiment("\"scenarios\": [ { \"name\": \"a\", \"set\": {\n\"Rat\": 0.2 } } ]"), 2, "did you mean 'Rate'");
        yield return Case(DiagnosticCodes.NotAnInput, Experiment("\"scenarios\": [ { \"name\": \"a\", \"set\": {\n\"Cost\": 0.2 } } ]"), 2, "not an input");
        yield return Case(DiagnosticCodes.UnknownInputElement, Experiment("\"scenarios\": [ { \"name\": \"a\", \"set\": {\n\"Weight[yung]\": 0.2 } } ]"), 2, "did you mean 'young'");
        yield return Case(DiagnosticCodes.UnknownScenario, Experiment("\"scenarios\": [ { \"name\": \"alpha\" },\n { \"name\": \"b\", \"basedOn\": \"alpa\" } ]"), 2, "did you mean 'alpha'");
        yield return Case(DiagnosticCodes.BasedOnCycle, Experiment("\"scenarios\": [ { \"name\": \"a\", \"basedOn\": \"b\" },\n { \"name\": \"b\", \"basedOn\": \"a\" } ]"), 1, "a -> b -> a");
        yield return Case(DiagnosticCodes.DuplicateExperimentName, Experiment("\"scenarios\": [ { \"name\": \"a\" },\n { \"name\": \"A\" } ]"), 2, "two scenarios");
        yield return Case(DiagnosticCodes.ImpossibleDistribution, Experiment(Lhs + "{ \"input\": \"Rate\", \"distribution\": \"triangular\", \"min\": 1,\n \"mode\": 0, \"max\": 2 } ] }"), 3, "min <= mode <= max");
        yield return Case(DiagnosticCodes.EmptyDesign, Experiment("\"uncertainty\": { \"design\": \"monteCarlo\",\n \"samples\": 0 }"), 2, "no samples");
        yield return Case(DiagnosticCodes.InterventionTime, Experiment("\"scenarios\": [ { \"name\": \"a\", \"interventions\": [\n { \"input\": \"Rate\", \"at\": 20, \"set\": 1 } ] } ]"), 2, "outside the run");
        yield return Case(DiagnosticCodes.UnknownOutcome, Experiment("\"outcomes\": [ { \"name\": \"Total out\", \"total\": \"Out\" },\n { \"name\": \"r\", \"ratio\": [\"Total ot\", \"Total out\"] } ]"), 2, "did you mean 'Total out'");
        yield return Case(DiagnosticCodes.OutcomeCycle, Experiment("\"outcomes\": [ { \"name\": \"a\", \"difference\": [\"b\", \"b\"] },\n { \"name\": \"b\", \"changeFromBaseline\": \"a\" } ]"), 1, "loop");
        yield return Case(DiagnosticCodes.OutcomeTime, Experiment("\"outcomes\": [ { \"name\": \"v\", \"value\": \"Stock\",\n \"at\": 0.7 } ]"), 2, "between two steps");
        yield return Case(DiagnosticCodes.DesignTableProblem, Experiment("\"uncertainty\": { \"design\": \"table\",\n \"table\": \"missing.csv\" }"), 2, "cannot read the design table");
        yield return Case(DiagnosticCodes.SampledAndSet, Experiment("\"scenarios\": [ { \"name\": \"a\", \"set\": {\n\"Rate\": 0.2 } } ],\n" + Lhs + "{ \"input\": \"Rate\" } ] }"), 2, "the sample would replace");
        yield return Case(DiagnosticCodes.DiscountPeriodUnknown, Experiment("\"outcomes\": [ { \"name\": \"cost\", \"total\": \"Cost\",\n \"discount\": { \"rate\": 0.035 } } ]"),
            2, "give \"period\"", ExperimentFiles.Model.Replace("\"years\"", "\"days\""));
        yield return Case(DiagnosticCodes.SampledTwice, Experiment(Lhs + "{ \"input\": \"Weight\" , \"min\": 0, \"max\": 1 },\n { \"input\": \"Weight[old]\", \"min\": 0, \"max\": 1 } ] }"), 3, "sampled twice");
        yield return Case(DiagnosticCodes.DesignTooLarge, Experiment("\"uncertainty\": { \"design\": \"grid\", \"inputs\": [\n { \"input\": \"Rate\", \"levels\": 100000, \"min\": 0, \"max\": 1 }, { \"input\": \"Weight\", \"levels\": 100000, \"min\": 0, \"max\": 1 } ] }"), 1, "combinations");
        yield return Case(DiagnosticCodes.OutcomeShapeMismatch, Experiment("\"outcomes\": [ { \"name\": \"by age\", \"value\": \"Weight[Age]\", \"by\": [\"Age\"] }, { \"name\": \"older\", \"value\": \"Weight[Older]\", \"by\": [\"Older\"] },\n { \"name\": \"r\", \"ratio\": [\"by age\", \"older\"] } ]"), 2, "same elements");
        yield return Case(DiagnosticCodes.InvalidExperiment, Experiment("\"scenarios\": [ { \"name\": \"a\", \"interventions\": [\n { \"input\": \"Rate\", \"at\": 2 } ] } ]"), 2, "does not say what happens");
    }

    [TestCaseSource(nameof(Cases))]
    public void Compile_BadExperiment_ReportsCodeAtTheMistake(string code, string json, int line, string fragment, string model)
    {
        _files.Write("model.json", model);
        var (compiled, diagnostics) = _files.Compile(json);
        Assert.That(compiled, Is.Null, "nothing compiles when the experiment has errors");
        var match = diagnostics.FirstOrDefault(d => d.Code == code);
        Assert.That(match, Is.Not.Null, DiagnosticRenderer.ToText(diagnostics));
        Assert.That(match!.Location, Is.Not.Null, "every diagnostic points somewhere");
        Assert.That(match.Location!.Value.Path, Does.EndWith(code == DiagnosticCodes.DesignTableProblem ? "experiment.json" : ".json"));
        Assert.That(match.Location.Value.Line, Is.EqualTo(line), DiagnosticRenderer.ToText(match));
        Assert.That(DiagnosticRenderer.ToText(match), Does.Contain(fragment));
    }

    [Test]
    public void Cases_CoverEveryExperimentCode()
    {
        var tested = Cases().Select(c => (string)c.Arguments[0]!).ToHashSet();
        var untested = DiagnosticCodes.Descriptions.Keys.Where(c => c.StartsWith("SD50", StringComparison.Ordinal) && !tested.Contains(c));
        Assert.That(untested, Is.Empty, "add a bad experiment for each new SD5xxx code");
    }

    [Test]
    public void Uniform_WithoutBounds_TakesEachElementsOwnModelRange()
    {
        _files.Write("model.json", ExperimentFiles.Model.Replace(
            "\"equation\": 0.5, \"input\": true }", "\"equation\": 0.5, \"input\": true, \"range\": [[0.1, 0.4], [0.6, 0.9]] }"));
        var experiment = _files.CompileOk(Experiment("\"uncertainty\": { \"design\": \"grid\", \"inputs\": [ { \"input\": \"Weight[old]\", \"levels\": 2 } ] }"));
        var values = new double[1];
        experiment.Uncertainty.Design.Fill(0, values);
        Assert.That(values[0], Is.EqualTo(0.4), "old's own range [0.4, 0.9]");
        experiment.Uncertainty.Design.Fill(1, values);
        Assert.That(values[0], Is.EqualTo(0.9));
    }

    [Test]
    public void Uniform_WithoutBoundsOverElementsWithDifferentRanges_OneDrawMovesEveryElementAcrossItsOwnRange()
    {
        _files.Write("model.json", ExperimentFiles.Model.Replace(
            "\"equation\": 0.5, \"input\": true }", "\"equation\": 0.5, \"input\": true, \"range\": [[0.1, 0.4], [0.6, 0.9]] }"));
        var experiment = _files.CompileOk(Experiment("\"uncertainty\": { \"design\": \"grid\", \"inputs\": [ { \"input\": \"Weight\", \"levels\": 3 } ] }"));
        Assert.That(experiment.Uncertainty.Columns.Single().Label, Is.EqualTo("Weight (quantile)"));
        var scenario = experiment.Scenarios[0];
        var sample = new double[1];
        var parameters = new double[scenario.Plan.Parameters.Length];
        var expected = new[] { (0.0, new[] { 0.1, 0.4 }), (0.5, new[] { 0.35, 0.65 }), (1.0, new[] { 0.6, 0.9 }) };
        for (int s = 0; s < expected.Length; s++)
        {
            experiment.Uncertainty.Design.Fill(s, sample);
            scenario.FillParameters(sample, parameters);
            Assert.That(sample[0], Is.EqualTo(expected[s].Item1), "the column records the position in the range");
            Assert.That(parameters, Is.EqualTo(expected[s].Item2).Within(1e-15), "young from 0.1 to 0.6, old from 0.4 to 0.9, together");
        }
        var (_, diagnostics) = _files.Compile(Experiment(
            "\"uncertainty\": { \"design\": \"grid\", \"inputs\": [ { \"input\": \"Weight\", \"levels\": 2, \"apply\": \"multiply\" } ] }"));
        var d = diagnostics.Single(x => x.Code == DiagnosticCodes.ImpossibleDistribution);
        Assert.That(d.Hint, Does.Contain("give the factor's distribution in full"));
    }

    [Test]
    public void Compile_ManyProblems_AreAllReportedAtOnce()
    {
        var (_, diagnostics) = _files.Compile(Experiment(
            "\"scenarios\": [ { \"name\": \"a\", \"set\": { \"Rat\": 1 }, \"basedOn\": \"zz\" } ], \"outcomes\": [ { \"name\": \"v\", \"value\": \"Stok\" } ]"));
        Assert.That(diagnostics.Select(d => d.Code), Is.SupersetOf(new[] { DiagnosticCodes.UnknownInput, DiagnosticCodes.UnknownScenario }));
    }

    [Test]
    public void Compile_UnknownVariableInOutcome_IsLocatedInTheExperimentWithTheSpan()
    {
        string json = Experiment("\"outcomes\": [\n { \"name\": \"v\", \"total\": \"Stock + Stok\" } ]");
        var (_, diagnostics) = _files.Compile(json);
        var d = diagnostics.Single(x => x.Code == DiagnosticCodes.UnknownVariable);
        Assert.That(d.Location!.Value.Path, Does.EndWith("experiment.json"));
        Assert.That(d.Location.Value.Line, Is.EqualTo(2));
        Assert.That(d.Location.Value.Column, Is.EqualTo(json.Split('\n')[1].IndexOf("Stok\"", StringComparison.Ordinal) + 1));
        Assert.That(d.Hint, Does.Contain("did you mean 'Stock'"));
    }

    [Test]
    public void Compile_ErrorOnlyInOneScenario_NamesTheScenario()
    {
        var (_, diagnostics) = _files.Compile(Experiment("\"scenarios\": [ { \"name\": \"base\" }, { \"name\": \"loop\", \"set\": { \"Rate\": \"Out / 100\" } } ]"));
        var d = diagnostics.First(x => x.IsError);
        Assert.That(d.Code, Is.EqualTo(DiagnosticCodes.AlgebraicLoop));
        Assert.That(d.Message, Does.EndWith("(in scenario 'loop')"));
    }

    [Test]
    public void Compile_DesignTableWithBadCell_PointsAtTheCell()
    {
        _files.Write("design.csv", "run,Rate,Weight[old]\n0,0.1,0.5\n1,abc,0.4\n");
        var (_, diagnostics) = _files.Compile(Experiment("\"uncertainty\": { \"design\": \"table\", \"table\": \"design.csv\" }"));
        var d = diagnostics.Single(x => x.Code == DiagnosticCodes.DesignTableNotANumber);
        Assert.That(d.Location, Is.EqualTo(new SourceLocation(_files.PathOf("design.csv"), 3, 3)));
    }

    [Test]
    public void Compile_DesignTableWithUnknownColumn_SuggestsTheInput()
    {
        _files.Write("design.csv", "Rte\n0.1\n");
        var (_, diagnostics) = _files.Compile(Experiment("\"uncertainty\": { \"design\": \"table\", \"table\": \"design.csv\" }"));
        var d = diagnostics.Single(x => x.Code == DiagnosticCodes.UnknownInput);
        Assert.That(d.Location!.Value.Line, Is.EqualTo(1));
        Assert.That(d.Hint, Does.Contain("'Rate'"));
    }
}
