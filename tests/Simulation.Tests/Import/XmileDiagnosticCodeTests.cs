using Simulation.Engine.Diagnostics;

namespace Simulation.Tests.Import;

/// <summary>One bad XMILE file per import diagnostic code (SD12xx): the code is reported, located in the file, and nothing throws.</summary>
public class XmileDiagnosticCodeTests
{
    public static IEnumerable<TestCaseData> Cases()
    {
        TestCaseData Case(string code, string xml, int line) =>
            new TestCaseData(code, xml, line).SetName($"{code}_{DiagnosticCodes.Descriptions[code].Replace(' ', '_')}");

        yield return Case(DiagnosticCodes.MalformedXml, "<xmile>\n<model>\n</xmile>", 3);
        yield return Case(DiagnosticCodes.NotXmile, "<?xml version=\"1.0\"?>\n<model/>", 2);
        yield return Case(DiagnosticCodes.UnsupportedXmileFeature, XmileModels.File("<stock name=\"s\"><eqn>1</eqn>\n<queue/></stock>"), 9);
        yield return Case(DiagnosticCodes.ConverterPlaceholder, XmileModels.File("<aux name=\"a\">\n<eqn> ??? </eqn></aux>"), 9);
        yield return Case(DiagnosticCodes.XmileElementIgnored, XmileModels.File("<aux name=\"a\"><eqn>1</eqn>\n<wobble/></aux>"), 9);
        yield return Case(DiagnosticCodes.BadModule, XmileModels.File("\n<module name=\"nowhere\"/>"), 9);
        yield return Case(DiagnosticCodes.BadMacro, XmileModels.File("<aux name=\"a\"><eqn>F(1)</eqn></aux>",
            fileLevel: "<macro name=\"F\"><parm>x</parm><eqn>F(x)</eqn></macro>"), 5); // the recursive call, in the macro
    }

    [TestCaseSource(nameof(Cases))]
    public void Import_BadFile_ReportsCodeWithLocation(string code, string xml, int line)
    {
        var diagnostics = XmileModels.Diagnose(xml);
        var match = diagnostics.FirstOrDefault(d => d.Code == code);
        Assert.That(match, Is.Not.Null, DiagnosticRenderer.ToText(diagnostics));
        Assert.That(match!.Location!.Value.Line, Is.EqualTo(line), DiagnosticRenderer.ToText(match));
        Assert.That(DiagnosticRenderer.ToText(match), Does.StartWith($"test.xmile({line},{match.Location.Value.Column}): "));
    }
}
