using Simulation.Engine.Scenarios.Sampling;

namespace Simulation.Engine.Analysis.Sobol;

/// <summary>
/// Saltelli's design for Sobol' indices (Saltelli 2002; Saltelli et al. 2010), as the futures of a sweep. Two
/// independent N x k matrices A and B come from one 2k-dimensional Sobol' sequence (A the first k coordinates of each
/// point, B the last k); A_B^(i) is A with its column i taken from B, and B_A^(i) (for second-order indices) is B with
/// column i from A. Base sample j gives consecutive rows, as SALib orders them:
/// <code>
/// A_j, A_B^(1)_j ... A_B^(k)_j, [B_A^(1)_j ... B_A^(k)_j,] B_j        k + 2 rows (2k + 2 with second order)
/// </code>
/// Each unit coordinate is mapped through its input's quantile function, so any distribution works. The points are
/// the sweep's own Sobol' points (the origin skipped), so they do not depend on the seed.
/// </summary>
public sealed class SaltelliDesign : SampleDesign
{
    private readonly IReadOnlyList<InputDistribution> _distributions;
    private readonly SobolSequence _sequence;

    public SaltelliDesign(int baseSamples, IReadOnlyList<InputDistribution> distributions, bool secondOrder)
    {
        if (distributions.Count == 0) throw new ArgumentException("Saltelli's design needs at least one input", nameof(distributions));
        Layout = new SaltelliLayout(baseSamples, distributions.Count, secondOrder);
        _distributions = distributions;
        _sequence = new SobolSequence(2 * distributions.Count);
    }

    /// <summary>The largest number of inputs the design can take (its Sobol' points have twice as many dimensions).</summary>
    public static int MaxInputs => SobolSequence.MaxDimensions / 2;

    public SaltelliLayout Layout { get; }

    public override int Count => Layout.Rows;

    public override int Columns => _distributions.Count;

    public override void Fill(int sample, Span<double> values)
    {
        int k = _distributions.Count;
        Span<double> point = k <= 128 ? stackalloc double[2 * k] : new double[2 * k];
        int j = sample / Layout.RowsPerSample, role = sample % Layout.RowsPerSample;
        _sequence.Point((uint)j + 1, point);
        var a = point[..k];
        var b = point[k..];
        for (int i = 0; i < k; i++)
        {
            bool fromB = Layout.RoleOf(role) switch
            {
                SaltelliRole.A => false,
                SaltelliRole.B => true,
                SaltelliRole.AB => i == Layout.InputOf(role),
                _ => i != Layout.InputOf(role),
            };
            values[i] = _distributions[i].Quantile(fromB ? b[i] : a[i]);
        }
    }
}

/// <summary>What a row of Saltelli's design is: a row of A, of B, of A with one column from B, or of B with one column from A.</summary>
public enum SaltelliRole
{
    A,
    B,
    AB,
    BA,
}

/// <summary>
/// Where each row of Saltelli's design lies: N base samples of <see cref="RowsPerSample"/> consecutive rows,
/// A first, then A_B^(i) for each input i, then (second order) B_A^(i), then B.
/// </summary>
public sealed record SaltelliLayout(int BaseSamples, int Inputs, bool SecondOrder)
{
    public int RowsPerSample => SecondOrder ? 2 * Inputs + 2 : Inputs + 2;

    /// <summary>Total rows N x RowsPerSample; callers check it fits an int before building a design.</summary>
    public int Rows => checked(BaseSamples * RowsPerSample);

    /// <summary>Rows as a long, for checking the size before building a design.</summary>
    public static long RowsFor(long baseSamples, int inputs, bool secondOrder) => baseSamples * (secondOrder ? 2L * inputs + 2 : inputs + 2L);

    public SaltelliRole RoleOf(int position) =>
        position == 0 ? SaltelliRole.A : position == RowsPerSample - 1 ? SaltelliRole.B : position <= Inputs ? SaltelliRole.AB : SaltelliRole.BA;

    /// <summary>The input whose column a row of A_B or B_A swaps (-1 for A and B).</summary>
    public int InputOf(int position) => RoleOf(position) switch
    {
        SaltelliRole.AB => position - 1,
        SaltelliRole.BA => position - 1 - Inputs,
        _ => -1,
    };

    public int RowA(int sample) => sample * RowsPerSample;

    public int RowB(int sample) => sample * RowsPerSample + RowsPerSample - 1;

    public int RowAB(int sample, int input) => sample * RowsPerSample + 1 + input;

    public int RowBA(int sample, int input) => sample * RowsPerSample + 1 + Inputs + input;
}
