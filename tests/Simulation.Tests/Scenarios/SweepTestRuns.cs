using Parquet;
using Parquet.Schema;
using Simulation.Engine.Scenarios;
using Simulation.Engine.Scenarios.Running;

namespace Simulation.Tests.Scenarios;

/// <summary>Runs compiled experiments in memory or into a folder, and reads their Parquet tables back, for tests.</summary>
public static class SweepTestRuns
{
    /// <summary>Every future's recorded values for one scenario, on the reference engine (or the vector engine).</summary>
    public static List<double[]> Record(CompiledExperiment experiment, int scenario, bool vector = false)
    {
        var sink = new CollectingSink();
        ISweepEngine engine = vector ? new VectorSweepEngine(threads: 2, lanes: 4) : new ReferenceSweepEngine();
        engine.Run(experiment, experiment.Scenarios[scenario], 0, experiment.Futures, sink, CancellationToken.None);
        return sink.Rows;
    }

    /// <summary>The series of one variable element in one recorded run, at the measurement plan's series steps.</summary>
    public static double[] Series(CompiledExperiment experiment, double[] recorded, string variable, string element = "")
    {
        var m = experiment.Measurement;
        var column = m.Series.Single(s => s.Variable == variable && s.Element == element);
        return m.SeriesSteps.Select(step => recorded[m.Layout.IndexOf(column.Output, step)]).ToArray();
    }

    /// <summary>Sweeps into <paramref name="folder"/> on the vector engine (or on <paramref name="engine"/>).</summary>
    public static SweepStatus Sweep(CompiledExperiment experiment, string folder, SweepStart start = SweepStart.Fresh, ISweepEngine? engine = null) =>
        new SweepRunner(experiment, engine ?? new VectorSweepEngine(threads: 2)).Run(folder, start, csv: false);

    /// <summary>A Parquet table's rows as dictionaries of column name -> value (long, string, double? ...).</summary>
    public static List<Dictionary<string, object?>> ReadTable(string path)
    {
        using var stream = File.OpenRead(path);
        var reader = ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
        try
        {
            return ReadRows(reader);
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static List<Dictionary<string, object?>> ReadRows(ParquetReader reader)
    {
        var rows = new List<Dictionary<string, object?>>();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            int n = (int)group.RowCount;
            var columns = new Dictionary<string, object?[]>();
            foreach (DataField field in reader.Schema.DataFields)
                columns[field.Name] = Read(group, field, n);
            for (int i = 0; i < n; i++) rows.Add(columns.ToDictionary(c => c.Key, c => c.Value[i]));
        }
        return rows;
    }

    private static object?[] Read(ParquetRowGroupReader group, DataField field, int n)
    {
        if (field.Name is "run" or "sample" or "replication")
        {
            var longs = new long[n];
            group.ReadAsync<long>(field, longs).AsTask().GetAwaiter().GetResult();
            return longs.Cast<object?>().ToArray();
        }
        if (field.ClrType == typeof(double))
        {
            var doubles = new double?[n];
            group.ReadAsync<double>(field, doubles).AsTask().GetAwaiter().GetResult();
            return doubles.Cast<object?>().ToArray();
        }
        var strings = new string[n];
        group.ReadAsync(field, strings).AsTask().GetAwaiter().GetResult();
        return strings.Cast<object?>().ToArray();
    }

    /// <summary>outcomes.parquet as (run, outcome, element) -> value (NaN for missing).</summary>
    public static Dictionary<(long Run, string Outcome, string Element), double> Outcomes(string folder) =>
        ReadTable(Path.Combine(folder, "outcomes.parquet")).ToDictionary(
            r => ((long)r["run"]!, (string)r["outcome"]!, (string)r["element"]!), r => (double?)r["value"] ?? double.NaN);

    private sealed class CollectingSink : IFutureSink
    {
        public List<double[]> Rows { get; } = new();

        public void Accept(int future, ReadOnlySpan<double> values, FutureProblem? problem)
        {
            Assert.That(future, Is.EqualTo(Rows.Count), "futures arrive in order");
            Rows.Add(values.ToArray());
        }
    }
}
