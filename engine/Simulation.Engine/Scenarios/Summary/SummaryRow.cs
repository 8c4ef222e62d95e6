namespace Simulation.Engine.Scenarios.Summary;

/// <summary>
/// One line of the summary: an outcome (and element) in one scenario, across futures, and, for scenarios
/// other than the baseline, the paired difference scenario - baseline over the futures where both are finite.
/// For a ratio outcome, <see cref="RatioOfMeans"/> is mean(numerator) / mean(denominator) over the futures where both
/// are finite: the stable summary (as an ICER is) where the per-run ratio's mean is thrown about by near-zero denominators.
/// </summary>
public sealed record SummaryRow(string Scenario, string Outcome, string Element, string? Units, int Runs, Distribution Value, Distribution? Difference,
    double? RatioOfMeans = null);
