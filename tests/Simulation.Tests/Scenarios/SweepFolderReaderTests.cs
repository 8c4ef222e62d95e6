using System.Globalization;
using Simulation.Engine.Scenarios;
using Simulation.Engine.Scenarios.Distributed;
using Simulation.Engine.Scenarios.Output;
using Simulation.Engine.Scenarios.Running;
using Simulation.Tests.Distributed;
using Simulation.Tests.Hardening;

namespace Simulation.Tests.Scenarios;

/// <summary>
/// The one reader of a sweep's Parquet tables (analyses, discovery and the report start from it), checked against the
/// sweep's CSV tables (written by another writer from the same runs): every outcome, series point and sampled input in
/// its place; series thinned to a budget; a partial merge numbered as its summary numbers its futures (and reported);
/// damage refused.
/// </summary>
[NonParallelizable]
public class SweepFolderReaderTests
{
    private static List<string[]> Csv(string path) =>
        File.ReadAllLines(path).Skip(1).Select(line => line.Split(',').Select(c => c.Trim('"')).ToArray()).ToList();

    private static double Number(string text) => text.Length == 0 ? double.NaN : double.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>run id -> (scenario name, sample, replication), from runs.csv.</summary>
    private static Dictionary<long, (string Scenario, long Sample, long Replication)> Runs(string folder) =>
        Csv(Path.Combine(folder, "runs.csv")).ToDictionary(r => long.Parse(r[0], CultureInfo.InvariantCulture),
            r => (r[1], long.Parse(r[2], CultureInfo.InvariantCulture), long.Parse(r[3], CultureInfo.InvariantCulture)));

    /// <summary>The shard tests' noisy three-scenario experiment, swept whole into "sweep".</summary>
    private static (CompiledExperiment Experiment, string Folder) Swept(ExperimentFiles files, int samples, int replications)
    {
        var experiment = files.CompileOk(ShardMergeTests.Experiment("latinHypercube", samples, replications));
        string folder = files.PathOf("sweep");
        Assert.That(SweepTestRuns.Sweep(experiment, folder), Is.EqualTo(SweepStatus.Completed));
        return (experiment, folder);
    }

    [Test]
    public void EveryValueIsWhereTheCsvTablesPutIt()
    {
        using var files = new ExperimentFiles(ShardMergeTests.NoisyModel);
        var (_, folder) = Swept(files, 7, 2);
        var results = SweepFolderReader.Read(folder, series: true);
        Assert.That(results.Scenarios, Is.EqualTo(new[] { "a", "b", "c" }));
        Assert.That((results.Futures, results.Replications, results.Samples, results.SeriesStride), Is.EqualTo((14, 2, 7, 1)));

        var runs = Runs(folder);
        int Future((string Scenario, long Sample, long Replication) run) => (int)(run.Sample * 2 + run.Replication);
        int Scenario((string Scenario, long Sample, long Replication) run) => results.Scenarios.IndexOf(run.Scenario);
        var outcomeRows = Csv(Path.Combine(folder, "outcomes.csv"));
        Assert.That(outcomeRows, Has.Count.EqualTo(3 * 14 * results.Outcomes.Length));
        foreach (var row in outcomeRows)
        {
            var run = runs[long.Parse(row[0], CultureInfo.InvariantCulture)];
            int k = results.OutcomeIndex(new OutcomeKey(row[1], row[2]));
            Assert.That(results.OutcomeValues[Scenario(run)][k][Future(run)], Is.EqualTo(Number(row[3])), string.Join(",", row));
        }
        var seriesRows = Csv(Path.Combine(folder, "series.csv"));
        Assert.That(seriesRows, Has.Count.EqualTo(3 * 14 * results.Series.Length));
        foreach (var row in seriesRows)
        {
            var run = runs[long.Parse(row[0], CultureInfo.InvariantCulture)];
            int p = results.Series.IndexOf(new SeriesKey(row[1], row[2], Number(row[3])));
            Assert.That(results.SeriesValues[Scenario(run)][p][Future(run)], Is.EqualTo(Number(row[4])), string.Join(",", row));
        }
        var header = File.ReadLines(Path.Combine(folder, "runs.csv")).First().Split(',');
        Assert.That(results.Inputs, Is.EqualTo(header[4..^1]));
        foreach (var row in Csv(Path.Combine(folder, "runs.csv")))
        {
            var run = runs[long.Parse(row[0], CultureInfo.InvariantCulture)];
            for (int j = 0; j < results.Inputs.Length; j++)
                Assert.That(results.InputValues[j][Future(run)], Is.EqualTo(Number(row[4 + j])));
        }
    }

    [Test]
    public void ABudgetReadsTheSeriesOfEveryKthFuture()
    {
        using var files = new ExperimentFiles(ShardMergeTests.NoisyModel);
        var (_, folder) = Swept(files, 10, 1);
        var all = SweepFolderReader.Read(folder, series: true);
        long rows = 3L * 10 * all.Series.Length;
        var thinned = SweepFolderReader.Read(folder, series: true, seriesBudget: rows / 3);
        Assert.That(thinned.SeriesStride, Is.EqualTo(3));
        Assert.That(thinned.Series, Is.EqualTo(all.Series));
        for (int s = 0; s < 3; s++)
        for (int p = 0; p < all.Series.Length; p++)
            Assert.That(thinned.SeriesValues[s][p], Is.EqualTo(new[] { 0, 3, 6, 9 }.Select(f => all.SeriesValues[s][p][f]).ToArray()));
        Assert.That(thinned.OutcomeValues, Is.EqualTo(all.OutcomeValues), "outcomes are never thinned");
        Assert.That(SweepFolderReader.Read(folder).SeriesValues, Is.Empty, "no series unless asked");
    }

    [Test]
    public void APartialMergeNumbersItsFuturesAsItsSummaryDoes()
    {
        using var files = new ExperimentFiles(ShardMergeTests.NoisyModel);
        var (experiment, whole) = Swept(files, 10, 1);
        var folders = ShardMergeTests.RunShards(experiment, files, 3);
        var summary = ShardMerge.Plan([folders[0], folders[2]], allowPartial: true).Write(experiment, files.PathOf("partial"), SweepStart.Fresh, csv: false);

        var (first, end) = new SweepShard(1, 3).Chunks(4); // chunks of 3 futures: shard 1 holds futures [3 first, 3 end)
        var present = Enumerable.Range(0, 10).Where(f => f < first * 3 || f >= Math.Min(10, end * 3)).ToArray();
        var partial = SweepFolderReader.Read(files.PathOf("partial"), series: true);
        var all = SweepFolderReader.Read(whole, series: true);
        Assert.That(partial.Futures, Is.EqualTo(present.Length).And.EqualTo(summary.Rows[0].Runs));
        for (int s = 0; s < 3; s++)
        for (int k = 0; k < all.Outcomes.Length; k++)
            Assert.That(partial.OutcomeValues[s][k], Is.EqualTo(present.Select(f => all.OutcomeValues[s][k][f]).ToArray()));
        Assert.That(partial.InputValues[0], Is.EqualTo(present.Select(f => all.InputValues[0][f]).ToArray()));

        // The report reads the same tables: a partial merge's report is drawn from the futures it has.
        var report = InProcessSim.Run("report", files.PathOf("partial"));
        Assert.That(report.ExitCode, Is.Zero, report.Stderr);
    }

    [Test]
    public void DamagedTablesAreRefusedWithAHint()
    {
        using var files = new ExperimentFiles(ShardMergeTests.NoisyModel);
        var (_, folder) = Swept(files, 4, 1);

        // A runs table where the outcomes table should be: a column is missing.
        File.Copy(Path.Combine(folder, "runs.parquet"), Path.Combine(folder, "outcomes.parquet"), overwrite: true);
        var e = Assert.Throws<SweepFolderException>(() => SweepFolderReader.Read(folder))!;
        Assert.That(e.Message, Does.Contain("outcomes.parquet has no column"));
        Assert.That(e.Hint, Does.Contain("--force"));

        File.WriteAllText(Path.Combine(folder, "runs.parquet"), "not parquet");
        e = Assert.Throws<SweepFolderException>(() => SweepFolderReader.Read(folder))!;
        Assert.That(e.Message, Does.Contain("runs.parquet is not a Parquet table"));
    }
}
