using Simulation.Engine.Scenarios.Sampling;

namespace Simulation.Engine.Analysis.Morris;

/// <summary>
/// Morris's one-at-a-time design (Morris 1991): r trajectories through a grid of p levels per input, each of k + 1
/// points, consecutive points differing in one input by Δ = p / (2 (p - 1)) of the grid's span (p / 2 levels), every
/// input moved once per trajectory, in a random order. Trajectory t's points are rows t (k + 1) .. t (k + 1) + k.
/// <para>
/// Level l of an input is the quantile (l + 0.5) / p of its distribution (the centres of p equally likely bins), so a
/// move changes its quantile by 1/2 and unbounded distributions never reach their infinite ends. Starting levels are
/// uniform over all p levels (a level in the lower half moves up, one in the upper half moves down), which gives each
/// level the same chance as Morris's construction. The starting points and orders come from the seed alone.
/// </para>
/// </summary>
public sealed class MorrisDesign : SampleDesign
{
    private const ulong StartStream = 0x4D4F525354UL << 8;  // "MORST"
    private const ulong OrderStream = 0x4D4F52524FUL << 8;  // "MORRO"
    private readonly IReadOnlyList<InputDistribution> _distributions;
    private readonly int[][] _levels;   // [row][input]
    private readonly int[][] _moved;    // [trajectory][step - 1]: the input step moves

    public MorrisDesign(int trajectories, int levels, IReadOnlyList<InputDistribution> distributions, ulong seed)
    {
        if (levels < 2 || levels % 2 != 0) throw new ArgumentOutOfRangeException(nameof(levels), levels, "Morris levels must be even and at least 2");
        Trajectories = trajectories;
        Levels = levels;
        _distributions = distributions;
        int k = distributions.Count;
        _levels = new int[trajectories * (k + 1)][];
        _moved = new int[trajectories][];
        for (int t = 0; t < trajectories; t++)
        {
            var order = Enumerable.Range(0, k).ToArray();
            for (int i = k - 1; i > 0; i--)
            {
                int j = (int)(UnitHash.Uniform(seed, OrderStream + (ulong)t, (ulong)i) * (i + 1));
                (order[i], order[j]) = (order[j], order[i]);
            }
            _moved[t] = order;
            var point = new int[k];
            for (int i = 0; i < k; i++) point[i] = Math.Min(levels - 1, (int)(UnitHash.Uniform(seed, StartStream + (ulong)t, (ulong)i) * levels));
            _levels[t * (k + 1)] = point.ToArray();
            for (int step = 1; step <= k; step++)
            {
                int i = order[step - 1];
                point[i] += point[i] < levels / 2 ? levels / 2 : -levels / 2;
                _levels[t * (k + 1) + step] = point.ToArray();
            }
        }
    }

    public int Trajectories { get; }

    public int Levels { get; }

    public int Inputs => _distributions.Count;

    public override int Count => _levels.Length;

    public override int Columns => _distributions.Count;

    /// <summary>The input that step <paramref name="step"/> (1..k) of trajectory <paramref name="trajectory"/> moves.</summary>
    public int MovedAt(int trajectory, int step) => _moved[trajectory][step - 1];

    /// <summary>The row of point <paramref name="step"/> (0..k) of trajectory <paramref name="trajectory"/>.</summary>
    public int Row(int trajectory, int step) => trajectory * (Inputs + 1) + step;

    /// <summary>The quantile level of input <paramref name="input"/> at row <paramref name="row"/>.</summary>
    public double UnitValue(int row, int input) => (_levels[row][input] + 0.5) / Levels;

    public override void Fill(int sample, Span<double> values)
    {
        for (int i = 0; i < values.Length; i++) values[i] = _distributions[i].Quantile(UnitValue(sample, i));
    }
}
