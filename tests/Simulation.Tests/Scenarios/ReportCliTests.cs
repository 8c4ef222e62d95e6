using Simulation.Tests.Cli;
using static Simulation.Tests.Scenarios.ExperimentFiles;

namespace Simulation.Tests.Scenarios;

/// <summary>sim report and sim plot from the command line: what they write, and a clear error (exit 2) for bad input.</summary>
public class ReportCliTests
{
    private ExperimentFiles _files = null!;
    private string _sweep = "";

    private const string Good = "\"scenarios\": [ { \"name\": \"base\" }, { \"name\": \"faster\", \"set\": { \"Rate\": 0.15 } } ], " +
                                "\"uncertainty\": { \"design\": \"latinHypercube\", \"samples\": 16, \"inputs\": [ { \"input\": \"Weight\", \"apply\": \"multiply\", \"min\": 0.8, \"max\": 1.2 }, { \"input\": \"Rate\", \"apply\": \"multiply\", \"min\": 0.9, \"max\": 1.1 } ] }, " +
                                "\"outcomes\": [ { \"name\": \"Spend\", \"units\": \"GBP\", \"total\": \"Cost\" }, { \"name\": \"Health\", \"units\": \"QALYs\", \"total\": \"Stock / 100\" }, " +
                                "{ \"name\": \"Extra spend\", \"units\": \"GBP\", \"changeFromBaseline\": \"Spend\" }, { \"name\": \"QALYs gained\", \"units\": \"QALYs\", \"changeFromBaseline\": \"Health\" }, " +
                                "{ \"name\": \"Spend per QALY\", \"units\": \"GBP/QALY\", \"ratio\": [\"Extra spend\", \"QALYs gained\"] } ], " +
                                "\"outputs\": { \"series\": [\"Stock\"] }";

    [OneTimeSetUp]
    public void SweepOnce()
    {
        _files = new ExperimentFiles();
        string experiment = _files.Write("experiment.json", Experiment(Good));
        _sweep = _files.PathOf("out");
        var r = SimProcess.Run("sweep", experiment, "--output", _sweep);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
    }

    [OneTimeTearDown]
    public void Clean() => _files.Dispose();

    [Test]
    public void Report_WritesOneSelfContainedPage_AndReplacesOnlyItsOwn()
    {
        var r = SimProcess.Run("report", _sweep);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        string page = File.ReadAllText(Path.Combine(_sweep, "report.html"));
        Assert.That(page, Does.Contain("<meta name=\"generator\" content=\"sim report\">"));
        Assert.That(page, Does.Not.Contain("src=\"http").And.Not.Contain("href=\"http"), "nothing is fetched");
        Assert.That(page, Does.Contain("Apache License"), "the chart library's licence notice is inlined with it");
        Assert.That(SimProcess.Run("report", _sweep).ExitCode, Is.EqualTo(0), "its own report is replaced");

        string mine = _files.Write("mine.html", "<html>my notes</html>");
        var refused = SimProcess.Run("report", _sweep, "--output", mine);
        Assert.That(refused.ExitCode, Is.EqualTo(2));
        Assert.That(refused.Stderr, Does.Contain("is not a report sim wrote"));
        Assert.That(File.ReadAllText(mine), Is.EqualTo("<html>my notes</html>"), "nothing the user wrote is lost");
    }

    [Test]
    public void Sweep_WithReport_EndsWithTheReport_AlsoWhenTheSweepWasComplete()
    {
        string experiment = _files.Write("reported.json", Experiment(Good));
        string folder = _files.PathOf("reported");
        var r = SimProcess.Run("sweep", experiment, "--output", folder, "--report");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        string page = Path.Combine(folder, "report.html");
        Assert.That(File.ReadAllText(page), Does.Contain("<meta name=\"generator\" content=\"sim report\">"));
        Assert.That(r.Stderr, Does.Contain($"report: wrote {page}"));

        File.Delete(page);
        var again = SimProcess.Run("sweep", experiment, "--output", folder, "--resume", "--report");
        Assert.That(again.ExitCode, Is.EqualTo(0), again.Stderr);
        Assert.That(again.Stderr, Does.Contain("already holds this sweep"));
        Assert.That(File.Exists(page), Is.True, "a complete sweep is reported without running again");
    }

    [Test]
    public void Report_BadInput_ExitsTwoWithAHint()
    {
        var missing = SimProcess.Run("report", _files.PathOf("nowhere"));
        Assert.That((missing.ExitCode, missing.Stderr), Is.EqualTo((2, missing.Stderr)));
        Assert.That(missing.Stderr, Does.Contain("does not exist"));

        Directory.CreateDirectory(_files.PathOf("empty"));
        var notSweep = SimProcess.Run("report", _files.PathOf("empty"));
        Assert.That(notSweep.ExitCode, Is.EqualTo(2));
        Assert.That(notSweep.Stderr, Does.Contain("is not a sweep folder"));

        string half = _files.PathOf("half");
        Directory.CreateDirectory(half);
        File.WriteAllText(Path.Combine(half, "sweep.json"), "{\"complete\": false}");
        var unfinished = SimProcess.Run("report", half);
        Assert.That(unfinished.ExitCode, Is.EqualTo(2));
        Assert.That(unfinished.Stderr, Does.Contain("has not finished").And.Contain("--resume"));

        var badPath = SimProcess.Run("report", _sweep, "--output", _files.PathOf("no/such/folder/r.html"));
        Assert.That(badPath.ExitCode, Is.EqualTo(2));
        Assert.That(badPath.Stderr, Does.Contain("does not exist"));

        var notHtml = SimProcess.Run("report", _sweep, "--output", _files.PathOf("r.pdf"));
        Assert.That(notHtml.ExitCode, Is.EqualTo(2));
    }

    [Test]
    public void Plot_DrawsEachChartAsPngOrSvg()
    {
        foreach (var (args, file) in new[]
        {
            (new[] { "--outcome", "QALYs gained" }, "difference.png"),
            (new[] { "--outcome", "Extra spend", "--chart", "drivers" }, "drivers.svg"),
            (new[] { "--outcome", "Stock", "--scenario", "faster" }, "fan.png"),
            (new[] { "--chart", "plane" }, "plane.svg"),
            (new[] { "--chart", "acceptability" }, "ceac.png"),
        })
        {
            string output = _files.PathOf(file);
            var r = SimProcess.Run(["plot", _sweep, .. args, "--output", output]);
            Assert.That(r.ExitCode, Is.EqualTo(0), $"{file}: {r.Stderr}");
            var bytes = File.ReadAllBytes(output);
            if (file.EndsWith(".png"))
                Assert.That(bytes.Take(8), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "a PNG");
            else
                Assert.That(System.Text.Encoding.UTF8.GetString(bytes), Does.Contain("<svg"));
        }
        string svg = File.ReadAllText(_files.PathOf("plane.svg"));
        Assert.That(svg, Does.Contain("Cost-effectiveness plane").And.Contain("QALYs gained").And.Contain("20,000 per QALY"), "title, axis label, legend");
    }

    [Test]
    public void Plot_OfARun_DrawsItsVariablesOverTime()
    {
        string output = _files.PathOf("run.svg");
        var r = SimProcess.Run("plot", "--run", _files.PathOf("model.json"), "--vars", "Stock,Out", "--output", output);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(File.ReadAllText(output), Does.Contain("drain").And.Contain("time (years)"));
    }

    [Test]
    public void Plot_BadInput_ExitsTwoWithDidYouMean()
    {
        var outcome = SimProcess.Run("plot", _sweep, "--outcome", "QALYs gaind", "--output", _files.PathOf("x.png"));
        Assert.That(outcome.ExitCode, Is.EqualTo(2));
        Assert.That(outcome.Stderr, Does.Contain("did you mean 'QALYs gained'"));
        var scenario = SimProcess.Run("plot", _sweep, "--outcome", "Spend", "--scenario", "fastr", "--output", _files.PathOf("x.png"));
        Assert.That(scenario.ExitCode, Is.EqualTo(2));
        Assert.That(scenario.Stderr, Does.Contain("did you mean 'faster'"));
        var format = SimProcess.Run("plot", _sweep, "--outcome", "Spend", "--output", _files.PathOf("x.gif"));
        Assert.That(format.ExitCode, Is.EqualTo(2));
        // a missing folder is made (as sweep --output makes its folder); one that cannot be made is a usage error
        File.WriteAllText(_files.PathOf("a-file"), "not a folder");
        var folder = SimProcess.Run("plot", _sweep, "--outcome", "Spend", "--output", _files.PathOf("a-file/x.png"));
        Assert.That(folder.ExitCode, Is.EqualTo(2));
        Assert.That(folder.Stderr, Does.Contain("cannot make the folder"));
        var variable = SimProcess.Run("plot", "--run", _files.PathOf("model.json"), "--vars", "Stok", "--output", _files.PathOf("y.png"));
        Assert.That(variable.ExitCode, Is.EqualTo(2));
        Assert.That(variable.Stderr, Does.Contain("did you mean 'Stock'"));
    }
}
