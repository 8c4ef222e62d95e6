using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace Simulation.Engine.Scenarios.Output;

/// <summary>One column of a tidy output table, buffered for the current row group, written to Parquet and CSV.</summary>
internal abstract class TableColumn(DataField field)
{
    public DataField Field { get; } = field;

    public abstract int Count { get; }

    public abstract Task WriteAsync(ParquetRowGroupWriter group);

    /// <summary>Row <paramref name="row"/> as CSV text (invariant culture, round-trip precision; empty for missing).</summary>
    public abstract string Csv(int row);

    public abstract void Clear();
}

internal sealed class LongColumn(string name) : TableColumn(new DataField<long>(name))
{
    private readonly List<long> _values = new();

    public void Add(long value) => _values.Add(value);

    public override int Count => _values.Count;

    public override Task WriteAsync(ParquetRowGroupWriter group) => group.WriteAsync(Field, new ReadOnlyMemory<long>(_values.ToArray()));

    public override string Csv(int row) => _values[row].ToString(CultureInfo.InvariantCulture);

    public override void Clear() => _values.Clear();
}

internal sealed class StringColumn(string name) : TableColumn(new DataField<string>(name, nullable: false))
{
    private readonly List<string> _values = new();

    public void Add(string value) => _values.Add(value);

    public override int Count => _values.Count;

    public override Task WriteAsync(ParquetRowGroupWriter group) => group.WriteAsync(Field, _values);

    public override string Csv(int row) => Results.CsvResultWriter.Quote(_values[row]);

    public override void Clear() => _values.Clear();
}

/// <summary>Doubles where NaN and infinities (an outcome of a failed run, a ratio over zero) are written as missing (null, NA).</summary>
internal sealed class ValueColumn(string name) : TableColumn(new DataField<double?>(name))
{
    private readonly List<double?> _values = new();

    public void Add(double value) => _values.Add(double.IsFinite(value) ? value : null);

    public override int Count => _values.Count;

    public override Task WriteAsync(ParquetRowGroupWriter group) => group.WriteAsync(Field, new ReadOnlyMemory<double?>(_values.ToArray()));

    public override string Csv(int row) => _values[row] is double v ? Results.CsvResultWriter.Format(v) : "";

    public override void Clear() => _values.Clear();
}

/// <summary>Text that may be missing (null in Parquet, empty in CSV).</summary>
internal sealed class OptionalTextColumn(string name) : TableColumn(new DataField<string>(name, nullable: true))
{
    private readonly List<string?> _values = new();

    public void Add(string? value) => _values.Add(value);

    public override int Count => _values.Count;

    public override Task WriteAsync(ParquetRowGroupWriter group) => group.WriteAsync(Field, _values!);

    public override string Csv(int row) => _values[row] is { } s ? Results.CsvResultWriter.Quote(s) : "";

    public override void Clear() => _values.Clear();
}
