using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace Simulation.Engine.Calibration.Mcmc;

/// <summary>
/// Convergence diagnostics of several chains of draws of one quantity (Gelman et al., Bayesian Data Analysis, 3rd
/// ed., section 11.4-11.5, as Stan computes them). Each chain is split in halves, so a drift within a chain shows
/// as disagreement between its halves. With M half-chains of n draws, W the mean within-chain variance and B / n
/// the variance of the chain means:
/// <code>
/// var+  = (n - 1) / n W + B / n
/// R-hat = √(var+ / W)                                   near 1 when the chains agree; above 1.01-1.1, run longer
/// ρ_t   = 1 - (W - mean autocovariance at lag t) / var+ the chains' autocorrelation at lag t
/// ESS   = M n / (-1 + 2 Σ P_k),  P_k = ρ_2k + ρ_2k+1   summed while positive and made non-increasing (Geyer 1992)
/// </code>
/// ESS is the number of independent draws the chains are worth for the posterior mean.
/// </summary>
public static class ChainDiagnostics
{
    /// <summary>R-hat and ESS of <paramref name="chains"/> (each the same length, at least 4 draws).</summary>
    public static (double RHat, double Ess) Compute(IReadOnlyList<double[]> chains)
    {
        var halves = Split(chains);
        int m = halves.Count, n = halves[0].Length;
        if (m < 2 || n < 2) return (double.NaN, double.NaN);
        var means = halves.Select(c => c.Average()).ToArray();
        var autocovariances = halves.Select(Autocovariance).ToList(); // divisor n
        double w = autocovariances.Average(a => a[0]) * n / (n - 1.0);
        double grand = means.Average();
        double b = n / (m - 1.0) * means.Sum(x => (x - grand) * (x - grand));
        double varPlus = (n - 1.0) / n * w + b / n;
        if (!(w > 0)) return (double.NaN, double.NaN); // a constant quantity
        double rHat = Math.Sqrt(varPlus / w);

        double Rho(int t) => 1 - (w - autocovariances.Average(a => a[t])) / varPlus;
        double sum = 0, previous = double.PositiveInfinity;
        for (int k = 0; 2 * k + 1 < n; k++)
        {
            double pair = (k == 0 ? 1 : Rho(2 * k)) + Rho(2 * k + 1);
            if (pair <= 0) break;
            pair = Math.Min(pair, previous);
            sum += pair;
            previous = pair;
        }
        double tau = Math.Max(-1 + 2 * sum, 1.0 / Math.Log10(m * n)); // Stan's cap: at most m n log10(m n) effective draws
        return (rHat, m * n / tau);
    }

    /// <summary>Each chain's first and second halves (the middle draw of an odd-length chain is left out).</summary>
    private static List<double[]> Split(IReadOnlyList<double[]> chains)
    {
        var halves = new List<double[]>();
        foreach (var c in chains)
        {
            int half = c.Length / 2;
            halves.Add(c[..half]);
            halves.Add(c[(c.Length - half)..]);
        }
        return halves;
    }

    /// <summary>Autocovariance at every lag (divisor n), by FFT with zero padding.</summary>
    private static double[] Autocovariance(double[] x)
    {
        int n = x.Length, size = 1;
        while (size < 2 * n) size <<= 1;
        double mean = x.Average();
        var buffer = new Complex[size];
        for (int i = 0; i < n; i++) buffer[i] = new Complex(x[i] - mean, 0);
        Fourier.Forward(buffer, FourierOptions.NoScaling);
        for (int i = 0; i < size; i++) buffer[i] = new Complex(buffer[i].Magnitude * buffer[i].Magnitude, 0);
        Fourier.Inverse(buffer, FourierOptions.NoScaling);
        var result = new double[n];
        for (int t = 0; t < n; t++) result[t] = buffer[t].Real / size / n;
        return result;
    }
}
