namespace Simulation.Engine.Runtime.Vector;

/// <summary>
/// The constants a section's generated code reads, each stored once as a vector of four equal lanes: the
/// generated code then reads a constant as the memory operand of the instruction that uses it, where a
/// broadcast would take an instruction and a register of its own (registers are what large kernels run out of).
/// </summary>
internal sealed class ConstantTable
{
    private readonly Dictionary<(long, long, long, long), int> _index = new();
    private readonly List<double> _values = new();

    public int IndexOf(double value) => IndexOf([value, value, value, value]);

    /// <summary>The vector of four lanes (four elements' constants in a one-run program).</summary>
    public int IndexOf(ReadOnlySpan<double> lanes)
    {
        var key = (Bits(lanes[0]), Bits(lanes[1]), Bits(lanes[2]), Bits(lanes[3]));
        if (!_index.TryGetValue(key, out int k))
        {
            _index[key] = k = _values.Count / LaneLayout.GroupWidth;
            foreach (double v in lanes) _values.Add(v);
        }
        return k;
    }

    public double[] ToArray() => _values.ToArray();

    private static long Bits(double v) => BitConverter.DoubleToInt64Bits(v);
}
