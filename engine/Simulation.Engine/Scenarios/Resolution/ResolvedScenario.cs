using System.Collections.Immutable;
using Simulation.Engine.Scenarios.Format;

namespace Simulation.Engine.Scenarios.Resolution;

/// <summary>
/// A scenario with its "basedOn" chain flattened: every override and intervention that applies, the
/// ancestors' first (a later override of the same element wins; interventions apply in time order).
/// </summary>
public sealed record ResolvedScenario(
    string Name,
    int Index,
    string? Documentation,
    ImmutableArray<ResolvedOverride> Overrides,
    ImmutableArray<ResolvedIntervention> Interventions);

/// <summary>An intervention with its target resolved to elements.</summary>
public sealed record ResolvedIntervention(InterventionDefinition Definition, ResolvedInput Target);

/// <summary>An override with its target resolved to elements.</summary>
public sealed record ResolvedOverride(InputOverride Definition, ResolvedInput Target);
