namespace Simulation.Reporting.Report;

/// <summary>An input's estimate of one measure with its 95% interval (Low = High = Value when the method gives none).</summary>
public sealed record IndexEstimate(double Value, double Low, double High);

/// <summary>One measure (S1, ST, mu*, PRCC) for each of the chart's inputs, in the chart's input order (null: not estimated).</summary>
public sealed record IndexSeries(string Name, int Colour, IReadOnlyList<IndexEstimate?> Estimates);

/// <summary>
/// A tornado of sensitivity measures: the inputs that matter most for one outcome of one scenario (or its paired
/// difference from the baseline), each measure's estimate with its interval.
/// </summary>
public sealed record IndexChart(string Id, string Outcome, string Scenario, string Subtitle, string Axis, double? AxisMin, double? AxisMax,
    IReadOnlyList<string> Inputs, IReadOnlyList<IndexSeries> Series)
    : ChartSpec(Id, "sensitivity", $"{Outcome}: {Scenario}", $"{Outcome}, {Scenario}: {Subtitle}.");

/// <summary>One input's measure at each saved time.</summary>
public sealed record IndexLine(string Input, int Colour, double[] Values);

/// <summary>How a sensitivity measure of the inputs that matter most for a recorded series changes over the run.</summary>
public sealed record IndexOverTimeChart(string Id, string Variable, string Scenario, string Measure, string? TimeUnits, double[] Times, IReadOnlyList<IndexLine> Lines)
    : ChartSpec(Id, "sensitivity-over-time", $"{Variable}: {Scenario}", $"{Variable}, {Scenario}: {Measure} of the inputs that matter most, at each saved time.");

/// <summary>PRIM's peeling trajectory: each step's coverage and density, the chosen step marked.</summary>
public sealed record TradeoffChart(string Id, string Question, int Box, double[] Coverage, double[] Density, int[] Restricted, int Chosen)
    : ChartSpec(Id, "discovery", $"Box {Box}: coverage against density",
        $"{Question}: each step of the peeling trajectory of box {Box}, from every run (coverage 1) to the smallest box; the chosen step is marked.");

/// <summary>Where a PRIM box's limits lie within each restricted input's range in the sweep (0 its minimum, 1 its maximum).</summary>
public sealed record BoxLimits(string Input, double Low, double High, double Min, double Max, double RangeMin, double RangeMax, double? QuasiP);

public sealed record BoxChart(string Id, string Question, int Box, double Coverage, double Density, double Mass, IReadOnlyList<BoxLimits> Limits)
    : ChartSpec(Id, "discovery", $"Box {Box}: the restricted inputs",
        $"{Question}: box {Box}'s limits on each restricted input, as positions in the input's range across the runs (0 its lowest value, 1 its highest).");
