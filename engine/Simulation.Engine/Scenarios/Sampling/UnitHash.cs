namespace Simulation.Engine.Scenarios.Sampling;

/// <summary>
/// Counter-based random numbers: a uniform number in (0, 1) computed from (seed, stream, index) alone,
/// by mixing them through the SplitMix64 finaliser (Steele, Lea and Flood 2014). Any sample's numbers can be
/// made directly, in any order and on any thread, so designs do not depend on how a sweep is split up.
/// </summary>
public static class UnitHash
{
    public static ulong Bits(ulong seed, ulong stream, ulong index) => new UnitStream(seed, stream).Bits(index);

    /// <summary>Uniform in (0, 1), never 0 or 1: (k + 0.5) / 2^53 for a 53-bit k.</summary>
    public static double Uniform(ulong seed, ulong stream, ulong index) => new UnitStream(seed, stream).Uniform(index);

    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>
/// The numbers of one (seed, stream), <see cref="UnitHash"/>'s for each index: the part of the mix that depends on the seed
/// and stream alone is computed once, so a loop over many indices (a Latin hypercube's permutations, every shard making
/// them again) mixes once a number instead of three times. The bits are <see cref="UnitHash"/>'s: addition wraps, so
/// the sum may be taken in any grouping.
/// </summary>
public readonly struct UnitStream(ulong seed, ulong stream)
{
    private readonly ulong _base = UnitHash.Mix(seed ^ 0x243F6A8885A308D3UL) + UnitHash.Mix(stream + 0x9E3779B97F4A7C15UL);

    public ulong Bits(ulong index) => UnitHash.Mix(_base + index * 0xD1B54A32D192ED03UL);

    /// <summary>Uniform in (0, 1), never 0 or 1: (k + 0.5) / 2^53 for a 53-bit k.</summary>
    public double Uniform(ulong index) => ((Bits(index) >> 11) + 0.5) * (1.0 / (1UL << 53));
}
