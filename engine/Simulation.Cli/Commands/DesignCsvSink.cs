using System.Globalization;
using System.Text;
using Simulation.Engine.Designs;
using Simulation.Engine.Results;
using Simulation.Engine.Runtime.Batches;

namespace Simulation.Cli.Commands;

/// <summary>
/// Writes each run of a design as one CSV row as it arrives: the row's identifier (when the table
/// has one) and inputs, then the recorded values. Column names: the table's own headers, then each
/// output as the model names it (<c>B</c>, <c>P[1,2,well]</c>), followed by <c>@time</c> when
/// values at chosen times are written (<c>B@5</c>). Numbers are invariant and round-trip exact.
/// </summary>
internal sealed class DesignCsvSink : IRunSink
{
    private readonly TextWriter _writer;
    private readonly DesignTable _table;
    /// <summary>Rows not yet written: the writer gets text in blocks (the console flushes every write).</summary>
    private const int BlockSize = 1 << 16;

    private readonly StringBuilder _pending = new();
    private readonly List<(int Run, RunProblem Problem)> _problems = new();

    /// <param name="byTime">Name value columns <c>name@time</c> (for --at), else just <c>name</c> (final values).</param>
    public DesignCsvSink(TextWriter writer, DesignTable table, RecordRequest record, bool byTime)
    {
        _writer = writer;
        _table = table;
        var header = new List<string>();
        if (table.IdColumn is { } id) header.Add(id);
        header.AddRange(table.InputColumns);
        foreach (double time in record.Times)
            foreach (var output in record.Outputs)
                header.Add(byTime ? $"{output.Name}@{Format(time)}" : output.Name);
        _writer.Write(string.Join(',', header.Select(CsvResultWriter.Quote)));
        _writer.Write('\n');
    }

    /// <summary>The first runs that had NaN or infinite values (at most a handful kept).</summary>
    public IReadOnlyList<(int Run, RunProblem Problem)> Problems => _problems;

    public int ProblemCount { get; private set; }

    public void Accept(RunResult result)
    {
        if (_table.Ids is { } ids) _pending.Append(CsvResultWriter.Quote(ids[result.Run])).Append(',');
        for (int c = 0; c < _table.InputColumns.Count; c++) _pending.Append(Format(_table.Value(result.Run, c))).Append(',');
        foreach (double v in result.Values) _pending.Append(Format(v)).Append(',');
        _pending.Length--;
        _pending.Append('\n');
        if (_pending.Length >= BlockSize) Flush();
        if (result.Problem is { } problem)
        {
            ProblemCount++;
            if (_problems.Count < 100) _problems.Add((result.Run, problem));
        }
    }

    /// <summary>Writes the rows still held back; call once every run has arrived.</summary>
    public void Flush()
    {
        _writer.Write(_pending);
        _pending.Clear();
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
