using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Scenarios.Format;

namespace Simulation.Engine.Calibration.Format;

/// <summary>
/// A fit file as written (docs/calibration.md): the model, the observed data, the inputs to estimate with their
/// bounds and priors, and how each data column compares with the model. Nothing is resolved yet; every part
/// remembers where it was written.
/// </summary>
public sealed record FitDocument
{
    public required string Name { get; init; }
    public string? Description { get; init; }

    /// <summary>The model file as written, and resolved against the fit file's folder.</summary>
    public required NameReference Model { get; init; }
    public required string ModelPath { get; init; }

    /// <summary>The data file (CSV) as written, and resolved against the fit file's folder.</summary>
    public required NameReference Data { get; init; }
    public required string DataPath { get; init; }

    public TimeOverride? Time { get; init; }

    /// <summary>Fixes the search's and the sampler's random choices.</summary>
    public ulong Seed { get; init; }

    public ImmutableArray<FitParameter> Parameters { get; init; } = ImmutableArray<FitParameter>.Empty;

    /// <summary>The series to fit; empty means every data column against the model variable of the same name.</summary>
    public ImmutableArray<FitSeries> Series { get; init; } = ImmutableArray<FitSeries>.Empty;

    public SourceLocation? SeriesLocation { get; init; }

    public required SourceFile Source { get; init; }

    public SourceLocation? Location { get; init; }
}

/// <summary>How the search moves a parameter between its bounds: evenly, or evenly in its logarithm.</summary>
public enum ParameterScale
{
    Linear,
    Log,
}

/// <summary>One input to estimate: its bounds, how it acts on the input, and an optional prior.</summary>
public sealed record FitParameter
{
    public required InputReference Target { get; init; }
    public double? Min { get; init; }
    public double? Max { get; init; }
    public SourceLocation? MinLocation { get; init; }
    public SourceLocation? MaxLocation { get; init; }
    public ApplyMode Apply { get; init; } = ApplyMode.Set;
    public ParameterScale Scale { get; init; } = ParameterScale.Linear;

    /// <summary>A first guess the global search starts from (with the rest of its population).</summary>
    public double? Start { get; init; }
    public SourceLocation? StartLocation { get; init; }

    /// <summary>The prior distribution (default: uniform between the bounds).</summary>
    public DistributionDefinition? Prior { get; init; }

    public SourceLocation? Location { get; init; }
}

/// <summary>How a series' observations scatter around the model's values.</summary>
public enum ErrorKind
{
    /// <summary>Sum of squared errors: a normal error whose sd, shared by every sse series, is estimated.</summary>
    Sse,
    Normal,
    LogNormal,
    Poisson,
    NegativeBinomial,
}

/// <summary>How the model gives a series: its value at each data time, or its integral over each data interval.</summary>
public enum SeriesKind
{
    Value,
    Total,
}

/// <summary>One data column compared with an expression of the model.</summary>
public sealed record FitSeries
{
    public required string Column { get; init; }
    public SourceLocation? ColumnLocation { get; init; }
    public required SeriesKind Kind { get; init; }

    /// <summary>The model expression (a variable, an element, or any formula in the model's equation language).</summary>
    public required EquationSource Expression { get; init; }

    /// <summary>Total only: the length of each data interval ending at a data time (default: since the previous row).</summary>
    public double? Interval { get; init; }
    public SourceLocation? IntervalLocation { get; init; }

    public ErrorKind Error { get; init; } = ErrorKind.Normal;

    /// <summary>Normal and log-normal: a known standard deviation (of the value, or of its logarithm); null = estimated.</summary>
    public double? Sd { get; init; }

    /// <summary>Negative binomial: a known dispersion (size k: variance = mean + mean² / k); null = estimated.</summary>
    public double? Dispersion { get; init; }

    /// <summary>Multiplies the series' log-likelihood (its squared errors for sse).</summary>
    public double Weight { get; init; } = 1;

    public SourceLocation? Location { get; init; }
}
