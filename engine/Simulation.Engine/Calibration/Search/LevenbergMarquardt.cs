using MathNet.Numerics.LinearAlgebra;

namespace Simulation.Engine.Calibration.Search;

/// <summary>
/// Local polish by Levenberg-Marquardt on the deviance residuals (<see cref="Residuals"/>), in unit coordinates,
/// within the bounds. Each iteration costs two batches: the Jacobian by forward differences (one lane per free
/// parameter), then trial steps for four damping values at once (λ/4, λ, 4λ, 16λ), of which the best that lowers
/// the objective is taken. Unknown scales are re-estimated at each accepted point, which makes the fixed point
/// the maximum of the profiled likelihood. A parameter can be held fixed (for profile likelihood).
/// Marquardt (1963); the damping is scaled by the diagonal of JᵀJ. Steps that would leave the bounds are
/// taken without the parameters pressed against them.
/// </summary>
public sealed class LevenbergMarquardt(Residuals residuals, LevenbergMarquardtSettings settings)
{
    private static readonly double[] Dampings = [0.25, 1, 4, 16];

    public Evaluation? Best { get; private set; }

    public int Iterations { get; private set; }

    /// <summary>JᵀJ at the last Jacobian, over the free parameters in order: the objective's curvature in unit coordinates.</summary>
    public Matrix<double>? Curvature { get; private set; }

    /// <summary>The free parameters (all but the fixed one), in order.</summary>
    public int[] Free { get; private set; } = [];

    /// <param name="start">A feasible evaluated candidate.</param>
    /// <param name="fixedParameter">A parameter held at its start value, or -1.</param>
    public IEnumerable<EvaluationRequest> Run(Evaluation start, int fixedParameter = -1)
    {
        Best = start;
        int d = start.Units.Length;
        Free = Enumerable.Range(0, d).Where(j => j != fixedParameter).ToArray();
        if (!start.Feasible || Free.Length == 0) yield break;
        double lambda = 1e-3;
        int stalled = 0;
        for (Iterations = 0; Iterations < settings.MaxIterations; Iterations++)
        {
            var current = Best;
            var scales = residuals.ScalesOf(current);
            var r0 = scales is null ? null : residuals.Of(current, scales);
            if (r0 is null) yield break;

            var columns = Free.Select(j => Step(current.Units, j)).ToList();
            var jacobianRequest = new EvaluationRequest(columns.Select(c => c.Point).ToList());
            yield return jacobianRequest;
            var jacobian = Matrix<double>.Build.Dense(r0.Length, Free.Length);
            for (int k = 0; k < Free.Length; k++)
            {
                var rk = residuals.Of(jacobianRequest.Results[k], scales!);
                if (rk is null) continue; // an infeasible neighbour: treat the direction as flat
                for (int i = 0; i < r0.Length; i++) jacobian[i, k] = (rk[i] - r0[i]) / columns[k].H;
            }
            var jt = jacobian.Transpose();
            var a = jt * jacobian;
            var g = jt * Vector<double>.Build.DenseOfArray(r0);
            Curvature = a;

            while (true)
            {
                var trials = Dampings.Select(m => Trial(current.Units, a, g, lambda * m)).ToList();
                var trialRequest = new EvaluationRequest(trials);
                yield return trialRequest;
                int bestTrial = -1;
                for (int t = 0; t < trials.Count; t++)
                    if (trialRequest.Results[t].Objective < (bestTrial < 0 ? current.Objective : trialRequest.Results[bestTrial].Objective)) bestTrial = t;
                if (bestTrial >= 0)
                {
                    double gain = current.Objective - trialRequest.Results[bestTrial].Objective;
                    Best = trialRequest.Results[bestTrial];
                    lambda *= Dampings[bestTrial] / (bestTrial == 0 ? 4 : 1);
                    lambda = Math.Max(lambda, 1e-12);
                    stalled = gain < Math.Max(settings.Tolerance * (1 + Math.Abs(Best.Objective)), settings.AbsoluteTolerance) ? stalled + 1 : 0;
                    break;
                }
                lambda *= 64;
                if (lambda > 1e10) yield break; // no step lowers the objective: a minimum (within the bounds)
            }
            if (stalled >= 2) yield break;
        }
    }

    /// <summary>A forward-difference neighbour in coordinate j (backward at the upper bound).</summary>
    private (double[] Point, double H) Step(double[] units, int j)
    {
        double h = units[j] + settings.DifferenceStep <= 1 ? settings.DifferenceStep : -settings.DifferenceStep;
        var point = (double[])units.Clone();
        point[j] += h;
        return (point, h);
    }

    /// <summary>units + δ, with (JᵀJ + λ diag(JᵀJ)) δ = -Jᵀr; parameters at a bound that δ pushes out of stay put.</summary>
    private double[] Trial(double[] units, Matrix<double> a, Vector<double> g, double lambda)
    {
        var active = Enumerable.Range(0, Free.Length).ToList();
        Vector<double>? delta = null;
        for (int pass = 0; pass < 2 && active.Count > 0; pass++)
        {
            delta = Solve(a, g, lambda, active);
            var pressed = active.Where(k => (units[Free[k]] <= 0 && delta[active.IndexOf(k)] < 0) || (units[Free[k]] >= 1 && delta[active.IndexOf(k)] > 0)).ToList();
            if (pressed.Count == 0) break;
            active = active.Except(pressed).ToList();
            delta = null;
        }
        var point = (double[])units.Clone();
        if (delta is null) return point;
        for (int i = 0; i < active.Count; i++) point[Free[active[i]]] = Math.Clamp(units[Free[active[i]]] + delta[i], 0, 1);
        return point;
    }

    private static Vector<double> Solve(Matrix<double> a, Vector<double> g, double lambda, List<int> active)
    {
        int n = active.Count;
        var m = Matrix<double>.Build.Dense(n, n);
        var b = Vector<double>.Build.Dense(n);
        double largest = active.Max(k => a[k, k]);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++) m[i, j] = a[active[i], active[j]];
            m[i, i] += lambda * Math.Max(a[active[i], active[i]], Math.Max(1e-9 * largest, 1e-300));
            b[i] = -g[active[i]];
        }
        var delta = m.Solve(b);
        return delta.Any(x => !double.IsFinite(x)) ? Vector<double>.Build.Dense(n) : delta;
    }
}

/// <summary>
/// How long the polish runs, when it has converged (two successive iterations each lowering the objective by less than
/// <paramref name="Tolerance"/> relative to it, or by less than <paramref name="AbsoluteTolerance"/>), and the step of
/// its finite differences (in unit coordinates).
/// </summary>
public sealed record LevenbergMarquardtSettings(int MaxIterations = 60, double Tolerance = 1e-10, double DifferenceStep = 1e-6, double AbsoluteTolerance = 0);
