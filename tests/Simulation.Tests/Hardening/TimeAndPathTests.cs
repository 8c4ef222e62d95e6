using Simulation.Engine.Diagnostics;

namespace Simulation.Tests.Hardening;

/// <summary>
/// Issue 22, items 5 and 8: an infinite dt (<c>--dt Infinity</c>, XMILE's reciprocal dt of 0) ran with a NaN time
/// column and exit 0; a dt longer than the run took no step and exited 0; <c>sweep --output ""</c> was an internal
/// ArgumentException. Each is now a diagnostic or a usage error.
/// </summary>
[NonParallelizable]
public class TimeAndPathTests
{
    private static IReadOnlyList<Diagnostic> Errors(string time) =>
        TestModels.Diagnose(TestModels.Model("{ \"name\": \"a\", \"kind\": \"auxiliary\", \"equation\": \"TIME\" }", time: time)).Where(d => d.IsError).ToList();

    [TestCase("\"start\": 0, \"stop\": 10, \"dt\": 20", DiagnosticCodes.NonPositiveDt, "longer than the run")]
    public void Model_ImpossibleTime_IsAnError(string time, string code, string fragment)
    {
        var errors = Errors(time);
        Assert.That(errors.Select(e => e.Code).ToList(), Is.EqualTo(new[] { code }), DiagnosticRenderer.ToText(errors));
        Assert.That(errors[0].Message, Does.Contain(fragment));
    }

    [TestCase("--dt", "Infinity", "finite")]
    [TestCase("--dt", "NaN", "finite")]
    [TestCase("--dt", "40", "longer than the run")]
    [TestCase("--stop", "Infinity", "finite")]
    [TestCase("--start", "=-Infinity", "finite")]
    [TestCase("--save-period", "Infinity", "save period")]
    public void Run_ImpossibleTimeOnTheCommandLine_ExitsOneWithADiagnostic(string option, string value, string fragment)
    {
        string[] args = value.StartsWith('=') ? [option + value] : [option, value];
        var r = InProcessSim.Run(["run", TestModels.PathOf("models", "teacup.json"), .. args]);
        Assert.That(r.ExitCode, Is.EqualTo(1), r.Stderr + r.Stdout);
        Assert.That(r.Stdout + r.Stderr, Does.Contain(fragment));
        Assert.That(r.Stderr, Does.StartWith($"{option}: error SD"), "blamed on the option, not on the model file that did not write it");
        Assert.That(r.Stderr, Does.Not.Contain("teacup.json("));
    }

    [Test]
    public void Run_SavePeriodNotAMultipleOfDt_HintHasNoRoundingNoise()
    {
        var r = InProcessSim.Run("run", TestModels.PathOf("models", "teacup.json"), "--dt", "0.3", "--save-period", "1");
        Assert.That(r.ExitCode, Is.EqualTo(1), r.Stderr);
        Assert.That(r.Stderr, Does.StartWith("--save-period: error SD2103: the save period 1 is not a positive whole multiple of dt = 0.3"));
        Assert.That(r.Stderr, Does.Contain("e.g. 0.9\n").And.Not.Contain("0.8999"));
    }

    [Test]
    public void Run_ModelSavePeriodBrokenByDtOption_BlamesDt()
    {
        var r = InProcessSim.Run("run", TestModels.PathOf("models", "hospital-to-community.json"), "--dt", "0.3");
        Assert.That(r.ExitCode, Is.EqualTo(1), r.Stderr);
        Assert.That(r.Stderr, Does.Contain("--dt: error SD"));
    }

    [Test]
    public void Xmile_ReciprocalDtOfZero_IsAnError()
    {
        string xml = Import.XmileModels.File("<aux name=\"a\"><eqn>TIME</eqn></aux>",
            specs: "<sim_specs><start>0</start><stop>4</stop><dt reciprocal=\"true\">0</dt></sim_specs>");
        var errors = Import.XmileModels.Errors(xml);
        Assert.That(errors.Select(e => e.Code), Does.Contain(DiagnosticCodes.NonPositiveDt), DiagnosticRenderer.ToText(errors));
    }

    [TestCase("sweep", "scenarios/hospital-beds.json", "--output", "")]
    [TestCase("sweep", "scenarios/hospital-beds.json", "--output", " ")]
    [TestCase("conformance", "tests/conformance/sdxorg", "--markdown", "")]
    [TestCase("run", "models/teacup.json", "--output", "a\0.csv")]
    public void EmptyOutputPath_IsAUsageError(string command, string input, string option, string value)
    {
        var r = InProcessSim.Run(command, TestModels.PathOf(input.Split('/')), option, value);
        Assert.That(r.IsInternalError, Is.False, r.Stderr);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stderr);
    }
}
