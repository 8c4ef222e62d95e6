using Parquet;
using Parquet.Schema;
using Simulation.Engine.Scenarios.Running;

namespace Simulation.Engine.Scenarios.Output;

/// <summary>
/// A tidy table streamed to disk: rows are buffered for one row group, then written to a Parquet file (Parquet.Net,
/// Snappy, so files are identical run to run) and optionally to a CSV file. Both are written under temporary names
/// and published whole by <see cref="PublishAsync"/>. A row group closes at the end of the first committed chunk
/// that brings it to <see cref="RowGroupValues"/> values, so its bounds depend only on the rows (a merge writes the
/// bytes a single sweep writes), a run's rows are never split between groups, and memory is bounded whatever the
/// number of runs. Groups of a chunk each (16 futures of a 94-column runs table: 16 rows) made the file's metadata a
/// third of the file and cost more to write than the values.
/// </summary>
internal sealed class TidyTable : IAsyncDisposable
{
    private readonly string _path;
    private readonly string? _csvPath;
    private readonly TableColumn[] _columns;
    private readonly FileStream _stream;
    private readonly ParquetWriter _writer;
    private readonly StreamWriter? _csv;

    private TidyTable(string path, string? csvPath, TableColumn[] columns, FileStream stream, ParquetWriter writer, StreamWriter? csv)
    {
        _path = path;
        _csvPath = csvPath;
        _columns = columns;
        _stream = stream;
        _writer = writer;
        _csv = csv;
    }

    public static async Task<TidyTable> CreateAsync(string path, string? csvPath, params TableColumn[] columns)
    {
        var stream = new FileStream(AtomicFile.TempPath(path), FileMode.Create, FileAccess.ReadWrite);
        var writer = await ParquetWriter.CreateAsync(new ParquetSchema(columns.Select(c => (Field)c.Field)), stream,
            new ParquetOptions { CompressionMethod = CompressionMethod.Snappy });
        StreamWriter? csv = null;
        if (csvPath is not null)
        {
            csv = new StreamWriter(AtomicFile.TempPath(csvPath), false, new System.Text.UTF8Encoding(false), 1 << 16);
            await csv.WriteAsync(string.Join(",", columns.Select(c => Results.CsvResultWriter.Quote(c.Field.Name))) + "\n");
        }
        return new TidyTable(path, csvPath, columns, stream, writer, csv);
    }

    /// <summary>
    /// A row group's values, about a quarter of a million (a few MB buffered). The prevention pack's merge (23 million
    /// outcome rows, 100,000 runs of 94 columns) wrote its tables with the same CPU at 65,536 to 262,144 values a group,
    /// and with more at 1 and 4 million (page faults), whose buffers also added 400 MB and 1 GB to the peak.
    /// </summary>
    public const int RowGroupValues = 1 << 18;

    public int BufferedRows => _columns[0].Count;

    /// <summary>Called after each committed chunk's rows: writes the row group once it holds <see cref="RowGroupValues"/> values.</summary>
    public Task ChunkEndAsync() => (long)BufferedRows * _columns.Length >= RowGroupValues ? FlushAsync() : Task.CompletedTask;

    /// <summary>Writes the buffered rows as one row group (and CSV lines), then clears the buffers.</summary>
    private async Task FlushAsync()
    {
        int rows = BufferedRows;
        if (rows == 0) return;
        using (var group = _writer.CreateRowGroup())
        {
            foreach (var column in _columns) await column.WriteAsync(group);
            group.CompleteValidate();
        }
        if (_csv is not null)
        {
            var line = new System.Text.StringBuilder();
            for (int r = 0; r < rows; r++)
            {
                line.Clear();
                for (int c = 0; c < _columns.Length; c++)
                {
                    if (c > 0) line.Append(',');
                    line.Append(_columns[c].Csv(r));
                }
                line.Append('\n');
                await _csv.WriteAsync(line);
            }
        }
        foreach (var column in _columns) column.Clear();
    }

    /// <summary>Finishes the files and moves them into place.</summary>
    public async Task PublishAsync()
    {
        await FlushAsync();
        await _writer.DisposeAsync();
        await _stream.FlushAsync();
        _stream.Flush(flushToDisk: true);
        await _stream.DisposeAsync();
        AtomicFile.Publish(AtomicFile.TempPath(_path), _path);
        if (_csv is not null)
        {
            await _csv.FlushAsync();
            _csv.Dispose();
            AtomicFile.Publish(AtomicFile.TempPath(_csvPath!), _csvPath!);
        }
        _published = true;
    }

    private bool _published;

    public async ValueTask DisposeAsync()
    {
        if (_published) return;
        await _writer.DisposeAsync();
        await _stream.DisposeAsync();
        _csv?.Dispose();
        File.Delete(AtomicFile.TempPath(_path));
        if (_csvPath is not null) File.Delete(AtomicFile.TempPath(_csvPath));
    }
}
