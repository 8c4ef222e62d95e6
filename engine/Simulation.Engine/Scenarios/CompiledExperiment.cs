using System.Collections.Immutable;
using Simulation.Engine.Model;
using Simulation.Engine.Scenarios.Format;
using Simulation.Engine.Scenarios.Outcomes;
using Simulation.Engine.Scenarios.Plausibility;
using Simulation.Engine.Scenarios.Resolution;

namespace Simulation.Engine.Scenarios;

/// <summary>
/// An experiment ready to sweep: every scenario compiled, the design, and what each run records.
/// Futures (sample, replication) are numbered f = sample * R + replication; every scenario runs every future,
/// with the same sampled values and the same random stream (stream index f), so differences between
/// scenarios are paired. Run ids are scenario-major: run = scenario * Futures + f. A record, so that an analysis can
/// sweep the same experiment over another design: <c>experiment with { Uncertainty = ... }</c>.
/// </summary>
public sealed record CompiledExperiment
{
    public required ExperimentDocument Document { get; init; }
    public required ModelDocument Model { get; init; }
    public required StepClock Clock { get; init; }
    public required ImmutableArray<CompiledScenario> Scenarios { get; init; }
    public required int Baseline { get; init; }
    public required UncertaintyPlan Uncertainty { get; init; }
    public required MeasurementPlan Measurement { get; init; }

    /// <summary>History matching: the outcome ranges a future's baseline must meet to be kept in the summary (none: every future counts).</summary>
    public ImmutableArray<PlausibilityTarget> Plausibility { get; init; } = ImmutableArray<PlausibilityTarget>.Empty;

    /// <summary>What the command line changed in the experiment file (<see cref="Document"/> already has them applied).</summary>
    public SweepOverrides Overrides { get; init; } = SweepOverrides.None;

    /// <summary>How the summary judges each outcome: directions, ratios, cost-effectiveness, headline.</summary>
    public required Summary.DecisionPlan Decisions { get; init; }

    public ulong Seed => Document.Seed;

    public int Futures => (int)Uncertainty.Futures;

    public long Runs => (long)Scenarios.Length * Futures;

    public int Replications => Uncertainty.Replications;

    public int SampleOf(int future) => future / Replications;

    public int ReplicationOf(int future) => future % Replications;

    public long RunId(int scenario, int future) => (long)scenario * Futures + future;
}
