using Simulation.Engine.Runtime;

namespace Simulation.Engine.Scenarios.Running;

/// <summary>
/// The memory a sweep will need, from the experiment's sizes alone (docs/experiment-format.md, "Memory"): what
/// grows with the number of runs is the summary's outcome values; what grows with the chunk is the values recorded
/// for its futures and the table rows written from them; each worker holds its lanes' slots and records.
/// </summary>
public static class SweepMemory
{
    /// <param name="futures">Futures this process runs (a shard's, or every one).</param>
    /// <param name="outputs">False for a shard: it commits its chunks and writes no tables and no summary.</param>
    public static MemoryEstimate Estimate(CompiledExperiment experiment, int threads, int lanes, long futures, bool outputs)
    {
        var plan = experiment.Scenarios[0].Plan;
        var measurement = experiment.Measurement;
        long perRun = measurement.Layout.ValuesPerRun, columns = measurement.Columns.Length, scenarios = experiment.Scenarios.Length;
        long chunk = SweepJournal.ChunkSize(experiment);
        long tidyRowsPerRun = columns + (long)measurement.Series.Length * measurement.SeriesSteps.Length;
        // The summary keeps every future's outcome columns (8 bytes) and failure flag (1 byte) per scenario, and its
        // statistics sort and pair copies: four in all, as measured (benchmarks/sweep/memory-100k.json, 2 scenarios x 4
        // columns: peak resident memory 112 MB at 50,000 samples, 166 MB at 250,000, 54 MB for 400,000 more runs).
        long summary = outputs ? 4 * scenarios * futures * (8 * columns + 1) : 0;
        // A chunk's recorded values while it fills, the one read back to write the tables (and the baseline's), and the
        // tables' rows of a row group, which closes at the end of the chunk that fills it (about 48 bytes a tidy row: run,
        // names, time, value; 16 bytes a value of a runs row): up to a group's values in each table, plus one chunk's rows.
        long tables = 3 * 16L * Output.TidyTable.RowGroupValues + 48 * chunk * tidyRowsPerRun;
        long chunks = outputs ? 8 * chunk * perRun * 3 + tables : 8 * chunk * perRun;
        long workers = MemoryEstimate.Workers(plan, threads, lanes, perRun);
        long model = scenarios * 200L * plan.Model.Elements.Length;
        return new MemoryEstimate([
            MemoryEstimate.Program,
            ($"the summary's outcome values {MemoryEstimate.Format(summary)} ({scenarios:N0} scenarios x {futures:N0} futures x {columns:N0} outcome columns)", summary),
            ($"chunks {MemoryEstimate.Format(chunks)} ({chunk:N0} futures x {perRun:N0} recorded values)", chunks),
            ($"workers {MemoryEstimate.Format(workers)} ({threads} threads x {lanes} lanes x {plan.SlotCount:N0} slots and {perRun:N0} recorded values)", workers),
            ($"the compiled scenarios {MemoryEstimate.Format(model)}", model),
        ]);
    }

    /// <summary>
    /// Reading the sweep of <paramref name="experiment"/> back for an analysis (sim sensitivity), before it is run:
    /// see <see cref="ReadBack(long, long, long, long)"/>.
    /// </summary>
    public static MemoryEstimate ReadBack(CompiledExperiment experiment)
    {
        var measurement = experiment.Measurement;
        long runs = experiment.Runs;
        return ReadBack(runs, runs * experiment.Uncertainty.Columns.Length, runs * measurement.Columns.Length,
            runs * measurement.Series.Length * measurement.SeriesSteps.Length);
    }

    /// <summary>
    /// Reading a finished sweep's tables back (<see cref="Output.SweepFolderReader"/>): 8 bytes per value read from the
    /// runs, outcomes and series tables, which become its matrices, and 16 bytes per run for the run index.
    /// </summary>
    public static MemoryEstimate ReadBack(long runs, long inputValues, long outcomeValues, long seriesValues)
    {
        long index = 16 * runs + 8 * inputValues, outcomes = 8 * outcomeValues, series = 8 * seriesValues;
        return new MemoryEstimate([
            MemoryEstimate.Program,
            ($"the series read back {MemoryEstimate.Format(series)} ({seriesValues:N0} values)", series),
            ($"the outcomes read back {MemoryEstimate.Format(outcomes)} ({outcomeValues:N0} values)", outcomes),
            ($"the runs and their inputs {MemoryEstimate.Format(index)} ({runs:N0} runs)", index),
        ]);
    }
}
