namespace Simulation.Engine.Calibration;

/// <summary>
/// How well fitted values S reproduce observed values A, in the terms system dynamics practice uses (Sterman 1984,
/// "Appropriate summary statistics for evaluating the historical fit of system dynamics models", Dynamica 10):
/// <code>
/// RMSE  = √(Σ (S - A)² / n)                      in the data's units
/// MAPE  = 100 Σ |S - A| / |A| / n                 percent, over the observations that are not 0
/// R²    = r², r the correlation of S and A        the share of A's variation S follows
/// U     = RMSE / (√(Σ S² / n) + √(Σ A² / n))     Theil's inequality coefficient: 0 is a perfect fit, 1 the worst
/// MSE   = (S̄ - Ā)² + (s_S - s_A)² + 2 (1 - r) s_S s_A    (s: standard deviations with divisor n)
/// U^M, U^S, U^C = those three terms / MSE        bias, unequal variation, unequal covariation; they sum to 1
/// </code>
/// A good fit has its error in U^C (unsystematic, point-by-point noise); a large U^M or U^S points at a
/// systematic error the model makes (Sterman: bias or a trend the model misses).
/// </summary>
public sealed record FitStatistics(int Count, double Rmse, double Mape, double RSquared, double TheilU, double BiasShare, double VarianceShare, double CovarianceShare)
{
    public static FitStatistics Compute(IReadOnlyList<double> observed, IReadOnlyList<double> fitted)
    {
        int n = observed.Count;
        if (n == 0) return new FitStatistics(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        double meanA = observed.Average(), meanS = fitted.Average();
        double mse = 0, sumA2 = 0, sumS2 = 0, varA = 0, varS = 0, cov = 0, ape = 0;
        int nonZero = 0;
        for (int i = 0; i < n; i++)
        {
            double a = observed[i], s = fitted[i], e = s - a;
            mse += e * e;
            sumA2 += a * a;
            sumS2 += s * s;
            varA += (a - meanA) * (a - meanA);
            varS += (s - meanS) * (s - meanS);
            cov += (a - meanA) * (s - meanS);
            if (a != 0)
            {
                ape += Math.Abs(e / a);
                nonZero++;
            }
        }
        mse /= n;
        double sdA = Math.Sqrt(varA / n), sdS = Math.Sqrt(varS / n);
        double r = sdA > 0 && sdS > 0 ? cov / n / (sdA * sdS) : double.NaN;
        double bias = (meanS - meanA) * (meanS - meanA), spread = (sdS - sdA) * (sdS - sdA);
        double covariation = double.IsNaN(r) ? 0 : 2 * (1 - r) * sdS * sdA;
        double denominator = Math.Sqrt(sumS2 / n) + Math.Sqrt(sumA2 / n);
        return new FitStatistics(n, Math.Sqrt(mse), nonZero > 0 ? 100 * ape / nonZero : double.NaN, r * r,
            denominator > 0 ? Math.Sqrt(mse) / denominator : double.NaN,
            mse > 0 ? bias / mse : double.NaN, mse > 0 ? spread / mse : double.NaN, mse > 0 ? covariation / mse : double.NaN);
    }
}
