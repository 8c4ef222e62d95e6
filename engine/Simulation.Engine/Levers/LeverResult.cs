using System.Collections.Immutable;
using Simulation.Engine.Scenarios.Summary;

namespace Simulation.Engine.Levers;

/// <summary>
/// The answer to a <see cref="LeverRequest"/>: every outcome of the point run next to the baseline's, the chart lines
/// over time next to the baseline's, and, when futures were asked for, their spread across the futures (the same
/// statistics a sweep's summary gives, over the same futures, history matched as it is) and the paired difference from the baseline.
/// </summary>
public sealed record LeverResult
{
    public required string Scenario { get; init; }

    /// <summary>Futures run (0: the point run only).</summary>
    public required int Futures { get; init; }

    public required IReadOnlyList<LeverProblem> Warnings { get; init; }

    public required IReadOnlyList<OutcomeResult> Outcomes { get; init; }

    /// <summary>The saved times: the x axis of every line.</summary>
    public required ImmutableArray<double> Times { get; init; }

    public required IReadOnlyList<LineResult> Lines { get; init; }

    /// <summary>Set when a run's stocks or rates went NaN or infinite (the run went on; its values say where).</summary>
    public string? Problem { get; init; }

    /// <summary>With futures and plausibility targets: how many futures history matching kept, and why the others were left out.</summary>
    public string? HistoryMatch { get; init; }
}

/// <param name="Value">The point run's value.</param>
/// <param name="Baseline">The baseline's point run's value (for outcomes paired with the baseline, its own: 0).</param>
/// <param name="Futures">Across the futures (null without futures).</param>
/// <param name="BaselineFutures">The baseline's across the same futures.</param>
/// <param name="Difference">The paired difference this - baseline, future by future.</param>
public sealed record OutcomeResult(string Outcome, string Element, string? Units, double Value, double Baseline,
    Distribution? Futures, Distribution? BaselineFutures, Distribution? Difference)
{
    /// <summary>The point runs' difference, this - baseline, zero to rounding counted as zero (as the summary counts it).</summary>
    public double PointDifference => ZeroToRounding.Difference(Value, Baseline);
}

/// <summary>One line of a chart (<see cref="LeverChart.Id"/>, element) at the saved times: this run, the baseline, and their bands across futures.</summary>
public sealed record LineResult(string Chart, string Element, double[] Values, double[] Baseline, Band? Band, Band? BaselineBand);

/// <summary>The 5th, 50th and 95th percentiles across futures at each saved time (type 7, as the sweep summary's).</summary>
public sealed record Band(double[] P5, double[] P50, double[] P95)
{
    /// <summary>The band of line <paramref name="line"/> over the runs <paramref name="kept"/> of a set.</summary>
    internal static Band Of(RunSet set, IReadOnlyList<int> kept, int line, int times)
    {
        var (p5, p50, p95) = (new double[times], new double[times], new double[times]);
        var values = new List<double>(kept.Count);
        for (int t = 0; t < times; t++)
        {
            values.Clear();
            foreach (int r in kept)
            {
                double v = set.Lines[r * set.LineValues + line * times + t];
                if (double.IsFinite(v)) values.Add(v);
            }
            values.Sort();
            (p5[t], p50[t], p95[t]) = (Quantiles.Type7(values, 0.05), Quantiles.Type7(values, 0.5), Quantiles.Type7(values, 0.95));
        }
        return new Band(p5, p50, p95);
    }
}
