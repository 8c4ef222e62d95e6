using System.Collections.Immutable;
using System.Globalization;

namespace Simulation.Engine.Scenarios.Summary;

/// <summary>
/// Net monetary benefit against the baseline, future by future: NMB(λ) = λ ΔQALYs - Δcost, where Δ is the paired
/// difference from the baseline. A scenario is cost-effective at λ in a future when its NMB is positive; the
/// probability of being cost-effective is the share of futures where it is (the acceptability curve at λ). The
/// ranking orders scenarios (the baseline included, whose NMB is 0) by expected NMB; P(best) is the share of futures
/// in which a scenario has the highest NMB of all (ties shared), the cost-effectiveness acceptability frontier's input.
/// </summary>
public sealed record CostEffectivenessSummary(string Cost, string Qalys, string? Units, ImmutableArray<double> Thresholds, IReadOnlyList<Ranking> Rankings)
{
    /// <summary>The name of the summary's net monetary benefit rows at a threshold.</summary>
    public static string OutcomeName(double threshold) => $"Net monetary benefit at {threshold.ToString("#,0.##", CultureInfo.InvariantCulture)}/QALY";

    /// <summary>NMB of each future at <paramref name="threshold"/> from paired changes in cost and QALYs (NaN where either is missing).</summary>
    public static double[] NetBenefit(IReadOnlyList<double> costChange, IReadOnlyList<double> qalyChange, double threshold)
    {
        var nmb = new double[costChange.Count];
        for (int f = 0; f < nmb.Length; f++) nmb[f] = threshold * qalyChange[f] - costChange[f];
        return nmb;
    }

    /// <summary>The share of finite values above zero: the probability of being cost-effective (NaN when none is finite).</summary>
    public static double ProbabilityPositive(IReadOnlyList<double> nmb)
    {
        int n = 0, positive = 0;
        foreach (double x in nmb)
            if (double.IsFinite(x))
            {
                n++;
                if (x > 0) positive++;
            }
        return n == 0 ? double.NaN : (double)positive / n;
    }

    /// <summary>
    /// Ranks scenarios by mean NMB over the futures where every scenario has one. <paramref name="nmb"/>[s] is null for
    /// the baseline (0 in every future).
    /// </summary>
    public static Ranking Rank(double threshold, IReadOnlyList<string> scenarios, IReadOnlyList<double[]?> nmb)
    {
        int futures = nmb.FirstOrDefault(x => x is not null)?.Length ?? 0;
        var sums = new double[scenarios.Count];
        var best = new double[scenarios.Count];
        int n = 0;
        for (int f = 0; f < futures; f++)
        {
            if (nmb.Any(x => x is not null && !double.IsFinite(x[f]))) continue;
            n++;
            double top = double.NegativeInfinity;
            for (int s = 0; s < scenarios.Count; s++) top = Math.Max(top, nmb[s]?[f] ?? 0);
            int ties = Enumerable.Range(0, scenarios.Count).Count(s => (nmb[s]?[f] ?? 0) == top);
            for (int s = 0; s < scenarios.Count; s++)
            {
                double v = nmb[s]?[f] ?? 0;
                sums[s] += v;
                if (v == top) best[s] += 1.0 / ties;
            }
        }
        var entries = Enumerable.Range(0, scenarios.Count)
            .Select(s => new RankedScenario(scenarios[s], n == 0 ? double.NaN : sums[s] / n, n == 0 ? double.NaN : best[s] / n))
            .OrderByDescending(e => double.IsNaN(e.MeanNetBenefit) ? double.NegativeInfinity : e.MeanNetBenefit).ToList();
        return new Ranking(threshold, n, entries);
    }
}

/// <param name="Futures">The futures in which every scenario has a net monetary benefit.</param>
public sealed record Ranking(double Threshold, int Futures, IReadOnlyList<RankedScenario> Scenarios);

/// <param name="MeanNetBenefit">Mean NMB over the ranking's futures (those in which every scenario has one).</param>
/// <param name="PBest">The share of those futures in which this scenario has the highest NMB of all.</param>
public sealed record RankedScenario(string Scenario, double MeanNetBenefit, double PBest);
