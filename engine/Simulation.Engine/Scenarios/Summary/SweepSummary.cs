using System.Collections.Immutable;
using Simulation.Engine.Scenarios.Format;
using Simulation.Engine.Scenarios.Outcomes;
using Simulation.Engine.Scenarios.Plausibility;

namespace Simulation.Engine.Scenarios.Summary;

/// <summary>
/// The comparison a sweep ends with, and the one home of its decision statistics: per scenario and outcome, the
/// spread across futures, and the paired comparison with the baseline (differences future by future, their band,
/// the probability of being better, the futures left out and why); ratios as ratios of means with their quadrant;
/// net monetary benefit and the ranking of scenarios where costs and QALYs exist; the headline outcomes; and the
/// experiment's description. Written as summary.csv and summary.json (<see cref="SummaryJson"/>); every view
/// (terminal, Markdown, HTML report) prints these numbers.
/// When the experiment names plausibility targets, <see cref="HistoryMatch"/> says which futures were left out and
/// why, and every statistic is over the futures kept.
/// </summary>
public sealed record SweepSummary(string Experiment, string Model, string Baseline, ulong Seed, string Design, int Samples, int Replications,
    IReadOnlyList<SummaryRow> Rows, HistoryMatch? HistoryMatch = null)
{
    public const string QuantileMethod = "type 7 (Hyndman and Fan 1996; R's default)";

    /// <summary>The outcomes (names as in <see cref="SummaryRow.Outcome"/>) a reader sees first, in order.</summary>
    public IReadOnlyList<string> Headline { get; init; } = [];

    public CostEffectivenessSummary? CostEffectiveness { get; init; }

    /// <summary>The experiment described for readers (null in summaries written before it existed).</summary>
    public SweepDescription? About { get; init; }

    public int Futures => Samples * Replications;

    public IEnumerable<string> Scenarios => Rows.Select(r => r.Scenario).Distinct();

    /// <param name="values">values[scenario][column][future], one outcome column per entry of <paramref name="columns"/>.</param>
    /// <param name="failed">failed[scenario][future]: the run's stocks or rates became NaN or infinite (null: none did).</param>
    public static SweepSummary Compute(CompiledExperiment experiment, IReadOnlyList<OutcomeColumn> columns, double[][][] values, bool[][]? failed = null)
    {
        var match = experiment.Plausibility.IsEmpty ? null : HistoryMatch.Judge(experiment.Plausibility, values[experiment.Baseline], values[experiment.Baseline].FirstOrDefault()?.Length ?? experiment.Futures);
        if (match is not null)
        {
            // Every statistic is over the futures the history match keeps, in every scenario alike (pairing kept).
            T[] Kept<T>(T[] all) => match.Kept.Select(f => all[f]).ToArray();
            values = values.Select(scenario => scenario.Select(Kept).ToArray()).ToArray();
            failed = failed?.Select(Kept).ToArray();
        }
        var plan = experiment.Decisions;
        var rows = new List<SummaryRow>();
        int b = experiment.Baseline, scenarios = experiment.Scenarios.Length;
        for (int c = 0; c < columns.Count; c++)
            for (int s = 0; s < scenarios; s++)
            {
                var own = values[s][c];
                var decision = plan.Columns[c];
                bool incremental = decision.Ratio is { Incremental: true };
                var (value, difference) = Describe(columns, plan, c, values[s], failed?[s], values[b], failed?[b], s == b);
                RatioSummary? ratio = decision.Ratio is { } parts && !(incremental && s == b)
                    ? RatioSummary.Of(values[s][parts.Numerator], values[s][parts.Denominator], parts.NumeratorBetter, parts.DenominatorBetter) with
                    {
                        NumeratorOutcome = columns[parts.Numerator].Outcome, DenominatorOutcome = columns[parts.Denominator].Outcome,
                        LeftOut = LeftOutReason.Count(own.Select((_, f) => WhyLeftOut(columns, parts.Numerator, values[s], failed?[s], s == b, f) ?? WhyLeftOut(columns, parts.Denominator, values[s], failed?[s], s == b, f))),
                    }
                    : null;
                rows.Add(new SummaryRow(experiment.Scenarios[s].Name, columns[c].Outcome, columns[c].Element, columns[c].Units, own.Length, value, difference)
                {
                    Kind = decision.Kind,
                    Paired = decision.Paired,
                    Better = decision.Better,
                    Ratio = ratio,
                });
            }
        var headline = plan.Headline.Select(c => columns[c].Outcome).Distinct().ToList();
        CostEffectivenessSummary? ce = null;
        if (plan.CostEffectiveness is { } cePlan)
        {
            ce = NetBenefit(experiment, columns, values, cePlan, rows, (s, f) => failed?[s][f] == true ? LeftOutReason.RunFailed : LeftOutReason.NotFinite);
            headline.AddRange(ce.Thresholds.Select(CostEffectivenessSummary.OutcomeName));
        }
        if (match is { Excluded: > 0 })
        {
            // Every statistic says why its n falls short of the futures swept: history matching first, then the rest.
            for (int i = 0; i < rows.Count; i++)
                rows[i] = rows[i] with
                {
                    Value = Implausible(match, rows[i].Value),
                    Comparison = rows[i].Comparison is { } c ? c with { Difference = Implausible(match, c.Difference) } : null,
                };
        }
        return new SweepSummary(experiment.Document.Name, experiment.Document.Model.Name, experiment.Scenarios[b].Name, experiment.Seed,
            DesignName(experiment), experiment.Uncertainty.Design.Count, experiment.Replications, rows, match)
        {
            Headline = headline,
            CostEffectiveness = ce,
            About = SweepDescription.Of(experiment),
        };
    }

    /// <summary>
    /// One scenario's statistics on outcome column <paramref name="c"/> (the summary's, and the levers app's): the spread of
    /// its values and, unless it is the baseline or the column is an incremental ratio, the paired comparison with the
    /// baseline's values in the same futures; each with the futures left out and why. Values are [column][future].
    /// </summary>
    internal static (Distribution Value, Comparison? Difference) Describe(IReadOnlyList<OutcomeColumn> columns, DecisionPlan plan, int c,
        double[][] own, bool[]? ownFailed, double[][] baseline, bool[]? baselineFailed, bool isBaseline)
    {
        string? Reason(double[][] values, bool[]? failed, int f) => WhyLeftOut(columns, c, values, failed, isBaseline, f);
        var value = Quantiles.Describe(own[c]) with { LeftOut = LeftOutReason.Count(own[c].Select((_, f) => Reason(own, ownFailed, f))) };
        // A payback year is already the scenario against the baseline, and the baseline has none: no difference.
        if (isBaseline || plan.Columns[c].Ratio is { Incremental: true } || columns[c].Formula is PaybackOver) return (value, null);
        return (value, Compare(own[c], baseline[c], f => Reason(own, ownFailed, f) ?? (Reason(baseline, baselineFailed, f) is null ? null : LeftOutReason.BaselineMissing)));
    }

    /// <summary>Why future <paramref name="f"/>'s value of column <paramref name="c"/> is left out (null: it is not). Values are [column][future].</summary>
    private static string? WhyLeftOut(IReadOnlyList<OutcomeColumn> columns, int c, double[][] values, bool[]? failed, bool isBaseline, int f)
    {
        if (double.IsFinite(values[c][f])) return null;
        if (failed?[f] == true) return LeftOutReason.RunFailed;
        if (columns[c].Formula is PaybackOver) return isBaseline ? LeftOutReason.IsBaseline : LeftOutReason.NotPaidBack;
        return columns[c].Formula is Combination { Kind: OutcomeKind.Ratio } r && values[r.Right][f] == 0 ? LeftOutReason.ZeroDenominator : LeftOutReason.NotFinite;
    }

    /// <summary>The statistic with the futures that history matching left out listed first (none: as it is).</summary>
    internal static Distribution Implausible(HistoryMatch? match, Distribution d) =>
        match is { Excluded: > 0 } ? d with { LeftOut = [new Exclusion(LeftOutReason.Implausible, match.Excluded), .. d.LeftOut] } : d;

    /// <summary>The paired comparison of a scenario's values with the baseline's, future by future.</summary>
    private static Comparison Compare(double[] own, double[] baseline, Func<int, string?> reason)
    {
        var differences = new List<double>(own.Length);
        var leftOut = new List<string?>();
        for (int f = 0; f < own.Length; f++)
        {
            double d = ZeroToRounding.Difference(own[f], baseline[f]);
            if (double.IsFinite(d)) differences.Add(d);
            else leftOut.Add(reason(f) ?? LeftOutReason.NotFinite);
        }
        return Comparison.Of(differences, LeftOutReason.Count(leftOut));
    }

    /// <summary>Adds a net monetary benefit row per scenario and threshold, and ranks the scenarios at each threshold.</summary>
    private static CostEffectivenessSummary NetBenefit(CompiledExperiment experiment, IReadOnlyList<OutcomeColumn> columns, double[][][] values,
        CostEffectivenessPlan plan, List<SummaryRow> rows, Func<int, int, string> reason)
    {
        int b = experiment.Baseline, scenarios = experiment.Scenarios.Length;
        double[] Change(int s, int c) => values[s][c].Select((v, f) => ZeroToRounding.Difference(v, values[b][c][f])).ToArray();
        string? units = columns[plan.Cost].Units;
        var rankings = new List<Ranking>();
        foreach (double threshold in plan.Thresholds)
        {
            var all = new double[]?[scenarios];
            for (int s = 0; s < scenarios; s++)
            {
                if (s == b) continue;
                var nmb = all[s] = CostEffectivenessSummary.NetBenefit(Change(s, plan.Cost), Change(s, plan.Qalys), threshold);
                var leftOut = LeftOutReason.Count(nmb.Select((x, f) => double.IsFinite(x) ? null : reason(s, f)));
                var comparison = Comparison.Of(nmb.Where(double.IsFinite).ToList(), leftOut);
                rows.Add(new SummaryRow(experiment.Scenarios[s].Name, CostEffectivenessSummary.OutcomeName(threshold), "", units, nmb.Length,
                    comparison.Difference, comparison)
                {
                    Kind = OutcomeKindNames.NetMonetaryBenefit,
                    Paired = true,
                    Better = Direction.Higher,
                    Threshold = threshold,
                });
            }
            rankings.Add(CostEffectivenessSummary.Rank(threshold, experiment.Scenarios.Select(s => s.Name).ToList(), all));
        }
        return new CostEffectivenessSummary(columns[plan.Cost].Outcome, columns[plan.Qalys].Outcome, units, plan.Thresholds, rankings);
    }

    private static string DesignName(CompiledExperiment experiment) => experiment.Uncertainty.Derivation ?? experiment.Uncertainty.Kind switch
    {
        null => "none",
        DesignKind.MonteCarlo => "monteCarlo",
        DesignKind.LatinHypercube => "latinHypercube",
        var k => k.ToString()!.ToLowerInvariant(),
    };

    public string ToCsv() => SummaryCsv.Write(this);

    public string ToJson() => SummaryJson.Write(this);

    public static SweepSummary FromJson(string text) => SummaryJson.Read(text);

    public static IReadOnlyList<string> CsvHeader => SummaryCsv.Header;
}
