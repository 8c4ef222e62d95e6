using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Simulation.Engine.Scenarios.Sampling;
using Simulation.Engine.Scenarios.Summary;

namespace Simulation.Engine.Analysis;

/// <summary>
/// The nonparametric bootstrap (Efron and Tibshirani 1993) as the analyses use it: resample r draws n items with
/// replacement, given as how many times each item is drawn (its count), so a statistic that is a sum over items becomes a
/// dot product with the counts. Draw j of resample r is UnitHash(seed, stream + r, j): the same seed gives the same
/// resamples whatever the thread count or order. Intervals are percentile intervals (2.5% and 97.5% by type 7).
/// </summary>
public static class Bootstrap
{
    /// <summary>The default number of resamples.</summary>
    public const int DefaultResamples = 1000;

    private const ulong Stream = 0x424F4F54UL << 16; // "BOOT"

    /// <summary>The multiplicity of each of <paramref name="counts"/>.Length items in resample <paramref name="resample"/>.</summary>
    public static void Counts(ulong seed, int resample, Span<double> counts)
    {
        counts.Clear();
        int n = counts.Length;
        for (int j = 0; j < n; j++)
            counts[(int)Math.Min(n - 1, UnitHash.Uniform(seed, Stream + (ulong)resample, (ulong)j) * n)] += 1;
    }

    /// <summary>The 95% percentile interval of bootstrap replicates (sorted in place); (NaN, NaN) when there are none.</summary>
    public static (double Low, double High) Interval(double[] replicates)
    {
        var finite = replicates.Where(double.IsFinite).ToArray();
        Array.Sort(finite);
        return (Quantiles.Type7(finite, 0.025), Quantiles.Type7(finite, 0.975));
    }

    /// <summary>Σ x_i y_i in four interleaved partial sums (Vector256, so the same bits on every machine).</summary>
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int n = x.Length;
        var vx = MemoryMarshal.Cast<double, Vector256<double>>(x);
        var vy = MemoryMarshal.Cast<double, Vector256<double>>(y[..n]);
        var sum = Vector256<double>.Zero;
        for (int v = 0; v < vx.Length; v++) sum += vx[v] * vy[v];
        double total = (sum[0] + sum[1]) + (sum[2] + sum[3]);
        for (int i = vx.Length * 4; i < n; i++) total += x[i] * y[i];
        return total;
    }
}
