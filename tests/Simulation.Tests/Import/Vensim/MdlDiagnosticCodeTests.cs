using Simulation.Engine.Diagnostics;

namespace Simulation.Tests.Import.Vensim;

/// <summary>One bad .mdl file per Vensim import diagnostic code (SD13xx): the code is reported, located in the file, and nothing throws.</summary>
public class MdlDiagnosticCodeTests
{
    public static IEnumerable<TestCaseData> Cases()
    {
        TestCaseData Case(string code, string mdl, int line) =>
            new TestCaseData(code, mdl, line).SetName($"{code}_{DiagnosticCodes.Descriptions[code].Replace(' ', '_')}");

        yield return Case(DiagnosticCodes.MalformedMdl, "{UTF-8}\nx = 1 ~~|\ny = 2 *", 3);
        yield return Case(DiagnosticCodes.UnsupportedVensimFeature, MdlModels.File("x = 1 ~~|\ny = SHIFT IF TRUE(x, 1, 1, 0, 0) ~~|"), 3);
        yield return Case(DiagnosticCodes.DataFileProblem, MdlModels.File("x = GET XLS CONSTANTS('absent.xlsx', 'Sheet1', 'B2') ~~|"), 2);
        yield return Case(DiagnosticCodes.BadSubscriptRange, MdlModels.File("x = 1 ~~|\nD: a, b, a ~~|"), 3);
        yield return Case(DiagnosticCodes.VensimConstructIgnored, MdlModels.File("x = 1 ~~|\nok :TEST INPUT: x = 2 ~~|"), 3);
    }

    [TestCaseSource(nameof(Cases))]
    public void Import_BadFile_ReportsCodeWithLocation(string code, string mdl, int line)
    {
        var diagnostics = MdlModels.Diagnose(mdl);
        var match = diagnostics.FirstOrDefault(d => d.Code == code);
        Assert.That(match, Is.Not.Null, DiagnosticRenderer.ToText(diagnostics));
        Assert.That(match!.Location!.Value.Line, Is.EqualTo(line), DiagnosticRenderer.ToText(match));
        Assert.That(DiagnosticRenderer.ToText(match), Does.StartWith($"test.mdl({line},{match.Location.Value.Column}): "));
    }
}
