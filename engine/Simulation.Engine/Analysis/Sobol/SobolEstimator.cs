namespace Simulation.Engine.Analysis.Sobol;

/// <summary>An index with its 95% bootstrap interval. Unknown values (no data) are NaN and come with a note.</summary>
public readonly record struct Estimate(double Value, double Low, double High)
{
    public static Estimate Zero { get; } = new(0, 0, 0);

    public static Estimate Unknown { get; } = new(double.NaN, double.NaN, double.NaN);
}

/// <summary>The Sobol' indices of one outcome: per input, first-order and total; per pair, second-order (on request).</summary>
/// <param name="Samples">Base samples whose rows all had finite values (the others are left out).</param>
/// <param name="Note">Why indices are zero or unknown (a constant outcome, too few finite values), or null.</param>
public sealed record SobolIndices(int Samples, double Variance, Estimate[] S1, Estimate[] ST, Estimate[,]? S2, string? Note);

/// <summary>
/// Sobol' indices from the outputs of Saltelli's design (<see cref="SaltelliDesign"/>), with V = Var[f(A), f(B)] (the
/// outputs of A and B pooled, population variance):
/// <code>
/// S1_i  = mean( f(B) (f(A_B^i) - f(A)) ) / V                       Saltelli et al. (2010), table 2 (b)
/// ST_i  = mean( (f(A) - f(A_B^i))^2 ) / (2V)                        Jansen (1999); Saltelli et al. (2010), table 2 (f)
/// S2_ij = mean( f(B_A^i) f(A_B^j) - f(A) f(B) ) / V - S1_i - S1_j   Saltelli (2002), as SALib computes it
/// </code>
/// The outputs are centred on their mean first (the estimators of S1 and S2 are not invariant to a shift; SALib does the
/// same). A base sample is used only when all its rows are finite. Intervals are percentile intervals over
/// <see cref="Bootstrap"/> resamples of the base samples. An outcome that does not vary has every index 0.
/// </summary>
public static class SobolEstimator
{
    public static SobolIndices Estimate(SaltelliLayout layout, ReadOnlySpan<double> y, int resamples, ulong seed)
    {
        int n = layout.BaseSamples, k = layout.Inputs;
        var terms = Terms.Build(layout, y);
        int valid = (int)terms.Count;
        var zeros = Enumerable.Repeat(Analysis.Sobol.Estimate.Zero, k).ToArray();
        if (valid < 2)
            return Unknown(layout, valid, valid == 0
                ? "no base sample has finite values in all its runs"
                : "only one base sample has finite values in all its runs: a variance needs two");
        var point = terms.Indices(terms.Valid);
        if (point.Variance <= terms.NegligibleVariance)
            return new SobolIndices(valid, 0, zeros, zeros.ToArray(), layout.SecondOrder ? Filled(k, Analysis.Sobol.Estimate.Zero) : null,
                "the outcome does not vary: every index is 0");

        var s1 = new double[k][];
        var st = new double[k][];
        var s2 = layout.SecondOrder ? new double[k * k][] : null;
        for (int i = 0; i < k; i++) (s1[i], st[i]) = (new double[resamples], new double[resamples]);
        if (s2 is not null)
            for (int p = 0; p < s2.Length; p++) s2[p] = p / k < p % k ? new double[resamples] : [];
        Parallel.For(0, resamples, () => new double[n], (r, _, counts) =>
        {
            Bootstrap.Counts(seed, r, counts);
            var replicate = terms.Indices(counts);
            for (int i = 0; i < k; i++) (s1[i][r], st[i][r]) = (replicate.S1[i], replicate.ST[i]);
            if (s2 is not null)
                for (int p = 0; p < s2.Length; p++)
                    if (p / k < p % k) s2[p][r] = replicate.S2![p];
            return counts;
        }, _ => { });

        Estimate With(double value, double[] replicates)
        {
            var (low, high) = Bootstrap.Interval(replicates);
            return new Estimate(value, low, high);
        }
        Estimate[,]? second = null;
        if (s2 is not null)
        {
            second = Filled(k, Analysis.Sobol.Estimate.Unknown);
            for (int i = 0; i < k; i++)
            for (int j = i + 1; j < k; j++)
                second[i, j] = second[j, i] = With(point.S2![i * k + j], s2[i * k + j]);
        }
        string? note = valid < n ? $"{n - valid} of {n} base samples left out: a run among their rows gave no finite value" : null;
        return new SobolIndices(valid, point.Variance,
            Enumerable.Range(0, k).Select(i => With(point.S1[i], s1[i])).ToArray(),
            Enumerable.Range(0, k).Select(i => With(point.ST[i], st[i])).ToArray(), second, note);
    }

    private static SobolIndices Unknown(SaltelliLayout layout, int valid, string note)
    {
        var unknown = Enumerable.Repeat(Analysis.Sobol.Estimate.Unknown, layout.Inputs).ToArray();
        return new SobolIndices(valid, double.NaN, unknown, unknown.ToArray(), layout.SecondOrder ? Filled(layout.Inputs, Analysis.Sobol.Estimate.Unknown) : null, note);
    }

    private static Estimate[,] Filled(int k, Estimate value)
    {
        var result = new Estimate[k, k];
        for (int i = 0; i < k; i++)
        for (int j = 0; j < k; j++) result[i, j] = value;
        return result;
    }

    /// <summary>Point estimates of one (re)sample; S2 row-major over input pairs (i &lt; j filled).</summary>
    private sealed record Replicate(double Variance, double[] S1, double[] ST, double[]? S2);

    /// <summary>
    /// The per-base-sample terms every estimator sums, as vectors over the N base samples (zero where a base sample is
    /// left out), so that the estimate of a resample with counts c is a handful of dot products with c.
    /// </summary>
    private sealed class Terms
    {
        public required double[] Valid { get; init; }
        public required double[] A { get; init; }
        public required double[] A2 { get; init; }
        public required double[] B { get; init; }
        public required double[] B2 { get; init; }
        public required double[][] First { get; init; }   // f(B) (f(A_B^i) - f(A))
        public required double[][] Total { get; init; }   // (f(A) - f(A_B^i))^2
        public double[][]? Second { get; init; }           // f(B_A^i) f(A_B^j) - f(A) f(B), row-major i < j
        public required int Inputs { get; init; }
        public required double Count { get; init; }
        public required double NegligibleVariance { get; init; }

        public static Terms Build(SaltelliLayout layout, ReadOnlySpan<double> y)
        {
            int n = layout.BaseSamples, k = layout.Inputs, perSample = layout.RowsPerSample;
            var valid = new double[n];
            double sum = 0, scale = 0;
            int count = 0;
            for (int s = 0; s < n; s++)
            {
                var rows = y.Slice(s * perSample, perSample);
                bool ok = true;
                foreach (var v in rows) ok &= double.IsFinite(v);
                if (!ok) continue;
                valid[s] = 1;
                count++;
                foreach (var v in rows)
                {
                    sum += v;
                    scale = Math.Max(scale, Math.Abs(v));
                }
            }
            double centre = count == 0 ? 0 : sum / (count * perSample);
            var terms = new Terms
            {
                Valid = valid, A = new double[n], A2 = new double[n], B = new double[n], B2 = new double[n],
                First = Jagged(k, n), Total = Jagged(k, n), Second = layout.SecondOrder ? Pairs(k, n) : null,
                Inputs = k, Count = count, NegligibleVariance = 1e-24 * scale * scale,
            };
            for (int s = 0; s < n; s++)
            {
                if (valid[s] == 0) continue;
                double a = y[layout.RowA(s)] - centre, b = y[layout.RowB(s)] - centre;
                (terms.A[s], terms.A2[s], terms.B[s], terms.B2[s]) = (a, a * a, b, b * b);
                for (int i = 0; i < k; i++)
                {
                    double ab = y[layout.RowAB(s, i)] - centre;
                    terms.First[i][s] = b * (ab - a);
                    terms.Total[i][s] = (a - ab) * (a - ab);
                    if (terms.Second is null) continue;
                    double ba = y[layout.RowBA(s, i)] - centre;
                    for (int j = i + 1; j < k; j++) terms.Second[i * k + j][s] = ba * (y[layout.RowAB(s, j)] - centre) - a * b;
                }
            }
            return terms;
        }

        /// <summary>The indices of the resample with these counts (the valid vector itself for the point estimate).</summary>
        public Replicate Indices(ReadOnlySpan<double> counts)
        {
            int k = Inputs;
            double n = Bootstrap.Dot(counts, Valid);
            var s1 = new double[k];
            var st = new double[k];
            var s2 = Second is null ? null : new double[k * k];
            if (n == 0) return new Replicate(0, s1, st, s2);
            double meanA = Bootstrap.Dot(counts, A) / n, meanB = Bootstrap.Dot(counts, B) / n;
            double mean = (meanA + meanB) / 2;
            double variance = (Bootstrap.Dot(counts, A2) / n + Bootstrap.Dot(counts, B2) / n) / 2 - mean * mean;
            if (!(variance > NegligibleVariance)) return new Replicate(Math.Max(0, variance), s1, st, s2); // a resample with no variation: all 0
            for (int i = 0; i < k; i++)
            {
                s1[i] = Bootstrap.Dot(counts, First[i]) / n / variance;
                st[i] = Bootstrap.Dot(counts, Total[i]) / n / (2 * variance);
            }
            if (s2 is not null)
                for (int i = 0; i < k; i++)
                for (int j = i + 1; j < k; j++)
                    s2[i * k + j] = Bootstrap.Dot(counts, Second![i * k + j]) / n / variance - s1[i] - s1[j];
            return new Replicate(variance, s1, st, s2);
        }

        private static double[][] Jagged(int rows, int n) => Enumerable.Range(0, rows).Select(_ => new double[n]).ToArray();

        /// <summary>A vector for each pair i &lt; j at [i * k + j]; the other entries are empty.</summary>
        private static double[][] Pairs(int k, int n) => Enumerable.Range(0, k * k).Select(p => p / k < p % k ? new double[n] : []).ToArray();
    }
}
