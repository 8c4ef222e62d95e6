using MathNet.Numerics.LinearAlgebra;

namespace Simulation.Engine.Calibration.Search;

/// <summary>
/// 95% intervals by profile likelihood (Venzon and Moolgavkar 1988; Raue et al. 2009 for dynamic models): the
/// interval of a parameter holds the values at which, with every other parameter re-optimised, the log-likelihood
/// lies within χ²₁(0.95) / 2 = 1.92 of its maximum. Unlike a quadratic (Wald) interval it follows the likelihood's
/// real shape: asymmetric, stopped by a bound, or unbounded when the data cannot pin the parameter down.
/// <para>Each end is found by a secant search on the signed root √(profile - minimum), which is nearly linear in
/// the parameter, starting from the quadratic approximation's end (least-squares fits use the small-sample threshold,
/// <see cref="ThresholdFor"/>); every trial value is a local polish with the
/// parameter held fixed, warm-started where the quadratic approximation puts the others. All ends of all
/// parameters are searched side by side (<see cref="Lockstep"/>).</para>
/// </summary>
public sealed class ProfileLikelihood(Residuals residuals, LevenbergMarquardtSettings polish, double threshold)
{
    /// <summary>χ²₁(0.95) / 2: the drop in log-likelihood at the ends of a 95% interval.</summary>
    public const double ChiSquareThreshold = 1.920729410347062;

    /// <summary>
    /// The drop in log-likelihood at the ends of a 95% interval: χ²₁(0.95) / 2, except for a least-squares fit (one
    /// normal sd, estimated, shared by every series), where the small-sample form that is exact for models linear in
    /// their parameters is used, as R's profile-based confint for nls does: (n / 2) ln(1 + t²(n - p) / (n - p)), with
    /// t the 97.5% point of Student's t with n - p degrees of freedom (2.19 for 20 observations and 2 parameters,
    /// tending to 1.92).
    /// </summary>
    public static double ThresholdFor(Problem.CalibrationProblem problem)
    {
        var series = problem.Likelihood.Series;
        bool oneSd = series.All(s => s.Error == Format.ErrorKind.Sse) || (series.Length == 1 && series[0].Error == Format.ErrorKind.Normal && series[0].KnownSd is null);
        int n = problem.Observations.Length, p = problem.Space.Dimension;
        if (!oneSd || problem.Space.HasPriors || n - p < 1) return ChiSquareThreshold;
        double t = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, n - p, 0.975);
        return n / 2.0 * Math.Log(1 + t * t / (n - p));
    }

    /// <summary>The drop in log-likelihood this profile takes as the ends of the interval.</summary>
    public double Threshold => threshold;

    private const int MaxTrials = 8;

    /// <summary>
    /// How closely each profile point's re-optimisation needs to approach its minimum: 0.001 in -log-likelihood. An
    /// end is accepted when the signed root is within 1% of √threshold, i.e. the objective within about 0.04 of the
    /// threshold, so polishing a point further than this (to the optimum's relative 1e-10) only costs runs.
    /// </summary>
    public const double PointTolerance = 1e-3;

    /// <summary>The end found for one parameter and side, and the profile points computed on the way.</summary>
    public sealed class End(int parameter, int side)
    {
        public int Parameter { get; } = parameter;

        /// <summary>-1 for the lower end, +1 for the upper.</summary>
        public int Side { get; } = side;

        /// <summary>The end in unit coordinates.</summary>
        public double Unit { get; internal set; } = double.NaN;

        /// <summary>True when the likelihood stays within the threshold all the way to the bound.</summary>
        public bool AtBound { get; internal set; }

        /// <summary>(unit coordinate, objective) of each profile point computed.</summary>
        public List<(double Unit, double Objective)> Points { get; } = new();
    }

    /// <summary>Searches every end of every parameter from the optimum <paramref name="best"/>, with <paramref name="curvature"/> = JᵀJ there (or null).</summary>
    public IEnumerable<IEnumerable<EvaluationRequest>> Searches(Evaluation best, Matrix<double>? curvature, List<End> ends)
    {
        Matrix<double>? covariance = null;
        if (curvature is not null)
        {
            try
            {
                covariance = curvature.Inverse();
                if (covariance.Enumerate().Any(x => !double.IsFinite(x))) covariance = null;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                covariance = null;
            }
        }
        for (int i = 0; i < best.Units.Length; i++)
        foreach (int side in new[] { -1, 1 })
        {
            var end = new End(i, side);
            ends.Add(end);
            yield return Search(best, covariance, end);
        }
    }

    private IEnumerable<EvaluationRequest> Search(Evaluation best, Matrix<double>? covariance, End end)
    {
        int i = end.Parameter, side = end.Side, d = best.Units.Length;
        double u0 = best.Units[i], room = side < 0 ? u0 : 1 - u0, f0 = best.Objective, target = Math.Sqrt(Threshold);
        end.Points.Add((u0, f0));
        if (room <= 0)
        {
            end.Unit = u0;
            end.AtBound = true;
            yield break;
        }
        double variance = covariance is not null && covariance[i, i] > 0 ? covariance[i, i] : double.NaN;
        double step = double.IsFinite(variance) ? Math.Sqrt(2 * Threshold * variance) : 0.1;
        step = Math.Clamp(step, 1e-6, room);

        // (distance, signed root) pairs: the root is 0 at the optimum and reaches the target at the end.
        double lowDistance = 0, lowRoot = 0, highDistance = double.NaN, highRoot = double.NaN;
        var warm = best;
        for (int trial = 0; trial < MaxTrials; trial++)
        {
            var start = (double[])best.Units.Clone();
            start[i] = u0 + side * step;
            if (covariance is not null && double.IsFinite(variance))
                for (int j = 0; j < d; j++)
                    if (j != i) start[j] = Math.Clamp(best.Units[j] + covariance[j, i] / variance * (start[i] - u0), 0, 1);
            // start from the better of the quadratic guess and the last profile point moved to the new value
            var moved = (double[])warm.Units.Clone();
            moved[i] = start[i];
            var guesses = new EvaluationRequest([start, moved]);
            yield return guesses;
            var first = guesses.Results.MinBy(e => e.Objective)!;
            var lm = new LevenbergMarquardt(residuals, polish);
            if (first.Feasible)
                foreach (var request in lm.Run(first, fixedParameter: i)) yield return request;
            var point = lm.Best ?? first;
            double f = point.Objective;
            end.Points.Add((start[i], f));
            double root = double.IsFinite(f) ? Math.Sqrt(Math.Max(0, f - f0)) : double.PositiveInfinity;
            if (point.Feasible) warm = point;
            if (Math.Abs(root - target) < 0.01 * target)
            {
                end.Unit = start[i];
                yield break;
            }
            if (root < target)
            {
                (lowDistance, lowRoot) = (step, root);
                if (step >= room)
                {
                    end.Unit = side < 0 ? 0 : 1;
                    end.AtBound = true;
                    yield break;
                }
            }
            else (highDistance, highRoot) = (step, root);
            step = double.IsNaN(highDistance)
                ? Math.Min(room, Math.Max(1.2 * step, root > 0 ? step * target / root : 4 * step)) // extrapolate the near-linear root
                : double.IsFinite(highRoot)
                    ? lowDistance + (highDistance - lowDistance) * (target - lowRoot) / (highRoot - lowRoot) // secant within the bracket
                    : (lowDistance + highDistance) / 2;
            if (!double.IsNaN(highDistance) && highDistance - lowDistance < 1e-6) break;
        }
        // out of trials: the bracket's best estimate
        end.Unit = u0 + side * (double.IsNaN(highDistance) ? lowDistance : step);
    }
}
