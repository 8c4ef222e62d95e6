using System.Collections.Immutable;
using Parquet.Schema;

namespace Simulation.Engine.Scenarios.Output;

/// <summary>
/// A sweep's runs table, read one row group at a time: where each run id sits (its scenario and future), the scenarios
/// in run order, and the sampled inputs of each future. A future is sample x replications + replication; the futures a
/// folder holds are numbered in order among themselves (a partial merge lacks some), as its summary numbers them.
/// Every scenario must have the same futures, once each.
/// </summary>
internal sealed class SweepRunIndex
{
    private readonly long[] _runIds;
    private readonly int[] _scenarioOf, _futureOf;
    private int _cursor;

    private SweepRunIndex(long[] runIds, int[] scenarioOf, int[] futureOf)
    {
        _runIds = runIds;
        _scenarioOf = scenarioOf;
        _futureOf = futureOf;
    }

    public required ImmutableArray<string> Scenarios { get; init; }
    public required ImmutableArray<string> Inputs { get; init; }
    public required int Futures { get; init; }
    public required int Replications { get; init; }

    /// <summary>[input][future]: the value each future sampled.</summary>
    public required double[][] InputValues { get; init; }

    /// <summary>The run's scenario and future, or null when the runs table has no such run. Fastest for runs asked in order.</summary>
    public (int Scenario, int Future)? Place(long run)
    {
        int row = _cursor < _runIds.Length && _runIds[_cursor] == run ? _cursor : Array.BinarySearch(_runIds, run);
        if (row < 0) return null;
        _cursor = row + 1;
        return (_scenarioOf[row], _futureOf[row]);
    }

    public static SweepRunIndex Read(string path, string folder)
    {
        var runIds = new List<long>();
        var scenarioOf = new List<int>();
        var samples = new List<long>();
        var replications = new List<long>();
        var scenarios = new List<string>();
        var scenarioIndex = new Dictionary<string, int>();
        List<string>? inputs = null;
        List<double>[] sampled = []; // [input]: the values of the first scenario's runs (every scenario faces the same futures)
        string table = Path.GetFileName(path);
        SweepFolderReader.EachRowGroup(path, folder, (group, fields, n) =>
        {
            DataField Column(string name) => SweepFolderReader.Field(fields, name, table, folder);
            var ids = (long[])SweepFolderReader.ReadColumn(group, Column("run"), n);
            var names = (string[])SweepFolderReader.ReadColumn(group, Column("scenario"), n);
            runIds.AddRange(ids);
            samples.AddRange((long[])SweepFolderReader.ReadColumn(group, Column("sample"), n));
            replications.AddRange((long[])SweepFolderReader.ReadColumn(group, Column("replication"), n));
            // The sampled inputs are the columns between "replication" and "problem".
            if (inputs is null)
            {
                inputs = fields.Keys.SkipWhile(k => k != "replication").Skip(1).TakeWhile(k => k != "problem").ToList();
                sampled = inputs.Select(_ => new List<double>()).ToArray();
            }
            var values = inputs.Select(c => (double?[])SweepFolderReader.ReadColumn(group, Column(c), n)).ToArray();
            for (int i = 0; i < n; i++)
            {
                string name = names[i] ?? "";
                if (!scenarioIndex.TryGetValue(name, out int s))
                {
                    scenarioIndex[name] = s = scenarios.Count;
                    scenarios.Add(name);
                }
                scenarioOf.Add(s);
                if (s != 0) continue;
                for (int j = 0; j < values.Length; j++) sampled[j].Add(values[j][i] ?? double.NaN);
            }
        });

        long perSample = replications.Count == 0 ? 1 : replications.Max() + 1;
        if (perSample > int.MaxValue || replications.Any(r => r < 0) || samples.Any(s => s < 0 || s > long.MaxValue / perSample - 1))
            throw SweepFolderReader.Damaged(folder, "a run's sample or replication is out of range");
        var numbers = new List<long>(); // the futures the first scenario has, in run order
        for (int r = 0; r < runIds.Count; r++)
            if (scenarioOf[r] == 0) numbers.Add(samples[r] * perSample + replications[r]);
        var futureNumbers = numbers.ToArray();
        for (int f = 1; f < futureNumbers.Length; f++)
            if (futureNumbers[f] <= futureNumbers[f - 1]) throw SweepFolderReader.Damaged(folder, "the runs table is not in run order");
        for (int r = 1; r < runIds.Count; r++)
            if (runIds[r] <= runIds[r - 1]) throw SweepFolderReader.Damaged(folder, "the runs table is not in run order");

        int futures = futureNumbers.Length;
        var futureOf = new int[runIds.Count];
        var seen = new bool[(long)scenarios.Count * futures];
        for (int r = 0; r < runIds.Count; r++)
        {
            int f = Array.BinarySearch(futureNumbers, samples[r] * perSample + replications[r]);
            if (f < 0 || seen[(long)scenarioOf[r] * futures + f])
                throw SweepFolderReader.Damaged(folder, $"run {runIds[r]} does not fit a sweep of {scenarios.Count} scenarios x {futures} futures");
            seen[(long)scenarioOf[r] * futures + f] = true;
            futureOf[r] = f;
        }
        if ((long)futures * scenarios.Count != runIds.Count) throw SweepFolderReader.Damaged(folder, "the scenarios do not have the same futures");

        var inputValues = sampled.Select(column => column.ToArray()).ToArray();
        return new SweepRunIndex(runIds.ToArray(), scenarioOf.ToArray(), futureOf)
        {
            Scenarios = [.. scenarios],
            Inputs = [.. inputs ?? []],
            Futures = futures,
            Replications = (int)perSample,
            InputValues = inputValues,
        };
    }
}
