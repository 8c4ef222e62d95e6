using Simulation.Engine.Scenarios.Summary;

namespace Simulation.Reporting.Report;

/// <summary>
/// What a chart shows, as data: the report draws it with ECharts (<see cref="ReportCharts"/>) and <c>sim plot</c> with
/// ScottPlot (<see cref="Plots.SlideCharts"/>), so both show the same numbers.
/// </summary>
/// <param name="Section">Where the report puts it ("differences", "drivers:SCENARIO", "cost-effectiveness", "over-time").</param>
/// <param name="Caption">What it shows, in words (screen readers, print, the figure's caption).</param>
public abstract record ChartSpec(string Id, string Section, string Title, string Caption);

/// <summary>One scenario's paired difference across the futures, as the summary states it (mean and percentiles).</summary>
public sealed record DifferenceBox(string Scenario, int Colour, Distribution Difference);

/// <summary>
/// Each scenario's paired difference on one outcome as a box (P25-P75, the median), whiskers (P5-P95) and the mean,
/// one row per scenario: every scenario stays readable whatever its scale, and the numbers are the summary's.
/// </summary>
public sealed record DifferenceChart(string Id, string Outcome, string? Units, IReadOnlyList<DifferenceBox> Boxes)
    : ChartSpec(Id, "differences", Outcome,
        $"{Outcome}: each scenario's difference from the baseline across the futures: box P25-P75 with the median, whiskers P5-P95, diamond the mean.");

/// <summary>The sampled inputs whose values go most with one scenario's difference on one outcome (Spearman's rho).</summary>
public sealed record TornadoChart(string Id, string Outcome, string Scenario, IReadOnlyList<(string Input, double Rho)> Bars)
    : ChartSpec(Id, "drivers:" + Scenario, $"{Outcome}: {Scenario}",
        $"{Outcome}, {Scenario}: the sampled inputs whose values go most with the difference (rank correlation).");

/// <summary>One scenario's futures on the cost-effectiveness plane.</summary>
public sealed record PlaneCloud(string Scenario, int Colour, double[] Qalys, double[] Costs);

public sealed record PlaneChart(string Id, string Cost, string Qalys, string? CostUnits, IReadOnlyList<PlaneCloud> Clouds, IReadOnlyList<double> Thresholds,
    double QalyMin, double QalyMax)
    : ChartSpec(Id, "cost-effectiveness", "Cost-effectiveness plane", $"Each future's change in {Qalys} and {Cost} against the baseline, per scenario.");

/// <summary>One scenario's probability of being cost-effective at each threshold of the grid.</summary>
public sealed record AcceptabilityCurve(string Scenario, int Colour, double[] Probabilities);

public sealed record AcceptabilityChart(string Id, double[] Grid, IReadOnlyList<AcceptabilityCurve> Curves, IReadOnlyList<double> Thresholds)
    : ChartSpec(Id, "cost-effectiveness", "Cost-effectiveness acceptability",
        "The probability that each scenario is cost-effective against the baseline, as the threshold per QALY rises.");

/// <summary>A scenario's bands over time: Bands[time] = P5, P25, P50, P75, P95.</summary>
public sealed record Fan(string Scenario, string Colour, double[][] Bands);

public sealed record FanChart(string Id, string Variable, string Scenario, string? Units, string? TimeUnits, double[] Times, IReadOnlyList<Fan> Fans)
    : ChartSpec(Id, "over-time", $"{Variable}: {Scenario}",
        $"{Variable} over time: {Scenario} against the baseline (median and bands across the futures).");

/// <summary>Variables of one run over time (sim plot --run).</summary>
public sealed record RunChart(string Id, string Model, string? TimeUnits, double[] Times, IReadOnlyList<(string Name, string? Units, double[] Values)> Lines)
    : ChartSpec(Id, "run", Model, $"{Model}: {string.Join(", ", Lines.Select(l => l.Name))} over time.")
{
    /// <summary>What the vertical axis shows when the lines have no units of their own (relative loop scores, say).</summary>
    public string? ValueLabel { get; init; }
}

/// <summary>What a model says at each time: a middle line and, where known, a band (Low..High; null for a line alone).</summary>
public sealed record ModelBand(string Name, string Colour, double[] Mid, double[]? Low, double[]? High);

/// <summary>
/// Observed data against the model (a calibration's fitted values, an evaluation's counterfactual band): the data as
/// points at their times, each band as a shaded range with its middle line. Missing observations are NaN.
/// </summary>
public sealed record ObservedChart(string Id, string Series, string Subtitle, string? TimeUnits, double[] Times, double[] Observed, IReadOnlyList<ModelBand> Bands)
    : ChartSpec(Id, "observed", Series, $"{Series}: observed (points) against {string.Join(" and ", Bands.Select(b => b.Name))} over time.");
