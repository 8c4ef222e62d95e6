using Simulation.Engine.Diagnostics;
using Simulation.Tests.Scenarios;

namespace Simulation.Tests.Hardening;

/// <summary>
/// Issue 22, item 3: an integer literal of 2^63 or more is a BigInteger to Newtonsoft, which the schema validator
/// could not convert (an internal InvalidCastException). It is a number like any other: a diagnostic where the
/// schema or the model says so, never an exception.
/// </summary>
public class BigIntegerLiteralTests
{
    private const string Big = "9223372036854775808"; // 2^63
    private const string Huge = "123456789012345678901234567890123456789012345678901234567890";

    [TestCase("\"stop\": " + Big + ", \"dt\": 1", TestName = "BigInteger_Stop_IsANumber")]
    [TestCase("\"stop\": 10, \"dt\": " + Huge, TestName = "BigInteger_Dt_IsANumber")]
    public void Model_BigIntegerInTime_NoException(string time)
    {
        string json = TestModels.Model("{ \"name\": \"a\", \"kind\": \"auxiliary\", \"equation\": 1 }", time: "\"start\": 0, " + time);
        var diagnostics = TestModels.Diagnose(json);
        Assert.That(diagnostics.Where(d => d.Code == DiagnosticCodes.SchemaViolation), Is.Empty, DiagnosticRenderer.ToText(diagnostics));
    }

    [Test]
    public void Model_BigIntegerDimensionSize_IsOutOfRange()
    {
        string json = TestModels.Model("{ \"name\": \"a\", \"kind\": \"auxiliary\", \"equation\": 1 }",
            dimensions: "[ { \"name\": \"D\", \"size\": " + Huge + " } ]");
        var diagnostics = TestModels.Diagnose(json);
        Assert.That(diagnostics.Any(d => d.Severity == Severity.Error), Is.True, "a dimension of 1e59 elements is refused");
    }

    [TestCase("\"seed\": " + Big)]
    [TestCase("\"seed\": " + Huge)]
    [TestCase("\"uncertainty\": { \"design\": \"monteCarlo\", \"samples\": " + Huge + " }")]
    [TestCase("\"formatVersion\": " + Huge)]
    public void Experiment_BigInteger_IsADiagnostic(string member)
    {
        using var files = new ExperimentFiles();
        var (compiled, diagnostics) = files.Compile(ExperimentFiles.Experiment(member));
        Assert.That(compiled, Is.Null);
        Assert.That(diagnostics.Any(d => d.Severity == Severity.Error), Is.True, DiagnosticRenderer.ToText(diagnostics));
    }
}
