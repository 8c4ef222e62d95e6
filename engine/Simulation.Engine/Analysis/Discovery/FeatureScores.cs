namespace Simulation.Engine.Analysis.Discovery;

/// <summary>How much one input tells the runs of interest from the rest, two ways.</summary>
/// <param name="Importance">Share of the impurity decrease of an ensemble of extremely randomised trees (sums to 1 over the inputs; sees interactions).</param>
/// <param name="KolmogorovSmirnov">The largest gap between the input's distribution among runs of interest and among the rest (0 to 1; one input at a time).</param>
/// <param name="PValue">The two-sample Kolmogorov-Smirnov test's asymptotic p-value for that gap.</param>
public readonly record struct FeatureScore(int Input, double Importance, double KolmogorovSmirnov, double PValue);

/// <summary>
/// Feature scoring for scenario discovery, as EMA Workbench's feature_scoring does with extra trees (Geurts et al. 2006;
/// Jaxa-Rozen and Kwakkel 2018), beside regional sensitivity analysis (Spear and Hornberger 1980; Monte Carlo filtering):
/// the Kolmogorov-Smirnov distance between each input's distribution in the runs of interest and in the others. Trees
/// are grown on subsamples of at most <see cref="SubsampleSize"/> runs, so the cost does not grow with the sweep.
/// </summary>
public static class FeatureScores
{
    public const int Trees = 100, SubsampleSize = 5000, MaxDepth = 10, MinLeaf = 5;

    public static FeatureScore[] Compute(double[][] x, bool[] y, ulong seed)
    {
        int k = x.Length, n = y.Length;
        var perTree = new double[Trees][];
        int tries = Math.Max(1, (int)Math.Round(Math.Sqrt(k)));
        Parallel.For(0, Trees, t =>
        {
            var importance = new double[k];
            ClassificationTree.GrowRandomised(x, y, Subsample(n, seed, t), MaxDepth, MinLeaf, tries, seed, t, importance);
            perTree[t] = importance;
        });
        var total = new double[k];
        foreach (var importance in perTree)
            for (int i = 0; i < k; i++) total[i] += importance[i];
        double sum = total.Sum();
        return Enumerable.Range(0, k).Select(i =>
        {
            var (d, p) = KolmogorovSmirnov(x[i], y);
            return new FeatureScore(i, sum > 0 ? total[i] / sum : 0, d, p);
        }).ToArray();
    }

    /// <summary>A subsample of the runs without replacement (all of them when there are few), from (seed, tree).</summary>
    private static int[] Subsample(int n, ulong seed, int tree)
    {
        var rows = Enumerable.Range(0, n).ToArray();
        int m = Math.Min(n, SubsampleSize);
        for (int i = 0; i < m; i++)
        {
            int j = i + (int)Math.Min(n - i - 1, Scenarios.Sampling.UnitHash.Uniform(seed, 0x53554253UL + (ulong)tree, (ulong)i) * (n - i)); // "SUBS"
            (rows[i], rows[j]) = (rows[j], rows[i]);
        }
        return rows[..m];
    }

    /// <summary>
    /// The two-sample statistic D = max |F_interest(v) - F_rest(v)| and its asymptotic p-value Q(λ) = 2 Σ (-1)^(j-1) e^(-2 j² λ²),
    /// λ = (√m + 0.12 + 0.11 / √m) D with m = n1 n2 / (n1 + n2) (Stephens 1970; Numerical Recipes 14.3). (0, 1) when either group is empty.
    /// </summary>
    public static (double D, double PValue) KolmogorovSmirnov(double[] x, bool[] y)
    {
        int n1 = y.Count(v => v), n2 = y.Length - n1;
        if (n1 == 0 || n2 == 0) return (0, 1);
        var order = Enumerable.Range(0, x.Length).OrderBy(r => x[r]).ToArray();
        double d = 0;
        int seen1 = 0, seen2 = 0;
        for (int p = 0; p < order.Length; p++)
        {
            if (y[order[p]]) seen1++;
            else seen2++;
            if (p + 1 < order.Length && x[order[p + 1]] == x[order[p]]) continue; // ties move both curves at once
            d = Math.Max(d, Math.Abs((double)seen1 / n1 - (double)seen2 / n2));
        }
        double m = (double)n1 * n2 / (n1 + n2), root = Math.Sqrt(m);
        double lambda = (root + 0.12 + 0.11 / root) * d;
        return (d, Kolmogorov(lambda));
    }

    private static double Kolmogorov(double lambda)
    {
        if (lambda < 0.2) return 1;
        double sum = 0, sign = 1;
        for (int j = 1; j <= 100; j++)
        {
            double term = sign * Math.Exp(-2 * j * j * lambda * lambda);
            sum += term;
            if (Math.Abs(term) < 1e-16 * Math.Abs(sum)) break;
            sign = -sign;
        }
        return Math.Clamp(2 * sum, 0, 1);
    }
}
