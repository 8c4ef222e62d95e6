using System.Numerics;
using MathNet.Numerics.Random;

namespace Simulation.Engine.Runtime;

/// <summary>
/// One run's random numbers: xoshiro256** (Blackman and Vigna) seeded from (experiment seed, run
/// index) through SplitMix64, as its authors recommend:
/// <code>
/// h = SplitMix64(seed)              the first output of SplitMix64 started at seed
/// x = h XOR run index
/// state = the next four outputs of SplitMix64 started at x
/// </code>
/// Runs of one experiment get distinct streams, and a run's numbers depend only on the seed and its
/// index: not on batch size, thread count, or which runs share a batch. It derives from MathNet's
/// <see cref="RandomSource"/> so MathNet's distributions can draw from it.
/// </summary>
public sealed class RandomStream : RandomSource
{
    private ulong _s0, _s1, _s2, _s3;

    public RandomStream(ulong seed, ulong runIndex) : base(threadSafe: false)
    {
        ulong x = seed;
        ulong h = SplitMix64(ref x);
        x = h ^ runIndex;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>A stream started from a given xoshiro256** state (for known-answer tests).</summary>
    internal RandomStream(ulong s0, ulong s1, ulong s2, ulong s3) : base(threadSafe: false) => (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);

    /// <summary>The next 64 random bits.</summary>
    public ulong NextBits()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform on [0, 1): the top 53 bits, scaled.</summary>
    protected override double DoSample() => (NextBits() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform on [0, int.MaxValue).</summary>
    protected override int DoSampleInteger()
    {
        while (true)
        {
            int value = (int)(NextBits() >> 33);
            if (value != int.MaxValue) return value;
        }
    }

    internal static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
