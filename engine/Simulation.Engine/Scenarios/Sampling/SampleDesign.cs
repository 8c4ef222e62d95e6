namespace Simulation.Engine.Scenarios.Sampling;

/// <summary>
/// The samples of an experiment: sample s gives one value per sampled column. Fill may be called from
/// several threads at once and in any order; a sample's values depend only on the design and s.
/// </summary>
public abstract class SampleDesign
{
    public abstract int Count { get; }

    public abstract int Columns { get; }

    public abstract void Fill(int sample, Span<double> values);
}

/// <summary>No uncertainty: one sample with no values.</summary>
public sealed class SingleSample : SampleDesign
{
    public override int Count => 1;

    public override int Columns => 0;

    public override void Fill(int sample, Span<double> values)
    {
    }
}

/// <summary>Unit-cube points (Monte Carlo, Latin hypercube, Sobol) mapped through each column's quantile function.</summary>
public sealed class QuantileDesign(UnitPoints points, IReadOnlyList<InputDistribution> distributions) : SampleDesign
{
    public UnitPoints Points => points;

    public override int Count => points.Count;

    public override int Columns => distributions.Count;

    public override void Fill(int sample, Span<double> values)
    {
        Span<double> u = distributions.Count <= 256 ? stackalloc double[distributions.Count] : new double[distributions.Count];
        points.Fill(sample, u);
        for (int j = 0; j < u.Length; j++) values[j] = distributions[j].Quantile(u[j]);
    }
}

/// <summary>Full factorial: every combination of the columns' levels, the first column varying slowest (row-major, like arrays).</summary>
public sealed class GridDesign(IReadOnlyList<IReadOnlyList<double>> levels) : SampleDesign
{
    /// <summary>The product of the level counts, or -1 when it would not fit an int.</summary>
    public static long Size(IEnumerable<int> levelCounts) => levelCounts.Aggregate(1L, (n, k) => n > int.MaxValue ? n : n * k);

    public override int Count { get; } = (int)Math.Min(int.MaxValue, Size(levels.Select(l => l.Count)));

    public override int Columns => levels.Count;

    public override void Fill(int sample, Span<double> values)
    {
        int rest = sample;
        for (int j = levels.Count - 1; j >= 0; j--)
        {
            values[j] = levels[j][rest % levels[j].Count];
            rest /= levels[j].Count;
        }
    }
}

/// <summary>Rows of a design table, one sample per row.</summary>
public sealed class TableDesign(Designs.DesignTable table) : SampleDesign
{
    public override int Count => table.RowCount;

    public override int Columns => table.InputColumns.Count;

    public override void Fill(int sample, Span<double> values)
    {
        for (int j = 0; j < values.Length; j++) values[j] = table.Value(sample, j);
    }
}
