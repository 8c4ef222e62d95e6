using System.Runtime.CompilerServices;

namespace Simulation.Engine.Runtime.Vector;

/// <summary>
/// A block of doubles on the pinned object heap, aligned to a cache line, so generated code can
/// address it through a raw pointer for as long as the buffer lives (no pinning per call, no
/// unmanaged memory to free). Rows follow a <see cref="LaneLayout"/>.
/// </summary>
public sealed unsafe class LaneBuffer
{
    private const int Alignment = 64;
    private readonly double[] _storage;
    private readonly int _offset;

    public LaneBuffer(LaneLayout layout) : this(layout, layout.Slots)
    {
    }

    /// <summary>A buffer of <paramref name="rows"/> rows laid out like <paramref name="layout"/>.</summary>
    public LaneBuffer(LaneLayout layout, int rows)
    {
        Layout = layout;
        Rows = rows;
        int length = rows * layout.Stride;
        _storage = GC.AllocateArray<double>(length + Alignment / sizeof(double), pinned: true);
        long address = (long)Unsafe.AsPointer(ref _storage[0]);
        _offset = (int)((Alignment - address % Alignment) % Alignment / sizeof(double));
        Length = length;
    }

    public LaneLayout Layout { get; }

    public int Rows { get; }

    public int Length { get; }

    /// <summary>The first double of row 0. Valid while this buffer is reachable (callers keep it alive).</summary>
    public double* Pointer => (double*)Unsafe.AsPointer(ref _storage[_offset]);

    /// <summary>The lanes of one row.</summary>
    public Span<double> Row(int row) => _storage.AsSpan(_offset + row * Layout.Stride, Layout.Lanes);

    /// <summary>Every double, padding included.</summary>
    public Span<double> All => _storage.AsSpan(_offset, Length);

    /// <summary>Rows [first, first + count), padding included: one contiguous span.</summary>
    public Span<double> RowRange(int first, int count) => _storage.AsSpan(_offset + first * Layout.Stride, count * Layout.Stride);

    public void Clear() => All.Clear();
}
