using Simulation.Engine.Scenarios.Distributed;
using Simulation.Tests.Hardening;
using Simulation.Tests.Scenarios;

namespace Simulation.Tests.Distributed;

/// <summary>Issue 21: --shard from the command line or a scheduler's environment; --samples, --seed and --scenario; sim merge end to end.</summary>
[NonParallelizable]
public class ShardOptionTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] vars) =>
        name => vars.FirstOrDefault(v => v.Name == name).Value;

    [TestCase("0/16", 0, 16)]
    [TestCase("15/16", 15, 16)]
    [TestCase(" 2/3 ", 2, 3)]
    public void Shard_Written(string text, int index, int count) =>
        Assert.That(SweepShard.Parse(text, Env()), Is.EqualTo(new SweepShard(index, count)));

    [Test]
    public void Shard_FromTheScheduler()
    {
        Assert.That(SweepShard.Parse("auto/8", Env(("JOB_COMPLETION_INDEX", "5"))), Is.EqualTo(new SweepShard(5, 8)));
        Assert.That(SweepShard.Parse("auto/8", Env(("SLURM_ARRAY_TASK_ID", "3"))), Is.EqualTo(new SweepShard(3, 8)));
        // #SBATCH --array=0-15: the task id is the shard, and Slurm says how many.
        Assert.That(SweepShard.Parse("auto", Slurm(task: 15, min: 0, max: 15, count: 16)), Is.EqualTo(new SweepShard(15, 16)));
        // Tasks 3 and 7 submitted again (sbatch --array=3,7): still shards 3 and 7 of 16, so they resume their folders.
        Assert.That(SweepShard.Parse("auto/16", Slurm(task: 7, min: 3, max: 7, count: 2)), Is.EqualTo(new SweepShard(7, 16)));
    }

    private static Func<string, string?> Slurm(int task, int min, int max, int count) => Env(("SLURM_ARRAY_TASK_ID", $"{task}"),
        ("SLURM_ARRAY_TASK_MIN", $"{min}"), ("SLURM_ARRAY_TASK_MAX", $"{max}"), ("SLURM_ARRAY_TASK_COUNT", $"{count}"));

    [TestCase(7, 3, 7, 2, "run from 3 to 7, not 0 to 1")]    // a resubmission of some tasks: its size is not N
    [TestCase(16, 1, 16, 16, "run from 1 to 16, not 0 to 15")] // numbered from 1
    [TestCase(4, 0, 14, 8, "run from 0 to 14, not 0 to 7")]   // --array=0-15:2
    public void Shard_AutoFromAPartialSlurmArray_AsksForN(int task, int min, int max, int count, string fragment)
    {
        var error = Assert.Throws<ShardException>(() => SweepShard.Parse("auto", Slurm(task, min, max, count)))!;
        Assert.That(error.Message, Does.Contain(fragment));
        Assert.That(error.Hint, Does.Contain("--shard auto/N"));
    }

    [TestCase("3/3", "does not exist")]
    [TestCase("-1/3", "not a whole number")]
    [TestCase("1/0", "at least 1")]
    [TestCase("a/b", "not a whole number")]
    [TestCase("1/2/3", "not I/N")]
    [TestCase("auto/4", "neither JOB_COMPLETION_INDEX")]
    [TestCase("auto", "SLURM_ARRAY_TASK_COUNT")]
    public void Shard_Impossible_IsAClearError(string text, string fragment) =>
        Assert.That(Assert.Throws<ShardException>(() => SweepShard.Parse(text, Env()))!.Message, Does.Contain(fragment));

    [Test]
    public void SweepAndMerge_FromTheCommandLine_WithOverrides()
    {
        using var files = new ExperimentFiles();
        string experiment = files.Write("experiment.json", ExperimentFiles.Experiment("""
            "seed": 3, "scenarios": [ { "name": "base" }, { "name": "fast", "set": { "Rate": 0.2 } }, { "name": "slow", "set": { "Rate": 0.06 } } ],
            "uncertainty": { "design": "latinHypercube", "samples": 50, "inputs": [ { "input": "Rate", "distribution": "uniform", "min": 0.5, "max": 1.5, "apply": "multiply" } ] },
            "outcomes": [ { "name": "left", "value": "Stock" } ], "outputs": { "chunk": 4 }
            """));
        string[] overrides = ["--samples", "20", "--seed", "9", "--scenario", "slow,base"];
        var whole = InProcessSim.Run(["sweep", experiment, "--output", files.PathOf("whole"), "--threads", "1", .. overrides]);
        Assert.That(whole.ExitCode, Is.Zero, whole.Stderr);
        Assert.That(whole.Stderr, Does.Contain("2 scenarios x 20 futures = 40 runs"));
        for (int i = 0; i < 3; i++)
        {
            var shard = InProcessSim.Run(["sweep", experiment, "--output", files.PathOf($"s{i}"), "--shard", $"{i}/3", .. overrides]);
            Assert.That(shard.ExitCode, Is.Zero, shard.Stderr);
            // A shard's result is its committed chunks: the merge writes the tables and the summary, once.
            Assert.That(Directory.GetFiles(files.PathOf($"s{i}")).Select(Path.GetFileName).Where(n => !n!.StartsWith('.')), Is.EquivalentTo(new[] { "sweep.json", "shard.json" }));
        }
        var merge = InProcessSim.Run("merge", files.PathOf("s0"), files.PathOf("s1"), files.PathOf("s2"), "--output", files.PathOf("merged"));
        Assert.That(merge.ExitCode, Is.Zero, merge.Stderr);
        foreach (var name in new[] { "runs.parquet", "outcomes.parquet", "summary.csv", "summary.json", "sweep.json" })
            Assert.That(File.ReadAllBytes(files.PathOf("merged/" + name)), Is.EqualTo(File.ReadAllBytes(files.PathOf("whole/" + name))), name);
        Assert.That(File.ReadAllText(files.PathOf("merged/summary.json")), Does.Contain("--samples 20 --seed 9 --scenario base,slow"), "the summary says how to reproduce it");

        var missing = InProcessSim.Run("merge", files.PathOf("s0"), files.PathOf("s2"), "--output", files.PathOf("m2"));
        Assert.That(missing.ExitCode, Is.EqualTo(2));
        Assert.That(missing.Stderr, Does.Contain("shard 1/3 is missing").And.Contain("--allow-partial"));
        var partial = InProcessSim.Run("merge", files.PathOf("s0"), files.PathOf("s2"), "--output", files.PathOf("m3"), "--allow-partial");
        Assert.That(partial.ExitCode, Is.Zero, partial.Stderr);
        Assert.That(partial.Stderr, Does.Contain("PARTIAL"));
        // One shard's runs, to look at before the others finish: merged alone.
        var alone = InProcessSim.Run("merge", files.PathOf("s1"), "--output", files.PathOf("one"), "--allow-partial");
        Assert.That(alone.ExitCode, Is.Zero, alone.Stderr);
        Assert.That(File.Exists(files.PathOf("one/outcomes.parquet")) && File.Exists(files.PathOf("one/summary.json")), alone.Stderr);
    }

    [TestCase("--scenario", "fast", "leaves out the baseline 'base'")]
    [TestCase("--scenario", "base,nope", "no scenario 'nope'")]
    [TestCase("--samples", "0", "at least 1")]
    [TestCase("--shard", "4/4", "does not exist")]
    [TestCase("--shard", "0/2 --csv", "--csv cannot be given with --shard")]
    public void Overrides_Impossible_AreClearErrors(string option, string value, string fragment)
    {
        using var files = new ExperimentFiles();
        string experiment = files.Write("experiment.json", ExperimentFiles.Experiment("""
            "scenarios": [ { "name": "base" }, { "name": "fast", "set": { "Rate": 0.2 } } ],
            "uncertainty": { "design": "monteCarlo", "samples": 4, "inputs": [ { "input": "Rate", "distribution": "uniform", "min": 0.5, "max": 1.5 } ] },
            "outcomes": [ { "name": "left", "value": "Stock" } ]
            """).Replace("{ \"name\": \"fast\", \"set\": { \"Rate\": 0.2 } }", "{ \"name\": \"fast\", \"set\": { \"Fixed\": 4 } }"));
        var r = InProcessSim.Run(["sweep", experiment, "--output", files.PathOf("out"), option, .. value.Split(' ')]);
        Assert.That(r.IsInternalError, Is.False, r.Stderr);
        Assert.That(r.ExitCode, Is.Not.Zero);
        Assert.That(r.Stdout + r.Stderr, Does.Contain(fragment));
    }
}
