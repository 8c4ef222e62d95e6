using System.Globalization;
using Newtonsoft.Json.Linq;
using Simulation.Tests.Cli;

namespace Simulation.Tests.Calibration;

/// <summary><c>sim calibrate</c> as users run it: the files it writes, what it refuses, and a posterior that drives a sweep.</summary>
public class CalibrateCliTests
{
    /// <summary>A CSV file's numeric columns by name (cells that are not numbers become NaN).</summary>
    private static Dictionary<string, double[]> Csv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return header.Select((h, j) => (h, j)).ToDictionary(x => x.h,
            x => lines.Skip(1).Select(l => l.Split(',')[x.j]).Select(c => double.TryParse(c, CultureInfo.InvariantCulture, out double v) ? v : double.NaN).ToArray());
    }

    [Test]
    public void Calibrate_FluExample_WritesEstimatesFitStatisticsAndProfiles()
    {
        using var files = new FitFiles();
        string output = files.PathOf("flu");
        var r = SimProcess.Run("calibrate", "scenarios/calibration/flu-sir.json", "--output", output);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(Directory.GetFiles(output).Select(Path.GetFileName).Order(),
            Is.EqualTo(new[] { "calibration.json", "estimates.csv", "fit.csv", "fit.html", "profiles.csv", "statistics.csv" }));
        var estimates = File.ReadAllLines(Path.Combine(output, "estimates.csv"));
        Assert.That(estimates[0], Is.EqualTo("parameter,estimate,low,high"));
        var beta = estimates[1].Split(',').Skip(1).Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        Assert.That(beta[0], Is.EqualTo(1.6692).Within(0.001));
        Assert.That(beta[1], Is.LessThan(beta[0]));
        Assert.That(beta[2], Is.GreaterThan(beta[0]));
        var fit = Csv(Path.Combine(output, "fit.csv"));
        Assert.That(fit["observed"], Has.Length.EqualTo(14));
        for (int i = 0; i < 14; i++) Assert.That(fit["residual"][i], Is.EqualTo(fit["observed"][i] - fit["fitted"][i]).Within(1e-9));
        var json = JObject.Parse(File.ReadAllText(Path.Combine(output, "calibration.json")));
        Assert.That((string)json["method"]!, Is.EqualTo("optimise"));
        Assert.That((int)json["observations"]!, Is.EqualTo(14));
        Assert.That((long)json["infeasible"]!, Is.EqualTo(0));
        Assert.That(r.Stdout, Does.Contain("Beta").And.Contain("Theil U"));

        var again = SimProcess.Run("calibrate", "scenarios/calibration/flu-sir.json", "--output", output);
        Assert.That(again.ExitCode, Is.EqualTo(2));
        Assert.That(again.Stderr, Does.Contain("already holds a calibration").And.Contain("--force"));
        File.WriteAllText(Path.Combine(output, "notes.txt"), "mine");
        var forced = SimProcess.Run("calibrate", "scenarios/calibration/flu-sir.json", "--output", output, "--force", "--no-intervals", "--threads", "1");
        Assert.That(forced.ExitCode, Is.EqualTo(0), forced.Stderr);
        Assert.That(File.Exists(Path.Combine(output, "profiles.csv")), Is.False, "a forced calibration removes the earlier one's files");
        Assert.That(File.ReadAllText(Path.Combine(output, "notes.txt")), Is.EqualTo("mine"), "and only those");
    }

    [Test]
    public void Calibrate_FitWithErrors_ExitsOneAndWritesNothing()
    {
        using var files = new FitFiles();
        files.Write("data.csv", "t,level\n1,98\n2,x\n");
        string fit = files.Write("fit.json", FitFiles.Fit("""
            "parameters": [ { "input": "Fixed", "min": 0, "max": 1 } ],
            "fit": [ { "variable": "Linear", "column": "levels" } ]
            """));
        string output = files.PathOf("out");
        var r = SimProcess.Run("calibrate", fit, "--output", output);
        Assert.That(r.ExitCode, Is.EqualTo(1), r.Stderr);
        Assert.That(r.Stderr, Does.Contain("SD7003").And.Contain("data.csv(3,3)"));
        Assert.That(Directory.Exists(output), Is.False);
    }

    [Test]
    public void Calibrate_StoppedLikeCtrlC_LeavesTheEarlierCalibrationAsItWas()
    {
        using var files = new FitFiles();
        string output = files.PathOf("flu");
        var first = SimProcess.Run("calibrate", "scenarios/calibration/flu-sir.json", "--output", output, "--no-intervals");
        Assert.That(first.ExitCode, Is.EqualTo(0), first.Stderr);
        var before = Directory.GetFiles(output).ToDictionary(f => Path.GetFileName(f), File.ReadAllText);

        // a sampler far too long to finish (thinned, so its trace stays small), stopped once it has started
        using var started = new ManualResetEventSlim();
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var sim = SimProcess.Start(line =>
            {
                lines.Enqueue($"{clock.Elapsed.TotalSeconds:F1} s: {line}");
                if (line.StartsWith("calibrate: 2 parameters", StringComparison.Ordinal)) started.Set(); // said once Ctrl-C is handled
            },
            "calibrate", "scenarios/calibration/flu-sir.json", "--method", "mcmc", "--generations", "200000", "--thin", "1000", "--output", output, "--force");
        Assert.That(started.Wait(TimeSpan.FromMinutes(3)), Is.True, "the sampler started");
        lines.Enqueue($"{clock.Elapsed.TotalSeconds:F1} s: SIGINT");
        using (var signal = System.Diagnostics.Process.Start("kill", ["-INT", sim.Id.ToString(CultureInfo.InvariantCulture)])) signal.WaitForExit();
        bool stopped = sim.WaitForExit(TimeSpan.FromMinutes(3)); // the suite runs at load 40 and more: exiting can take a minute there
        if (!stopped) sim.Kill(entireProcessTree: true);
        sim.WaitForExit(); // the stderr callbacks have all run
        TestContext.Out.WriteLine(string.Join("\n", lines));
        Assert.That(stopped, Is.True, () => "Ctrl-C stops the calibration:\n" + string.Join("\n", lines));
        Assert.That(sim.ExitCode, Is.EqualTo(130), () => string.Join("\n", lines));
        var after = Directory.GetFiles(output).ToDictionary(f => Path.GetFileName(f), File.ReadAllText);
        Assert.That(after.Keys.Order(), Is.EqualTo(before.Keys.Order()), "no file added (posterior.csv, a temporary file) or removed");
        foreach (var (name, text) in before) Assert.That(after[name], Is.EqualTo(text), $"{name} is the earlier calibration's");
    }

    [Test]
    public void Calibrate_OptionOfTheOtherMethod_IsAUsageError()
    {
        var r = SimProcess.Run("calibrate", "scenarios/calibration/flu-sir.json", "--chains", "8");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("--chains does not apply to --method optimise"));
        Assert.That(SimProcess.Run("calibrate", "scenarios/calibration/flu-sir.json", "--method", "bayes").Stderr, Does.Contain("unknown method 'bayes'"));
    }

    [Test]
    public void Calibrate_Mcmc_PosteriorDrivesASweepAsItsUncertainty()
    {
        using var files = new FitFiles();
        files.Write("data.csv", FitFiles.Data(Enumerable.Range(1, 10).Select(t => (double)t).ToList(),
            ("level", new[] { 96.2, 94.4, 91.8, 90.5, 88.1, 85.9, 86.0, 81.7, 80.2, 78.5 })));
        string fit = files.Write("fit.json", FitFiles.Fit("""
            "parameters": [ { "input": "Start", "min": 50, "max": 150 }, { "input": "Slope", "apply": "multiply", "min": 0.2, "max": 3 } ],
            "fit": [ { "variable": "Linear", "column": "level" } ]
            """));
        string calibration = files.PathOf("calibration");
        var r = SimProcess.Run("calibrate", fit, "--method", "mcmc", "--generations", "600", "--draws", "50", "--output", calibration);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        var posterior = Csv(Path.Combine(calibration, "posterior.csv"));
        Assert.That(posterior.Keys, Is.EqualTo(new[] { "run", "Start", "Slope (factor)" }));
        Assert.That(posterior["run"], Has.Length.EqualTo(50));
        foreach (var f in new[] { "chains.csv", "convergence.csv", "estimates.csv", "fit.csv" }) Assert.That(File.Exists(Path.Combine(calibration, f)), f);

        string experiment = files.Write("experiment.json", """
            { "name": "with the posterior", "model": "model.json",
              "scenarios": [ { "name": "baseline" }, { "name": "steeper", "interventions": [ { "input": "Slope", "at": 5, "multiply": 2 } ] } ],
              "uncertainty": { "design": "table", "table": "calibration/posterior.csv" },
              "outcomes": [ { "name": "End level", "value": "Linear", "at": 10 }, { "name": "Slope used", "value": "Slope", "at": 1 } ] }
            """);
        string sweep = files.PathOf("sweep");
        var s = SimProcess.Run("sweep", experiment, "--output", sweep, "--csv");
        Assert.That(s.ExitCode, Is.EqualTo(0), s.Stderr);
        var runs = Csv(Path.Combine(sweep, "runs.csv"));
        Assert.That(runs["sample"], Has.Length.EqualTo(100), "both scenarios over the 50 draws");
        Assert.That(runs["Start"][..50], Is.EqualTo(posterior["Start"]));
        Assert.That(runs["Slope (factor)"][..50], Is.EqualTo(posterior["Slope (factor)"]));
        var outcomes = File.ReadAllLines(Path.Combine(sweep, "outcomes.csv")).Skip(1).Select(l => l.Split(','))
            .Where(c => c[1] == "Slope used").Select(c => double.Parse(c[3], CultureInfo.InvariantCulture)).ToArray();
        for (int k = 0; k < 50; k++)
            Assert.That(outcomes[k], Is.EqualTo(2 * posterior["Slope (factor)"][k]).Within(1e-12), "the factor multiplies the model's Slope of 2");
    }

    [Test]
    public void Synthesize_KnownValues_SameSeedSameFileAndTheCalibrationFindsThemAgain()
    {
        using var files = new FitFiles();
        string data = files.PathOf("made-up.csv");
        string[] args = ["synthesize", "scenarios/calibration/flu-sir.json", "--set", "Beta=1.9", "--set", "gamma=0.5", "--noise", "in_bed=5", "--seed", "3", "--output", data];
        var r = SimProcess.Run(args);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        string first = File.ReadAllText(data);
        Assert.That(first, Does.StartWith("day,in_bed\n1,"));
        Assert.That(SimProcess.Run(args).ExitCode, Is.EqualTo(2), "an existing file is kept without --force");
        Assert.That(SimProcess.Run([.. args, "--force"]).ExitCode, Is.EqualTo(0));
        Assert.That(File.ReadAllText(data), Is.EqualTo(first), "the same seed gives the same data");

        string fit = files.Write("fit.json", File.ReadAllText(TestModels.PathOf("scenarios", "calibration", "flu-sir.json"))
            .Replace("../../models/flu-sir.json", TestModels.PathOf("models", "flu-sir.json")).Replace("data/flu-boarding-school.csv", "made-up.csv"));
        var c = SimProcess.Run("calibrate", fit, "--output", files.PathOf("out"));
        Assert.That(c.ExitCode, Is.EqualTo(0), c.Stderr);
        var estimates = Csv(files.PathOf("out/estimates.csv"));
        Assert.That(estimates["estimate"][0], Is.EqualTo(1.9).Within(0.05));
        Assert.That(estimates["estimate"][1], Is.EqualTo(0.5).Within(0.02));
        Assert.That(1.9, Is.InRange(estimates["low"][0], estimates["high"][0]));
        Assert.That(0.5, Is.InRange(estimates["low"][1], estimates["high"][1]));
    }

    [Test]
    public void Synthesize_BadArguments_SayWhatIsWrong()
    {
        using var files = new FitFiles();
        string output = files.PathOf("x.csv");
        var unknown = SimProcess.Run("synthesize", "scenarios/calibration/flu-sir.json", "--set", "Betta=1.9", "--noise", "in_bed=5", "--output", output);
        Assert.That(unknown.ExitCode, Is.EqualTo(2));
        Assert.That(unknown.Stderr, Does.Contain("no parameter 'Betta'").And.Contain("did you mean 'Beta'?"));
        var noNoise = SimProcess.Run("synthesize", "scenarios/calibration/flu-sir.json", "--output", output);
        Assert.That(noNoise.Stderr, Does.Contain("estimates the sd of 'in_bed'").And.Contain("--noise \"in_bed=...\""));
        var outside = SimProcess.Run("synthesize", "scenarios/calibration/flu-sir.json", "--set", "Beta=9", "--noise", "in_bed=5", "--output", output);
        Assert.That(outside.Stderr, Does.Contain("outside its bounds 0.2 to 5"));
        Assert.That(File.Exists(output), Is.False);
    }
}
