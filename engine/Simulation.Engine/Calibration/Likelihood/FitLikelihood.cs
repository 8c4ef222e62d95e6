using System.Collections.Immutable;
using Simulation.Engine.Calibration.Format;

namespace Simulation.Engine.Calibration.Likelihood;

/// <summary>
/// The likelihood of all observations of a fit given the model's values at them (the "predicted" vector, one
/// value per observation, in series order). Each series' log-likelihood is multiplied by its weight and the
/// series are added. Scales that are not known (an sd, a dispersion) are handled three ways:
/// <list type="bullet">
/// <item><see cref="Profiled"/>: replaced by their maximum-likelihood values given the predictions (what the
/// search maximises; sd-hat² = Σ (y - m)² / n in closed form, the dispersion by a golden-section search);</item>
/// <item><see cref="Marginal"/>: for the sampler, sds integrated out under the scale-invariant prior 1/sd, which
/// leaves -n/2 ln Σ (y - m)²; dispersions are sampled as coordinates of the chain;</item>
/// <item><see cref="LogLikelihood"/>: at given scales.</item>
/// </list>
/// The sse series share one sd, so their payoff Σ w (y - m)² becomes the normal likelihood of one estimated sd.
/// </summary>
public sealed class FitLikelihood
{
    private const double LogDispersionLow = -9.21, LogDispersionHigh = 18.42; // dispersion searched over [1e-4, 1e8]

    public FitLikelihood(ImmutableArray<SeriesModel> series, ImmutableArray<double> observed)
    {
        Series = series;
        Observed = observed;
        SampledDispersions = series.Select((s, i) => (s, i)).Where(x => x.s.Error == ErrorKind.NegativeBinomial && x.s.EstimatesScale).Select(x => x.i).ToImmutableArray();
        SseCount = series.Where(s => s.Error == ErrorKind.Sse).Sum(s => s.Count);
    }

    public ImmutableArray<SeriesModel> Series { get; }

    /// <summary>Every observation, in series order.</summary>
    public ImmutableArray<double> Observed { get; }

    public int ObservationCount => Observed.Length;

    /// <summary>The series whose dispersion a sampler must sample (negative binomial, not known), in order.</summary>
    public ImmutableArray<int> SampledDispersions { get; }

    private int SseCount { get; }

    /// <summary>The log-likelihood with every unknown scale at its best value given the predictions (minus infinity when infeasible).</summary>
    public double Profiled(ReadOnlySpan<double> predicted)
    {
        var scales = new double[Series.Length];
        return EstimateScales(predicted, scales) ? LogLikelihood(predicted, scales) : double.NegativeInfinity;
    }

    /// <summary>
    /// The best scale of each series given the predictions (its known one where given; NaN for Poisson). False when
    /// some prediction is impossible (not finite, or outside the error model's support).
    /// </summary>
    public bool EstimateScales(ReadOnlySpan<double> predicted, Span<double> scales)
    {
        double sseSum = 0;
        for (int s = 0; s < Series.Length; s++)
        {
            var series = Series[s];
            var y = Observed.AsSpan(series.First, series.Count);
            var m = predicted.Slice(series.First, series.Count);
            for (int i = 0; i < m.Length; i++)
                if (!double.IsFinite(m[i])) return false;
            switch (series.Error)
            {
                case ErrorKind.Sse:
                    for (int i = 0; i < y.Length; i++) sseSum += series.Weight * (y[i] - m[i]) * (y[i] - m[i]);
                    break;
                case ErrorKind.Normal:
                    scales[s] = series.KnownSd ?? Rms(y, m, log: false);
                    break;
                case ErrorKind.LogNormal:
                    for (int i = 0; i < m.Length; i++)
                        if (!(m[i] > 0)) return false;
                    scales[s] = series.KnownSd ?? Rms(y, m, log: true);
                    break;
                case ErrorKind.Poisson:
                    if (!CountsPossible(y, m)) return false;
                    scales[s] = double.NaN;
                    break;
                default:
                    if (!CountsPossible(y, m)) return false;
                    scales[s] = series.KnownDispersion ?? BestDispersion(y, m);
                    break;
            }
        }
        if (SseCount > 0)
        {
            double sd = Math.Sqrt(Math.Max(sseSum / SseCount, 1e-300));
            for (int s = 0; s < Series.Length; s++)
                if (Series[s].Error == ErrorKind.Sse) scales[s] = sd;
        }
        return true;
    }

    /// <summary>Σ over series of weight x Σ ln p(y | m, scale), at the given scales (for sse, the weight scales the squared errors).</summary>
    public double LogLikelihood(ReadOnlySpan<double> predicted, ReadOnlySpan<double> scales)
    {
        double total = 0;
        for (int s = 0; s < Series.Length; s++)
        {
            var series = Series[s];
            if (series.Error == ErrorKind.Sse)
            {
                // the weight scales the squared errors only: the sse payoff Σ w (y - m)² is the normal likelihood of one sd
                double sd = scales[s];
                for (int i = series.First; i < series.First + series.Count; i++)
                {
                    double z = (Observed[i] - predicted[i]) / sd;
                    total += ObservationLikelihood.LogDensity(ErrorKind.Normal, 0, 0, sd) - series.Weight * z * z / 2;
                }
                continue;
            }
            double sum = 0;
            for (int i = series.First; i < series.First + series.Count; i++)
                sum += ObservationLikelihood.LogDensity(series.Error, Observed[i], predicted[i], scales[s]);
            total += series.Weight * sum;
        }
        return double.IsNaN(total) ? double.NegativeInfinity : total;
    }

    /// <summary>
    /// Deviance residuals times √weight at the given scales, so that ½ Σ r² = -ln L + a constant; false when some
    /// prediction is impossible.
    /// </summary>
    public bool Residuals(ReadOnlySpan<double> predicted, ReadOnlySpan<double> scales, Span<double> residuals)
    {
        for (int s = 0; s < Series.Length; s++)
        {
            var series = Series[s];
            double root = Math.Sqrt(series.Weight);
            for (int i = series.First; i < series.First + series.Count; i++)
            {
                double r = ObservationLikelihood.Residual(series.Error, Observed[i], predicted[i], scales[s]);
                if (!double.IsFinite(r)) return false;
                residuals[i] = root * r;
            }
        }
        return true;
    }

    /// <summary>
    /// The log-likelihood a sampler uses: unknown sds integrated out under the prior 1/sd (normal: -n/2 ln Σ (y - m)²;
    /// lognormal likewise on logs; sse series together), dispersions of <see cref="SampledDispersions"/> given.
    /// </summary>
    public double Marginal(ReadOnlySpan<double> predicted, ReadOnlySpan<double> dispersions)
    {
        double total = 0, sseSum = 0;
        int next = 0;
        for (int s = 0; s < Series.Length; s++)
        {
            var series = Series[s];
            var y = Observed.AsSpan(series.First, series.Count);
            var m = predicted.Slice(series.First, series.Count);
            for (int i = 0; i < m.Length; i++)
                if (!double.IsFinite(m[i])) return double.NegativeInfinity;
            double part;
            switch (series.Error)
            {
                case ErrorKind.Sse:
                    for (int i = 0; i < y.Length; i++) sseSum += series.Weight * (y[i] - m[i]) * (y[i] - m[i]);
                    continue;
                case ErrorKind.Normal or ErrorKind.LogNormal when series.KnownSd is null:
                    bool log = series.Error == ErrorKind.LogNormal;
                    if (log && !Positive(m)) return double.NegativeInfinity;
                    double ss = 0, logs = 0;
                    for (int i = 0; i < y.Length; i++)
                    {
                        double e = log ? Math.Log(y[i]) - Math.Log(m[i]) : y[i] - m[i];
                        ss += e * e;
                        if (log) logs += Math.Log(y[i]);
                    }
                    part = -logs - y.Length / 2.0 * Math.Log(Math.Max(ss, 1e-300));
                    break;
                default:
                    double scale = series.Error switch
                    {
                        ErrorKind.Normal or ErrorKind.LogNormal => series.KnownSd!.Value,
                        ErrorKind.NegativeBinomial => series.KnownDispersion ?? dispersions[next++],
                        _ => double.NaN,
                    };
                    part = 0;
                    for (int i = 0; i < y.Length; i++) part += ObservationLikelihood.LogDensity(series.Error, y[i], m[i], scale);
                    break;
            }
            total += series.Weight * part;
        }
        if (SseCount > 0) total -= SseCount / 2.0 * Math.Log(Math.Max(sseSum, 1e-300));
        return double.IsNaN(total) ? double.NegativeInfinity : total;
    }

    /// <summary>The range a sampler gives ln(dispersion): [ln 1e-4, ln 1e8], with a flat prior on it.</summary>
    public static (double Low, double High) LogDispersionRange => (LogDispersionLow, LogDispersionHigh);

    private static double Rms(ReadOnlySpan<double> y, ReadOnlySpan<double> m, bool log)
    {
        double ss = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double e = log ? Math.Log(y[i]) - Math.Log(m[i]) : y[i] - m[i];
            ss += e * e;
        }
        return Math.Sqrt(Math.Max(ss / y.Length, 1e-300));
    }

    private static bool Positive(ReadOnlySpan<double> m)
    {
        foreach (double x in m)
            if (!(x > 0)) return false;
        return true;
    }

    private static bool CountsPossible(ReadOnlySpan<double> y, ReadOnlySpan<double> m)
    {
        for (int i = 0; i < y.Length; i++)
            if (!(m[i] > 0 || (m[i] == 0 && y[i] == 0))) return false;
        return true;
    }

    /// <summary>The dispersion k maximising the negative binomial likelihood of the series: golden-section search on ln k.</summary>
    private static double BestDispersion(ReadOnlySpan<double> y, ReadOnlySpan<double> m)
    {
        double LogLik(ReadOnlySpan<double> yy, ReadOnlySpan<double> mm, double logK)
        {
            double k = Math.Exp(logK), sum = 0;
            for (int i = 0; i < yy.Length; i++) sum += ObservationLikelihood.LogDensity(ErrorKind.NegativeBinomial, yy[i], mm[i], k);
            return sum;
        }
        double ratio = (Math.Sqrt(5) - 1) / 2, a = LogDispersionLow, b = LogDispersionHigh;
        double c = b - ratio * (b - a), d = a + ratio * (b - a);
        double fc = LogLik(y, m, c), fd = LogLik(y, m, d);
        for (int iteration = 0; iteration < 80 && b - a > 1e-9; iteration++)
        {
            if (fc >= fd)
            {
                (b, d, fd) = (d, c, fc);
                c = b - ratio * (b - a);
                fc = LogLik(y, m, c);
            }
            else
            {
                (a, c, fc) = (c, d, fd);
                d = a + ratio * (b - a);
                fd = LogLik(y, m, d);
            }
        }
        return Math.Exp((a + b) / 2);
    }
}
