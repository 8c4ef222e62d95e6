using Simulation.Engine.Results;
using Simulation.Engine.Runtime;

namespace Simulation.Tests.Hardening;

/// <summary>
/// Issue 22, items 4 and 6: <c>run --output</c> held every saved row before writing (a 9e8-step model grew 400 MB/s
/// until it ran out of memory), and nothing estimated what a run or a sweep would need before allocating it. Rows now
/// stream to the file (CSV) or through a temporary file (JSON), and work whose estimate exceeds --max-memory is
/// refused with the estimate and a hint.
/// </summary>
[NonParallelizable]
public class StreamingAndMemoryTests
{
    /// <summary>Twenty values per row: a decaying stock, its outflow and eighteen auxiliaries of it.</summary>
    private static string Model(double stop, double dt = 1) => TestModels.Model(
        "{ \"name\": \"Level\", \"kind\": \"stock\", \"initial\": 1000, \"outflows\": [\"Out\"] },\n" +
        "{ \"name\": \"Out\", \"kind\": \"flow\", \"equation\": \"Level * 0.0001 + SIN(TIME)\" },\n" +
        string.Join(",\n", Enumerable.Range(1, 18).Select(i => $$"""{ "name": "A{{i}}", "kind": "auxiliary", "equation": "Level * {{i}} + TIME" }""")),
        time: $"\"start\": 0, \"stop\": {stop}, \"dt\": {dt}");

    private static long AllocatedBy(Action action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Test]
    public void CsvOutput_StreamsRows_AllocatingTheSameForAHundredTimesTheRows()
    {
        var shortRun = TestModels.Compile(Model(2_000));
        var longRun = TestModels.Compile(Model(200_000));
        long Streamed(Engine.Compilation.EvaluationPlan plan) => AllocatedBy(() =>
        {
            var rows = new CsvRowWriter(TextWriter.Null, Simulator.DefaultOutputs(plan).Select(o => o.Name));
            Simulator.Stream(plan, Simulator.DefaultOutputs(plan), rows);
            rows.Flush();
        });
        Streamed(shortRun); // the first call's one-off costs (formatting tables, JIT) are not the rows'
        long few = Streamed(shortRun), many = Streamed(longRun);
        // Holding 198,000 more rows of 20 values would take 198,000 x (24 + 160 + 16) bytes, about 38 MB.
        Assert.That(many - few, Is.LessThan(1 << 20), $"2,001 rows allocated {few:N0} bytes, 200,001 rows {many:N0}");
        long held = AllocatedBy(() => Simulator.Run(longRun)) - AllocatedBy(() => Simulator.Run(shortRun));
        Assert.That(held, Is.GreaterThan(30 << 20), "the measurement sees rows that are held");
    }

    [Test]
    public void CsvRowWriter_WritesWhatTheWholeResultWriterWrote()
    {
        var plan = TestModels.Compile(Model(50, dt: 0.25));
        var whole = new StringWriter();
        CsvResultWriter.Write(Simulator.Run(plan), whole);
        var streamed = new StringWriter();
        var rows = new CsvRowWriter(streamed, Simulator.DefaultOutputs(plan).Select(o => o.Name));
        Simulator.Stream(plan, Simulator.DefaultOutputs(plan), rows);
        rows.Flush();
        Assert.That(streamed.ToString(), Is.EqualTo(whole.ToString()));
        Assert.That(whole.ToString().Split('\n')[2], Does.StartWith("0.25,"), "the writer's own format: a row per saved time");
    }

    [TestCase(1L << 30), TestCase(8L * 201 * 3), TestCase(1L)]
    public void SpilledRows_ReadBackInColumnGroups_WriteTheSameJson(long budget)
    {
        // Budgets of everything at once, three columns per pass over the file, and one column per pass.
        var plan = TestModels.Compile(Model(200));
        var outputs = Simulator.DefaultOutputs(plan);
        var whole = new StringWriter();
        JsonResultWriter.Write(Simulator.Run(plan), whole, "test");
        string path = Path.Combine(Path.GetTempPath(), $"spill-{Guid.NewGuid():N}");
        var spilled = new StringWriter();
        using (var rows = new SpilledRows(path, outputs.Count, budget))
        {
            Simulator.Stream(plan, outputs, rows);
            JsonResultWriter.Write(outputs.Select(o => o.Name).ToList(), rows, spilled, "test");
        }
        Assert.That(spilled.ToString(), Is.EqualTo(whole.ToString()));
        Assert.That(File.Exists(path), Is.False, "the temporary file is deleted");
    }

    [Test]
    public void RunEstimate_OfRowsHeldInMemory_MatchesWhatARunAllocates()
    {
        var plan = TestModels.Compile(Model(100_000));
        Simulator.Run(TestModels.Compile(Model(10))); // one-off costs
        long measured = AllocatedBy(() => Simulator.Run(plan));
        long estimated = MemoryEstimate.ForRun(plan, Simulator.DefaultOutputs(plan).Count, RowStorage.Memory).Bytes - MemoryEstimate.Program.Bytes;
        // The lists' doubling allocates up to twice their final arrays of references, which the estimate leaves out.
        Assert.That((double)estimated / measured, Is.InRange(0.75, 1.1), $"estimated {estimated:N0} bytes, allocated {measured:N0}");
        Assert.That(MemoryEstimate.ForRun(plan, 20, RowStorage.Streamed).Bytes - MemoryEstimate.Program.Bytes, Is.LessThan(1 << 20));
    }

    [TestCase("1MB", 1L << 20), TestCase("1.5g", 3L << 29), TestCase("2TiB", 2L << 40), TestCase("1048576", 1L << 20), TestCase("4 GB", 4L << 30)]
    public void MaxMemory_ReadsSizes(string text, long bytes) => Assert.That(global::Simulation.Cli.MemoryLimit.Parse(text), Is.EqualTo(bytes));

    [TestCase("run", "models/teacup.json", "--max-memory", "lots", "is not a size")]
    [TestCase("run", "models/teacup.json", "--max-memory", "1KB", "at least 1MB")]
    [TestCase("sweep", "scenarios/hospital-beds.json", "--max-memory", "-2GB", "is not a size")]
    public void MaxMemory_ThatIsNotASize_IsAUsageError(string command, string file, string option, string value, string message)
    {
        var r = InProcessSim.Run(command, TestModels.PathOf(file.Split('/')), option, value);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stderr);
        Assert.That(r.Stderr, Does.Contain(message));
    }

    [Test]
    public void Run_OverTheLimit_IsRefusedWithTheEstimateAndAHint()
    {
        // 10 million saved times of teacup's stock, kept for the table on the console: about 480 MB.
        var r = InProcessSim.Run("run", TestModels.PathOf("models", "teacup.json"), "--dt", "0.000003", "--save-period", "0.000003", "--max-memory", "100MB");
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stderr);
        Assert.That(r.Stderr, Does.Contain("this run needs about").And.Contain("more than --max-memory 100MB").And.Contain("saved rows"));
        Assert.That(r.Stderr, Does.Contain("--output FILE.csv streams"));
        string csv = Path.Combine(Path.GetTempPath(), $"streamed-{Guid.NewGuid():N}.csv");
        var streamed = InProcessSim.Run("run", TestModels.PathOf("models", "teacup.json"), "--stop", "1", "--dt", "0.0001", "--save-period", "0.0001", "--max-memory", "120MB", "--output", csv);
        Assert.That(streamed.ExitCode, Is.EqualTo(0), "streamed to a file, the rows need no memory: " + streamed.Stderr);
        Assert.That(File.ReadLines(csv).Count(), Is.EqualTo(10_002));
        File.Delete(csv);
    }

    [Test]
    public void Sweep_OverTheLimit_IsRefusedBeforeItStarts()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"refused-{Guid.NewGuid():N}");
        var r = InProcessSim.Run("sweep", TestModels.PathOf("scenarios", "hospital-beds.json"), "--samples", "100000", "--output", folder, "--max-memory", "10MB");
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stderr);
        Assert.That(r.Stderr, Does.Contain("this sweep needs about").And.Contain("the summary's outcome values").And.Contain("--shard"));
        Assert.That(Directory.Exists(folder), Is.False, "refused before the folder is made");
    }
}
