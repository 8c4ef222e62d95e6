using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;

namespace Simulation.Tests.Import;

/// <summary>The XMILE reader: simulation specs, names, properties, locations and what it reports.</summary>
public class XmileReaderTests
{
    private static SourceLocation LocationOf(string xml, string fragment, int occurrence = 1)
    {
        int at = -1;
        for (int k = 0; k < occurrence; k++) at = xml.IndexOf(fragment, at + 1, StringComparison.Ordinal);
        return new SourceFile("test.xmile", xml).LocationOf(at);
    }

    [Test]
    public void Read_SimSpecs_StartStopDtMethodUnits()
    {
        var time = XmileModels.Document(XmileModels.File("<aux name=\"a\"><eqn>1</eqn></aux>",
            "<sim_specs method=\"RK4\" time_units=\"Months\"><start>1</start><stop>13</stop><dt>0.25</dt></sim_specs>")).Time;
        Assert.That((time.Start, time.Stop, time.Dt, time.Method, time.Units, time.SavePeriod),
            Is.EqualTo((1.0, 13.0, 0.25, IntegrationMethod.RK4, "Months", (double?)null)));
    }

    [Test]
    public void Read_ReciprocalDt_IsOneOverTheValue()
    {
        var time = XmileModels.Document(XmileModels.File("<aux name=\"a\"><eqn>1</eqn></aux>",
            "<sim_specs><start>0</start><stop>1</stop><dt reciprocal=\"true\">32</dt></sim_specs>")).Time;
        Assert.That(time.Dt, Is.EqualTo(1.0 / 32));
    }

    [Test]
    public void Read_NoDt_DefaultsToOne()
    {
        var time = XmileModels.Document(XmileModels.File("<aux name=\"a\"><eqn>1</eqn></aux>", "<sim_specs><start>0</start><stop>3</stop></sim_specs>")).Time;
        Assert.That(time.Dt, Is.EqualTo(1.0));
    }

    [TestCase("euler", IntegrationMethod.Euler)]
    [TestCase("Euler", IntegrationMethod.Euler)]
    [TestCase("rk2", IntegrationMethod.RK2)]
    [TestCase("gear, rk4", IntegrationMethod.RK4)]
    [TestCase("rk45,rk2", IntegrationMethod.RK2)]
    public void Read_Method_FirstSupportedOfTheList(string written, IntegrationMethod expected)
    {
        var time = XmileModels.Document(XmileModels.File("<aux name=\"a\"><eqn>1</eqn></aux>",
            $"<sim_specs method=\"{written}\"><start>0</start><stop>3</stop></sim_specs>")).Time;
        Assert.That(time.Method, Is.EqualTo(expected));
    }

    [Test]
    public void Read_UnsupportedMethodOnly_ReportedWithItsName()
    {
        var errors = XmileModels.Errors(XmileModels.File("<aux name=\"a\"><eqn>1</eqn></aux>",
            "<sim_specs method=\"gear\"><start>0</start><stop>3</stop></sim_specs>"));
        Assert.That(errors.Single().Code, Is.EqualTo(DiagnosticCodes.UnsupportedXmileFeature));
        Assert.That(errors.Single().Message, Does.Contain("'gear'"));
    }

    [TestCase("isee:save_interval=\"2\"", "")]
    [TestCase("save_interval=\"2\"", "")]
    [TestCase("", "<save_interval>2</save_interval>")]
    public void Read_SaveInterval_BecomesTheSavePeriod(string attribute, string element)
    {
        var xml = XmileModels.File("<stock name=\"s\"><eqn>0</eqn><inflow>f</inflow></stock><flow name=\"f\"><eqn>1</eqn></flow>",
            $"<sim_specs {attribute}><start>0</start><stop>4</stop><dt>0.5</dt>{element}</sim_specs>");
        Assert.That(XmileModels.Document(xml).Time.SavePeriod, Is.EqualTo(2.0));
        Assert.That(XmileModels.Run(xml).Times, Is.EqualTo(new[] { 0.0, 2, 4 }));
    }

    [Test]
    public void Read_RootModelSimSpecs_WinOverTheFilesOnes()
    {
        var xml = XmileModels.File("<aux name=\"a\"><eqn>1</eqn></aux>").Replace("<model>",
            "<model><sim_specs><start>5</start><stop>6</stop><dt>0.5</dt></sim_specs>");
        var time = XmileModels.Document(xml).Time;
        Assert.That((time.Start, time.Stop, time.Dt), Is.EqualTo((5.0, 6.0, 0.5)));
    }

    [Test]
    public void Read_MissingStop_Reported()
    {
        var errors = XmileModels.Errors(XmileModels.File("<aux name=\"a\"><eqn>1</eqn></aux>", "<sim_specs><start>0</start></sim_specs>"));
        Assert.That(errors.Select(e => e.Message), Has.Some.Contains("no <stop>"));
    }

    [Test]
    public void Read_Names_UnderscoresAndEscapesShownAsSpaces()
    {
        var document = XmileModels.Document(XmileModels.File("""
            <aux name="birth_rate"><eqn>1</eqn></aux>
            <aux name="size_of_one\ntime_harvest"><eqn>birth rate * 2</eqn></aux>
            <aux name="&quot;quoted&quot;"><eqn>size_of_one_time_harvest</eqn></aux>
            """));
        Assert.That(document.Variables.Select(v => v.Name), Is.EqualTo(new[] { "birth rate", "size of one time harvest", "quoted" }));
    }

    [Test]
    public void Read_QuotedNamesInEquationsAndFlows_ResolveToTheVariables()
    {
        var result = XmileModels.Run(XmileModels.File("""
            <stock name="Stock with \n Newline"><eqn>10</eqn><inflow>"Flow_w/_division,_and_(parens)"</inflow></stock>
            <flow name="Flow w/ division, and (parens)"><eqn>"Aux_with_$peC!@|"</eqn></flow>
            <aux name="Aux with $peC!@|"><eqn>2</eqn></aux>
            """));
        Assert.That(result.Series("Stock with Newline"), Is.EqualTo(new[] { 10.0, 12, 14, 16, 18 }));
    }

    [Test]
    public void Read_UnitsDocumentationAndRange_Kept()
    {
        var v = XmileModels.Document(XmileModels.File("""
            <aux name="rate"><eqn>0.3</eqn><units>1/year</units><doc>  How fast.  </doc><range min="0" max="1"/></aux>
            """)).Variables.Single();
        Assert.Multiple(() =>
        {
            Assert.That(v.Units, Is.EqualTo("1/year"));
            Assert.That(v.Documentation, Is.EqualTo("How fast."));
            Assert.That((v.Input?.Low, v.Input?.High), Is.EqualTo(((double?)0, (double?)1)));
        });
    }

    [Test]
    public void Read_HeaderName_IsTheModelName()
    {
        Assert.That(XmileModels.Document(XmileModels.File("<aux name=\"a\"><eqn>1</eqn></aux>")).Name, Is.EqualTo("test"));
    }

    [Test]
    public void Read_UnknownVariableInEquation_LocatedAtItsPlaceInTheXml()
    {
        string xml = XmileModels.File("<aux name=\"a\">\n  <eqn>1 + (2 &lt; 3) * unknown_thing</eqn>\n</aux>");
        var error = XmileModels.Errors(xml).Single();
        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.UnknownVariable));
        Assert.That(error.Location, Is.EqualTo(LocationOf(xml, "unknown_thing")));
        Assert.That(error.Equation!.Text, Is.EqualTo("1 + (2 < 3) * unknown_thing"));
    }

    [Test]
    public void Read_SyntaxErrorInCdataEquation_LocatedInTheXml()
    {
        string xml = XmileModels.File("<aux name=\"a\"><eqn><![CDATA[1 + * 2]]></eqn></aux>");
        var error = XmileModels.Errors(xml).Single();
        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.SyntaxError));
        Assert.That(error.Location, Is.EqualTo(LocationOf(xml, "* 2")));
    }

    [Test]
    public void Read_EmptyParenthesesOnBuiltinConstants_Accepted()
    {
        var result = XmileModels.Run(XmileModels.File("<aux name=\"p\"><eqn>PI() + TIME() * 0 + std.ABS(-1)</eqn></aux>"));
        Assert.That(result.Series("p")[0], Is.EqualTo(Math.PI + 1));
    }

    [TestCase("NORMAL(100, 5, 42)", "NORMAL(100, 5, 42)", 0)]
    [TestCase("RANDOM(1, 10, seed_value)", "RANDOM(1, 10)", 1)]
    [TestCase("EXPRND(8, 3)", "EXPRND(8, 3)", 0)]
    [TestCase("POISSON(2, seed_value) + LOGNORMAL(10, 1, 7)", "POISSON(2) + LOGNORMAL(10, 1, 7)", 1)]
    public void Read_RandomWithSeed_NumberKeptOtherSeedDroppedWithAWarning(string written, string translated, int dropped)
    {
        var diagnostics = new DiagnosticBag();
        var document = XmileModels.Read(XmileModels.File($"<aux name=\"seed value\"><eqn>1</eqn></aux><aux name=\"r\"><eqn>{written}</eqn></aux>"), diagnostics)!;
        Assert.That(document.Variables[1].Equation!.Text, Is.EqualTo(translated));
        Assert.That(diagnostics.Items, Has.Count.EqualTo(dropped));
        Assert.That(diagnostics.Items.Select(d => d.Message), Has.All.Contains("seed argument"));
    }

    [Test]
    public void Read_CommentsAndLineBreaksInEquations_Ignored()
    {
        var result = XmileModels.Run(XmileModels.File("<aux name=\"a\"><eqn>2 {two}\n * 3 {three}</eqn></aux>"));
        Assert.That(result.Series("a")[0], Is.EqualTo(6.0));
    }

    [Test]
    public void Read_ConverterPlaceholder_ReportedAsSuch()
    {
        string xml = XmileModels.File("<aux name=\"a\"><eqn> ??? </eqn></aux>");
        var error = XmileModels.Errors(xml).First();
        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.ConverterPlaceholder));
        Assert.That(error.Location, Is.EqualTo(LocationOf(xml, "???")));
    }

    [TestCase("<stock name=\"s\"><eqn>0</eqn><conveyor><len>4</len></conveyor></stock>", "a conveyor stock")]
    [TestCase("<stock name=\"s\"><eqn>0</eqn><queue/></stock>", "a queue stock")]
    [TestCase("<flow name=\"f\"><eqn>1</eqn><multiplier>3</multiplier></flow>", "unit-conversion multiplier")]
    [TestCase("<flow name=\"f\"><eqn>1</eqn><leak>0.1</leak></flow>", "conveyor or queue outflow")]
    public void Read_OptionsThatChangeSimulation_ReportedAsUnsupported(string variable, string feature)
    {
        var error = XmileModels.Errors(XmileModels.File(variable)).First(e => e.Code == DiagnosticCodes.UnsupportedXmileFeature);
        Assert.That(error.Message, Does.Contain(feature));
        Assert.That(error.Location!.Value.Line, Is.GreaterThan(1));
    }

    [Test]
    public void Read_ModuleFromAnotherFile_ReportedAsUnsupported()
    {
        var errors = XmileModels.Errors(XmileModels.File("<module name=\"m\" resource=\"other.xmile\"/>"));
        Assert.That(errors.Select(e => e.Code), Has.Member(DiagnosticCodes.UnsupportedXmileFeature));
    }

    [Test]
    public void Read_UnknownPropertyAndEventPoster_WarnedNotSilent()
    {
        var diagnostics = XmileModels.Diagnose(XmileModels.File("""
            <aux name="a"><eqn>1</eqn><wobble/><event_poster min="0" max="1"/></aux>
            """));
        var warnings = diagnostics.Where(d => d.Code == DiagnosticCodes.XmileElementIgnored).ToList();
        Assert.That(warnings.Select(w => w.Message), Is.EquivalentTo(new[]
        {
            "<wobble> is ignored: it is not a property of <aux> that this engine reads",
            "<event_poster> is ignored: event posters (pausing or stopping a run at a threshold) are not simulated",
        }));
    }

    [Test]
    public void Read_DisplayOnlyAndVendorProperties_SkippedQuietly()
    {
        var diagnostics = XmileModels.Diagnose(XmileModels.File("""
            <aux name="a" flow_concept="true"><eqn>1</eqn><scale min="0" max="2"/><format precision="0.1"/><isee:summing/></aux>
            <group name="sector"><entity name="a"/></group>
            """));
        Assert.That(diagnostics.Where(d => d.Code == DiagnosticCodes.XmileElementIgnored), Is.Empty);
    }

    [Test]
    public void Read_TwoEquationsOnAScalar_Reported()
    {
        var errors = XmileModels.Errors(XmileModels.File("<aux name=\"a\"><eqn>1</eqn><eqn>2</eqn></aux>"));
        Assert.That(errors.Select(e => e.Message), Has.Some.Contains("has 2 <eqn>s"));
    }

    [Test]
    public void Read_NotXmile_Reported()
    {
        var diagnostics = new DiagnosticBag();
        Assert.That(XmileModels.Read("<html><body/></html>", diagnostics), Is.Null);
        Assert.That(diagnostics.Items.Single().Code, Is.EqualTo(DiagnosticCodes.NotXmile));
    }

    [Test]
    public void Read_BinaryFile_ReportedNotThrown()
    {
        var diagnostics = new DiagnosticBag();
        Assert.That(XmileModels.Read("\0\u0001PK", diagnostics), Is.Null);
        Assert.That(diagnostics.Items.Single().Code, Is.EqualTo(DiagnosticCodes.MalformedXml));
    }
}
