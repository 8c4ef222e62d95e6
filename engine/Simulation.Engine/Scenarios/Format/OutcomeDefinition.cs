using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;

namespace Simulation.Engine.Scenarios.Format;

public enum OutcomeKind
{
    /// <summary>An expression's value at given times.</summary>
    Value,

    /// <summary>The integral of an expression over a period (optionally discounted).</summary>
    Total,

    /// <summary>The time average of an expression over a period.</summary>
    Mean,

    /// <summary>One outcome minus another, in the same run.</summary>
    Difference,

    /// <summary>One outcome divided by another, in the same run.</summary>
    Ratio,

    /// <summary>An outcome minus the baseline's value of it in the same future (paired).</summary>
    ChangeFromBaseline,

    /// <summary>The baseline's value of an outcome minus this run's, in the same future (paired): what a scenario avoids.</summary>
    Avoided,

    /// <summary>
    /// The first of an outcome's times (numbered 1, 2, ... in the order listed) from which on this run's value stays below the
    /// baseline's in the same future (paired); missing when it is not below at the last. Of a cumulative net cost read yearly: the payback year.
    /// </summary>
    Payback,
}

/// <summary>Which way an outcome is better: what "better than the baseline" means in the summary.</summary>
public enum Direction
{
    Lower,
    Higher,
}

/// <summary>A key performance indicator: its name and units, and how it is computed from a run.</summary>
public sealed record OutcomeDefinition
{
    public required string Name { get; init; }
    public string? Units { get; init; }
    public string? Documentation { get; init; }
    public required OutcomeKind Kind { get; init; }

    /// <summary>"better": which way is better; null lets the summary infer it (docs/experiment-format.md, "Which way is better").</summary>
    public Direction? Better { get; init; }

    /// <summary>Value, Total, Mean: the expression measured (in the model's equation language).</summary>
    public EquationSource? Expression { get; init; }

    /// <summary>Value, Total, Mean: arrayed over these dimensions, one outcome value per element.</summary>
    public ImmutableArray<NameReference> By { get; init; } = ImmutableArray<NameReference>.Empty;

    /// <summary>Value: the times to read (one outcome per time when several; the final time when empty).</summary>
    public ImmutableArray<double> At { get; init; } = ImmutableArray<double>.Empty;
    public SourceLocation? AtLocation { get; init; }

    /// <summary>Total, Mean: the period (the whole run when not given).</summary>
    public double? From { get; init; }
    public double? To { get; init; }
    public SourceLocation? FromLocation { get; init; }
    public SourceLocation? ToLocation { get; init; }

    /// <summary>Total: discount at this rate per period (e.g. 0.035 a year).</summary>
    public DiscountDefinition? Discount { get; init; }

    /// <summary>Difference, Ratio: the two outcomes; ChangeFromBaseline, Avoided, Payback: the one.</summary>
    public ImmutableArray<NameReference> Operands { get; init; } = ImmutableArray<NameReference>.Empty;

    public SourceLocation? Location { get; init; }
}

/// <summary>
/// Discounting: a value at time t counts (1 + Rate)^-((t - From) / Period) times. Period is the length of
/// one discounting period in model time units (1 for a model in years, 365 for one in days).
/// </summary>
public sealed record DiscountDefinition
{
    public required double Rate { get; init; }
    public double? Period { get; init; }
    public double? From { get; init; }
    public SourceLocation? Location { get; init; }
    public SourceLocation? RateLocation { get; init; }
}
