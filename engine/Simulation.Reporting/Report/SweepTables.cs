using Parquet;
using Parquet.Schema;
using Simulation.Engine.Scenarios.Output;

namespace Simulation.Reporting.Report;

/// <summary>
/// Reads what the charts need from a sweep's Parquet tables, one row group at a time, keeping only the values asked
/// for: outcome values per run, sampled inputs per future, and series values per run and time. Run ids are
/// scenario-major (run = scenario x futures + future), so values are kept in run order.
/// </summary>
public sealed class SweepTables(SweepFolder folder)
{
    private int Futures => folder.Summary.Futures;

    private long Runs => (long)folder.Summary.Scenarios.Count() * Futures;

    /// <summary>For each wanted (outcome, element): its value in every run (NaN where missing), indexed by run id.</summary>
    public Dictionary<(string Outcome, string Element), double[]> Outcomes(IEnumerable<(string Outcome, string Element)> wanted)
    {
        var result = wanted.Distinct().ToDictionary(k => k, _ => Filled(Runs));
        if (result.Count == 0) return result;
        Read(folder.TablePath(SweepOutputs.Outcomes), (group, n, fields) =>
        {
            var runs = new long[n];
            var outcomes = new string[n];
            var elements = new string[n];
            var values = new double?[n];
            group.ReadAsync<long>(fields["run"], runs).AsTask().GetAwaiter().GetResult();
            group.ReadAsync(fields["outcome"], outcomes).AsTask().GetAwaiter().GetResult();
            group.ReadAsync(fields["element"], elements).AsTask().GetAwaiter().GetResult();
            group.ReadAsync<double>(fields["value"], values).AsTask().GetAwaiter().GetResult();
            for (int i = 0; i < n; i++)
                if (result.TryGetValue((outcomes[i], elements[i]), out var column) && runs[i] < column.Length)
                    column[runs[i]] = values[i] ?? double.NaN;
        });
        return result;
    }

    /// <summary>The sampled inputs' columns of the runs table (names as written there) with their value in every future.</summary>
    public (IReadOnlyList<string> Names, double[][] Values) Inputs()
    {
        var names = new List<string>();
        var values = new List<double[]>();
        Read(folder.TablePath(SweepOutputs.Runs), (group, n, fields) =>
        {
            var runs = new long[n];
            group.ReadAsync<long>(fields["run"], runs).AsTask().GetAwaiter().GetResult();
            var inputs = fields.Values.Where(f => f.ClrType == typeof(double)).ToList();
            if (names.Count == 0)
                foreach (var f in inputs)
                {
                    names.Add(f.Name);
                    values.Add(Filled(Futures));
                }
            var column = new double?[n];
            for (int k = 0; k < inputs.Count; k++)
            {
                group.ReadAsync<double>(inputs[k], column).AsTask().GetAwaiter().GetResult();
                for (int i = 0; i < n; i++)
                    if (runs[i] < Futures) values[k][runs[i]] = column[i] ?? double.NaN; // every scenario faces the same futures: read the first's
            }
        });
        return (names, values.ToArray());
    }

    /// <summary>
    /// Series values: for each (variable, element), the saved times and values[scenario][time][k] over the futures read
    /// (every <paramref name="stride"/>-th future, so large sweeps stay within memory).
    /// </summary>
    public Dictionary<(string Variable, string Element), SeriesValues> Series(int stride)
    {
        var result = new Dictionary<(string, string), SeriesValues>();
        int scenarios = folder.Summary.Scenarios.Count();
        if (!folder.HasTable(SweepOutputs.Series)) return result;
        Read(folder.TablePath(SweepOutputs.Series), (group, n, fields) =>
        {
            var runs = new long[n];
            var variables = new string[n];
            var elements = new string[n];
            var times = new double?[n];
            var values = new double?[n];
            group.ReadAsync<long>(fields["run"], runs).AsTask().GetAwaiter().GetResult();
            group.ReadAsync(fields["variable"], variables).AsTask().GetAwaiter().GetResult();
            group.ReadAsync(fields["element"], elements).AsTask().GetAwaiter().GetResult();
            group.ReadAsync<double>(fields["time"], times).AsTask().GetAwaiter().GetResult();
            group.ReadAsync<double>(fields["value"], values).AsTask().GetAwaiter().GetResult();
            for (int i = 0; i < n; i++)
            {
                int scenario = (int)(runs[i] / Futures), future = (int)(runs[i] % Futures);
                if (future % stride != 0 || scenario >= scenarios) continue;
                if (!result.TryGetValue((variables[i], elements[i]), out var series))
                    result[(variables[i], elements[i])] = series = new SeriesValues(scenarios);
                series.Add(scenario, times[i] ?? double.NaN, values[i] ?? double.NaN);
            }
        });
        return result;
    }

    /// <summary>The number of rows of a table, from its metadata.</summary>
    public long RowCount(string table)
    {
        using var stream = File.OpenRead(folder.TablePath(table));
        var reader = ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
        long rows = reader.Metadata?.NumRows ?? 0;
        reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return rows;
    }

    private static double[] Filled(long n)
    {
        var a = new double[n];
        Array.Fill(a, double.NaN);
        return a;
    }

    private static void Read(string path, Action<ParquetRowGroupReader, int, Dictionary<string, DataField>> each)
    {
        using var stream = File.OpenRead(path);
        var reader = ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
        try
        {
            var fields = reader.Schema.DataFields.ToDictionary(f => f.Name);
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                each(group, (int)group.RowCount, fields);
            }
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}

/// <summary>One series variable element's values per scenario and saved time, in the order read.</summary>
public sealed class SeriesValues(int scenarios)
{
    private readonly Dictionary<double, int> _timeIndex = new();

    public List<double> Times { get; } = new();

    /// <summary>Values[scenario][time index]: the values across the futures read.</summary>
    public List<List<double>>[] Values { get; } = Enumerable.Range(0, scenarios).Select(_ => new List<List<double>>()).ToArray();

    public void Add(int scenario, double time, double value)
    {
        if (!_timeIndex.TryGetValue(time, out int t))
        {
            _timeIndex[time] = t = Times.Count;
            Times.Add(time);
        }
        var perTime = Values[scenario];
        while (perTime.Count <= t) perTime.Add(new List<double>());
        perTime[t].Add(value);
    }
}
