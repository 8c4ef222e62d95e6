using Simulation.Engine.Scenarios.Format;

namespace Simulation.Engine.Scenarios.Summary;

/// <summary>
/// One line of the summary: an outcome (and element) in one scenario, across futures (<see cref="Value"/>), and, for
/// scenarios other than the baseline, the paired comparison with the baseline (<see cref="Comparison"/>: each future's
/// scenario value minus the baseline's in the same future). A ratio outcome also has <see cref="Ratio"/>, its ratio of
/// means; an incremental ratio (of two paired changes) has no comparison, only that ratio and its quadrant.
/// </summary>
public sealed record SummaryRow(string Scenario, string Outcome, string Element, string? Units, int Runs, Distribution Value, Comparison? Comparison)
{
    /// <summary>The outcome's kind as the experiment writes it, or "netMonetaryBenefit" for the rows the summary adds.</summary>
    public string Kind { get; init; } = "value";

    /// <summary>The outcome is itself a comparison with the baseline in the same future (its baseline value is 0).</summary>
    public bool Paired { get; init; }

    public Direction? Better { get; init; }

    public RatioSummary? Ratio { get; init; }

    /// <summary>For a net monetary benefit row: the threshold per QALY.</summary>
    public double? Threshold { get; init; }

    /// <summary>The outcome with its element: <c>Deaths[Q1]</c>.</summary>
    public string Name => Element.Length == 0 ? Outcome : $"{Outcome}[{Element}]";

    /// <summary>The share of futures in which the scenario is better than the baseline; null without a direction or a comparison.</summary>
    public double? PBetter => Comparison?.PBetter(Better);

    /// <summary>A ratio of two paired changes: its value is the ratio of mean differences.</summary>
    public bool IsIncrementalRatio => Ratio is not null && Comparison is null;
}
