using Simulation.Engine.Calibration.Problem;

namespace Simulation.Engine.Calibration.Search;

/// <summary>
/// The objective as a sum of squares, for least-squares steps: ½ Σ r² = -(log-likelihood + log prior) + a constant,
/// with the error models' scales held at given values. The likelihood gives one deviance residual per observation;
/// each non-flat prior adds sign(x - mode) √(2 (ln p(mode) - ln p(x))), its mode found once on a grid over the bounds.
/// </summary>
public sealed class Residuals
{
    private readonly CalibrationProblem _problem;
    private readonly (int Parameter, double Mode, double Peak)[] _priors;

    public Residuals(CalibrationProblem problem)
    {
        _problem = problem;
        _priors = problem.Space.Parameters.Select((p, i) => (p, i)).Where(x => !x.p.Prior.IsFlat)
            .Select(x => Peak(x.i, x.p)).ToArray();
    }

    public int Count => _problem.Observations.Length + _priors.Length;

    /// <summary>The residuals of an evaluated candidate at the given scales; null when it is infeasible.</summary>
    public double[]? Of(Evaluation e, ReadOnlySpan<double> scales)
    {
        if (e.Predicted is null) return null;
        var r = new double[Count];
        if (!_problem.Likelihood.Residuals(e.Predicted, scales, r)) return null;
        int next = _problem.Observations.Length;
        foreach (var (i, mode, peak) in _priors)
        {
            double drop = peak - _problem.Space.Parameters[i].Prior.LogDensity(e.Values[i]);
            if (!double.IsFinite(drop)) return null;
            r[next++] = Math.Sign(e.Values[i] - mode) * Math.Sqrt(2 * Math.Max(0, drop));
        }
        return r;
    }

    /// <summary>The scales (sds, dispersions) that fit an evaluated candidate best.</summary>
    public double[]? ScalesOf(Evaluation e)
    {
        if (e.Predicted is null) return null;
        var scales = new double[_problem.Likelihood.Series.Length];
        return _problem.Likelihood.EstimateScales(e.Predicted, scales) ? scales : null;
    }

    private static (int, double, double) Peak(int index, EstimatedParameter p)
    {
        const int Points = 2000;
        double bestU = 0, best = double.NegativeInfinity;
        for (int k = 0; k <= Points; k++)
        {
            double u = (double)k / Points, v = p.Prior.LogDensity(p.ToValue(u));
            if (v > best) (best, bestU) = (v, u);
        }
        // refine between the grid neighbours by golden section
        double a = Math.Max(0, bestU - 1.0 / Points), b = Math.Min(1, bestU + 1.0 / Points), ratio = (Math.Sqrt(5) - 1) / 2;
        for (int iteration = 0; iteration < 60; iteration++)
        {
            double c = b - ratio * (b - a), d = a + ratio * (b - a);
            if (p.Prior.LogDensity(p.ToValue(c)) >= p.Prior.LogDensity(p.ToValue(d))) b = d;
            else a = c;
        }
        double mode = p.ToValue((a + b) / 2);
        return (index, mode, Math.Max(best, p.Prior.LogDensity(mode)));
    }
}
