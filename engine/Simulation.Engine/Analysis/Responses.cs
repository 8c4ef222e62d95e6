using Simulation.Engine.Scenarios.Output;

namespace Simulation.Engine.Analysis;

/// <summary>
/// A quantity an analysis explains, one value per sample: an outcome column (or a point of a recorded series) of one
/// scenario, or its paired difference from the baseline. With replications, a sample's value is the mean over its
/// replications (missing if any is), so indices describe the inputs' effect on the expected outcome.
/// </summary>
public sealed record Response(string Scenario, Measure Measure, string Outcome, string Element, double? Time, double[] PerSample);

public static class Responses
{
    /// <summary>Every scenario's outcomes (or series points), then every other scenario's differences from the baseline.</summary>
    public static IEnumerable<Response> Of(SweepResults results, bool series = false)
    {
        var keys = series
            ? results.Series.Select(k => (k.Variable, k.Element, (double?)k.Time)).ToList()
            : results.Outcomes.Select(k => (k.Outcome, k.Element, (double?)null)).ToList();
        var values = series ? results.SeriesValues : results.OutcomeValues;
        int b = results.Baseline;
        foreach (var measure in new[] { Measure.Value, Measure.Difference })
            for (int s = 0; s < results.Scenarios.Length; s++)
            {
                if (measure == Measure.Difference && s == b) continue;
                for (int c = 0; c < keys.Count; c++)
                {
                    var own = values[s][c];
                    var y = measure == Measure.Value ? own : own.Select((v, f) => v - values[b][c][f]).ToArray();
                    yield return new Response(results.Scenarios[s], measure, keys[c].Item1, keys[c].Item2, keys[c].Item3, PerSample(y, results.Replications));
                }
            }
    }

    /// <summary>Each sample's mean over its replications (futures sample x R .. sample x R + R - 1).</summary>
    public static double[] PerSample(double[] perFuture, int replications)
    {
        if (replications == 1) return perFuture;
        var result = new double[perFuture.Length / replications];
        for (int s = 0; s < result.Length; s++)
        {
            double sum = 0;
            for (int r = 0; r < replications; r++) sum += perFuture[s * replications + r];
            result[s] = sum / replications;
        }
        return result;
    }

    /// <summary>[sample]: whether history matching kept every future of the sample (all true without plausibility targets).</summary>
    public static bool[] KeptSamples(SweepResults results) =>
        Enumerable.Range(0, results.Samples).Select(s => results.Excluded is not { } excluded
            || Enumerable.Range(s * results.Replications, results.Replications).All(f => !excluded[f])).ToArray();

    /// <summary>The sampled inputs per sample ([input][sample]): a sample's replications share its values.</summary>
    public static double[][] InputsPerSample(SweepResults results) =>
        results.InputValues.Select(v => results.Replications == 1 ? v : Enumerable.Range(0, results.Samples).Select(s => v[s * results.Replications]).ToArray()).ToArray();
}
