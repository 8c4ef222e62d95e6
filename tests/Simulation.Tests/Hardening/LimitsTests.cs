using Simulation.Engine.Diagnostics;
using Simulation.Tests.Import;

namespace Simulation.Tests.Hardening;

/// <summary>
/// Issue 22, items 4, 6 and 9: sizes and inputs that overflowed, grew without bound or were reported misleadingly.
/// A 65,536 x 65,536 variable had 0 elements and checked ok; a size of 2e6 or 1e400 was "has no elements" plus a
/// cascade; /dev/zero ran out of memory; macros calling each other never finished expanding; an unclosed { comment
/// was accepted; invalid UTF-8 was replaced silently; a graph's xRange of 1e400 also "has no points"; design tables
/// took one run id twice. Each now gives one clear diagnostic.
/// </summary>
[NonParallelizable]
public class LimitsTests
{
    private static List<Diagnostic> Errors(string variables, string dimensions) =>
        TestModels.Diagnose(TestModels.Model(variables, dimensions: dimensions)).Where(d => d.IsError).ToList();

    private const string Arrayed = "{ \"name\": \"x\", \"kind\": \"auxiliary\", \"dimensions\": [\"A\", \"B\"], \"equation\": 1 }, " +
                                   "{ \"name\": \"y\", \"kind\": \"auxiliary\", \"equation\": \"SUM(x[*, *])\" }";

    [TestCase(65536, 65536, "4,294,967,296")]
    [TestCase(100000, 100000, "10,000,000,000")]
    [TestCase(3000, 2000, "6,000,000")]
    public void Dimensions_WhoseProductIsTooLarge_AreOneErrorGivingTheCount(int a, int b, string count)
    {
        var errors = Errors(Arrayed, $"[{{ \"name\": \"A\", \"size\": {a} }}, {{ \"name\": \"B\", \"size\": {b} }}]");
        Assert.That(errors.Select(e => e.Code), Is.EqualTo(new[] { DiagnosticCodes.TooManyElements }), DiagnosticRenderer.ToText(errors));
        Assert.That(errors[0].Message, Does.Contain(count).And.Contain("'x'"));
    }

    [Test]
    public void ManyVariables_EachWithinTheLimit_StillCountTowardsTheModelsTotal()
    {
        string variables = string.Join(", ", Enumerable.Range(0, 3).Select(i => $"{{ \"name\": \"v{i}\", \"kind\": \"auxiliary\", \"dimensions\": [\"A\", \"B\"], \"equation\": 1 }}"));
        var errors = Errors(variables, "[{ \"name\": \"A\", \"size\": 2000 }, { \"name\": \"B\", \"size\": 1000 }]");
        Assert.That(errors.Select(e => e.Code), Is.EqualTo(new[] { DiagnosticCodes.TooManyElements }), DiagnosticRenderer.ToText(errors));
        Assert.That(errors[0].Message, Does.Contain("6,000,000"));
    }

    [TestCase("2000000")]
    [TestCase("1e400")]
    public void ADimensionSizeOutOfRange_IsOneErrorNotACascade(string size)
    {
        var errors = Errors(Arrayed, $"[{{ \"name\": \"A\", \"size\": {size} }}, {{ \"name\": \"B\", \"size\": 2 }}]")
            .Where(e => e.Code != DiagnosticCodes.InvalidValue).ToList(); // 1e400 is also "too large to represent"
        Assert.That(errors.Select(e => e.Code), Is.EqualTo(new[] { DiagnosticCodes.TooManyElements }), DiagnosticRenderer.ToText(errors));
        Assert.That(errors[0].Message, Does.Contain("'A'").And.Contain(size));
    }

    [Test]
    public void AnXmileDimensionTooLarge_IsOneError()
    {
        var errors = XmileModels.Errors(XmileModels.File("<aux name=\"x\"><dimensions><dim name=\"A\"/></dimensions><eqn>1</eqn></aux>",
            fileLevel: "<dimensions><dim name=\"A\" size=\"2000000\"/></dimensions>"));
        Assert.That(errors.Select(e => e.Code), Is.EqualTo(new[] { DiagnosticCodes.TooManyElements }), DiagnosticRenderer.ToText(errors));
    }

    [Test]
    public void AnUnclosedComment_IsASyntaxError()
    {
        var errors = Errors("{ \"name\": \"x\", \"kind\": \"auxiliary\", \"equation\": \"1 + 2 {a comment that never ends\" }", "[]");
        Assert.That(errors.Select(e => e.Code), Is.EqualTo(new[] { DiagnosticCodes.SyntaxError }), DiagnosticRenderer.ToText(errors));
        Assert.That(errors[0].Message, Does.Contain("never closed"));
    }

    [Test]
    public void AGraphRangeTooLargeToRepresent_IsReportedOnce()
    {
        var errors = Errors("{ \"name\": \"g\", \"kind\": \"graphical\", \"graph\": { \"xRange\": [0, 1e400], \"y\": [0, 1, 2] } }, " +
                            "{ \"name\": \"y\", \"kind\": \"auxiliary\", \"equation\": \"g(TIME)\" }", "[]");
        Assert.That(errors.Select(e => e.Code), Is.EqualTo(new[] { DiagnosticCodes.InvalidValue }), DiagnosticRenderer.ToText(errors));
    }

    [Test]
    public void MacrosThatGrowExponentially_AreAnErrorNotAHang()
    {
        // M0 calls M1 twice, M1 calls M2 twice, ...: 2^30 bodies.
        string macros = string.Concat(Enumerable.Range(0, 30).Select(i =>
            $"<macro name=\"M{i}\"><parm>a</parm><eqn>M{i + 1}(a) + M{i + 1}(a)</eqn></macro>")) + "<macro name=\"M30\"><parm>a</parm><eqn>a</eqn></macro>";
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var errors = XmileModels.Errors(XmileModels.File("<aux name=\"y\"><eqn>M0(1)</eqn></aux>", fileLevel: macros));
        Assert.That(errors.Select(e => e.Code).Distinct(), Is.EqualTo(new[] { DiagnosticCodes.BadMacro }), DiagnosticRenderer.ToText(errors));
        Assert.That(errors[0].Message, Does.Contain("100,000"));
        Assert.That(clock.Elapsed.TotalSeconds, Is.LessThan(60));
    }

    [Test]
    public void AFileLargerThanTheLimit_IsAnErrorReadNoFurther()
    {
        string path = Path.Combine(Path.GetTempPath(), "sim-huge-" + Guid.NewGuid().ToString("N") + ".json");
        using (var f = File.Create(path)) f.SetLength(Engine.Model.ModelLimits.MaxFileBytes + 4096); // sparse: no disk used
        try
        {
            var r = InProcessSim.Run("check", path);
            Assert.That(r.IsInternalError, Is.False, r.Stderr);
            Assert.That(r.ExitCode, Is.EqualTo(1), r.Stderr + r.Stdout);
            Assert.That(r.Stdout + r.Stderr, Does.Contain(DiagnosticCodes.FileTooLarge).And.Contain("256 MiB"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void InvalidUtf8_IsAWarningSayingWhere()
    {
        string path = Path.Combine(Path.GetTempPath(), "sim-latin1-" + Guid.NewGuid().ToString("N") + ".json");
        var bytes = System.Text.Encoding.UTF8.GetBytes(TestModels.Model("{ \"name\": \"x\", \"kind\": \"auxiliary\", \"equation\": 1, \"doc\": \"temp#rature\" }"));
        int at = Array.IndexOf(bytes, (byte)'#');
        bytes[at] = 0xE9; // é in Latin-1, not UTF-8
        File.WriteAllBytes(path, bytes);
        try
        {
            var diagnostics = new DiagnosticBag();
            var file = SourceFile.Load(path, diagnostics, DiagnosticCodes.MalformedJson);
            var warning = diagnostics.Items.Single();
            Assert.That(warning.Code, Is.EqualTo(DiagnosticCodes.InvalidUtf8));
            Assert.That(warning.IsError, Is.False);
            Assert.That(warning.Location, Is.EqualTo(file!.LocationOf(at)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void ADesignTableGivingOneRunIdTwice_IsAnError()
    {
        string folder = Path.Combine(Path.GetTempPath(), "sim-design-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, "d.csv"), "run,Room Temperature\n1,70\n1,71\n2,72\n");
            var r = InProcessSim.Run("run", TestModels.PathOf("models", "teacup.json"), "--design", Path.Combine(folder, "d.csv"), "--output", Path.Combine(folder, "o.csv"));
            Assert.That(r.ExitCode, Is.EqualTo(2), r.Stderr + r.Stdout); // a design table's problems are file errors, like its other ones
            Assert.That(r.Stdout + r.Stderr, Does.Contain("'1' is given to an earlier row"));
            Assert.That(File.Exists(Path.Combine(folder, "o.csv")), Is.False);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Test]
    public void ADamagedEstimatesFile_IsAUsageErrorSayingWhere()
    {
        // sim evaluate --calibration DIR reads DIR/estimates.csv: broken quoting there was an internal CsvSyntaxException.
        using var files = Calibration.EvaluateTests.Files(slopeAfter: 4);
        string earlier = files.PathOf("earlier");
        Directory.CreateDirectory(earlier);
        File.WriteAllText(Path.Combine(earlier, "estimates.csv"), "parameter,estimate,low,high\nStart,100,99,101\n\"Slope,2,1.9,2.1\n");
        var r = InProcessSim.Run("evaluate", files.PathOf("experiment.json"), "--fit", files.PathOf("fit.json"), "--calibration", earlier, "--output", files.PathOf("out"));
        Assert.That(r.IsInternalError, Is.False, r.Stderr);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stderr + r.Stdout);
        Assert.That(r.Stderr, Does.Contain("estimates.csv(3,1): a quoted cell is never closed"));
    }
}
