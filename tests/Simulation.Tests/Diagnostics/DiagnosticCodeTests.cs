using Simulation.Engine.Diagnostics;
using static Simulation.Tests.TestModels;

namespace Simulation.Tests.Diagnostics;

/// <summary>One bad model per diagnostic code: the code is reported, with a location, and nothing throws.</summary>
public class DiagnosticCodeTests
{
    private const string Aux = "\"kind\": \"auxiliary\"";

    public static IEnumerable<TestCaseData> Cases()
    {
        TestCaseData Case(string code, string json, int? line = null) =>
            new TestCaseData(code, json, line).SetName($"{code}_{DiagnosticCodes.Descriptions[code].Replace(' ', '_')}");

        yield return Case(DiagnosticCodes.MalformedJson, "{ \"name\": \"x\", \"time\": { \"start\": 0 ", 1);
        yield return Case(DiagnosticCodes.DuplicateKey, "{ \"name\": \"x\",\n \"name\": \"y\", \"time\": { \"start\": 0, \"stop\": 1, \"dt\": 1 }, \"variables\": [] }", 2);
        yield return Case(DiagnosticCodes.SchemaViolation, "{ \"name\": \"x\", \"time\": { \"start\": 0, \"stop\": 1, \"dt\": 1 },\n \"variables\": [ { \"name\": \"a\", \"kind\": \"auxilary\", \"equation\": 1 } ] }", 2);
        yield return Case(DiagnosticCodes.InvalidValue, "{ \"name\": \"x\", \"time\": { \"start\": 0, \"stop\": 1e999, \"dt\": 1 }, \"variables\": [] }", 1);
        yield return Case(DiagnosticCodes.UnsupportedFormatVersion, "{ \"formatVersion\": 2, \"name\": \"x\", \"time\": { \"start\": 0, \"stop\": 1, \"dt\": 1 }, \"variables\": [] }", 1);
        yield return Case(DiagnosticCodes.SyntaxError, Model($"{{ \"name\": \"a\", {Aux}, \"equation\": \"1 + * 2\" }}"));
        yield return Case(DiagnosticCodes.TooDeeplyNested, Model($"{{ \"name\": \"a\", {Aux}, \"equation\": \"{new string('(', 300)}1{new string(')', 300)}\" }}"));
        yield return Case(DiagnosticCodes.NumberOutOfRange, Model($"{{ \"name\": \"a\", {Aux}, \"equation\": \"2e400\" }}"));
        yield return Case(DiagnosticCodes.EmptyEquation, Model($"{{ \"name\": \"a\", {Aux}, \"equation\": \" \" }}"));
        yield return Case(DiagnosticCodes.UnknownVariable, Model($"{{ \"name\": \"bed occupancy\", {Aux}, \"equation\": 1 }}, {{ \"name\": \"b\", {Aux}, \"equation\": \"bed ocupancy * 2\" }}"));
        yield return Case(DiagnosticCodes.UnknownFunction, Model($"{{ \"name\": \"a\", {Aux}, \"equation\": \"MAXX(1, 2)\" }}"));
        yield return Case(DiagnosticCodes.WrongArgumentCount, Model($"{{ \"name\": \"a\", {Aux}, \"equation\": \"MAX(1, 2, 3)\" }}"));
        yield return Case(DiagnosticCodes.DuplicateName, Model($"{{ \"name\": \"Bed Occupancy\", {Aux}, \"equation\": 1 }}, {{ \"name\": \"bed_occupancy\", {Aux}, \"equation\": 2 }}"));
        yield return Case(DiagnosticCodes.NotAFlow, Model($"{{ \"name\": \"s\", \"kind\": \"stock\", \"initial\": 1, \"inflows\": [\"a\"] }}, {{ \"name\": \"a\", {Aux}, \"equation\": 1 }}"));
        yield return Case(DiagnosticCodes.MissingEquation, Model($"{{ \"name\": \"a\", {Aux} }}"));
        yield return Case(DiagnosticCodes.InvalidGraph, Model($"{{ \"name\": \"g\", \"kind\": \"graphical\", \"graph\": {{ \"x\": [0, 2, 1], \"y\": [0, 1, 2] }} }}, {{ \"name\": \"a\", {Aux}, \"equation\": \"g(1)\" }}"));
        yield return Case(DiagnosticCodes.NotAFunction, Model($"{{ \"name\": \"k\", {Aux}, \"equation\": 1 }}, {{ \"name\": \"a\", {Aux}, \"equation\": \"k(1)\" }}"));
        yield return Case(DiagnosticCodes.InvalidArgument, Model($"{{ \"name\": \"a\", {Aux}, \"equation\": \"LOOKUP_FORWARD(2, 1)\" }}"));
        yield return Case(DiagnosticCodes.FlowDrainsTwoStocks, Model("{ \"name\": \"s\", \"kind\": \"stock\", \"initial\": 1, \"outflows\": [\"f\"] }, { \"name\": \"t\", \"kind\": \"stock\", \"initial\": 1, \"outflows\": [\"f\"] }, { \"name\": \"f\", \"kind\": \"flow\", \"equation\": 1 }"));
        yield return Case(DiagnosticCodes.MisplacedField, Model($"{{ \"name\": \"s\", \"kind\": \"stock\", \"equation\": 1 }}"));
        yield return Case(DiagnosticCodes.NonPositiveDt, Model($"{{ \"name\": \"a\", {Aux}, \"equation\": 1 }}", "\"start\": 0, \"stop\": 10, \"dt\": 0"));
        yield return Case(DiagnosticCodes.StopNotAfterStart, Model($"{{ \"name\": \"a\", {Aux}, \"equation\": 1 }}", "\"start\": 10, \"stop\": 10, \"dt\": 1"));
        yield return Case(DiagnosticCodes.SavePeriodNotMultiple, Model($"{{ \"name\": \"a\", {Aux}, \"equation\": 1 }}", "\"start\": 0, \"stop\": 10, \"dt\": 0.25, \"savePeriod\": 0.3"));
        yield return Case(DiagnosticCodes.NonWholeStepCount, Model($"{{ \"name\": \"a\", {Aux}, \"equation\": 1 }}", "\"start\": 0, \"stop\": 10, \"dt\": 0.3"));
        const string Dims = "[ { \"name\": \"Age\", \"elements\": [\"young\", \"old\"] }, { \"name\": \"Q\", \"size\": 3 } ]";
        yield return Case(DiagnosticCodes.UnknownDimension, Model($"{{ \"name\": \"a\", {Aux}, \"dimensions\": [\"Agee\"], \"equation\": 1 }}", dimensions: Dims));
        yield return Case(DiagnosticCodes.UnknownElement, Model($"{{ \"name\": \"a\", {Aux}, \"dimensions\": [\"Age\"], \"equation\": 1 }}, {{ \"name\": \"b\", {Aux}, \"equation\": \"a[middle]\" }}", dimensions: Dims));
        yield return Case(DiagnosticCodes.DimensionMismatch, Model($"{{ \"name\": \"a\", {Aux}, \"dimensions\": [\"Age\"], \"equation\": 1 }}, {{ \"name\": \"b\", {Aux}, \"equation\": \"a * 2\" }}", dimensions: Dims));
        yield return Case(DiagnosticCodes.MissingElementEquation, Model($"{{ \"name\": \"a\", {Aux}, \"dimensions\": [\"Age\"], \"elements\": {{ \"young\": 1 }} }}", dimensions: Dims));
        yield return Case(DiagnosticCodes.BadMapping, Model($"{{ \"name\": \"a\", {Aux}, \"equation\": 1 }}",
            dimensions: "[ { \"name\": \"Age\", \"elements\": [\"young\", \"old\"] }, { \"name\": \"Older\", \"subrangeOf\": \"Age\", \"elements\": [\"ancient\"] } ]"));
        yield return Case(DiagnosticCodes.DuplicateElement, Model($"{{ \"name\": \"a\", {Aux}, \"equation\": 1 }}", dimensions: "[ { \"name\": \"Age\", \"elements\": [\"young\", \"Young\"] } ]"));
        yield return Case(DiagnosticCodes.TooManyElements, Model($"{{ \"name\": \"a\", {Aux}, \"equation\": 1 }}", dimensions: "[ { \"name\": \"Age\", \"size\": 2000000 } ]"));
        yield return Case(DiagnosticCodes.ValueOutsideRange, Model($"{{ \"name\": \"a\", {Aux}, \"equation\": 5, \"input\": true, \"range\": [0, 1] }}, {{ \"name\": \"b\", {Aux}, \"equation\": \"a * TIME\" }}"));
        yield return Case(DiagnosticCodes.UnusedVariable, Model($"{{ \"name\": \"a\", {Aux}, \"equation\": 1 }}"));
        yield return Case(DiagnosticCodes.AlgebraicLoop, Model($"{{ \"name\": \"a\", {Aux}, \"equation\": \"b + 1\" }}, {{ \"name\": \"b\", {Aux}, \"equation\": \"a * 2\" }}"));
        yield return Case(DiagnosticCodes.InitialValueCycle, Model("{ \"name\": \"s\", \"kind\": \"stock\", \"initial\": \"t\" }, { \"name\": \"t\", \"kind\": \"stock\", \"initial\": \"s\" }"));
        yield return Case(DiagnosticCodes.DtTooLarge, Model("{ \"name\": \"s\", \"kind\": \"stock\", \"initial\": 1, \"outflows\": [\"f\"] }, { \"name\": \"f\", \"kind\": \"flow\", \"equation\": \"s / 2\" }"));
    }

    [TestCaseSource(nameof(Cases))]
    public void Check_BadModel_ReportsCodeWithLocation(string code, string json, int? line)
    {
        var diagnostics = Diagnose(json);
        var match = diagnostics.FirstOrDefault(d => d.Code == code);
        Assert.That(match, Is.Not.Null, DiagnosticRenderer.ToText(diagnostics));
        Assert.That(match!.Location, Is.Not.Null, "every diagnostic points somewhere");
        if (line is int l) Assert.That(match.Location!.Value.Line, Is.EqualTo(l));
        Assert.That(DiagnosticRenderer.ToText(match), Does.StartWith($"test.json({match.Location!.Value.Line},{match.Location.Value.Column}): "));
    }

    [Test]
    public void Cases_CoverEveryCodeExceptRuntime()
    {
        var tested = Cases().Concat(Import.XmileDiagnosticCodeTests.Cases()).Concat(Import.Vensim.MdlDiagnosticCodeTests.Cases()).Concat(Scenarios.ExperimentDiagnosticTests.Cases())
            .Concat(Calibration.FitDiagnosticTests.Cases()).Select(c => (string)c.Arguments[0]!).ToHashSet();
        // Codes about other inputs than a model are tested with those inputs: design tables and --at times in
        // Runtime/Batches/DesignTableTests and Cli/DesignRunTests. Unit codes (SD4xxx) come from the unit checker,
        // not from ModelPipeline.Check: Units/UnitCheckerTests and Units/BuiltinUnitRuleTests.
        string[] testedElsewhere =
        [
            DiagnosticCodes.UnlikeUnits, DiagnosticCodes.FlowUnits, DiagnosticCodes.EquationUnits, DiagnosticCodes.ArgumentUnits,
            DiagnosticCodes.UnreadableUnits, DiagnosticCodes.NoUnits,
            DiagnosticCodes.NotFinite, DiagnosticCodes.DesignTableEmpty, DiagnosticCodes.DesignTableMalformed, DiagnosticCodes.DesignTableNotANumber,
            DiagnosticCodes.DesignTableUnknownInput, DiagnosticCodes.DesignTableNotAnInput, DiagnosticCodes.DesignTableDuplicateInput,
            DiagnosticCodes.RecordTimeOutsideRun,
            DiagnosticCodes.InvalidUtf8, DiagnosticCodes.FileTooLarge, // about the file's bytes: Hardening/LimitsTests
            // fit files: warnings and a missing data file have their own tests in Calibration/FitDiagnosticTests
            DiagnosticCodes.BoundsOutsideRange, DiagnosticCodes.UnusedDataColumn, DiagnosticCodes.DataFileMissing,
        ];
        var untested = DiagnosticCodes.Descriptions.Keys.Where(c => !tested.Contains(c) && !testedElsewhere.Contains(c));
        Assert.That(untested, Is.Empty,
            "add a bad model for each new diagnostic code (runtime codes are tested in RuntimeDiagnosticTests, experiment codes in Scenarios/ExperimentDiagnosticTests)");
    }

    [Test]
    public void Check_UnknownVariable_SuggestsTheNearestNameAndUnderlinesIt()
    {
        var json = Model($"{{ \"name\": \"bed occupancy\", {Aux}, \"equation\": 1 }},\n{{ \"name\": \"discharges\", {Aux}, \"equation\": \"bed ocupancy / 2\" }}");
        var d = Diagnose(json).Single(x => x.Code == DiagnosticCodes.UnknownVariable);
        string text = DiagnosticRenderer.ToText(d);
        Assert.That(text, Does.Contain("unknown variable 'bed ocupancy' in the equation of 'discharges'"));
        Assert.That(text, Does.Contain("    bed ocupancy / 2\n    ~~~~~~~~~~~~\n"));
        Assert.That(text, Does.Contain("did you mean 'bed occupancy'?"));
        Assert.That(d.Location!.Value.Line, Is.EqualTo(2));
        int column = json.Split('\n')[1].IndexOf("bed ocupancy", StringComparison.Ordinal) + 1;
        Assert.That(d.Location.Value.Column, Is.EqualTo(column));
    }

    [Test]
    public void Check_EscapesInEquationString_LocationStillExact()
    {
        var json = Model($"{{ \"name\": \"a\", {Aux}, \"equation\": \"\\\"x y\\\" + zz\" }}");
        var d = Diagnose(json).First(x => x.Code == DiagnosticCodes.UnknownVariable && x.Message.Contains("zz"));
        Assert.That(d.Location!.Value.Column, Is.EqualTo(json.IndexOf("zz", StringComparison.Ordinal) + 1));
    }

    [Test]
    public void Check_AlgebraicLoop_PrintsTheCycle()
    {
        var d = Diagnose(Model($"{{ \"name\": \"a\", {Aux}, \"equation\": \"b + 1\" }}, {{ \"name\": \"b\", {Aux}, \"equation\": \"c * 2\" }}, {{ \"name\": \"c\", {Aux}, \"equation\": \"a\" }}"))
            .Single(x => x.Code == DiagnosticCodes.AlgebraicLoop);
        Assert.That(d.Message, Does.EndWith("a -> b -> c -> a"));
    }

    [Test]
    public void Check_ManyProblems_AreAllReportedAtOnce()
    {
        var diagnostics = Diagnose(Model($"{{ \"name\": \"a\", {Aux}, \"equation\": \"nope + 1\" }}, {{ \"name\": \"b\", {Aux}, \"equation\": \"MAX(1)\" }}, {{ \"name\": \"c\", {Aux}, \"equation\": \"1 +\" }}"));
        Assert.That(diagnostics.Where(d => d.IsError).Select(d => d.Code),
            Is.SupersetOf(new[] { DiagnosticCodes.UnknownVariable, DiagnosticCodes.SyntaxError }));
        Assert.That(diagnostics.Count(d => d.IsError), Is.GreaterThanOrEqualTo(2));
    }

    [Test]
    public void Check_SchemaViolation_SuggestsTheKnownProperty()
    {
        var d = Diagnose("{ \"name\": \"x\", \"time\": { \"start\": 0, \"stop\": 1, \"dt\": 1 }, \"variables\": [ { \"name\": \"a\", \"kind\": \"auxiliary\", \"equaton\": 1 } ] }")
            .First(x => x.Code == DiagnosticCodes.SchemaViolation);
        Assert.That(d.Message, Does.Contain("\"equaton\""));
        Assert.That(d.Hint, Does.Contain("\"equation\""));
    }

    [Test]
    public void Json_DiagnosticsRender_AsParsableJson()
    {
        var diagnostics = Diagnose(Model($"{{ \"name\": \"a\", {Aux}, \"equation\": \"nope\" }}"));
        var json = Newtonsoft.Json.Linq.JObject.Parse(DiagnosticRenderer.ToJson(diagnostics));
        var first = json["diagnostics"]![0]!;
        Assert.That((string?)first["code"], Is.EqualTo(DiagnosticCodes.UnknownVariable));
        Assert.That((int?)first["line"], Is.EqualTo(1));
        Assert.That((string?)first["variable"], Is.EqualTo("a"));
    }
}
