using MathNet.Numerics;
using Simulation.Engine.Calibration.Format;

namespace Simulation.Engine.Calibration.Likelihood;

/// <summary>
/// The log-likelihood of one observation y given the model's value m under each error model, and its deviance
/// residual: the signed root of twice the log-likelihood lost against a perfect fit, so that for a fixed scale
/// ½ Σ r² = -ln L + a constant. (For the normal that is (y - m) / sd; the same form lets one least-squares
/// polish serve every error model.)
/// <list type="bullet">
/// <item>normal: y ~ N(m, sd²)</item>
/// <item>lognormal: ln y ~ N(ln m, sd²): m is the median</item>
/// <item>poisson: y ~ Poisson(m)</item>
/// <item>negativeBinomial: mean m, size k, variance m + m² / k</item>
/// </list>
/// </summary>
public static class ObservationLikelihood
{
    private static readonly double LnSqrtTwoPi = 0.5 * Math.Log(2 * Math.PI);

    /// <summary>ln p(y | m, scale); minus infinity where m is impossible (a log-normal or count model at or below zero, except m = 0 for y = 0).</summary>
    public static double LogDensity(ErrorKind error, double y, double m, double scale) => error switch
    {
        ErrorKind.Normal or ErrorKind.Sse => -LnSqrtTwoPi - Math.Log(scale) - Square((y - m) / scale) / 2,
        ErrorKind.LogNormal => m > 0 ? -Math.Log(y) - LnSqrtTwoPi - Math.Log(scale) - Square((Math.Log(y) - Math.Log(m)) / scale) / 2 : double.NegativeInfinity,
        ErrorKind.Poisson => m > 0 ? y * Math.Log(m) - m - SpecialFunctions.GammaLn(y + 1) : m == 0 && y == 0 ? 0 : double.NegativeInfinity,
        _ => NegativeBinomial(y, m, scale),
    };

    /// <summary>The deviance residual at a fixed scale, without the weight; NaN where m is impossible.</summary>
    public static double Residual(ErrorKind error, double y, double m, double scale)
    {
        switch (error)
        {
            case ErrorKind.Normal or ErrorKind.Sse:
                return (y - m) / scale;
            case ErrorKind.LogNormal:
                return m > 0 ? (Math.Log(y) - Math.Log(m)) / scale : double.NaN;
            case ErrorKind.Poisson:
                if (!(m >= 0) || (m == 0 && y > 0)) return double.NaN;
                return Math.Sign(y - m) * Math.Sqrt(Math.Max(0, 2 * (XLogXOverY(y, m) - (y - m))));
            default:
                if (!(m >= 0) || (m == 0 && y > 0)) return double.NaN;
                double k = scale;
                return Math.Sign(y - m) * Math.Sqrt(Math.Max(0, 2 * (XLogXOverY(y, m) - (y + k) * Math.Log((y + k) / (m + k)))));
        }
    }

    /// <summary>Negative binomial with mean m and size k: Γ(y + k) / (Γ(k) y!) (k / (k + m))^k (m / (k + m))^y.</summary>
    private static double NegativeBinomial(double y, double m, double k)
    {
        if (!(m >= 0) || !(k > 0)) return double.NegativeInfinity;
        if (m == 0) return y == 0 ? 0 : double.NegativeInfinity;
        return SpecialFunctions.GammaLn(y + k) - SpecialFunctions.GammaLn(k) - SpecialFunctions.GammaLn(y + 1)
               + k * Math.Log(k / (k + m)) + (y > 0 ? y * Math.Log(m / (k + m)) : 0);
    }

    /// <summary>y ln(y / m), taken as 0 at y = 0.</summary>
    private static double XLogXOverY(double y, double m) => y > 0 ? y * Math.Log(y / m) : 0;

    private static double Square(double x) => x * x;
}
