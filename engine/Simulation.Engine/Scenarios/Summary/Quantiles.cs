namespace Simulation.Engine.Scenarios.Summary;

/// <summary>
/// Sample statistics of an outcome across futures. Quantiles use Hyndman and Fan's type 7 (the default of R's
/// quantile(), numpy.percentile and Excel's PERCENTILE.INC): with the n values sorted x_1 &lt;= ... &lt;= x_n and
/// h = (n - 1) p + 1, Q(p) = x_floor(h) + (h - floor(h)) (x_floor(h)+1 - x_floor(h)). Q(0) is the minimum, Q(1) the maximum.
/// </summary>
public static class Quantiles
{
    /// <summary>Type 7 quantile of values already sorted ascending (NaN when there are none).</summary>
    public static double Type7(IReadOnlyList<double> sorted, double p)
    {
        int n = sorted.Count;
        if (n == 0) return double.NaN;
        double h = (n - 1) * p;
        int lo = (int)Math.Floor(h);
        if (lo >= n - 1) return sorted[n - 1];
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }

    /// <summary>mean(numerators) / mean(denominators) over the pairs where both are finite (NaN when there are none).</summary>
    public static double RatioOfMeans(IReadOnlyList<double> numerators, IReadOnlyList<double> denominators)
    {
        double top = 0, bottom = 0;
        int n = 0;
        for (int i = 0; i < numerators.Count; i++)
            if (double.IsFinite(numerators[i]) && double.IsFinite(denominators[i]))
            {
                n++;
                top += (numerators[i] - top) / n;
                bottom += (denominators[i] - bottom) / n;
            }
        return n == 0 ? double.NaN : top / bottom;
    }

    /// <summary>Count, mean and the 5th, 50th and 95th percentiles of the finite values (others are left out).</summary>
    public static Distribution Describe(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        Array.Sort(finite);
        double mean = 0;
        for (int i = 0; i < finite.Length; i++) mean += (finite[i] - mean) / (i + 1); // running mean: no overflow for large sums
        return new Distribution(finite.Length, finite.Length == 0 ? double.NaN : mean,
            Type7(finite, 0.05), Type7(finite, 0.50), Type7(finite, 0.95));
    }
}

/// <summary>How one outcome is spread across futures: n finite values, their mean and 5th/50th/95th percentiles.</summary>
public sealed record Distribution(int Count, double Mean, double P5, double P50, double P95);
