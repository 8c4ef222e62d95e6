using System.Collections.Immutable;
using Simulation.Engine.Scenarios.Format;
using Simulation.Engine.Scenarios.Outcomes;

namespace Simulation.Engine.Scenarios.Summary;

/// <summary>
/// What the summary needs to judge the outcomes, fixed when the experiment is compiled: for each outcome column,
/// which way is better and whether it is already a comparison with the baseline; the parts of each ratio; the cost
/// and QALY outcomes and thresholds for net monetary benefit; and which outcomes make the headline.
/// </summary>
public sealed record DecisionPlan(ImmutableArray<ColumnDecision> Columns, CostEffectivenessPlan? CostEffectiveness, ImmutableArray<int> Headline)
{
    public static readonly ImmutableArray<double> DefaultThresholds = [20000, 30000];
}

/// <param name="Kind">The outcome's kind as the experiment writes it (value, total, mean, difference, ratio, changeFromBaseline, avoided).</param>
/// <param name="Paired">The outcome is already scenario against baseline in the same future (its baseline value is 0).</param>
/// <param name="Better">Which way is better; null when neither the experiment nor the defaults say.</param>
/// <param name="Ratio">For a ratio outcome, its operands.</param>
public sealed record ColumnDecision(string Kind, bool Paired, Direction? Better, RatioParts? Ratio);

/// <param name="Incremental">Both operands are paired changes: the ratio is a ratio of mean differences (an ICER).</param>
public sealed record RatioParts(int Numerator, int Denominator, bool Incremental, Direction? NumeratorBetter, Direction? DenominatorBetter);

/// <summary>Net monetary benefit at each threshold λ: λ x ΔQALYs - Δcost, future by future, from these two outcome columns.</summary>
public sealed record CostEffectivenessPlan(int Cost, int Qalys, ImmutableArray<double> Thresholds);

/// <summary>Outcome kinds as written in experiment files and in the summary.</summary>
public static class OutcomeKindNames
{
    public const string NetMonetaryBenefit = "netMonetaryBenefit";

    public static string Of(OutcomeKind kind) => kind switch
    {
        OutcomeKind.ChangeFromBaseline => "changeFromBaseline",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
