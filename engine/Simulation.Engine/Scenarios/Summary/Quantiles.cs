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

    /// <summary>The mean by a running update: no overflow for large sums (NaN when there are none).</summary>
    public static double Mean(IReadOnlyList<double> values)
    {
        double mean = 0;
        for (int i = 0; i < values.Count; i++) mean += (values[i] - mean) / (i + 1);
        return values.Count == 0 ? double.NaN : mean;
    }

    /// <summary>Count, mean and the 5th, 25th, 50th, 75th and 95th percentiles of the finite values (others are left out).</summary>
    public static Distribution Describe(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        FiniteSort.Sort(finite);
        return new Distribution(finite.Length, Mean(finite),
            Type7(finite, 0.05), Type7(finite, 0.25), Type7(finite, 0.50), Type7(finite, 0.75), Type7(finite, 0.95));
    }
}

/// <summary>
/// How one outcome is spread across futures: n finite values, their mean and 5th/25th/50th/75th/95th percentiles, and
/// the futures left out of them and why.
/// </summary>
public sealed record Distribution(int Count, double Mean, double P5, double P25, double P50, double P75, double P95)
{
    public static Distribution Empty { get; } = new(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);

    /// <summary>Futures without a finite value, counted by reason (<see cref="LeftOutReason"/>).</summary>
    public IReadOnlyList<Exclusion> LeftOut { get; init; } = [];

    /// <summary>Every value was zero (to rounding): the scenario does not change this outcome.</summary>
    public bool IsZero => Count > 0 && P5 == 0 && P95 == 0 && Mean == 0;

    /// <summary>The P5-P95 band contains zero.</summary>
    public bool SpansZero => Count == 0 || (P5 <= 0 && P95 >= 0);
}

/// <summary>Futures left out of a statistic for one reason.</summary>
public sealed record Exclusion(string Reason, int Count);

/// <summary>Why a future has no value in a statistic (the text written in the summary).</summary>
public static class LeftOutReason
{
    /// <summary>The run's stocks or rates became NaN or infinite (its problem is in the runs table).</summary>
    public const string RunFailed = "run failed";

    /// <summary>A ratio whose denominator was zero in that future.</summary>
    public const string ZeroDenominator = "zero denominator";

    /// <summary>The value was NaN or infinite for another reason (an outcome expression such as 0 / 0).</summary>
    public const string NotFinite = "not finite";

    /// <summary>A paired difference whose baseline value in the same future is missing.</summary>
    public const string BaselineMissing = "no baseline value";

    /// <summary>The future's baseline missed a plausibility target: history matching left it out of every statistic.</summary>
    public const string Implausible = "implausible (history matching)";

    /// <summary>A payback outcome whose run is not below the baseline from some listed time to the last.</summary>
    public const string NotPaidBack = "not paid back";

    /// <summary>A payback outcome of the baseline itself (it cannot pay back against itself).</summary>
    public const string IsBaseline = "is the baseline";

    /// <summary>Counts reasons in the order first met.</summary>
    public static IReadOnlyList<Exclusion> Count(IEnumerable<string?> reasons) =>
        reasons.OfType<string>().GroupBy(r => r).Select(g => new Exclusion(g.Key, g.Count())).ToList();
}
