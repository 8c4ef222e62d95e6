using System.Runtime.InteropServices;

namespace Simulation.Engine.Results;

/// <summary>
/// Rows kept in a temporary file instead of memory, then read back column by column: JSON results are written a
/// column at a time, so a run streams its rows here and <see cref="JsonResultWriter"/> reads them back in groups of
/// columns that fit <see cref="Budget"/> bytes (one column when even one does not). The file (8 bytes per value,
/// the time first in each row) is deleted when this is disposed.
/// </summary>
public sealed class SpilledRows : IRowSink, IDisposable
{
    /// <summary>Bytes of columns held at once while reading back by default, unless one column is larger.</summary>
    public const long Budget = 64L << 20;

    private readonly long _budget;

    private readonly FileStream _file;
    private readonly int _width;
    private int _groupFirst = -1;
    private double[][] _group = [];

    /// <param name="path">The temporary file; created, and deleted on dispose.</param>
    /// <param name="budget">Bytes of columns held at once while reading back (tests set it small).</param>
    public SpilledRows(string path, int columns, long budget = Budget)
    {
        _budget = budget;
        _width = columns + 1;
        _file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
    }

    public int Count { get; private set; }

    public void Row(double time, ReadOnlySpan<double> values)
    {
        _file.Write(MemoryMarshal.AsBytes(new ReadOnlySpan<double>(in time)));
        _file.Write(MemoryMarshal.AsBytes(values));
        Count++;
    }

    /// <summary>The saved times.</summary>
    public double[] Times => Read(0);

    /// <summary>Column <paramref name="j"/>'s values over the saved times.</summary>
    public double[] Column(int j) => Read(j + 1);

    /// <summary>A stored column, read with the ones after it that fit the budget in one pass over the file.</summary>
    private double[] Read(int stored)
    {
        if (_groupFirst < 0 || stored < _groupFirst || stored >= _groupFirst + _group.Length)
        {
            int size = (int)Math.Clamp(_budget / Math.Max(1L, 8L * Count), 1, _width - stored);
            _group = []; // let the last group go before the next is allocated
            _group = Enumerable.Range(0, size).Select(_ => new double[Count]).ToArray();
            _groupFirst = stored;
            _file.Flush();
            _file.Position = 0;
            var row = new double[_width];
            var bytes = MemoryMarshal.AsBytes(row.AsSpan());
            for (int i = 0; i < Count; i++)
            {
                _file.ReadExactly(bytes);
                for (int k = 0; k < size; k++) _group[k][i] = row[stored + k];
            }
        }
        return _group[stored - _groupFirst];
    }

    public void Dispose() => _file.Dispose();
}
