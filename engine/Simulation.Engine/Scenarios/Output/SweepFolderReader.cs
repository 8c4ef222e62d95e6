using System.Collections.Immutable;
using Parquet;
using Parquet.Schema;
using Simulation.Engine.Scenarios.Running;
using Simulation.Engine.Scenarios.Summary;

namespace Simulation.Engine.Scenarios.Output;

/// <summary>An outcome column of a sweep: the outcome's name and, for outcomes with "by", the element.</summary>
public readonly record struct OutcomeKey(string Outcome, string Element)
{
    public override string ToString() => Element.Length == 0 ? Outcome : $"{Outcome}[{Element}]";
}

/// <summary>A point of a recorded series: the variable, its element and the saved time.</summary>
public readonly record struct SeriesKey(string Variable, string Element, double Time);

/// <summary>
/// A finished sweep read back from its folder as matrices indexed by future (f = sample x replications + replication,
/// the same in every scenario, so differences between scenarios pair up): the sampled inputs of each future, and each
/// scenario's outcomes (and, when asked, series) per future. What analyses of an existing sweep start from.
/// </summary>
public sealed class SweepResults
{
    public required string Folder { get; init; }
    public required ImmutableArray<string> Scenarios { get; init; }
    public required int Baseline { get; init; }

    /// <summary>The sampled inputs, named as the runs table names them (multipliers with " (factor)").</summary>
    public required ImmutableArray<string> Inputs { get; init; }
    public required int Futures { get; init; }

    /// <summary>Runs of each sample (futures are samples x replications).</summary>
    public required int Replications { get; init; }

    public int Samples => Futures / Replications;

    /// <summary>[input][future]: the value each future sampled (the same in every scenario).</summary>
    public required double[][] InputValues { get; init; }
    public required ImmutableArray<OutcomeKey> Outcomes { get; init; }

    /// <summary>[scenario][outcome][future], NaN where the sweep wrote a missing value.</summary>
    public required double[][][] OutcomeValues { get; init; }

    /// <summary>[future]: left out by the experiment's history matching (summary.json); null when the experiment has no plausibility targets.</summary>
    public bool[]? Excluded { get; init; }
    public ImmutableArray<SeriesKey> Series { get; init; } = [];

    /// <summary>[scenario][series point][future]; empty unless series were read.</summary>
    public double[][][] SeriesValues { get; init; } = [];
}

/// <summary>
/// Reads a sweep folder (runs.parquet, outcomes.parquet, optionally series.parquet, and from summary.json the baseline's
/// name and the futures history matching left out): the inverse of <see cref="SweepOutputs"/>. Problems (no sweep there, an unfinished sweep, a table that
/// does not match the runs) are <see cref="SweepFolderException"/>s with a hint.
/// </summary>
public static class SweepFolderReader
{
    public static SweepResults Read(string folder, bool series = false)
    {
        if (!Directory.Exists(folder)) throw new SweepFolderException($"the folder '{folder}' does not exist", "give the folder a sweep wrote (sim sweep --output DIR)");
        string runsPath = Path.Combine(folder, SweepOutputs.Runs + ".parquet"), outcomesPath = Path.Combine(folder, SweepOutputs.Outcomes + ".parquet");
        if (!File.Exists(runsPath) || !File.Exists(outcomesPath))
            throw File.Exists(Path.Combine(folder, SweepJournal.ManifestName))
                ? new SweepFolderException($"the sweep in '{folder}' has not finished", "continue it with sim sweep EXPERIMENT --output DIR --resume")
                : new SweepFolderException($"'{folder}' holds no sweep (no {SweepOutputs.Runs}.parquet)", "give the folder a sweep wrote (sim sweep --output DIR)");

        var runs = ReadTable(runsPath);
        var runIds = (long[])runs["run"];
        var scenarioOf = (string[])runs["scenario"];
        var samples = (long[])runs["sample"];
        var replications = (long[])runs["replication"];
        var inputNames = runs.Keys.SkipWhile(k => k != "replication").Skip(1).TakeWhile(k => k != "problem").ToImmutableArray();

        var scenarios = scenarioOf.Distinct().ToImmutableArray();
        var scenarioIndex = scenarios.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i);
        long perSample = replications.Length == 0 ? 1 : replications.Max() + 1;
        int futures = runIds.Length / Math.Max(1, scenarios.Length);
        var place = new Dictionary<long, (int Scenario, int Future)>(runIds.Length);
        for (int r = 0; r < runIds.Length; r++)
        {
            long future = samples[r] * perSample + replications[r];
            if (future >= futures || !place.TryAdd(runIds[r], (scenarioIndex[scenarioOf[r]], (int)future)))
                throw Damaged(folder, $"run {runIds[r]} does not fit a sweep of {scenarios.Length} scenarios x {futures} futures");
        }
        if ((long)futures * scenarios.Length != runIds.Length) throw Damaged(folder, "the scenarios do not have the same futures");

        var inputValues = inputNames.Select(_ => new double[futures]).ToArray();
        for (int r = 0; r < runIds.Length; r++)
        {
            var (s, f) = place[runIds[r]];
            if (s != 0) continue;
            for (int j = 0; j < inputNames.Length; j++) inputValues[j][f] = ((double?[])runs[inputNames[j]])[r] ?? double.NaN;
        }

        var (outcomes, outcomeValues) = ReadTidy(outcomesPath, place, scenarios.Length, futures, ["outcome", "element"],
            row => new OutcomeKey((string)row[0], (string)row[1]), folder);
        var summary = SummaryOf(folder);
        bool[]? excluded = null;
        if (summary?.HistoryMatch is { } match && match.Futures == futures)
        {
            excluded = Enumerable.Repeat(true, futures).ToArray();
            foreach (int f in match.Kept) excluded[f] = false;
        }
        var result = new SweepResults
        {
            Folder = folder,
            Scenarios = scenarios,
            Baseline = summary is null ? 0 : Math.Max(0, scenarios.IndexOf(summary.Baseline)),
            Excluded = excluded,
            Inputs = inputNames,
            Futures = futures,
            Replications = (int)perSample,
            InputValues = inputValues,
            Outcomes = outcomes,
            OutcomeValues = outcomeValues,
        };
        string seriesPath = Path.Combine(folder, SweepOutputs.Series + ".parquet");
        if (!series || !File.Exists(seriesPath)) return result;
        var (points, seriesValues) = ReadTidy(seriesPath, place, scenarios.Length, futures, ["variable", "element", "time"],
            row => new SeriesKey((string)row[0], (string)row[1], (double)row[2]), folder);
        return new SweepResults
        {
            Folder = folder, Scenarios = scenarios, Baseline = result.Baseline, Inputs = inputNames, Futures = futures, Replications = (int)perSample, InputValues = inputValues,
            Outcomes = outcomes, OutcomeValues = outcomeValues, Excluded = excluded, Series = points, SeriesValues = seriesValues,
        };
    }

    /// <summary>A tidy table (run, key columns..., value) as [scenario][key][future], keys in order of first appearance.</summary>
    private static (ImmutableArray<TKey>, double[][][]) ReadTidy<TKey>(string path, Dictionary<long, (int Scenario, int Future)> place, int scenarios,
        int futures, string[] keyColumns, Func<object[], TKey> key, string folder) where TKey : notnull
    {
        var table = ReadTable(path);
        var runs = (long[])table["run"];
        var values = (double?[])table["value"];
        var keyArrays = keyColumns.Select(c => (Array)table[c]).ToArray();
        var keys = new Dictionary<TKey, int>();
        var columns = new List<double[][]>();
        var parts = new object[keyColumns.Length];
        for (int r = 0; r < runs.Length; r++)
        {
            for (int c = 0; c < parts.Length; c++) parts[c] = keyArrays[c].GetValue(r) ?? double.NaN;
            var k = key(parts);
            if (!keys.TryGetValue(k, out int column))
            {
                keys[k] = column = keys.Count;
                var fresh = new double[scenarios][];
                for (int s = 0; s < scenarios; s++) fresh[s] = Enumerable.Repeat(double.NaN, futures).ToArray();
                columns.Add(fresh);
            }
            if (!place.TryGetValue(runs[r], out var at)) throw Damaged(folder, $"{Path.GetFileName(path)} has run {runs[r]}, which the runs table does not");
            columns[column][at.Scenario][at.Future] = values[r] ?? double.NaN;
        }
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

    private static SweepFolderException Damaged(string folder, string what) =>
        new($"the sweep tables in '{folder}' do not match: {what}", "run the sweep again with --force");

    /// <summary>Every column of a Parquet table: long[], double?[] or string[] by the column's type.</summary>
    private static Dictionary<string, Array> ReadTable(string path)
    {
        using var stream = File.OpenRead(path);
        var reader = ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
        try
        {
            return ReadColumns(reader);
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static Dictionary<string, Array> ReadColumns(ParquetReader reader)
    {
        var fields = reader.Schema.DataFields;
        var parts = fields.ToDictionary(f => f.Name, _ => new List<Array>());
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            int n = (int)group.RowCount;
            foreach (DataField field in fields) parts[field.Name].Add(ReadColumn(group, field, n));
        }
        var result = new Dictionary<string, Array>();
        foreach (var field in fields) result[field.Name] = Concat(parts[field.Name], field);
        return result;
    }

    private static Array ReadColumn(ParquetRowGroupReader group, DataField field, int n)
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

    private static Array Concat(List<Array> parts, DataField field)
    {
        int total = parts.Sum(p => p.Length), at = 0;
        var type = field.ClrType == typeof(long) ? typeof(long) : field.ClrType == typeof(double) ? typeof(double?) : typeof(string);
        var result = Array.CreateInstance(type, total);
        foreach (var p in parts)
        {
            Array.Copy(p, 0, result, at, p.Length);
            at += p.Length;
        }
        return result;
    }
}
