using System.Collections.Immutable;

namespace Simulation.Engine.Scenarios.Plausibility;

/// <summary>
/// History matching (Craig et al. 1997; Andrianakis et al. 2015): futures whose baseline misses a plausibility target
/// are ruled out, so the summary describes only futures that reproduce what is known. A future is judged once, on the
/// baseline, and kept or left out in every scenario together, so differences stay paired.
/// </summary>
/// <param name="Futures">Futures swept.</param>
/// <param name="Kept">Indices of the futures that meet every target, ascending.</param>
/// <param name="Misses">Per target, how many futures miss it (a future can miss several).</param>
public sealed record HistoryMatch(int Futures, ImmutableArray<int> Kept, ImmutableArray<(PlausibilityTarget Target, int Missed)> Misses)
{
    public int Excluded => Futures - Kept.Length;

    /// <summary>Judges every future by the baseline's outcome values (<paramref name="baseline"/>[column][future]); a missing value misses.</summary>
    public static HistoryMatch Judge(IReadOnlyList<PlausibilityTarget> targets, IReadOnlyList<double[]> baseline, int futures)
    {
        var kept = ImmutableArray.CreateBuilder<int>();
        var missed = new int[targets.Count];
        for (int f = 0; f < futures; f++)
        {
            bool ok = true;
            for (int t = 0; t < targets.Count; t++)
                if (!targets[t].Holds(baseline[targets[t].Column][f]))
                {
                    missed[t]++;
                    ok = false;
                }
            if (ok) kept.Add(f);
        }
        return new HistoryMatch(futures, kept.ToImmutable(), targets.Select((t, i) => (t, missed[i])).ToImmutableArray());
    }

    /// <summary>One line for people: "History matching: 87 of 100 futures plausible; 13 left out: X in [a, b] missed by 9, ...".</summary>
    public string Describe() =>
        $"History matching: {Kept.Length:N0} of {Futures:N0} futures plausible" +
        (Excluded == 0 ? "" : $"; {Excluded:N0} left out, missing " +
            string.Join("; ", Misses.Where(m => m.Missed > 0).Select(m => $"{m.Target} ({m.Missed:N0})")));
}
