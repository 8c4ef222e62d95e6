using Simulation.Engine.Scenarios;
using Simulation.Engine.Scenarios.Running;
using Simulation.Tests.Scenarios;

namespace Simulation.Tests.Hardening;

/// <summary>
/// Issue 22, item 1: three concurrent resumes of one sweep lost runs silently (one exited 0 with 125 of 240 runs while
/// sweep.json said complete; the others died with internal errors). A sweep now locks its folder, and a resume checks
/// every committed chunk's checksum, running damaged ones again. Item 9: a failed write leaves no .part.tmp behind.
/// </summary>
[NonParallelizable]
public class SweepFolderTests
{
    private ExperimentFiles _files = null!;
    private string Folder => _files.PathOf("out");

    [SetUp]
    public void CreateFiles() => _files = new ExperimentFiles();

    [TearDown]
    public void RemoveFiles() => _files.Dispose();

    private const string Members = """
        "scenarios": [ { "name": "base" }, { "name": "heavier", "set": { "Weight": 0.8 } } ],
        "uncertainty": { "design": "monteCarlo", "samples": 12, "inputs": [ { "input": "Rate" } ] },
        "outcomes": [ { "name": "Left", "value": "Stock" } ],
        "outputs": { "chunk": 3 }
        """;

    [Test]
    public void SecondSweepIntoALockedFolder_ExitsTwoAndSaysWhoHoldsIt()
    {
        string experiment = _files.Write("experiment.json", ExperimentFiles.Experiment(Members));
        using (SweepFolderLock.Acquire(Folder))
        {
            var second = InProcessSim.Run("sweep", experiment, "--output", Folder, "--resume");
            Assert.That(second.ExitCode, Is.EqualTo(2), second.Stderr);
            Assert.That(second.Stderr, Does.Contain("in use by another sweep").And.Contain($"process {Environment.ProcessId}"));
            Assert.That(second.Stderr, Does.Not.Contain(" runs on "), "a refused folder is said first, without a plan of runs that will not happen");
            Assert.That(File.Exists(Path.Combine(Folder, "summary.json")), Is.False, "nothing was written");
        }
        var after = InProcessSim.Run("sweep", experiment, "--output", Folder, "--resume");
        Assert.That(after.ExitCode, Is.EqualTo(0), "the lock goes with the holder: " + after.Stderr);
    }

    [Test]
    public void DamagedChunk_IsFoundOnResume_ReportedAndRunAgain()
    {
        var experiment = _files.CompileOk(ExperimentFiles.Experiment(Members));
        string whole = _files.PathOf("whole");
        SweepTestRuns.Sweep(experiment, whole, engine: new ReferenceSweepEngine());

        // Stop after the first scenario's chunks, then damage one of them (a flipped bit in a value).
        using var stop = new CancellationTokenSource();
        var stopped = new SweepRunner(experiment, new StopAtScenario(1, stop)).Run(Folder, SweepStart.Fresh, csv: false, stop.Token);
        Assert.That(stopped, Is.EqualTo(SweepStatus.Cancelled));
        string part = Directory.GetFiles(Path.Combine(Folder, SweepJournal.PartsFolder), "*.part").Order().ElementAt(1);
        var bytes = File.ReadAllBytes(part);
        bytes[40] ^= 0x10;
        File.WriteAllBytes(part, bytes);
        File.WriteAllText(Path.Combine(Folder, SweepJournal.PartsFolder, "s001-c000000.part.tmp"), "torn");

        var resumed = new SweepRunner(experiment, new ReferenceSweepEngine());
        Assert.That(resumed.Run(Folder, SweepStart.Resume, csv: false), Is.EqualTo(SweepStatus.Completed));
        Assert.That(resumed.RepairedChunks, Has.Count.EqualTo(1));
        Assert.That(resumed.RepairedChunks[0], Does.Contain("checksum").And.Contain(Path.GetFileName(part)));
        foreach (var file in new[] { "summary.json", "outcomes.parquet", "runs.parquet" })
            Assert.That(File.ReadAllBytes(Path.Combine(Folder, file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(whole, file))), file);
    }

    [Test]
    public void ChunkThatCannotBeWritten_LeavesNoTemporaryFile()
    {
        string folder = _files.PathOf("parts");
        Directory.CreateDirectory(folder);
        string target = Path.Combine(folder, "s000-c000000.part");
        Directory.CreateDirectory(target); // the rename onto a folder fails, as a full disk fails the write
        var part = new PartFile(0, 2, 3);
        Assert.That(() => part.Write(target), Throws.InstanceOf<IOException>().Or.InstanceOf<UnauthorizedAccessException>());
        Assert.That(Directory.GetFiles(folder), Is.Empty);
    }

    [Test]
    public void StoppedMidChunk_CountsOnlyCommittedRunsAsKept_AndTheResumeFindsExactlyThose()
    {
        var experiment = _files.CompileOk(ExperimentFiles.Experiment(Members));
        using var stop = new CancellationTokenSource();
        var stopped = new SweepRunner(experiment, new StopAfterRuns(7, stop));
        Assert.That(stopped.Run(Folder, SweepStart.Fresh, csv: false, stop.Token), Is.EqualTo(SweepStatus.Cancelled));
        Assert.That(stopped.CompletedRuns, Is.EqualTo(7), "seven runs were delivered");
        Assert.That(stopped.KeptRuns, Is.EqualTo(6), "two chunks of 3 were committed; the seventh run's chunk was not");
        Assert.That(stopped.ResumedRuns, Is.Zero);

        var resumed = new SweepRunner(experiment, new ReferenceSweepEngine());
        Assert.That(resumed.Run(Folder, SweepStart.Resume, csv: false), Is.EqualTo(SweepStatus.Completed));
        Assert.That(resumed.ResumedRuns, Is.EqualTo(stopped.KeptRuns), "what the stopped sweep said it kept is what the resume found");
        Assert.That(resumed.CompletedRuns, Is.EqualTo(resumed.TotalRuns));
        Assert.That(resumed.KeptRuns, Is.EqualTo(resumed.TotalRuns));
    }

    /// <summary>Delivers <paramref name="runs"/> runs and stops, as Ctrl-C in the middle of a chunk would.</summary>
    private sealed class StopAfterRuns(int runs, CancellationTokenSource stop) : ISweepEngine
    {
        private readonly ReferenceSweepEngine _engine = new();
        private int _delivered;

        public void Run(CompiledExperiment experiment, CompiledScenario compiled, int first, int count, IFutureSink sink, CancellationToken cancellation) =>
            _engine.Run(experiment, compiled, first, count, new Counting(Next, sink), cancellation);

        private void Next()
        {
            if (_delivered == runs)
            {
                stop.Cancel();
                stop.Token.ThrowIfCancellationRequested();
            }
            _delivered++;
        }

        private sealed class Counting(Action next, IFutureSink inner) : IFutureSink
        {
            public void Accept(int future, ReadOnlySpan<double> values, FutureProblem? problem)
            {
                next();
                inner.Accept(future, values, problem);
            }
        }
    }

    /// <summary>Runs scenarios before <paramref name="scenario"/> and stops there, as Ctrl-C would.</summary>
    private sealed class StopAtScenario(int scenario, CancellationTokenSource stop) : ISweepEngine
    {
        private readonly ReferenceSweepEngine _engine = new();

        public void Run(CompiledExperiment experiment, CompiledScenario compiled, int first, int count, IFutureSink sink, CancellationToken cancellation)
        {
            if (compiled.Index >= scenario)
            {
                stop.Cancel();
                stop.Token.ThrowIfCancellationRequested();
            }
            _engine.Run(experiment, compiled, first, count, sink, cancellation);
        }
    }
}
