using System.Globalization;
using System.Text;

namespace Simulation.Engine.Results;

/// <summary>
/// Writes results as CSV (RFC 4180): first column <c>Time</c>, then one column per variable named
/// as the model writes it; numbers in the invariant culture with round-trip precision, so a value
/// read back is the same double.
/// </summary>
public static class CsvResultWriter
{
    public static void Write(SimulationResult result, TextWriter writer)
    {
        var rows = new CsvRowWriter(writer, result.Names);
        for (int i = 0; i < result.Times.Count; i++) rows.Row(result.Times[i], result.Rows[i]);
        rows.Flush();
    }

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}

/// <summary>
/// Writes rows to CSV as they arrive (<see cref="CsvResultWriter"/>'s format), in blocks of about 64 K characters and
/// without allocating per row, so a run of any length streams to its file in constant memory. Call
/// <see cref="Flush"/> after the last row.
/// </summary>
public sealed class CsvRowWriter : IRowSink
{
    private const int BlockSize = 1 << 16;
    private readonly TextWriter _writer;
    private readonly StringBuilder _pending = new(BlockSize + 1024);

    public CsvRowWriter(TextWriter writer, IEnumerable<string> names)
    {
        _writer = writer;
        _pending.Append("Time");
        foreach (var name in names) _pending.Append(',').Append(CsvResultWriter.Quote(name));
        _pending.Append('\n');
    }

    public void Row(double time, ReadOnlySpan<double> values)
    {
        Append(time);
        foreach (double v in values)
        {
            _pending.Append(',');
            Append(v);
        }
        _pending.Append('\n');
        if (_pending.Length >= BlockSize) Flush();
    }

    private readonly char[] _number = new char[64];

    // The same text as value.ToString("R"), formatted into a buffer of this writer's: no string per value.
    private void Append(double value)
    {
        if (!value.TryFormat(_number, out int length, "R", CultureInfo.InvariantCulture)) throw new InvalidOperationException("a number longer than 64 characters");
        _pending.Append(_number, 0, length);
    }

    public void Flush()
    {
        foreach (var chunk in _pending.GetChunks()) _writer.Write(chunk.Span);
        _pending.Clear();
    }
}
