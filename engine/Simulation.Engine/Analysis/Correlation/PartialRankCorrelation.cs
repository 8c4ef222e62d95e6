using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Statistics;
using Simulation.Engine.Scenarios.Output;

namespace Simulation.Engine.Analysis.Correlation;

/// <summary>One input's partial rank correlation with a response, its 95% interval and its p-value.</summary>
public readonly record struct PartialCorrelation(double Value, double Low, double High, double PValue);

/// <summary>
/// Partial rank correlation coefficients (PRCC; Marino et al. 2008, after Iman and Conover 1980) from any sweep: the
/// inputs and the response are replaced by their ranks (ties share the average rank), and PRCC_i is the correlation of
/// input i with the response once the linear effects of the other inputs' ranks are taken out of both. From the inverse
/// P of the ranks' correlation matrix: PRCC_i = -P_iy / sqrt(P_ii P_yy). It measures monotonic (not just linear)
/// association, needs no design and no new runs, but misses effects that are not monotonic and says nothing about
/// interactions. With n runs and m inputs that vary, the p-value is Student's t with n - m - 1 degrees of freedom,
/// t = r sqrt((n - m - 1) / (1 - r^2)), and the interval is Fisher's: tanh(atanh r ± 1.96 / sqrt(n - m - 2)).
/// </summary>
public static class PartialRankCorrelation
{
    public const string Method = "partial rank correlation";

    public static SensitivityReport Analyse(SweepResults results)
    {
        if (results.Inputs.IsEmpty)
            throw new AnalysisException($"the sweep in '{results.Folder}' sampled no inputs, so there is nothing to correlate",
                "sweep an experiment with an \"uncertainty\" block (docs/experiment-format.md)");
        var inputs = Responses.InputsPerSample(results);
        var kept = Responses.KeptSamples(results);
        int needed = inputs.Length + 3, usable = kept.Count(k => k);
        if (usable < needed)
            throw new AnalysisException($"partial rank correlation of {inputs.Length} input{(inputs.Length == 1 ? "" : "s")} needs at least {needed} samples; the sweep has {usable}"
                + (usable < results.Samples ? $" that history matching kept (of {results.Samples})" : ""),
                "sweep more samples (ten per input or more gives usable intervals)");
        var shared = new RankedInputs(inputs, Enumerable.Range(0, results.Samples).Where(s => kept[s]).ToArray());
        string[] columns = ["PRCC", "PRCC_low", "PRCC_high", "p_value"];
        return new SensitivityReport(
            new SensitivityTable("correlation", columns, "PRCC", "runs", Rows(results, inputs, kept, shared, series: false)),
            results.Series.IsEmpty ? null : new SensitivityTable("correlation", columns, "PRCC", "runs", Rows(results, inputs, kept, shared, series: true), Series: true));
    }

    /// <param name="kept">Samples history matching kept; the others are left out of every coefficient.</param>
    private static List<SensitivityRow> Rows(SweepResults results, double[][] inputs, bool[] kept, RankedInputs shared, bool series)
    {
        var responses = Responses.Of(results, series).ToList();
        var rows = new List<SensitivityRow>[responses.Count];
        Parallel.For(0, responses.Count, c =>
        {
            var response = responses[c];
            var valid = Enumerable.Range(0, response.PerSample.Length).Where(s => kept[s] && double.IsFinite(response.PerSample[s])).ToArray();
            int candidates = kept.Count(k => k);
            var ranked = valid.Length == candidates ? shared : valid.Length >= 3 ? new RankedInputs(inputs, valid) : null;
            var (coefficients, note) = ranked is null
                ? (Enumerable.Repeat(Unknown, inputs.Length).ToArray(), valid.Length == 0 ? "no sample has a finite value" : $"only {valid.Length} samples have finite values")
                : Compute(ranked, valid.Select(s => response.PerSample[s]).ToArray());
            if (note is null && valid.Length < candidates)
                note = $"{candidates - valid.Length} of {candidates} samples left out: no finite value";
            rows[c] = results.Inputs.Select((input, i) => new SensitivityRow(response.Scenario, response.Measure, response.Outcome, response.Element, response.Time, input,
                [coefficients[i].Value, coefficients[i].Low, coefficients[i].High, coefficients[i].PValue], valid.Length,
                note ?? (ranked!.Varies[i] ? null : "the input did not vary"))).ToList();
        });
        return rows.SelectMany(r => r).ToList();
    }

    private static readonly PartialCorrelation Unknown = new(double.NaN, double.NaN, double.NaN, double.NaN);

    /// <summary>PRCC of every input with <paramref name="y"/> (the response at the ranked rows), and a note when it cannot be computed.</summary>
    public static (PartialCorrelation[] Coefficients, string? Note) Compute(RankedInputs ranked, double[] y)
    {
        int k = ranked.Inputs, n = y.Length;
        var none = new PartialCorrelation(0, 0, 0, 1);
        var result = Enumerable.Repeat(none, k).ToArray();
        var varying = Enumerable.Range(0, k).Where(i => ranked.Varies[i]).ToArray();
        int m = varying.Length, freedom = n - m - 1;
        if (freedom < 2)
            return (Enumerable.Repeat(Unknown, k).ToArray(),
                $"{n} samples with finite values are too few for {m} inputs (at least {m + 3} are needed)");
        var ry = Standardised(Statistics.Ranks(y, RankDefinition.Average));
        if (ry is null) return (result, "the outcome does not vary: every coefficient is 0");
        var c = Matrix<double>.Build.Dense(m + 1, m + 1);
        for (int a = 0; a < m; a++)
        {
            for (int b = 0; b < m; b++) c[a, b] = ranked.Correlation[varying[a], varying[b]];
            c[a, m] = c[m, a] = Bootstrap.Dot(ranked.Standardised[varying[a]]!, ry);
        }
        c[m, m] = 1;
        var p = c.Rank() == m + 1 ? c.Inverse() : null;
        double half = 1.959963984540054 / Math.Sqrt(Math.Max(1, freedom - 1));
        for (int a = 0; a < m; a++)
        {
            double r = p is null ? GivenTheOthers(c, a, m) : Ratio(-p[a, m], Math.Sqrt(p[a, a] * p[m, m]));
            double pValue = Math.Abs(r) >= 1 ? 0 : 2 * StudentT.CDF(0, 1, freedom, -Math.Abs(r) * Math.Sqrt(freedom / (1 - r * r)));
            double z = Math.Atanh(Math.Clamp(r, -1 + 1e-15, 1 - 1e-15));
            result[varying[a]] = Math.Abs(r) >= 1 ? new PartialCorrelation(r, r, r, 0) : new PartialCorrelation(r, Math.Tanh(z - half), Math.Tanh(z + half), pValue);
        }
        return (result, null);
    }

    /// <summary>
    /// The partial correlation of variable <paramref name="a"/> and the response (index m) given the other inputs, from the
    /// correlation matrix c through the others' block R alone: (c_ay - c_aR R^-1 c_Ry) / sqrt((1 - c_aR R^-1 c_Ra)(1 - c_yR R^-1 c_Ry)).
    /// For a singular c, as when the response's ranks are an exact function of the inputs' (its whole inverse does not exist).
    /// </summary>
    private static double GivenTheOthers(Matrix<double> c, int a, int m)
    {
        var rest = Enumerable.Range(0, m).Where(i => i != a).ToArray();
        if (rest.Length == 0) return Math.Clamp(c[a, m], -1, 1);
        var block = Matrix<double>.Build.Dense(rest.Length, rest.Length, (i, j) => c[rest[i], rest[j]]);
        var inverse = block.Rank() == rest.Length ? block.Inverse() : block.PseudoInverse();
        var ca = Vector<double>.Build.Dense(rest.Length, i => c[a, rest[i]]);
        var cy = Vector<double>.Build.Dense(rest.Length, i => c[m, rest[i]]);
        return Ratio(c[a, m] - ca * (inverse * cy), Math.Sqrt(Math.Max(0, 1 - ca * (inverse * ca)) * Math.Max(0, 1 - cy * (inverse * cy))));
    }

    /// <summary>A correlation from its numerator and denominator: 0 when the denominator vanishes (nothing left to correlate), clamped to [-1, 1].</summary>
    private static double Ratio(double numerator, double denominator) => denominator > 1e-12 ? Math.Clamp(numerator / denominator, -1, 1) : 0;

    /// <summary>Ranks centred and scaled to unit length (so a dot product is a correlation), or null for a constant.</summary>
    private static double[]? Standardised(double[] ranks)
    {
        double mean = ranks.Average();
        var z = ranks.Select(r => r - mean).ToArray();
        double norm = Math.Sqrt(Bootstrap.Dot(z, z));
        if (!(norm > 1e-12 * ranks.Length)) return null;
        for (int i = 0; i < z.Length; i++) z[i] /= norm;
        return z;
    }

    /// <summary>The inputs' standardised ranks over some samples, and their correlation matrix: shared by every response with those samples.</summary>
    public sealed class RankedInputs
    {
        public RankedInputs(double[][] inputs, int[] rows)
        {
            Inputs = inputs.Length;
            Standardised = inputs.Select(x => PartialRankCorrelation.Standardised(Statistics.Ranks(rows.Select(r => x[r]), RankDefinition.Average))).ToArray();
            Varies = Standardised.Select(z => z is not null).ToArray();
            Correlation = new double[Inputs, Inputs];
            for (int a = 0; a < Inputs; a++)
            for (int b = a; b < Inputs; b++)
                if (Varies[a] && Varies[b]) Correlation[a, b] = Correlation[b, a] = a == b ? 1 : Bootstrap.Dot(Standardised[a]!, Standardised[b]!);
        }

        public int Inputs { get; }
        public double[]?[] Standardised { get; }
        public bool[] Varies { get; }
        public double[,] Correlation { get; }
    }
}
