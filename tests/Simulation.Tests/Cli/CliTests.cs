using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Simulation.Tests.Cli;

/// <summary>The sim command as users run it: exit codes, files, diagnostics, never a stack trace.</summary>
public class CliTests
{
    private string _dir = "";

    [SetUp]
    public void CreateFolder() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), "sim-cli-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_dir, true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Test]
    public void Run_BundledModel_PrintsTableAndExitsZero()
    {
        var r = SimProcess.Run("run", "models/teacup.json");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(r.Stdout, Does.Contain("Teacup Temperature"));
        Assert.That(r.Stdout, Does.Contain("75.374"));
    }

    [Test]
    public void Run_OutputCsv_WritesTimeAndEveryVariableRoundTripExact()
    {
        string output = Path.Combine(_dir, "out.csv");
        var r = SimProcess.Run("run", "models/sir.json", "--output", output, "--set", "Contact Rate=8", "--method", "rk4", "--dt", "0.25", "--stop", "50");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        var lines = File.ReadAllLines(output);
        Assert.That(lines[0], Does.StartWith("Time,Susceptible,Infected,Recovered,Infection,Recovery,Population"));
        Assert.That(lines, Has.Length.EqualTo(52));
        var last = lines[^1].Split(',');
        Assert.That(double.Parse(last[0], CultureInfo.InvariantCulture), Is.EqualTo(50));
        double s = double.Parse(last[1], CultureInfo.InvariantCulture);
        Assert.That(s.ToString("R", CultureInfo.InvariantCulture), Is.EqualTo(last[1]));
        Assert.That(lines[1].Split(',')[8], Is.EqualTo("8"), "the --set value is used");
    }

    [Test]
    public void Run_OutputJson_HasTimeAndVariables()
    {
        string output = Path.Combine(_dir, "out.json");
        var r = SimProcess.Run("run", "models/teacup.json", "-o", output, "--vars", "Teacup Temperature");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        var json = JObject.Parse(File.ReadAllText(output));
        Assert.That(json["time"]!.Count(), Is.EqualTo(31));
        Assert.That((double)json["variables"]!["Teacup Temperature"]![0]!, Is.EqualTo(180));
    }

    [Test]
    public void Run_ExistingOutput_IsNotOverwrittenWithoutForce()
    {
        string output = Write("keep.csv", "precious");
        var r = SimProcess.Run("run", "models/teacup.json", "-o", output);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("already exists"));
        Assert.That(File.ReadAllText(output), Is.EqualTo("precious"));
        Assert.That(SimProcess.Run("run", "models/teacup.json", "-o", output, "--force").ExitCode, Is.EqualTo(0));
        Assert.That(File.ReadAllText(output), Does.StartWith("Time,"));
    }

    [Test]
    public void Check_BadModel_ExitsOneWithCompilerStyleDiagnostics()
    {
        const string line2 = "  \"variables\": [ { \"name\": \"a\", \"kind\": \"auxiliary\", \"equation\": \"b + 1\" } ] }";
        string model = Write("bad.json", "{ \"name\": \"x\", \"time\": { \"start\": 0, \"stop\": 1, \"dt\": 1 },\n" + line2);
        var r = SimProcess.Run("check", model);
        Assert.That(r.ExitCode, Is.EqualTo(1));
        int column = line2.IndexOf("b + 1", StringComparison.Ordinal) + 1;
        Assert.That(r.Stderr, Does.Contain($"{model}(2,{column}): error SD2001: unknown variable 'b' in the equation of 'a'"));
        Assert.That(r.Stderr, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public void Check_FormatJson_PrintsDiagnosticsAsJson()
    {
        string model = Write("bad.json", "{ \"name\": \"x\", \"time\": { \"start\": 0, \"stop\": 1, \"dt\": 0 }, \"variables\": [] }");
        var r = SimProcess.Run("check", model, "--format", "json");
        Assert.That(r.ExitCode, Is.EqualTo(1));
        var first = JObject.Parse(r.Stdout)["diagnostics"]![0]!;
        Assert.That((string?)first["code"], Is.EqualTo("SD2101"));
        Assert.That((int?)first["column"], Is.GreaterThan(0));
    }

    [TestCase("check", "no/such/model.json")]
    [TestCase("run", "models/teacup.json", "--method", "leapfrog")]
    [TestCase("run", "models/teacup.json", "--set", "Room Temprature=60")]
    [TestCase("run", "models/teacup.json", "--set", "Room Temperature=warm")]
    [TestCase("run", "models/teacup.json", "--set", "Teacup Temperature=3")]
    [TestCase("run", "models/teacup.json", "--vars", "nothing")]
    [TestCase("run", "models/teacup.json", "-o", "out.xlsx")]
    [TestCase("run", "models/teacup.json", "--dt", "fast")]
    [TestCase("frobnicate")]
    public void Cli_UsageErrors_ExitTwoWithOneClearMessage(params string[] args)
    {
        var r = SimProcess.Run(args);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stdout + r.Stderr);
        Assert.That(r.Stderr, Does.StartWith("sim: ").Or.Contain("Error"));
        Assert.That(r.Stderr + r.Stdout, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public void Run_SetWithTypo_SuggestsTheVariable() =>
        Assert.That(SimProcess.Run("run", "models/teacup.json", "--set", "Room Temprature=60").Stderr, Does.Contain("did you mean 'Room Temperature'?"));

    [TestCase("")]
    [TestCase("\0\u0001\u0002binary")]
    [TestCase("[1, 2, 3]")]
    [TestCase("{\"name\": 1e999999}")]
    public void Check_HostileFile_ExitsOneWithoutStackTrace(string content)
    {
        string model = Write("hostile.json", content);
        var r = SimProcess.Run("check", model);
        Assert.That(r.ExitCode, Is.EqualTo(1), r.Stderr);
        Assert.That(r.Stderr, Does.Contain("error SD1"));
        Assert.That(r.Stderr, Does.Not.Contain("   at "));
    }

    [Test]
    public void Check_DeeplyNestedJson_IsAnErrorNotACrash()
    {
        string model = Write("deep.json", new string('[', 100000) + new string(']', 100000));
        var r = SimProcess.Run("check", model);
        Assert.That(r.ExitCode, Is.EqualTo(1));
        Assert.That(r.Stderr, Does.Contain("nested more than"));
    }

    [TestCase("run")]
    [TestCase("check")]
    public void Help_EveryCommand_DescribesItsOptions(string command)
    {
        var r = SimProcess.Run(command, "--help");
        Assert.That(r.ExitCode, Is.EqualTo(0));
        Assert.That(r.Stdout, Does.Contain("USAGE"));
    }
}
