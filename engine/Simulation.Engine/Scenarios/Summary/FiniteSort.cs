using System.Buffers;

namespace Simulation.Engine.Scenarios.Summary;

/// <summary>
/// Sorts finite doubles ascending, as <see cref="Array.Sort(Array)"/> does, by their bits: a least-significant-digit
/// radix sort, 11 bits a pass, skipping passes whose digit every value shares. A sweep's summary sorts two arrays of
/// its futures for each scenario and outcome column (4,600 sorts of 10,000 values for the prevention pack), where this
/// is several times faster than a comparison sort. The order can differ from Array.Sort's only among zeros (-0 before 0
/// here, in no particular order there), which neither <see cref="Quantiles.Mean"/> nor a type 7 quantile below the
/// maximum can tell apart (FiniteSortTests). Fewer than 256 values go to Array.Sort.
/// </summary>
internal static class FiniteSort
{
    private const int Bits = 11, Buckets = 1 << Bits, Smallest = 256;
    private const ulong Sign = 1UL << 63;

    public static void Sort(double[] values)
    {
        int n = values.Length;
        if (n < Smallest)
        {
            Array.Sort(values);
            return;
        }
        var keys = ArrayPool<ulong>.Shared.Rent(n);
        var other = ArrayPool<ulong>.Shared.Rent(n);
        try
        {
            // Bits as an unsigned key in the doubles' order: negatives flipped whole, positives with the sign bit set.
            for (int i = 0; i < n; i++)
            {
                ulong bits = (ulong)BitConverter.DoubleToInt64Bits(values[i]);
                keys[i] = (bits & Sign) != 0 ? ~bits : bits | Sign;
            }
            Span<int> start = stackalloc int[Buckets];
            var (from, to) = (keys, other);
            for (int shift = 0; shift < 64; shift += Bits)
            {
                start.Clear();
                for (int i = 0; i < n; i++) start[(int)(from[i] >> shift) & (Buckets - 1)]++;
                if (start[(int)(from[0] >> shift) & (Buckets - 1)] == n) continue; // every value has this digit
                for (int d = 0, sum = 0; d < Buckets; d++) (start[d], sum) = (sum, sum + start[d]);
                for (int i = 0; i < n; i++) to[start[(int)(from[i] >> shift) & (Buckets - 1)]++] = from[i];
                (from, to) = (to, from);
            }
            for (int i = 0; i < n; i++)
            {
                ulong key = from[i];
                values[i] = BitConverter.Int64BitsToDouble((long)((key & Sign) != 0 ? key & ~Sign : ~key));
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(keys);
            ArrayPool<ulong>.Shared.Return(other);
        }
    }
}
