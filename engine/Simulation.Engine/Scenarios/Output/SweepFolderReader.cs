using System.Collections.Immutable;
using Parquet;
using Parquet.Schema;
using Simulation.Engine.Runtime;
using Simulation.Engine.Scenarios.Running;
using Simulation.Engine.Scenarios.Summary;

namespace Simulation.Engine.Scenarios.Output;

/// <summary>
/// Reads a sweep folder (runs.parquet, outcomes.parquet, optionally series.parquet, and from summary.json the baseline's
/// name and the futures history matching left out): the inverse of <see cref="SweepOutputs"/>, and the one reader of a
/// sweep's tables (analyses, discovery and the report all start here). Tables are read one row group at a time into
/// the result's matrices, so memory is the matrices (8 bytes per run and column) plus 16 bytes per run, whatever the
/// size of the files. Problems (no sweep there, an unfinished sweep, a table that does not match the runs) are
/// <see cref="SweepFolderException"/>s with a hint.
/// </summary>
public static class SweepFolderReader
{
    /// <param name="series">Read series.parquet too (when the sweep wrote it).</param>
    /// <param name="seriesBudget">At most about this many series values: a larger table is read for every k-th future only (<see cref="SweepResults.SeriesStride"/>).</param>
    public static SweepResults Read(string folder, bool series = false, long seriesBudget = long.MaxValue)
    {
        if (!Directory.Exists(folder)) throw new SweepFolderException($"the folder '{folder}' does not exist", "give the folder a sweep wrote (sim sweep --output DIR)");
        string runsPath = TablePath(folder, SweepOutputs.Runs), outcomesPath = TablePath(folder, SweepOutputs.Outcomes);
        if (!File.Exists(runsPath) || !File.Exists(outcomesPath))
            throw File.Exists(Path.Combine(folder, SweepJournal.ManifestName))
                ? new SweepFolderException($"the sweep in '{folder}' has not finished", "continue it with sim sweep EXPERIMENT --output DIR --resume")
                : new SweepFolderException($"'{folder}' holds no sweep (no {SweepOutputs.Runs}.parquet)", "give the folder a sweep wrote (sim sweep --output DIR)");

        var runs = SweepRunIndex.Read(runsPath, folder);
        var (outcomes, outcomeValues) = ReadTidy<OutcomeKey>(outcomesPath, runs, 1, ["outcome", "element"],
            columns => { var (o, e) = ((string[])columns[0], (string[])columns[1]); return i => new OutcomeKey(o[i] ?? "", e[i] ?? ""); }, folder);
        var summary = SummaryOf(folder);
        bool[]? excluded = null;
        if (summary?.HistoryMatch is { } match && match.Futures == runs.Futures)
        {
            excluded = Enumerable.Repeat(true, runs.Futures).ToArray();
            foreach (int f in match.Kept) excluded[f] = false;
        }
        string seriesPath = TablePath(folder, SweepOutputs.Series);
        bool withSeries = series && File.Exists(seriesPath);
        int stride = withSeries ? Stride(RowCount(seriesPath), seriesBudget) : 1;
        var (points, seriesValues) = withSeries
            ? ReadTidy<SeriesKey>(seriesPath, runs, stride, ["variable", "element", "time"],
                columns => { var (v, e, t) = ((string[])columns[0], (string[])columns[1], (double?[])columns[2]); return i => new SeriesKey(v[i] ?? "", e[i] ?? "", t[i] ?? double.NaN); }, folder)
            : ([], []);
        return new SweepResults
        {
            Folder = folder,
            Scenarios = runs.Scenarios,
            Baseline = summary is null ? 0 : Math.Max(0, runs.Scenarios.IndexOf(summary.Baseline)),
            Excluded = excluded,
            Inputs = runs.Inputs,
            Futures = runs.Futures,
            Replications = runs.Replications,
            InputValues = runs.InputValues,
            Outcomes = outcomes,
            OutcomeValues = outcomeValues,
            Series = points,
            SeriesStride = stride,
            SeriesValues = seriesValues,
        };
    }

    /// <summary>Every k-th future of a series table of <paramref name="rows"/> rows, so that about <paramref name="budget"/> values are read.</summary>
    private static int Stride(long rows, long budget) => (int)Math.Min(int.MaxValue, Math.Max(1, (rows + budget - 1) / Math.Max(1, budget)));

    /// <summary>
    /// What <see cref="Read"/> (with the same arguments) will hold, from the tables' metadata before any is read
    /// (<see cref="SweepMemory.ReadBack(long, long, long, long)"/>): the one estimate of every command that reads a
    /// finished sweep (sensitivity by correlation, discover, report). Only sim itself when the folder holds no finished
    /// sweep (<see cref="Read"/> says what is wrong).
    /// </summary>
    public static MemoryEstimate Estimate(string folder, bool series = false, long seriesBudget = long.MaxValue)
    {
        string runsPath = TablePath(folder, SweepOutputs.Runs), outcomesPath = TablePath(folder, SweepOutputs.Outcomes), seriesPath = TablePath(folder, SweepOutputs.Series);
        if (!File.Exists(runsPath) || !File.Exists(outcomesPath)) return new MemoryEstimate([MemoryEstimate.Program]);
        try
        {
            var (runs, runColumns) = Size(runsPath);
            long seriesRows = series && File.Exists(seriesPath) ? Size(seriesPath).Rows : 0, seriesValues = 0;
            if (seriesRows > 0)
            {
                // Read takes every stride-th future of each scenario: the rows of one future, times the futures taken.
                int scenarios = SummaryOf(folder)?.Scenarios.Count() ?? 0, stride = Stride(seriesRows, seriesBudget);
                long futures = scenarios > 0 && runs % scenarios == 0 ? runs / scenarios : runs;
                seriesValues = futures == 0 ? 0 : seriesRows / futures * ((futures + stride - 1) / stride);
            }
            return SweepMemory.ReadBack(runs, runs * runColumns, Size(outcomesPath).Rows, seriesValues);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException)
        {
            return new MemoryEstimate([MemoryEstimate.Program]); // damaged: Read reports it
        }
    }

    /// <summary>
    /// A tidy table (run, key columns..., value) as [scenario][key][j], keys in order of first appearance, j the j-th
    /// future read (every <paramref name="stride"/>-th), streamed one row group at a time.
    /// </summary>
    private static (ImmutableArray<TKey>, double[][][]) ReadTidy<TKey>(string path, SweepRunIndex runs, int stride, string[] keyColumns,
        Func<Array[], Func<int, TKey>> keyOf, string folder) where TKey : notnull
    {
        int scenarios = runs.Scenarios.Length, read = (runs.Futures + stride - 1) / stride;
        var keys = new Dictionary<TKey, int>();
        var columns = new List<double[][]>();
        string table = Path.GetFileName(path);
        EachRowGroup(path, folder, (group, fields, n) =>
        {
            var runIds = (long[])ReadColumn(group, Field(fields, "run", table, folder), n);
            var values = (double?[])ReadColumn(group, Field(fields, "value", table, folder), n);
            var key = keyOf(keyColumns.Select(c => ReadColumn(group, Field(fields, c, table, folder), n)).ToArray());
            for (int i = 0; i < n; i++)
            {
                var (scenario, future) = runs.Place(runIds[i]) ?? throw Damaged(folder, $"{table} has run {runIds[i]}, which the runs table does not");
                if (future % stride != 0) continue;
                var k = key(i);
                if (!keys.TryGetValue(k, out int column))
                {
                    keys[k] = column = keys.Count;
                    var fresh = new double[scenarios][];
                    for (int s = 0; s < scenarios; s++) Array.Fill(fresh[s] = new double[read], double.NaN);
                    columns.Add(fresh);
                }
                columns[column][scenario][future / stride] = values[i] ?? double.NaN;
            }
        });
        var result = new double[scenarios][][];
        for (int s = 0; s < scenarios; s++) result[s] = columns.Select(c => c[s]).ToArray();
        return (keys.OrderBy(p => p.Value).Select(p => p.Key).ToImmutableArray(), result);
    }

    /// <summary>The sweep's summary.json (for the baseline's name and the history match), or null when it is missing or unreadable.</summary>
    private static SweepSummary? SummaryOf(string folder)
    {
        string path = Path.Combine(folder, SweepOutputs.SummaryJson);
        try
        {
            return File.Exists(path) ? SweepSummary.FromJson(File.ReadAllText(path)) : null;
        }
        catch (Exception e) when (e is Newtonsoft.Json.JsonException or InvalidCastException or NullReferenceException or ArgumentException)
        {
            return null;
        }
    }

    private static string TablePath(string folder, string table) => Path.Combine(folder, table + ".parquet");

    internal static SweepFolderException Damaged(string folder, string what) =>
        new($"the sweep tables in '{folder}' do not match: {what}", "run the sweep again with --force");

    /// <summary>The number of rows of a table, from its metadata.</summary>
    private static long RowCount(string path) => Size(path).Rows;

    /// <summary>The numbers of rows and columns of a table, from its metadata.</summary>
    private static (long Rows, int Columns) Size(string path)
    {
        using var stream = File.OpenRead(path);
        var reader = ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
        var size = (reader.Metadata?.NumRows ?? 0, reader.Schema.DataFields.Length);
        reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return size;
    }

    /// <summary>Calls <paramref name="each"/> with every row group of a table in turn (its fields by name, and its row count).</summary>
    internal static void EachRowGroup(string path, string folder, Action<ParquetRowGroupReader, Dictionary<string, DataField>, int> each)
    {
        using var stream = File.OpenRead(path);
        ParquetReader reader;
        try
        {
            reader = ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException)
        {
            throw Damaged(folder, $"{Path.GetFileName(path)} is not a Parquet table ({e.Message})");
        }
        try
        {
            var fields = reader.Schema.DataFields.ToDictionary(f => f.Name);
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                each(group, fields, (int)group.RowCount);
            }
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    internal static DataField Field(Dictionary<string, DataField> fields, string name, string table, string folder) =>
        fields.TryGetValue(name, out var field) ? field : throw Damaged(folder, $"{table} has no column '{name}'");

    /// <summary>One column of a row group: long[], double?[] or string[] by the column's type.</summary>
    internal static Array ReadColumn(ParquetRowGroupReader group, DataField field, int n)
    {
        if (field.ClrType == typeof(long))
        {
            var longs = new long[n];
            group.ReadAsync<long>(field, longs).AsTask().GetAwaiter().GetResult();
            return longs;
        }
        if (field.ClrType == typeof(double))
        {
            var doubles = new double?[n];
            group.ReadAsync<double>(field, doubles).AsTask().GetAwaiter().GetResult();
            return doubles;
        }
        var strings = new string[n];
        group.ReadAsync(field, strings).AsTask().GetAwaiter().GetResult();
        return strings;
    }
}
