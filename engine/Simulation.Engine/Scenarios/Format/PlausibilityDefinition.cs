using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;

namespace Simulation.Engine.Scenarios.Format;

/// <summary>
/// A plausibility target as written (history matching): the baseline's value of an outcome (or of one of its
/// elements) must lie in [min, max] for a future to count; either bound may be left out.
/// </summary>
public sealed record PlausibilityDefinition
{
    public required NameReference Outcome { get; init; }

    /// <summary>One element of an outcome measured by element; null: every element of it.</summary>
    public string? Element { get; init; }

    public double? Min { get; init; }
    public double? Max { get; init; }

    /// <summary>Where the range comes from (a statistic, its year): shown with the exclusions.</summary>
    public string? Doc { get; init; }

    public SourceLocation? Location { get; init; }
}
