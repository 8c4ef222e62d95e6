using Simulation.Engine.Scenarios.Summary;

namespace Simulation.Reporting.Report;

/// <summary>The arithmetic behind the charts (the summary's own statistics come from the engine, not from here).</summary>
public static class ChartMath
{
    /// <summary>Spearman's rank correlation over the pairs where both are finite (ties get their mean rank); NaN with fewer than 3 pairs or no spread.</summary>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (int i = 0; i < Math.Min(x.Count, y.Count); i++)
            if (double.IsFinite(x[i]) && double.IsFinite(y[i]))
            {
                xs.Add(x[i]);
                ys.Add(y[i]);
            }
        if (xs.Count < 3) return double.NaN;
        return Pearson(Ranks(xs), Ranks(ys));
    }

    public static double[] Ranks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (int i = 0; i < order.Length;)
        {
            int j = i;
            while (j + 1 < order.Length && values[order[j + 1]] == values[order[i]]) j++;
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) ranks[order[k]] = rank;
            i = j + 1;
        }
        return ranks;
    }

    private static double Pearson(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa == 0 || sbb == 0 ? double.NaN : sab / Math.Sqrt(saa * sbb);
    }

    /// <summary>P5, P25, P50, P75, P95 (type 7, as the summary) of the finite values; NaNs when there are none.</summary>
    public static double[] Fan(IEnumerable<double> values)
    {
        var d = Quantiles.Describe(values);
        return [d.P5, d.P25, d.P50, d.P75, d.P95];
    }

    /// <summary>Thresholds for the acceptability curve: 0 to the top, in even steps, with the summary's thresholds included exactly.</summary>
    public static double[] AcceptabilityGrid(IReadOnlyList<double> thresholds, int steps = 40)
    {
        double top = Math.Max(50000, 2 * thresholds.DefaultIfEmpty(0).Max());
        return Enumerable.Range(0, steps + 1).Select(k => top * k / steps).Concat(thresholds).Distinct().Order().ToArray();
    }

    /// <summary>Every k-th index so that at most <paramref name="most"/> remain (all when there are fewer).</summary>
    public static IEnumerable<int> Thinned(int count, int most)
    {
        int stride = Math.Max(1, (count + most - 1) / most);
        for (int i = 0; i < count; i += stride) yield return i;
    }
}
