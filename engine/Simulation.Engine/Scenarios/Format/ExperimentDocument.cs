using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;

namespace Simulation.Engine.Scenarios.Format;

/// <summary>
/// An experiment file as written (docs/experiment-format.md): the model it runs, the scenarios to
/// compare, the uncertainty to sample, and the outcomes to measure. Nothing is resolved against the
/// model yet; every part remembers where it was written so that later checks can point at it.
/// </summary>
public sealed record ExperimentDocument
{
    public required string Name { get; init; }
    public string? Description { get; init; }

    /// <summary>The model file as written in the experiment (relative to the experiment file's folder).</summary>
    public required NameReference Model { get; init; }

    /// <summary>The model file's path, resolved against the experiment file's folder.</summary>
    public required string ModelPath { get; init; }

    public TimeOverride? Time { get; init; }

    /// <summary>Fixes every sampled value and every random stream of the sweep.</summary>
    public ulong Seed { get; init; }

    /// <summary>The scenario others are compared with; null means the first scenario.</summary>
    public NameReference? Baseline { get; init; }

    /// <summary>The scenarios, in the order written (an experiment without any has one implicit baseline).</summary>
    public ImmutableArray<ScenarioDefinition> Scenarios { get; init; } = ImmutableArray<ScenarioDefinition>.Empty;

    public UncertaintyDefinition? Uncertainty { get; init; }

    public ImmutableArray<OutcomeDefinition> Outcomes { get; init; } = ImmutableArray<OutcomeDefinition>.Empty;

    /// <summary>History matching: ranges the baseline's outcomes must fall in for a future to be kept in the summary.</summary>
    public ImmutableArray<PlausibilityDefinition> Plausibility { get; init; } = ImmutableArray<PlausibilityDefinition>.Empty;

    public OutputOptions Outputs { get; init; } = new();

    /// <summary>"costEffectiveness": which outcomes are the cost and the QALYs, and the thresholds for net monetary benefit.</summary>
    public CostEffectivenessDefinition? CostEffectiveness { get; init; }

    public required SourceFile Source { get; init; }

    public SourceLocation? Location { get; init; }
}

/// <summary>Time settings that replace the model's for this experiment; null keeps the model's own.</summary>
public sealed record TimeOverride
{
    public double? Start { get; init; }
    public double? Stop { get; init; }
    public double? Dt { get; init; }
    public double? SavePeriod { get; init; }
    public IntegrationMethod? Method { get; init; }
    public SourceLocation? Location { get; init; }

    /// <summary>The model's time settings with these overrides, located in the experiment file where overridden.</summary>
    public TimeSettings Apply(TimeSettings time) => time with
    {
        Start = Start ?? time.Start,
        Stop = Stop ?? time.Stop,
        Dt = Dt ?? time.Dt,
        SavePeriod = SavePeriod ?? (Dt is not null && time.SavePeriod is double sp && sp < Dt ? null : time.SavePeriod),
        Method = Method ?? time.Method,
        DtLocation = Dt is null ? time.DtLocation : Location,
        StopLocation = Stop is null ? time.StopLocation : Location,
        SavePeriodLocation = SavePeriod is null ? time.SavePeriodLocation : Location,
    };
}

/// <summary>What a sweep writes besides run and outcome tables.</summary>
public sealed record OutputOptions
{
    /// <summary>Variables whose saved values go to the <c>series</c> table (all elements of arrayed ones).</summary>
    public ImmutableArray<InputReference> Series { get; init; } = ImmutableArray<InputReference>.Empty;

    /// <summary>Also write each table as CSV.</summary>
    public bool Csv { get; init; }

    /// <summary>Futures per committed chunk of work (a Parquet row group holds whole chunks); null lets the runner choose.</summary>
    public int? Chunk { get; init; }
}

/// <summary>
/// The cost and QALY outcomes of a cost-effectiveness comparison (null: found from an incremental cost per QALY
/// ratio), and the willingness-to-pay thresholds at which net monetary benefit is reported (per QALY).
/// </summary>
public sealed record CostEffectivenessDefinition
{
    public NameReference? Cost { get; init; }
    public NameReference? Qalys { get; init; }
    public ImmutableArray<double> Thresholds { get; init; } = ImmutableArray<double>.Empty;
    public SourceLocation? Location { get; init; }
}
