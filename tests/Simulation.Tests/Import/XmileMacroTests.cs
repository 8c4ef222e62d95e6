using Simulation.Engine.Conformance;
using Simulation.Engine.Diagnostics;

namespace Simulation.Tests.Import;

/// <summary>Macros (3.6.1, 4.8): expanded at import, as expressions or as per-call copies of their variables.</summary>
public class XmileMacroTests
{
    /// <summary>The variables of the SDXorg macro cases, whose XMILE files call a macro they do not define.</summary>
    private const string CorpusVariables = """
        <aux name="macro parameter"><eqn>1.1</eqn></aux>
        <aux name="macro input"><eqn>5</eqn></aux>
        <aux name="macro output"><eqn>EXPRESSION MACRO(macro_input, macro_parameter)</eqn></aux>
        """;

    /// <summary>
    /// The macros of the three SDXorg macro cases, as their .mdl files define them, written as XMILE:
    /// with them the cases' own model reproduces the canonical output.
    /// </summary>
    [TestCase("macro_expression", "<eqn>input * parameter</eqn>", 1)]
    [TestCase("macro_multi_expression", "<eqn>input * intermediate</eqn><variables><aux name=\"intermediate\"><eqn>parameter * 3</eqn></aux></variables>", 1)]
    [TestCase("macro_stock", """
        <eqn>accumulated</eqn>
        <variables>
            <stock name="accumulated"><eqn>parameter</eqn><inflow>adding</inflow></stock>
            <flow name="adding"><eqn>input</eqn></flow>
        </variables>
        """, 10)]
    public void Macro_CorpusMacrosWrittenInXmile_ReproduceTheCanonicalOutput(string folder, string body, double stop)
    {
        string macro = $"<macro name=\"EXPRESSION MACRO\"><parm>input</parm><parm>parameter</parm>{body}</macro>";
        var result = XmileModels.Run(XmileModels.File(CorpusVariables,
            $"<sim_specs><start>0</start><stop>{stop}</stop><dt>1</dt></sim_specs>", macro));
        var expected = CanonicalOutput.ReadFile(TestModels.PathOf("tests", "conformance", "sdxorg", "tests", folder, "output.tab"));
        var comparison = ResultComparison.Compare(result, expected);
        Assert.That(comparison.FirstMismatch, Is.Null);
        Assert.That(comparison.ValuesCompared, Is.GreaterThanOrEqualTo(3 * (stop + 1)));
    }

    [Test]
    public void Macro_Arguments_KeepTheirPrecedence()
    {
        var result = XmileModels.Run(XmileModels.File("<aux name=\"y\"><eqn>TIMES(1 + 2, 3) - TIMES(2, -1)^2</eqn></aux>",
            fileLevel: "<macro name=\"TIMES\"><parm>a</parm><parm>b</parm><eqn>a * b</eqn></macro>"));
        Assert.That(result.Series("y")[0], Is.EqualTo(5.0));
    }

    [Test]
    public void Macro_DefaultParameter_MayUseEarlierOnes()
    {
        var result = XmileModels.Run(XmileModels.File("<aux name=\"y\"><eqn>SCALE(3) + SCALE(3, 10)</eqn></aux>",
            fileLevel: "<macro name=\"SCALE\"><parm>x</parm><parm default=\"x * 2\">factor</parm><eqn>x * factor</eqn></macro>"));
        Assert.That(result.Series("y")[0], Is.EqualTo(18.0 + 30));
    }

    [Test]
    public void Macro_CallingAnotherMacro_ExpandedThroughout()
    {
        var result = XmileModels.Run(XmileModels.File("<aux name=\"y\"><eqn>QUAD(TIME)</eqn></aux>", fileLevel: """
            <macro name="DOUBLE"><parm>x</parm><eqn>x + x</eqn></macro>
            <macro name="QUAD"><parm>x</parm><eqn>DOUBLE(DOUBLE(x))</eqn></macro>
            """));
        Assert.That(result.Series("y"), Is.EqualTo(new[] { 0.0, 4, 8, 12, 16 }));
    }

    /// <summary>The SMOOTH1 macro of XMILE 4.8.2, against the Euler recurrence s' = s + dt (x - s) / T.</summary>
    [Test]
    public void Macro_WithAStock_EachCallHasItsOwnStock()
    {
        var result = XmileModels.Run(XmileModels.File("""
            <aux name="smoothed"><eqn>SMOOTH1(input, 2) + 0 * SMOOTH1(100, 1)</eqn></aux>
            <aux name="input"><eqn>STEP(10, 1)</eqn></aux>
            """, fileLevel: """
            <macro name="SMOOTH1">
                <parm>input</parm><parm>averaging_time</parm><parm default="input">initial</parm>
                <eqn>Smooth_of_Input</eqn>
                <variables>
                    <stock name="Smooth_of_Input"><eqn>initial</eqn><inflow>change_in_smooth</inflow></stock>
                    <flow name="change_in_smooth"><eqn>(input - Smooth_of_Input)/averaging_time</eqn></flow>
                </variables>
            </macro>
            """));
        Assert.That(result.Series("smoothed"), Is.EqualTo(new[] { 0.0, 0, 5, 7.5, 8.75 }));
        Assert.That(result.Series("smoothed.SMOOTH1.Smooth of Input"), Is.EqualTo(result.Series("smoothed")));
        Assert.That(result.Series("smoothed.SMOOTH1 2.Smooth of Input"), Is.EqualTo(new[] { 100.0, 100, 100, 100, 100 }));
    }

    [Test]
    public void Macro_WithAStockInAnArrayedVariable_OneStockPerElement()
    {
        var result = XmileModels.Run(XmileModels.File("""
            <aux name="total"><dimensions><dim name="N"/></dimensions><eqn>ACCUMULATE(N)</eqn></aux>
            """, fileLevel: """
            <dimensions><dim name="N" size="2"/></dimensions>
            <macro name="ACCUMULATE"><parm>rate</parm><eqn>sum</eqn>
                <variables><stock name="sum"><eqn>0</eqn><inflow>adding</inflow></stock><flow name="adding"><eqn>rate</eqn></flow></variables>
            </macro>
            """));
        Assert.That(result.Series("total[1]"), Is.EqualTo(new[] { 0.0, 1, 2, 3, 4 }));
        Assert.That(result.Series("total[2]"), Is.EqualTo(new[] { 0.0, 2, 4, 6, 8 }));
    }

    [Test]
    public void Macro_Recursive_ReportedNotExpandedForever()
    {
        var errors = XmileModels.Errors(XmileModels.File("<aux name=\"y\"><eqn>FACT(4)</eqn></aux>",
            fileLevel: "<macro name=\"FACT\"><parm>x</parm><eqn>IF x &lt;= 1 THEN 1 ELSE x * FACT(x - 1)</eqn></macro>"));
        Assert.That(errors.First().Code, Is.EqualTo(DiagnosticCodes.BadMacro));
        Assert.That(errors.First().Message, Does.Contain("calls itself"));
    }

    [TestCase("TIMES(1)", "takes 2 arguments but 1 is given")]
    [TestCase("TIMES(1, 2, 3)", "takes 2 arguments but 3 are given")]
    public void Macro_WrongArgumentCount_Reported(string call, string message)
    {
        var error = XmileModels.Errors(XmileModels.File($"<aux name=\"y\"><eqn>{call}</eqn></aux>",
            fileLevel: "<macro name=\"TIMES\"><parm>a</parm><parm>b</parm><eqn>a * b</eqn></macro>")).First();
        Assert.That((error.Code, error.Message), Is.EqualTo((DiagnosticCodes.WrongArgumentCount, $"the macro 'TIMES' {message}")));
    }

    [Test]
    public void Macro_UsedInsideAModule_Expanded()
    {
        string xml = XmileModels.File("<module name=\"m\"/>", fileLevel: "<macro name=\"TWICE\"><parm>x</parm><eqn>2 * x</eqn></macro>")
            .Replace("</xmile>", "<model name=\"m\"><variables><aux name=\"a\"><eqn>3</eqn></aux><aux name=\"b\"><eqn>TWICE(a)</eqn></aux></variables></model></xmile>");
        Assert.That(XmileModels.Run(xml).Series("m.b")[0], Is.EqualTo(6.0));
    }
}
