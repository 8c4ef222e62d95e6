using Simulation.Tests.Cli;
using static Simulation.Tests.Scenarios.ExperimentFiles;

namespace Simulation.Tests.Scenarios;

/// <summary>sim sweep and sim summary as users run them: exit codes, files, diagnostics, never an overwrite without --force.</summary>
public class SweepCliTests
{
    private ExperimentFiles _files = null!;

    [SetUp]
    public void CreateFiles() => _files = new ExperimentFiles();

    [TearDown]
    public void RemoveFiles() => _files.Dispose();

    private const string Good = """
        { "name": "cli", "model": "model.json", "seed": 3,
          "scenarios": [ { "name": "base" }, { "name": "faster", "set": { "Rate": 0.15 } } ],
          "uncertainty": { "design": "latinHypercube", "samples": 8, "inputs": [ { "input": "Weight", "apply": "multiply", "min": 0.9, "max": 1.1 } ] },
          "outcomes": [ { "name": "Drained", "units": "units", "total": "Out" } ] }
        """;

    [Test]
    public void Sweep_GoodExperiment_WritesTablesAndPrintsTheComparison()
    {
        string experiment = _files.Write("experiment.json", Good), output = _files.PathOf("out");
        var r = SimProcess.Run("sweep", experiment, "--output", output, "--csv");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        foreach (var f in new[] { "runs.parquet", "outcomes.parquet", "runs.csv", "outcomes.csv", "summary.csv", "summary.json", "sweep.json" })
            Assert.That(File.Exists(Path.Combine(output, f)), f);
        Assert.That(r.Stdout, Does.Contain("Drained"));
        Assert.That(r.Stdout, Does.Contain("faster"));
        Assert.That(r.Stderr, Does.Contain("2 scenarios x 8 futures = 16 runs"));
        Assert.That(File.ReadAllLines(Path.Combine(output, "outcomes.csv"))[0], Is.EqualTo("run,outcome,element,value"));
        Assert.That(File.ReadAllLines(Path.Combine(output, "outcomes.csv")), Has.Length.EqualTo(17));

        var summary = SimProcess.Run("summary", output);
        Assert.That(summary.ExitCode, Is.EqualTo(0), summary.Stderr);
        Assert.That(summary.Stdout, Does.Contain("faster\n  Drained"), "the headline: each scenario's outcomes against the baseline");
        Assert.That(summary.Stdout.Split('\n').Max(l => l.Length), Is.LessThanOrEqualTo(100));
        var all = SimProcess.Run("summary", output, "--all");
        Assert.That(all.ExitCode, Is.EqualTo(0), all.Stderr);
        Assert.That(all.Stdout, Does.Contain("vs base [P5, P95]"));
        var unknown = SimProcess.Run("summary", output, "--outcome", "Drianed");
        Assert.That(unknown.ExitCode, Is.EqualTo(2));
        Assert.That(unknown.Stderr, Does.Contain("did you mean 'Drained'"));
        var markdown = SimProcess.Run("summary", output, "--format", "markdown");
        Assert.That(markdown.ExitCode, Is.EqualTo(0), markdown.Stderr);
        Assert.That(markdown.Stdout, Does.Contain("| outcome | units | better |"));
        Assert.That(markdown.Stdout, Does.Contain("| Drained | units |"));
        var badFormat = SimProcess.Run("summary", output, "--format", "html");
        Assert.That(badFormat.ExitCode, Is.EqualTo(2));
        Assert.That(badFormat.Stderr, Does.Contain("unknown format 'html'"));
    }

    [Test]
    public void Summary_Outcome_AValueReadAtSeveralTimes_ByTheNameTheExperimentGaveIt()
    {
        string experiment = _files.Write("experiment.json", Good.Replace(
            "\"outcomes\": [", "\"outcomes\": [ { \"name\": \"Level\", \"units\": \"units\", \"value\": \"Stock\", \"at\": [2, 5] },"));
        string output = _files.PathOf("out");
        Assert.That(SimProcess.Run("sweep", experiment, "--output", output).ExitCode, Is.EqualTo(0));
        foreach (var format in new[] { "table", "markdown" })
        {
            var all = SimProcess.Run("summary", output, "--outcome", "level", "--format", format);
            Assert.That(all.ExitCode, Is.EqualTo(0), all.Stderr);
            Assert.That(all.Stdout, Does.Contain("Level, year 2").And.Contain("Level, year 5"), "every time of the outcome");
            Assert.That(all.Stdout, Does.Not.Contain("Drained"), "and no other outcome");
            var one = SimProcess.Run("summary", output, "--outcome", "Level, year 5", "--format", format);
            Assert.That(one.ExitCode, Is.EqualTo(0), one.Stderr);
            Assert.That(one.Stdout, Does.Contain("Level, year 5").And.Not.Contain("Level, year 2"), "one time, as the summary names it");
        }
        var misspelt = SimProcess.Run("summary", output, "--outcome", "Levl");
        Assert.That(misspelt.ExitCode, Is.EqualTo(2));
        Assert.That(misspelt.Stderr, Does.Contain("did you mean 'Level'"));
    }

    [Test]
    public void Sweep_ExistingOutput_IsNotOverwrittenWithoutForce()
    {
        string experiment = _files.Write("experiment.json", Good), output = _files.PathOf("out");
        Assert.That(SimProcess.Run("sweep", experiment, "--output", output).ExitCode, Is.EqualTo(0));
        var before = File.ReadAllBytes(Path.Combine(output, "outcomes.parquet"));
        File.WriteAllText(Path.Combine(output, "notes.txt"), "mine");
        _files.Write("experiment.json", Good.Replace("\"seed\": 3", "\"seed\": 4"));
        var again = SimProcess.Run("sweep", experiment, "--output", output);
        Assert.That(again.ExitCode, Is.EqualTo(2));
        Assert.That(again.Stderr, Does.Contain("already holds a sweep"));
        Assert.That(File.ReadAllBytes(Path.Combine(output, "outcomes.parquet")), Is.EqualTo(before));
        var resume = SimProcess.Run("sweep", experiment, "--output", output, "--resume");
        Assert.That(resume.ExitCode, Is.EqualTo(2), "a changed experiment is not resumed");
        Assert.That(resume.Stderr, Does.Contain("different experiment"));
        var forced = SimProcess.Run("sweep", experiment, "--output", output, "--force");
        Assert.That(forced.ExitCode, Is.EqualTo(0), forced.Stderr);
        Assert.That(File.ReadAllBytes(Path.Combine(output, "outcomes.parquet")), Is.Not.EqualTo(before));
        Assert.That(File.ReadAllText(Path.Combine(output, "notes.txt")), Is.EqualTo("mine"), "--force removes the sweep's own files only");
    }

    [Test]
    public void Sweep_BadExperiment_ExitsOneWithLocatedDiagnostics_AndTouchesNothing()
    {
        string experiment = _files.Write("experiment.json", Good.Replace("\"Rate\": 0.15", "\"Rat\": 0.15"));
        string output = _files.PathOf("out");
        var r = SimProcess.Run("sweep", experiment, "--output", output);
        Assert.That(r.ExitCode, Is.EqualTo(1));
        Assert.That(r.Stderr, Does.Contain($"{experiment}(2,"));
        Assert.That(r.Stderr, Does.Contain("error SD5002: the model has no variable 'Rat'"));
        Assert.That(r.Stderr, Does.Contain("did you mean 'Rate'?"));
        Assert.That(r.Stderr, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(Directory.Exists(output), Is.False, "nothing runs, nothing is written");
    }

    [Test]
    public void Sweep_Redirected_PrintsPlainProgressAndTheFolder()
    {
        string experiment = _files.Write("experiment.json", Good);
        var r = SimProcess.Run("sweep", experiment, "--output", _files.PathOf("out"), "--threads", "1");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(r.Stderr, Does.Contain("1 thread"));
        Assert.That(r.Stderr, Does.Contain("wrote runs, outcomes and summary to"));
    }

    [Test]
    public void Sweep_UsageErrors_ExitTwo()
    {
        string experiment = _files.Write("experiment.json", Good);
        Assert.That(SimProcess.Run("sweep", experiment, "--resume", "--force").ExitCode, Is.EqualTo(2));
        Assert.That(SimProcess.Run("sweep", _files.PathOf("none.json")).ExitCode, Is.EqualTo(2));
        Assert.That(SimProcess.Run("sweep", experiment, "--threads", "0").ExitCode, Is.EqualTo(2));
        var summary = SimProcess.Run("summary", _files.Folder);
        Assert.That(summary.ExitCode, Is.EqualTo(2));
        Assert.That(summary.Stderr, Does.Contain("has no summary.json"));
    }
}
