using Simulation.Engine.Designs;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Runtime;

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
        // Measured: the managed heap before and after reading a 200,000-row table, the table kept alive.
        string path = DesignTable(200_000);
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var diagnostics = new DiagnosticBag();
        var file = SourceFile.Load(path, diagnostics, DiagnosticCodes.DesignTableProblem)!;
        var table = Engine.Designs.DesignTable.Read(file, diagnostics)!;
        long held = GC.GetTotalMemory(forceFullCollection: true) - before;
        var plan = TestModels.Compile(File.ReadAllText(Teacup));
        var estimate = MemoryEstimate.ForDesign(plan, table, file.Text.Length, valuesPerRun: 1, threads: 1, lanes: 4);
        long tablePart = estimate.Parts.Single(p => p.Part.StartsWith("the design table", StringComparison.Ordinal)).Bytes;
        Assert.That(tablePart, Is.EqualTo(held).Within(25).Percent, $"estimated {tablePart:N0} bytes, held {held:N0}");
        GC.KeepAlive(file);
        GC.KeepAlive(table);
    }
}
