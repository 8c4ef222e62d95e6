namespace Simulation.Tests.Cli;

/// <summary><c>sim inputs</c>: a model's inputs as a reviewer reads them, from the model file itself.</summary>
public class InputsCliTests
{
    [Test]
    public void Inputs_ScalarInputs_OneMarkdownRowEachWithValueRangeAndSource()
    {
        var r = SimProcess.Run("inputs", "models/hospital-beds.json");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        var lines = r.Stdout.TrimEnd('\n').Split('\n');
        Assert.That(lines[0], Is.EqualTo("| Input | Meaning | Value | Units | Plausible range | Source |"));
        Assert.That(lines, Has.Length.EqualTo(2 + 6), "a header, a rule and the model's six inputs");
        Assert.That(lines, Does.Contain(
            "| Minimum Discharge Delay |  | 1.3 | days | 1 to 2.1 | Health Foundation (Dec 2022): 1.3 days mean delay from fit to discharge |"));
    }

    [Test]
    public void Inputs_ArrayedInputWithRangesPerElement_ListsEveryElement()
    {
        var r = SimProcess.Run("inputs", "models/hospital-to-community.json");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        var row = r.Stdout.Split('\n').Single(l => l.StartsWith("| Mortality rate |"));
        Assert.That(row, Does.Contain("| 0-17: 0.2; 18-44: 0.7; 45-64: 4; 65-74: 15; 75-84: 45; 85+: 150 | per 1000/yr {deaths per 1000 people} |"));
        Assert.That(row, Does.Contain("| 0-17: 0.16 to 0.24; 18-44: 0.56 to 0.84; 45-64: 3.2 to 4.8; 65-74: 12 to 18; 75-84: 36 to 54; 85+: 120 to 180 |"));
        Assert.That(r.Stdout, Does.Contain("| Effect of occupancy on LOS |").And.Contain("| x: 0.9, 0.95, 0.98, 1, 1.05; y: 1, 1, 1.03, 1.05, 1.08 |"));
    }

    [Test]
    public void Inputs_Csv_QuotesCellsWithCommas()
    {
        var r = SimProcess.Run("inputs", "models/hospital-beds.json", "--format", "csv");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        var lines = r.Stdout.TrimEnd('\n').Split('\n');
        Assert.That(lines[0], Is.EqualTo("input,meaning,value,units,range,source"));
        Assert.That(lines, Does.Contain("Daily Admissions Baseline,,60,patients/day,40 to 90,\"assumption: one acute trust's non-elective admissions (about 22,000 a year)\""));
    }

    [TestCase("inputs", "models/hospital-beds.json", "--format", "html")]
    [TestCase("inputs", "models/no-such-model.json")]
    public void Inputs_UsageErrors_ExitTwo(params string[] args)
    {
        var r = SimProcess.Run(args);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stdout + r.Stderr);
        Assert.That(r.Stderr, Does.Not.Contain("   at "), "no stack trace");
    }
}
