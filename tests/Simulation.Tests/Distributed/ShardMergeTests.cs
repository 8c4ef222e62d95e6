using Newtonsoft.Json.Linq;
using Simulation.Engine.Scenarios;
using Simulation.Engine.Scenarios.Distributed;
using Simulation.Engine.Scenarios.Running;
using Simulation.Tests.Scenarios;

namespace Simulation.Tests.Distributed;

/// <summary>
/// Issue 21: a sweep split into N shards (run in any order, on any thread count, each resumable) and merged writes the
/// same bytes as the whole sweep on one machine; a merge refuses shards of other experiments or versions, missing,
/// duplicated and unfinished shards, and with --allow-partial merges what there is and says so.
/// </summary>
public class ShardMergeTests
{
    /// <summary>A noisy decaying stock: replications differ, scenarios are paired.</summary>
    internal const string NoisyModel = """
        { "name": "noisy", "time": { "start": 0, "stop": 20, "dt": 0.5, "savePeriod": 5, "units": "years" },
          "variables": [
            { "name": "Level", "kind": "stock", "initial": 10, "inflows": ["In"], "outflows": ["Decay"] },
            { "name": "In", "kind": "flow", "equation": "Scale * RANDOM(0, 2)" },
            { "name": "Decay", "kind": "flow", "equation": "Level * Rate" },
            { "name": "Scale", "kind": "auxiliary", "equation": 1, "input": true, "range": [0.5, 1.5] },
            { "name": "Rate", "kind": "auxiliary", "equation": 0.1, "input": true, "range": [0.05, 0.2] }
          ] }
        """;

    internal static string Experiment(string design, int samples, int replications) => $$"""
        { "name": "shards", "model": "model.json", "seed": 21,
          "scenarios": [ { "name": "a" }, { "name": "b", "set": { "Rate": 0.15 } }, { "name": "c", "set": { "Rate": 0.05 } } ],
          "uncertainty": { "design": "{{design}}", "samples": {{samples}}, "replications": {{replications}}, "inputs": [ { "input": "Scale" } ] },
          "outcomes": [ { "name": "final", "value": "Level" }, { "name": "in", "total": "In" }, { "name": "less", "avoided": "final" } ],
          "outputs": { "series": ["Level"], "chunk": 3, "csv": true } }
        """;

    private static Dictionary<string, byte[]> Outputs(string folder) =>
        Directory.GetFiles(folder).Where(f => !Path.GetFileName(f).StartsWith('.')).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);

    private static void AssertSameBytes(string expected, string actual)
    {
        var (e, a) = (Outputs(expected), Outputs(actual));
        Assert.That(a.Keys, Is.EquivalentTo(e.Keys));
        foreach (var (name, bytes) in e) Assert.That(a[name], Is.EqualTo(bytes), name);
    }

    internal static string[] RunShards(CompiledExperiment experiment, ExperimentFiles files, int count, string prefix = "shard")
    {
        var folders = Enumerable.Range(0, count).Select(i => files.PathOf($"{prefix}-{i}")).ToArray();
        // In reverse order, alternating thread counts and engines' batch widths: none of it may matter.
        foreach (int i in Enumerable.Range(0, count).Reverse())
        {
            var status = new SweepRunner(experiment, new VectorSweepEngine(threads: 1 + i % 2, lanes: i % 3 == 0 ? 4 : 16), new SweepShard(i, count))
                .Run(folders[i], SweepStart.Fresh, csv: false);
            Assert.That(status, Is.EqualTo(SweepStatus.Completed));
        }
        return folders;
    }

    [TestCase("latinHypercube", 10, 2, 1)]
    [TestCase("latinHypercube", 10, 2, 2)]
    [TestCase("latinHypercube", 10, 2, 3)]
    [TestCase("latinHypercube", 10, 2, 7)]
    [TestCase("sobol", 16, 1, 3)]
    [TestCase("monteCarlo", 5, 3, 7)]
    public void NShardsMerged_AreTheWholeSweepByteForByte(string design, int samples, int replications, int shards)
    {
        using var files = new ExperimentFiles(NoisyModel);
        var experiment = files.CompileOk(Experiment(design, samples, replications));
        string whole = files.PathOf("whole"), merged = files.PathOf("merged");
        Assert.That(SweepTestRuns.Sweep(experiment, whole), Is.EqualTo(SweepStatus.Completed));
        var folders = RunShards(experiment, files, shards);
        var merge = ShardMerge.Plan(folders.Reverse().ToList(), allowPartial: false);
        merge.Write(experiment, merged, SweepStart.Fresh, csv: false);
        AssertSameBytes(whole, merged);
        Assert.That(Directory.Exists(Path.Combine(merged, SweepJournal.PartsFolder)), Is.False);
    }

    [Test]
    public void Shards_AreDisjointBalancedAndCoverEveryChunk()
    {
        foreach (int chunks in new[] { 1, 7, 98, 1000 })
        foreach (int count in new[] { 1, 2, 3, 7, 16 })
        {
            var ranges = Enumerable.Range(0, count).Select(i => new SweepShard(i, count).Chunks(chunks)).ToList();
            Assert.That(ranges[0].First, Is.Zero);
            Assert.That(ranges[^1].End, Is.EqualTo(chunks));
            for (int i = 1; i < count; i++) Assert.That(ranges[i].First, Is.EqualTo(ranges[i - 1].End));
            var sizes = ranges.Select(r => r.End - r.First).ToList();
            Assert.That(sizes.Max() - sizes.Min(), Is.LessThanOrEqualTo(1), $"{chunks} chunks in {count} shards");
        }
    }

    [Test]
    public void AKilledShard_Resumes_AndTheMergeIsUnchanged()
    {
        using var files = new ExperimentFiles(NoisyModel);
        var experiment = files.CompileOk(Experiment("latinHypercube", 12, 2));
        string whole = files.PathOf("whole");
        SweepTestRuns.Sweep(experiment, whole);
        var folders = Enumerable.Range(0, 2).Select(i => files.PathOf($"s{i}")).ToArray();
        new SweepRunner(experiment, new VectorSweepEngine(2), new SweepShard(1, 2)).Run(folders[1], SweepStart.Fresh, csv: false);
        int attempts = 0;
        SweepStatus status;
        do
        {
            using var cancel = new CancellationTokenSource();
            var engine = new SweepResumeTests.StoppingEngine(new VectorSweepEngine(1, 4), 2, cancel);
            status = new SweepRunner(experiment, engine, new SweepShard(0, 2)).Run(folders[0], attempts == 0 ? SweepStart.Fresh : SweepStart.Resume, false, cancel.Token);
            if (status == SweepStatus.Cancelled)
                Assert.Throws<SweepFolderException>(() => ShardMerge.Plan(folders, allowPartial: false), "an unfinished shard is not merged");
        }
        while (status == SweepStatus.Cancelled && ++attempts < 100);
        Assert.That(attempts, Is.GreaterThan(0), "the shard was stopped part-way");
        ShardMerge.Plan(folders, false).Write(experiment, files.PathOf("merged"), SweepStart.Fresh, false);
        AssertSameBytes(whole, files.PathOf("merged"));
    }

    [Test]
    public void Merge_RefusesMissingDuplicatedUnfinishedAndForeignShards()
    {
        using var files = new ExperimentFiles(NoisyModel);
        var experiment = files.CompileOk(Experiment("latinHypercube", 10, 1));
        var folders = RunShards(experiment, files, 3);

        string Refusal(IReadOnlyList<string> given) => Assert.Throws<SweepFolderException>(() => ShardMerge.Plan(given, allowPartial: false))!.Message;
        Assert.That(Refusal([folders[0], folders[2]]), Does.Contain("shard 1/3 is missing"));
        Assert.That(Refusal([folders[0], folders[1], folders[2], folders[1]]), Does.Contain("given twice").And.Contain(folders[1]));
        Assert.That(Refusal([files.PathOf("nowhere")]), Does.Contain("does not exist"));

        var other = files.CompileOk(Experiment("latinHypercube", 10, 1).Replace("\"seed\": 21", "\"seed\": 22"));
        new SweepRunner(other, new VectorSweepEngine(1), new SweepShard(1, 3)).Run(files.PathOf("foreign"), SweepStart.Fresh, false);
        Assert.That(Refusal([folders[0], files.PathOf("foreign"), folders[2]]), Does.Contain("another experiment").And.Contain("foreign"));

        Edit(folders[2], m => m["engineVersion"] = "0.0.1-elsewhere");
        Assert.That(Refusal(folders), Does.Contain("0.0.1-elsewhere"));
        Edit(folders[2], m => m["engineVersion"] = Engine.Scenarios.Summary.Provenance.CurrentEngineVersion);

        Edit(folders[1], m => m["complete"] = false);
        Assert.That(Refusal(folders), Does.Contain("shard 1/3").And.Contain("has not finished"));

        // --allow-partial: shards 0 and 2 only, said so; the summary counts their futures alone.
        var partial = ShardMerge.Plan(folders, allowPartial: true);
        Assert.That(partial.IsPartial, Is.True);
        Assert.That(partial.LeftOut.Single(), Does.Contain("shard 1/3"));
        var summary = partial.Write(experiment, files.PathOf("partial"), SweepStart.Fresh, false);
        var (first, end) = new SweepShard(1, 3).Chunks(4);
        int leftOutFutures = Math.Min(end * 3, 10) - first * 3;
        Assert.That(summary.Rows[0].Runs, Is.EqualTo(10 - leftOutFutures));
    }

    [Test]
    public void TheLockHoldsPerShardFolder()
    {
        using var files = new ExperimentFiles(NoisyModel);
        var experiment = files.CompileOk(Experiment("latinHypercube", 10, 1));
        string folder = files.PathOf("s0");
        using (SweepFolderLock.Acquire(folder))
        {
            var e = Assert.Throws<SweepFolderException>(() =>
                new SweepRunner(experiment, new VectorSweepEngine(1), new SweepShard(0, 2)).Run(folder, SweepStart.Fresh, false));
            Assert.That(e!.Message, Does.Contain("in use by another sweep"));
        }
        Assert.That(new SweepRunner(experiment, new VectorSweepEngine(1), new SweepShard(0, 2)).Run(folder, SweepStart.Fresh, false), Is.EqualTo(SweepStatus.Completed));
        var wrong = Assert.Throws<SweepFolderException>(() =>
            new SweepRunner(experiment, new VectorSweepEngine(1), new SweepShard(1, 2)).Run(folder, SweepStart.Resume, false));
        Assert.That(wrong!.Message, Does.Contain("shard 0/2").And.Contain("not shard 1/2"));
    }

    private static void Edit(string folder, Action<JObject> change)
    {
        string path = Path.Combine(folder, ShardManifest.FileName);
        var json = JObject.Parse(File.ReadAllText(path));
        change(json);
        File.WriteAllText(path, json.ToString());
    }
}
