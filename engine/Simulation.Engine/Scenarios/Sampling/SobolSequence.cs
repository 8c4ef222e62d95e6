using System.Globalization;

namespace Simulation.Engine.Scenarios.Sampling;

/// <summary>
/// Sobol' low-discrepancy points in up to <see cref="MaxDimensions"/> dimensions, with the direction
/// numbers of Joe and Kuo (new-joe-kuo-6.21201, embedded). Point n is the Gray-code ordered point, as in
/// Joe and Kuo's own generator and SciPy: x_j(n) = XOR of V_j,k over the bits k set in n XOR (n >> 1), with
/// 32-bit direction numbers. Point 0 is the origin.
/// </summary>
public sealed class SobolSequence
{
    public const int Bits = 32;

    private static readonly Lazy<uint[][]> Directions = new(LoadDirections);

    private readonly uint[][] _v;

    public SobolSequence(int dimensions)
    {
        if (dimensions < 1 || dimensions > MaxDimensions)
            throw new ArgumentOutOfRangeException(nameof(dimensions), dimensions, $"Sobol points have 1 to {MaxDimensions} dimensions");
        _v = Directions.Value[..dimensions];
    }

    public static int MaxDimensions => Directions.Value.Length;

    public int Dimensions => _v.Length;

    /// <summary>Writes point <paramref name="index"/> (0-based; 0 is the origin) into <paramref name="point"/>.</summary>
    public void Point(uint index, Span<double> point)
    {
        uint gray = index ^ (index >> 1);
        for (int j = 0; j < _v.Length; j++)
        {
            uint x = 0, g = gray;
            for (int k = 0; g != 0; k++, g >>= 1)
                if ((g & 1) != 0) x ^= _v[j][k];
            point[j] = x * (1.0 / 4294967296.0);
        }
    }

    /// <summary>Direction numbers V_j,k = v_k * 2^(32 - k) for each dimension j, from the published m values (Bratley and Fox's recurrence).</summary>
    private static uint[][] LoadDirections()
    {
        using var stream = typeof(SobolSequence).Assembly.GetManifestResourceStream("new-joe-kuo-6.1000.txt")
                           ?? throw new InvalidOperationException("the Sobol direction numbers are not embedded in the engine");
        using var reader = new StreamReader(stream);
        var dims = new List<uint[]> { Enumerable.Range(1, Bits).Select(k => 1u << (Bits - k)).ToArray() };
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || !char.IsAsciiDigit(line[0])) continue;
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(x => uint.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            int s = (int)f[1];
            uint a = f[2];
            var v = new uint[Bits];
            for (int k = 1; k <= Math.Min(s, Bits); k++) v[k - 1] = f[2 + k] << (Bits - k);
            for (int k = s + 1; k <= Bits; k++)
            {
                uint value = v[k - s - 1] ^ (v[k - s - 1] >> s);
                for (int i = 1; i < s; i++)
                    if (((a >> (s - 1 - i)) & 1) != 0) value ^= v[k - i - 1];
                v[k - 1] = value;
            }
            dims.Add(v);
        }
        return dims.ToArray();
    }
}
