using System.Collections.Immutable;
using Simulation.Engine.Model;
using Simulation.Engine.Scenarios.Sampling;

namespace Simulation.Engine.Scenarios.Building;

/// <summary>
/// A scenario's own model document (overrides applied, interventions and outcomes compiled in), with
/// the elements each run sets: parameter k is element <see cref="ParameterTargets"/>[k] and takes design column
/// <see cref="ParameterColumns"/>[k], through <see cref="ParameterMaps"/>[k] (the quantile function of the element's own distribution, for an array
/// drawn at one quantile level; null, the value itself, for most).
/// </summary>
public sealed record ScenarioModel(
    ModelDocument Document,
    ImmutableArray<(string Variable, int Position)> ParameterTargets,
    ImmutableArray<int> ParameterColumns,
    ImmutableArray<InputDistribution?> ParameterMaps);
