using System.Diagnostics;
using Simulation.Engine.Scenarios;
using Simulation.Engine.Scenarios.Running;
using Simulation.Tests.Cli;
using static Simulation.Tests.Scenarios.ExperimentFiles;
using static Simulation.Tests.Scenarios.SweepTestRuns;

namespace Simulation.Tests.Scenarios;

/// <summary>
/// A sweep stopped at any point (cancelled, or its process killed) and resumed finishes with every run exactly
/// once, and writes the same bytes as a sweep that was never interrupted.
/// </summary>
public class SweepResumeTests
{
    /// <summary>A decaying stock with noise: enough steps that a sweep takes a few seconds on one thread.</summary>
    private static string SlowModel(double dt) => $$"""
        { "name": "slow", "time": { "start": 0, "stop": 500, "dt": {{dt.ToString(System.Globalization.CultureInfo.InvariantCulture)}}, "savePeriod": 50, "units": "years" },
          "variables": [
            { "name": "Level", "kind": "stock", "initial": 10, "inflows": ["In"], "outflows": ["Decay"] },
            { "name": "In", "kind": "flow", "equation": "Scale * RANDOM(0, 2)" },
            { "name": "Decay", "kind": "flow", "equation": "Level * Rate" },
            { "name": "Scale", "kind": "auxiliary", "equation": 1, "input": true, "range": [0.5, 1.5] },
            { "name": "Rate", "kind": "auxiliary", "equation": 0.1, "input": true, "range": [0.05, 0.2] }
          ] }
        """;

    private const string SlowExperiment = """
        { "name": "resume", "model": "model.json", "seed": 5,
          "scenarios": [ { "name": "a" }, { "name": "b", "set": { "Rate": 0.15 } } ],
          "uncertainty": { "design": "sobol", "samples": 24, "inputs": [ { "input": "Scale" } ] },
          "outcomes": [ { "name": "final", "value": "Level" }, { "name": "in", "total": "In" }, { "name": "less", "avoided": "final" } ],
          "outputs": { "series": ["Level"], "chunk": 2 } }
        """;

    private static Dictionary<string, byte[]> Outputs(string folder) =>
        Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);

    private static void AssertSameOutputs(string expected, string actual)
    {
        var (e, a) = (Outputs(expected), Outputs(actual));
        Assert.That(a.Keys, Is.EquivalentTo(e.Keys));
        foreach (var (name, bytes) in e) Assert.That(a[name], Is.EqualTo(bytes), name);
        Assert.That(Directory.Exists(Path.Combine(actual, SweepJournal.PartsFolder)), Is.False, "committed chunks are removed once the outputs are written");
        var runs = ReadTable(Path.Combine(actual, "runs.parquet")).Select(r => (long)r["run"]!).ToList();
        Assert.That(runs, Is.EqualTo(Enumerable.Range(0, runs.Count).Select(i => (long)i)), "every run exactly once, in order");
    }

    [Test]
    public void Cancelled_ThenResumed_WritesTheSameBytesAsAnUninterruptedSweep()
    {
        using var files = new ExperimentFiles(SlowModel(dt: 0.5));
        var experiment = files.CompileOk(SlowExperiment);
        string whole = files.PathOf("whole"), resumed = files.PathOf("resumed");
        Sweep(experiment, whole);
        // Stop after a few runs, again and again, until the sweep completes. (Batches already running when the stop
        // comes still finish and are committed, so how far each attempt gets varies; every attempt makes progress.)
        int attempts = 0, cancelled = 0;
        SweepStatus status;
        do
        {
            using var cancel = new CancellationTokenSource();
            var runner = new SweepRunner(experiment, new StoppingEngine(new VectorSweepEngine(2, 4), 3 + attempts % 5, cancel));
            status = runner.Run(resumed, attempts == 0 ? SweepStart.Fresh : SweepStart.Resume, csv: false, cancel.Token);
            if (status == SweepStatus.Cancelled)
            {
                cancelled++;
                Assert.That(File.Exists(Path.Combine(resumed, "outcomes.parquet")), Is.False, "no outputs until every run is done");
            }
        }
        while (status == SweepStatus.Cancelled && ++attempts < 100);
        Assert.That(status, Is.EqualTo(SweepStatus.Completed));
        Assert.That(cancelled, Is.GreaterThanOrEqualTo(2), "the sweep was stopped part-way more than once");
        AssertSameOutputs(whole, resumed);
        Assert.That(Sweep(experiment, resumed, SweepStart.Resume), Is.EqualTo(SweepStatus.AlreadyComplete));
    }

    [Test]
    public void Resume_AfterTheExperimentChanged_IsRefused()
    {
        using var files = new ExperimentFiles(SlowModel(dt: 0.5));
        string folder = files.PathOf("out");
        using (var cancel = new CancellationTokenSource())
            new SweepRunner(files.CompileOk(SlowExperiment), new StoppingEngine(new VectorSweepEngine(1), 5, cancel)).Run(folder, SweepStart.Fresh, false, cancel.Token);
        var changed = files.CompileOk(SlowExperiment.Replace("\"seed\": 5", "\"seed\": 6"));
        var e = Assert.Throws<SweepFolderException>(() => Sweep(changed, folder, SweepStart.Resume));
        Assert.That(e!.Message, Does.Contain("different experiment"));
        Assert.Throws<SweepFolderException>(() => Sweep(changed, folder, SweepStart.Fresh), "nothing is overwritten without --force");
        Assert.That(Sweep(changed, folder, SweepStart.Force), Is.EqualTo(SweepStatus.Completed));
    }

    [Test]
    public void KilledProcess_ResumedWithResume_FinishesWithEveryRunExactlyOnce()
    {
        using var files = new ExperimentFiles(SlowModel(dt: 0.01));
        string experimentPath = files.Write("experiment.json", SlowExperiment);
        string whole = files.PathOf("whole"), killed = files.PathOf("killed");

        using (var sim = SimProcess.Start(null, "sweep", experimentPath, "--output", killed, "--threads", "1"))
        {
            string parts = Path.Combine(killed, SweepJournal.PartsFolder);
            var clock = Stopwatch.StartNew();
            while (!sim.HasExited && CommittedChunks(parts) < 3 && clock.Elapsed < TimeSpan.FromMinutes(2)) Thread.Sleep(5);
            Assume.That(sim.HasExited, Is.False, "the sweep finished before it could be killed: make it slower");
            sim.Kill(entireProcessTree: true); // SIGKILL: no chance to clean up
            sim.WaitForExit();
            Assert.That(CommittedChunks(parts), Is.GreaterThanOrEqualTo(3).And.LessThan(24), "killed mid-sweep");
        }
        var resume = SimProcess.Run("sweep", experimentPath, "--output", killed, "--resume", "--threads", "2");
        Assert.That(resume.ExitCode, Is.EqualTo(0), resume.Stderr);
        var fresh = SimProcess.Run("sweep", experimentPath, "--output", whole, "--threads", "2");
        Assert.That(fresh.ExitCode, Is.EqualTo(0), fresh.Stderr);
        AssertSameOutputs(whole, killed);
    }

    /// <summary>INT is Ctrl-C; TERM is how a scheduler stops a task (Slurm's requeue and scancel, a pod deleted, docker stop).</summary>
    [TestCase("INT")]
    [TestCase("TERM")]
    public void Interrupted_LikeCtrlC_OrByAScheduler_StopsCleanlyAndResumes(string signalName)
    {
        using var files = new ExperimentFiles(SlowModel(dt: 0.01));
        string experimentPath = files.Write("experiment.json", SlowExperiment), folder = files.PathOf("out");
        var said = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using (var sim = SimProcess.Start(said.Enqueue, "sweep", experimentPath, "--output", folder, "--threads", "1"))
        {
            string parts = Path.Combine(folder, SweepJournal.PartsFolder);
            var clock = Stopwatch.StartNew();
            while (!sim.HasExited && CommittedChunks(parts) < 2 && clock.Elapsed < TimeSpan.FromMinutes(2)) Thread.Sleep(5);
            Assume.That(sim.HasExited, Is.False, "the sweep finished before it could be interrupted");
            using (var signal = Process.Start("kill", ["-" + signalName, sim.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) signal.WaitForExit();
            Assert.That(sim.WaitForExit(60_000), Is.True, $"SIG{signalName} stops the sweep");
            sim.WaitForExit(); // every line of standard error read
            // On a loaded machine this thread can be descheduled long enough for the sweep to finish before the signal
            // arrives; that is a race the test cannot prevent, not a failure (a sweep that was stopped has no outcomes).
            Assume.That(sim.ExitCode == 0 && File.Exists(Path.Combine(folder, "outcomes.parquet")), Is.False,
                "the sweep finished before the signal reached it");
            Assert.That(sim.ExitCode, Is.EqualTo(130));
            Assert.That(CommittedChunks(parts), Is.GreaterThanOrEqualTo(2), "finished chunks are kept");
            Assert.That(File.Exists(Path.Combine(folder, "outcomes.parquet")), Is.False);
            Assert.That(string.Join("\n", said), Does.Contain("sweep: stopped;").And.Contain("runs are kept"), "the log says what is kept");
        }
        var resume = SimProcess.Run("sweep", experimentPath, "--output", folder, "--resume");
        Assert.That(resume.ExitCode, Is.EqualTo(0), resume.Stderr);
        Assert.That(resume.Stderr, Does.Match(@"sweep: resumed: [1-9][0-9]* of 48 runs were kept from an earlier start"));
        var runs = ReadTable(Path.Combine(folder, "runs.parquet")).Select(r => (long)r["run"]!).ToList();
        Assert.That(runs, Is.EqualTo(Enumerable.Range(0, 48).Select(i => (long)i)));
    }

    private static int CommittedChunks(string parts) => Directory.Exists(parts) ? Directory.GetFiles(parts, "*.part").Length : 0;

    /// <summary>Passes futures through, and asks the sweep to stop after a given number, as Ctrl-C would.</summary>
    internal sealed class StoppingEngine(ISweepEngine inner, int stopAfter, CancellationTokenSource cancel) : ISweepEngine
    {
        private int _delivered;

        private void Delivered()
        {
            if (++_delivered == stopAfter) cancel.Cancel();
        }

        public void Run(CompiledExperiment experiment, CompiledScenario scenario, int first, int count, IFutureSink sink, CancellationToken cancellation) =>
            inner.Run(experiment, scenario, first, count, new Counting(this, sink), cancellation);

        private sealed class Counting(StoppingEngine owner, IFutureSink sink) : IFutureSink
        {
            public void Accept(int future, ReadOnlySpan<double> values, FutureProblem? problem)
            {
                sink.Accept(future, values, problem);
                owner.Delivered();
            }
        }
    }
}
