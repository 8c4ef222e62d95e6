using Simulation.Engine.Scenarios.Output;
using Simulation.Engine.Scenarios.Summary;

namespace Simulation.Engine.Analysis.Discovery;

/// <summary>Which runs are of interest: an outcome of a scenario (or its paired difference from the baseline) above or below a threshold.</summary>
/// <param name="Outcome">The outcome's name, or "name[element]" for one element of an outcome with "by".</param>
/// <param name="Scenario">The scenario whose runs are searched; null for the baseline.</param>
public sealed record DiscoveryQuestion(string Outcome, double Threshold, bool Above, string? Scenario = null, bool Difference = false)
{
    public string Describe(string outcome, string scenario, string baseline) =>
        $"{(Difference ? $"{scenario} - {baseline}: " : $"{scenario}: ")}{outcome} {(Above ? "above" : "below")} {Threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}

/// <summary>What scenario discovery found over one sweep: PRIM's boxes, a CART tree and the inputs' scores.</summary>
/// <param name="LeftOut">Runs without a finite value of the outcome, left out of every count.</param>
/// <param name="Implausible">Runs whose futures the experiment's history matching left out (summary.json), also left out.</param>
public sealed record DiscoveryReport(DiscoveryQuestion Question, OutcomeKey Outcome, string Scenario, string Baseline, IReadOnlyList<string> Inputs,
    PrimResult Prim, DecisionNode Tree, IReadOnlyList<FeatureScore> Features, int LeftOut, int Implausible)
{
    public string Title => Question.Describe(Outcome.ToString(), Scenario, Baseline);
}

/// <summary>
/// Scenario discovery (Bryant and Lempert 2010) over a finished sweep: the runs of one scenario are split into those of
/// interest (the outcome crosses the threshold) and the rest, and PRIM, a CART tree and feature scores describe, in terms
/// of the sampled inputs, where the runs of interest lie. Every run is a case (replications included), except those whose
/// futures the experiment's history matching left out.
/// </summary>
public static class ScenarioDiscovery
{
    public const int TreeDepth = 3;

    public static DiscoveryReport Discover(SweepResults results, DiscoveryQuestion question, PrimSettings settings, ulong seed = 0)
    {
        if (results.Inputs.IsEmpty)
            throw new AnalysisException($"the sweep in '{results.Folder}' sampled no inputs, so there is nothing to describe the runs with",
                "sweep an experiment with an \"uncertainty\" block (docs/experiment-format.md)");
        int scenario = ScenarioOf(results, question.Scenario);
        if (question.Difference && scenario == results.Baseline)
            throw new AnalysisException($"'{results.Scenarios[scenario]}' is the baseline: its difference from itself is 0", "name another scenario with --scenario");
        int column = OutcomeOf(results, question.Outcome);
        var values = results.OutcomeValues[scenario][column];
        var baseline = results.OutcomeValues[results.Baseline][column];
        var y = question.Difference ? values.Select((v, f) => v - baseline[f]).ToArray() : values;
        var plausible = Enumerable.Range(0, y.Length).Where(f => results.Excluded is not { } excluded || !excluded[f]).ToArray();
        var kept = plausible.Where(f => double.IsFinite(y[f])).ToArray();
        var key = results.Outcomes[column];
        string what = question.Describe(key.ToString(), results.Scenarios[scenario], results.Scenarios[results.Baseline]);
        if (kept.Length == 0) throw new AnalysisException($"no run has a value of '{key}' in scenario '{results.Scenarios[scenario]}'", "choose another outcome");
        var interest = kept.Select(f => question.Above ? y[f] > question.Threshold : y[f] < question.Threshold).ToArray();
        int hits = interest.Count(v => v);
        if (hits == 0 || hits == kept.Length)
        {
            var sorted = kept.Select(f => y[f]).Order().ToArray();
            string range = $"the runs range from {Num(sorted[0])} to {Num(sorted[^1])} (P5 {Num(Quantiles.Type7(sorted, 0.05))}, median {Num(Quantiles.Type7(sorted, 0.5))}, P95 {Num(Quantiles.Type7(sorted, 0.95))})";
            throw hits == 0
                ? new AnalysisException($"no run has {what}, so there is no box to find", $"choose a threshold the runs cross: {range}")
                : new AnalysisException($"every run has {what}, so there is nothing to tell apart", $"choose a threshold the runs cross: {range}");
        }
        var x = results.InputValues.Select(v => kept.Select(f => v[f]).ToArray()).ToArray();
        var prim = Prim.Find(x, interest, settings);
        var tree = ClassificationTree.Grow(x, interest, TreeDepth, Math.Max(5, kept.Length / 100));
        var features = FeatureScores.Compute(x, interest, seed);
        return new DiscoveryReport(question, key, results.Scenarios[scenario], results.Scenarios[results.Baseline], results.Inputs, prim, tree, features,
            plausible.Length - kept.Length, y.Length - plausible.Length);
    }

    private static int ScenarioOf(SweepResults results, string? name)
    {
        if (name is null) return results.Baseline;
        int index = results.Scenarios.ToList().FindIndex(s => string.Equals(s, name, StringComparison.OrdinalIgnoreCase));
        return index >= 0 ? index : throw AnalysisException.Unknown("scenario", name, results.Scenarios);
    }

    /// <summary>The outcome column named "name" (a scalar outcome) or "name[element]".</summary>
    private static int OutcomeOf(SweepResults results, string name)
    {
        var keys = results.Outcomes;
        for (int c = 0; c < keys.Length; c++)
            if (string.Equals(keys[c].ToString(), name, StringComparison.OrdinalIgnoreCase)) return c;
        var elements = keys.Where(k => string.Equals(k.Outcome, name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (elements.Count > 0)
            throw new AnalysisException($"'{name}' has one value per element; name one",
                $"e.g. --outcome \"{elements[0]}\" (elements: {string.Join(", ", elements.Select(e => e.Element))})");
        throw AnalysisException.Unknown("outcome", name, keys.Select(k => k.ToString()).ToList());
    }

    private static string Num(double v) => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
}
