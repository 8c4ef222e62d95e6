namespace Simulation.Engine.Scenarios.Sampling;

/// <summary>
/// Points in the unit cube (0, 1)^d, one per sample, that a design maps through each input's quantile
/// function. Every point depends only on the seed and its sample number, never on the order or thread in which
/// samples are made.
/// </summary>
public abstract class UnitPoints(int count, int dimensions)
{
    public int Count { get; } = count;

    public int Dimensions { get; } = dimensions;

    public abstract void Fill(int sample, Span<double> u);
}

/// <summary>Monte Carlo: independent uniforms, u_j(s) = UnitHash(seed, j, s).</summary>
public sealed class MonteCarloPoints(ulong seed, int count, int dimensions) : UnitPoints(count, dimensions)
{
    public override void Fill(int sample, Span<double> u)
    {
        for (int j = 0; j < Dimensions; j++) u[j] = UnitHash.Uniform(seed, (ulong)j, (ulong)sample);
    }
}

/// <summary>
/// Latin hypercube (McKay, Beckman and Conover 1979): in each dimension the unit interval is cut into
/// n strata of width 1/n and each stratum holds exactly one sample, u_j(s) = (π_j(s) + v_j(s)) / n, with π_j
/// a random permutation (Fisher-Yates) and v_j(s) uniform within the stratum. Holds the n x d permutation.
/// </summary>
public sealed class LatinHypercubePoints : UnitPoints
{
    private const ulong PermutationStream = 0x4C48535045524DUL; // "LHSPERM"
    private const ulong JitterStream = 0x4C48534A4954UL;        // "LHSJIT"
    private readonly int[][] _strata;
    private readonly UnitStream[] _jitter;

    public LatinHypercubePoints(ulong seed, int count, int dimensions) : base(count, dimensions)
    {
        _strata = new int[dimensions][];
        _jitter = new UnitStream[dimensions];
        for (int j = 0; j < dimensions; j++)
        {
            var p = new int[count];
            for (int i = 0; i < count; i++) p[i] = i;
            var draws = new UnitStream(seed, PermutationStream + (ulong)j);
            for (int i = count - 1; i > 0; i--)
            {
                int k = (int)(draws.Uniform((ulong)i) * (i + 1));
                (p[i], p[k]) = (p[k], p[i]);
            }
            _strata[j] = p;
            _jitter[j] = new UnitStream(seed, JitterStream + (ulong)j);
        }
    }

    /// <summary>The stratum (0..n-1) sample <paramref name="sample"/> occupies in dimension <paramref name="dimension"/>.</summary>
    public int Stratum(int dimension, int sample) => _strata[dimension][sample];

    public override void Fill(int sample, Span<double> u)
    {
        for (int j = 0; j < Dimensions; j++)
            u[j] = (_strata[j][sample] + _jitter[j].Uniform((ulong)sample)) / Count;
    }
}

/// <summary>
/// Sobol points, skipping the origin: sample s is point s + 1 of the sequence (the origin would map to
/// minus infinity for unbounded distributions). Unscrambled, so the seed does not change them.
/// </summary>
public sealed class SobolPoints(int count, int dimensions) : UnitPoints(count, dimensions)
{
    private readonly SobolSequence _sequence = new(Math.Max(1, dimensions));

    public override void Fill(int sample, Span<double> u)
    {
        if (Dimensions == 0) return;
        _sequence.Point((uint)sample + 1, u);
    }
}
