namespace Simulation.Engine.Scenarios.Summary;

/// <summary>
/// One line of the summary: an outcome (and element) in one scenario, across futures, and, for scenarios
/// other than the baseline, the paired difference scenario - baseline over the futures where both are finite.
/// </summary>
public sealed record SummaryRow(string Scenario, string Outcome, string Element, string? Units, int Runs, Distribution Value, Distribution? Difference);
