using Simulation.Engine.Diagnostics;

namespace Simulation.Tests.Import.Vensim;

/// <summary>
/// Vensim models written for this test in the styles published health models use (ageing chains with :EXCEPT: and
/// mappings, macros with stocks and units written in their inputs' names, data and constants from CSV files, WITH
/// LOOKUP, TABBED ARRAY, numbered ranges, group markers, quoted names with special characters and escaped quotes, continuations,
/// CRLF line endings, nested comments), none
/// of them seen while the reader was written. Each runs and matches tests/crosscheck/unseen_mdl.py, a plain Euler loop
/// over the same equations written again by hand in Python, to 1e-9 relative.
/// </summary>
public class UnseenMdlTests
{
    private static readonly string[] Cases = ["ageing_ae", "elective_waiting", "community_shift", "vaccination_clinic"];

    private static string Folder(string name) => TestModels.PathOf("tests", "crosscheck", "mdl", name);

    [TestCaseSource(nameof(Cases))]
    public void Run_MatchesTheIndependentEulerLoop(string name)
    {
        string path = Path.Combine(Folder(name), name + ".mdl");
        var run = MdlModels.Run(File.ReadAllText(path), path);
        int compared = MdlModels.CompareWithCanonical(run, Path.Combine(Folder(name), "output.tab"),
            (_, actual, expected) => Math.Abs(actual - expected) <= 1e-9 * Math.Max(1, Math.Abs(expected)));
        Assert.That(compared, Is.GreaterThan(300), "most of the expected values are compared");
    }

    [TestCaseSource(nameof(Cases))]
    public void Check_FindsNoUnitProblem(string name)
    {
        // Units written as Vensim writes them: ranges, macros whose units name their inputs, variables made from a macro's arguments.
        string path = Path.Combine(Folder(name), name + ".mdl");
        var diagnostics = MdlModels.Diagnose(File.ReadAllText(path), path);
        Assert.That(diagnostics.Where(d => d.IsError), Is.Empty, DiagnosticRenderer.ToText(diagnostics));
        Assert.That(diagnostics.Where(d => d.Code.StartsWith("SD4", StringComparison.Ordinal)), Is.Empty, DiagnosticRenderer.ToText(diagnostics));
    }

    [Test]
    public void VaccinationClinic_IsStoredWithCrlfLineEndings() =>
        Assert.That(File.ReadAllText(Path.Combine(Folder("vaccination_clinic"), "vaccination_clinic.mdl")), Does.Contain("\r\n"),
            "the case reads a file saved on Windows; keep its line endings (no text conversion)");
}
