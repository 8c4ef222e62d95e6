using Simulation.Engine.Diagnostics;
using Simulation.Engine.Runtime;
using Simulation.Engine.Scenarios;
using Simulation.Engine.Scenarios.Output;
using Simulation.Engine.Scenarios.Running;
using Simulation.Tests.Analysis;
using Simulation.Tests.Calibration;
using Simulation.Tests.Scenarios;

namespace Simulation.Tests.Hardening;

/// <summary>
/// Issue 22, item 4, for the commands besides run and sweep that allocate per run: each estimates the memory it
/// needs before it allocates it and refuses work over --max-memory with the estimate and a hint (MemoryEstimate).
/// </summary>
[NonParallelizable]
public class ResultMemoryTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder() => Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), "sim-memory-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    private static string Teacup => TestModels.PathOf("models", "teacup.json");

    private string DesignTable(int rows)
    {
        string path = Path.Combine(_folder, "design.csv");
        using var writer = new StreamWriter(path);
        writer.Write("run,Room Temperature,Characteristic Time\n");
        for (int i = 0; i < rows; i++) writer.Write($"r{i},{60 + i % 20}.25,{5 + i % 7}.5\n");
        return path;
    }

    [Test]
    public void DesignRun_OverTheLimit_IsRefusedWithTheEstimateAndAHint()
    {
        string table = DesignTable(1_000), output = Path.Combine(_folder, "out.csv");
        var r = InProcessSim.Run("run", Teacup, "--design", table, "--output", output, "--at", string.Join(",", Enumerable.Range(0, 31)), "--max-memory", "100MB");
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stderr + r.Stdout);
        Assert.That(r.Stderr, Does.Contain("this design run needs about").And.Contain("more than --max-memory 100MB")
            .And.Contain("the design table").And.Contain("1,000 rows x 2 inputs").And.Contain("split the table"));
        Assert.That(File.Exists(output), Is.False, "nothing run, nothing written");

        var ok = InProcessSim.Run("run", Teacup, "--design", table, "--output", output, "--max-memory", "200MB");
        Assert.That(ok.ExitCode, Is.EqualTo(0), ok.Stderr);
        Assert.That(File.ReadLines(output).Count(), Is.EqualTo(1_001));
    }

    [Test]
    public void DesignRun_TableLargerThanAnyInput_IsAFileErrorReadNoFurther()
    {
        string path = Path.Combine(_folder, "huge.csv");
        using (var f = File.Create(path)) f.SetLength(Engine.Model.ModelLimits.MaxFileBytes + 4096); // sparse: no disk used
        var r = InProcessSim.Run("run", Teacup, "--design", path);
        Assert.That(r.IsInternalError, Is.False, r.Stderr);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stderr + r.Stdout);
        Assert.That(r.Stderr, Does.Contain(DiagnosticCodes.FileTooLarge).And.Contain("256 MiB").And.Contain("huge.csv"));
    }

    [Test]
    public void DesignTableEstimate_IsWhatReadingTheTableHolds()
    {
        // Measured: the managed heap before and after reading a 200,000-row table, the table kept alive. The heap is the
        // whole process's, so a previous test's background work ending in between (a server's compiles) moves one
        // reading by megabytes: the median of three readings is the table's.
        string path = DesignTable(200_000);
        var plan = TestModels.Compile(File.ReadAllText(Teacup));
        var readings = Enumerable.Range(0, 3).Select(_ => ReadTableOnce(path, plan)).ToList();
        var (medianHeld, tablePart) = readings.OrderBy(r => r.Held).ElementAt(1);
        Assert.That(tablePart, Is.EqualTo(medianHeld).Within(25).Percent,
            $"estimated {tablePart:N0} bytes, held {string.Join(", ", readings.Select(r => r.Held.ToString("N0")))}");
    }

    /// <summary>
    /// One reading: the heap the table holds once read, and the estimate's part for it. A method of its own, so that
    /// nothing of one reading is still referenced when the next begins.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (long Held, long Estimated) ReadTableOnce(string path, Engine.Compilation.EvaluationPlan plan)
    {
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var diagnostics = new DiagnosticBag();
        var file = SourceFile.Load(path, diagnostics, DiagnosticCodes.DesignTableProblem)!;
        var table = Engine.Designs.DesignTable.Read(file, diagnostics)!;
        long held = GC.GetTotalMemory(forceFullCollection: true) - before;
        var estimate = MemoryEstimate.ForDesign(plan, table, file.Text.Length, valuesPerRun: 1, threads: 1, lanes: 4);
        GC.KeepAlive(file);
        GC.KeepAlive(table);
        return (held, estimate.Parts.Single(p => p.Part.StartsWith("the design table", StringComparison.Ordinal)).Bytes);
    }

    /// <summary>Ishigami's experiment (two scenarios, three inputs, Y recorded as a series) over <paramref name="stop"/> steps.</summary>
    private static ExperimentFiles Ishigami(int stop, int samples)
    {
        var files = new ExperimentFiles(SensitivityCliTests.Model.Replace("\"stop\": 1,", $"\"stop\": {stop},"));
        files.Write("experiment.json", SensitivityCliTests.Experiment.Replace("\"samples\": 40", $"\"samples\": {samples}"));
        return files;
    }

    [Test]
    public void Sensitivity_ReadingTheSweepBackOverTheLimit_IsRefusedBeforeItRuns()
    {
        // 1,000 base samples of 3 inputs (5,000 runs a scenario) recording Y at 20,001 times: 200 million series values.
        using var files = Ishigami(stop: 20_000, samples: 40);
        string output = files.PathOf("sobol");
        var r = InProcessSim.Run("sensitivity", files.PathOf("experiment.json"), "--samples", "1000", "--output", output, "--max-memory", "1GB");
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stderr + r.Stdout);
        Assert.That(r.Stderr, Does.Contain("reading this sweep back for the analysis needs about").And.Contain("the series read back")
            .And.Contain("200,010,000 values").And.Contain("record fewer series"));
        Assert.That(Directory.Exists(output), Is.False, "nothing run");
    }

    [Test]
    public void Sensitivity_Correlation_ChecksTheFolderItReads()
    {
        using var files = Ishigami(stop: 1, samples: 40);
        Assert.That(InProcessSim.Run("sweep", files.PathOf("experiment.json"), "--output", files.PathOf("sweep")).ExitCode, Is.EqualTo(0));
        var r = InProcessSim.Run("sensitivity", files.PathOf("sweep"), "--method", "correlation", "--max-memory", "1MB");
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stderr + r.Stdout);
        Assert.That(r.Stderr, Does.Contain("reading this sweep for the analysis needs about").And.Contain("(80 runs)"));
    }

    /// <summary>sim discover, sim report and sim plot read a finished sweep whole: they check the same estimate first, and say so.</summary>
    [TestCase("discover", "reading this sweep for discovery needs about")]
    [TestCase("report", "reading this sweep for its report needs about")]
    [TestCase("plot", "reading this sweep for the chart needs about")]
    public void DiscoverAndReport_ReadingTheSweepOverTheLimit_AreRefusedWithTheEstimate(string command, string says)
    {
        using var files = Ishigami(stop: 1, samples: 40);
        string sweep = files.PathOf("sweep");
        Assert.That(InProcessSim.Run("sweep", files.PathOf("experiment.json"), "--output", sweep).ExitCode, Is.EqualTo(0));
        string[] args = command switch
        {
            "discover" => ["discover", sweep, "--outcome", "Y", "--above", "0"],
            "plot" => ["plot", sweep, "--outcome", "Y", "--output", files.PathOf("y.svg"), "--force"],
            _ => ["report", sweep],
        };
        var refused = InProcessSim.Run([.. args, "--max-memory", "1MB"]);
        Assert.That(refused.ExitCode, Is.EqualTo(2), refused.Stderr + refused.Stdout);
        Assert.That(refused.Stderr, Does.Contain(says).And.Contain("(80 runs)").And.Contain("sweep fewer samples"));
        Assert.That(File.Exists(Path.Combine(sweep, "report.html")), Is.False, "nothing written");
        var done = InProcessSim.Run(args);
        Assert.That(done.ExitCode, Is.EqualTo(0), done.Stderr + done.Stdout);
        Assert.That(InProcessSim.Run([.. args, "--max-memory", "lots"]).Stderr, Does.Contain("is not a size"));
    }

    /// <summary>A report reads at most its budget of series values (every k-th future): the estimate counts what is read.</summary>
    [TestCase(long.MaxValue)]
    [TestCase(5_000)]
    [TestCase(333)]
    public void SeriesBudget_TheEstimateCountsTheValuesRead(long budget)
    {
        using var files = Ishigami(stop: 200, samples: 40);
        string sweep = files.PathOf("sweep");
        Assert.That(InProcessSim.Run("sweep", files.PathOf("experiment.json"), "--output", sweep).ExitCode, Is.EqualTo(0));
        var read = SweepFolderReader.Read(sweep, series: true, budget);
        long values = read.SeriesValues.Sum(scenario => scenario.Sum(point => (long)point.Length));
        var estimate = SweepFolderReader.Estimate(sweep, series: true, budget);
        Assert.That(estimate.Parts.Single(p => p.Part.StartsWith("the series read back", StringComparison.Ordinal)).Bytes, Is.EqualTo(8 * values),
            $"stride {read.SeriesStride}");
    }

    /// <summary>The managed heap a sweep's tables take once read, and the two estimates of it (from the tables, from the experiment).</summary>
    private static (long Held, long FromFolder, long FromExperiment) ReadBack(int samples)
    {
        using var files = Ishigami(stop: 200, samples);
        var experiment = files.CompileOk(File.ReadAllText(files.PathOf("experiment.json")));
        string folder = files.PathOf("sweep");
        Assert.That(SweepTestRuns.Sweep(experiment, folder), Is.EqualTo(SweepStatus.Completed));
        // What the read results hold: the heap with them, less the heap once they are dropped, both right after the read.
        // (The heap before the read is no baseline: pooled buffers it held can be trimmed by the read's collections.)
        object? results = SweepFolderReader.Read(folder, series: true);
        long with = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(results);
        results = null;
        long held = with - GC.GetTotalMemory(forceFullCollection: true);
        return (held, SweepFolderReader.Estimate(folder, series: true).Bytes - MemoryEstimate.Program.Bytes, SweepMemory.ReadBack(experiment).Bytes - MemoryEstimate.Program.Bytes);
    }

    [Test]
    public void SweepReadBackEstimate_IsWhatReadingTheFolderHolds()
    {
        // Measured: the managed heap before and after reading a sweep of 2 x 6,000 runs with 201 series values each,
        // after a first read of the same size (which also allocates what Parquet and the runtime keep for later reads).
        // The heap is the whole process's, so another test's background work ending in between could move one reading
        // (a train saw 12.4 MB held against 20.5 MB estimated, when it was measured against the heap before the read):
        // the median of three readings is the sweep's.
        ReadBack(6_000);
        var readings = Enumerable.Range(0, 3).Select(_ => ReadBack(6_000)).ToList();
        var (held, fromFolder, fromExperiment) = readings.OrderBy(r => r.Held).ElementAt(1);
        string all = string.Join(", ", readings.Select(r => r.Held.ToString("N0")));
        Assert.That(fromFolder, Is.EqualTo(held).Within(20).Percent, $"estimated {fromFolder:N0} bytes from the tables, held {all}");
        Assert.That(fromExperiment, Is.EqualTo(held).Within(20).Percent, $"estimated {fromExperiment:N0} bytes from the experiment, held {all}");
    }

    [Test]
    public void Calibrate_KeepingMoreDrawsThanTheLimit_IsRefusedBeforeItRuns()
    {
        var r = InProcessSim.Run("calibrate", TestModels.PathOf("scenarios", "calibration", "flu-sir.json"), "--method", "mcmc",
            "--generations", "2000000000", "--output", Path.Combine(_folder, "fit"), "--max-memory", "4GB");
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stderr + r.Stdout);
        Assert.That(r.Stderr, Does.Contain("this calibration needs about").And.Contain("the kept draws").And.Contain("x 1,000,000,000 draws").And.Contain("--thin"));
        Assert.That(Directory.Exists(Path.Combine(_folder, "fit")), Is.False, "nothing written");
    }

    [Test]
    public void Evaluate_OverTheLimit_IsRefusedBeforeItRuns()
    {
        using var files = EvaluateTests.Files(slopeAfter: 4);
        var r = InProcessSim.Run("evaluate", files.PathOf("experiment.json"), "--fit", files.PathOf("fit.json"), "--scenario", "steeper",
            "--output", files.PathOf("out"), "--max-memory", "1MB");
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stderr + r.Stdout);
        Assert.That(r.Stderr, Does.Contain("this evaluation needs about").And.Contain("2 scenarios x 200 futures x 20 observations"));
        Assert.That(Directory.Exists(files.PathOf("out")), Is.False, "nothing written");
        Assert.That(InProcessSim.Run("evaluate", files.PathOf("experiment.json"), "--fit", files.PathOf("fit.json"), "--output", files.PathOf("out"),
            "--max-memory", "lots").Stderr, Does.Contain("is not a size"));
    }
}
