using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;

namespace Simulation.Engine.Scenarios.Format;

public enum DistributionKind
{
    Uniform,
    Normal,
    LogNormal,
    Triangular,
    Beta,
    Discrete,
    Pert,
    SplitTriangular,
}

/// <summary>
/// A distribution as written: its kind and the parameters given (by name, each with its location).
/// Which parameters each kind needs, and what values are possible, is checked when the experiment is resolved.
/// </summary>
public sealed record DistributionDefinition
{
    public required DistributionKind Kind { get; init; }

    /// <summary>Numeric parameters by name (min, max, mode, median, mean, sd, mu, sigma, alpha, beta, shape).</summary>
    public ImmutableDictionary<string, (double Value, SourceLocation? Location)> Parameters { get; init; } =
        ImmutableDictionary<string, (double, SourceLocation?)>.Empty;

    /// <summary>Discrete: the possible values, and their weights (equal when not given).</summary>
    public ImmutableArray<double> Values { get; init; } = ImmutableArray<double>.Empty;
    public ImmutableArray<double> Weights { get; init; } = ImmutableArray<double>.Empty;

    public SourceLocation? Location { get; init; }

    public double? this[string name] => Parameters.TryGetValue(name, out var p) ? p.Value : null;

    public SourceLocation? LocationOf(string name) => Parameters.TryGetValue(name, out var p) ? p.Location ?? Location : Location;
}
