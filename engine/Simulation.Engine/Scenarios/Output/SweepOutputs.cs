using Simulation.Engine.Scenarios.Outcomes;
using Simulation.Engine.Scenarios.Running;
using Simulation.Engine.Scenarios.Summary;

namespace Simulation.Engine.Scenarios.Output;

/// <summary>
/// Makes a sweep's outputs from its committed chunks alone (so a resumed sweep writes the same bytes as an
/// uninterrupted one), one chunk at a time, in run order:
/// <code>
/// runs.parquet       run, scenario, sample, replication, one column per sampled input, problem
/// outcomes.parquet   run, outcome, element, value
/// series.parquet     run, variable, element, time, value            (when the experiment asks for series)
/// *.csv              the same tables as CSV                          (on request)
/// summary.csv/.json  per scenario and outcome: mean, percentiles, the paired comparison with the baseline (SweepSummary)
/// </code>
/// Memory: a row group of every table (<see cref="TidyTable.RowGroupValues"/>), plus the outcome values the summary needs
/// (8 bytes per run and outcome column).
/// </summary>
public static class SweepOutputs
{
    public const string Runs = "runs", Outcomes = "outcomes", Series = "series", SummaryCsv = "summary.csv", SummaryJson = "summary.json";

    /// <summary>Every file name a sweep may write (what --force removes).</summary>
    public static IReadOnlyList<string> AllNames { get; } =
        [Runs + ".parquet", Outcomes + ".parquet", Series + ".parquet", Runs + ".csv", Outcomes + ".csv", Series + ".csv", SummaryCsv, SummaryJson];

    public static Task<SweepSummary> WriteAsync(CompiledExperiment experiment, SweepJournal journal, bool csv, CancellationToken cancellation) =>
        WriteAsync(experiment, journal, journal, Enumerable.Range(0, journal.ChunkCount).ToList(), csv, cancellation);

    /// <summary>
    /// The outputs of <paramref name="chunks"/> (in increasing order) of <paramref name="journal"/>'s sweep, read from
    /// <paramref name="parts"/> (a sweep's own chunks; a merge reads the shards'), into the journal's folder, with the summary
    /// over those chunks' futures.
    /// </summary>
    public static async Task<SweepSummary> WriteAsync(CompiledExperiment experiment, SweepJournal journal, ICommittedChunks parts, IReadOnlyList<int> chunks,
        bool csv, CancellationToken cancellation)
    {
        var measurement = experiment.Measurement;
        var columns = measurement.Columns;
        string folder = journal.Folder;
        string? Csv(string table) => csv ? Path.Combine(folder, table + ".csv") : null;

        var runs = new RunsTable(experiment);
        var outcomeTable = (run: new LongColumn("run"), outcome: new StringColumn("outcome"), element: new StringColumn("element"), value: new ValueColumn("value"));
        var seriesTable = (run: new LongColumn("run"), variable: new StringColumn("variable"), element: new StringColumn("element"),
            time: new ValueColumn("time"), value: new ValueColumn("value"));
        await using var runsFile = await TidyTable.CreateAsync(Path.Combine(folder, Runs + ".parquet"), Csv(Runs), runs.Columns);
        await using var outcomesFile = await TidyTable.CreateAsync(Path.Combine(folder, Outcomes + ".parquet"), Csv(Outcomes),
            outcomeTable.run, outcomeTable.outcome, outcomeTable.element, outcomeTable.value);
        await using var seriesFile = measurement.Series.IsEmpty ? null : await TidyTable.CreateAsync(Path.Combine(folder, Series + ".parquet"), Csv(Series),
            seriesTable.run, seriesTable.variable, seriesTable.element, seriesTable.time, seriesTable.value);

        int scenarios = experiment.Scenarios.Length, b = experiment.Baseline;
        // The summary keeps each written future's values at its place among the written futures (its future number in a whole sweep).
        var slotOf = new int[chunks.Count];
        int futures = 0;
        for (int k = 0; k < chunks.Count; k++)
        {
            slotOf[k] = futures;
            futures += journal.ChunkRange(chunks[k]).Count;
        }
        var summary = new double[scenarios][][];
        for (int s = 0; s < scenarios; s++)
        {
            summary[s] = new double[columns.Length][];
            for (int c = 0; c < columns.Length; c++) summary[s][c] = new double[futures];
        }
        var failed = new bool[scenarios][];
        for (int s = 0; s < scenarios; s++) failed[s] = new bool[futures];
        var own = new double[columns.Length];
        var paired = new double[columns.Length];
        // The baseline's own outcomes are what a paired outcome compares with: they go into summary[b] when the baseline's
        // chunk is written (or, for scenarios written before the baseline, when first needed), and are read from there.
        var baselineKnown = new bool[chunks.Count];
        for (int s = 0; s < scenarios; s++)
        for (int k = 0; k < chunks.Count; k++)
        {
            int chunk = chunks[k];
            cancellation.ThrowIfCancellationRequested();
            using var part = parts.ReadPart(s, chunk) ?? throw Damaged(journal, parts, s, chunk);
            bool pairs = s != b && measurement.IsPaired;
            if (pairs && !baselineKnown[k]) EvaluateBaseline(experiment, journal, parts, chunk, summary[b], slotOf[k]);
            baselineKnown[k] |= pairs || s == b;
            for (int i = 0; i < part.Count; i++)
            {
                int future = part.First + i;
                long run = experiment.RunId(s, future);
                var row = part.Row(i);
                if (pairs)
                    for (int c = 0; c < columns.Length; c++) paired[c] = summary[b][c][slotOf[k] + i];
                OutcomeEvaluator.Evaluate(measurement.Layout, columns, row, pairs ? paired : [], own);
                runs.Add(s, future, part.Problems[i]);
                failed[s][slotOf[k] + i] = part.Problems[i] is not null;
                for (int c = 0; c < columns.Length; c++)
                {
                    summary[s][c][slotOf[k] + i] = own[c];
                    outcomeTable.run.Add(run);
                    outcomeTable.outcome.Add(columns[c].Outcome);
                    outcomeTable.element.Add(columns[c].Element);
                    outcomeTable.value.Add(own[c]);
                }
                foreach (var series in measurement.Series)
                    foreach (int step in measurement.SeriesSteps)
                    {
                        seriesTable.run.Add(run);
                        seriesTable.variable.Add(series.Variable);
                        seriesTable.element.Add(series.Element);
                        seriesTable.time.Add(experiment.Clock.TimeOf(step));
                        seriesTable.value.Add(row[measurement.Layout.IndexOf(series.Output, step)]);
                    }
            }
            await runsFile.ChunkEndAsync();
            await outcomesFile.ChunkEndAsync();
            if (seriesFile is not null) await seriesFile.ChunkEndAsync();
        }
        await runsFile.PublishAsync();
        await outcomesFile.PublishAsync();
        if (seriesFile is not null) await seriesFile.PublishAsync();
        Diagnostics.StageTrace.Mark($"tables written ({chunks.Count} chunks)");
        var result = SweepSummary.Compute(experiment, columns, summary, failed);
        AtomicFile.WriteAllText(Path.Combine(folder, SummaryCsv), result.ToCsv());
        AtomicFile.WriteAllText(Path.Combine(folder, SummaryJson), result.ToJson());
        Diagnostics.StageTrace.Mark("summary computed and written");
        return result;
    }

    /// <summary>The baseline's own outcomes for every future of a chunk, into <paramref name="baseline"/>[column][slot + i].</summary>
    private static void EvaluateBaseline(CompiledExperiment experiment, SweepJournal journal, ICommittedChunks parts, int chunk, double[][] baseline, int slot)
    {
        var columns = experiment.Measurement.Columns;
        using var part = parts.ReadPart(experiment.Baseline, chunk) ?? throw Damaged(journal, parts, experiment.Baseline, chunk);
        var own = new double[columns.Length];
        for (int i = 0; i < part.Count; i++)
        {
            OutcomeEvaluator.Evaluate(experiment.Measurement.Layout, columns, part.Row(i), [], own);
            for (int c = 0; c < columns.Length; c++) baseline[c][slot + i] = own[c];
        }
    }

    /// <summary>A committed chunk damaged while the sweep ran (the folder is locked, so not by another sweep): --resume runs it again.</summary>
    private static SweepFolderException Damaged(SweepJournal journal, ICommittedChunks parts, int scenario, int chunk) =>
        ReferenceEquals(journal, parts)
            ? new($"the committed chunk {Path.GetFileName(journal.PartPath(scenario, chunk))} in '{journal.Folder}' was damaged while the sweep ran",
                "run the same command with --resume: it checks every chunk and runs the damaged ones again")
            : new($"the committed chunk '{parts.PartPath(scenario, chunk)}' is missing or damaged",
                "run its shard again with --resume: it checks every chunk and runs the damaged ones again");
}
