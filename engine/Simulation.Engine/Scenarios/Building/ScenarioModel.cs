using System.Collections.Immutable;
using Simulation.Engine.Model;

namespace Simulation.Engine.Scenarios.Building;

/// <summary>
/// A scenario's own model document (overrides applied, interventions and outcomes compiled in), with
/// the elements each run sets: parameter k is element <see cref="ParameterTargets"/>[k] and takes design column
/// <see cref="ParameterColumns"/>[k], through <see cref="ParameterTransforms"/>[k] (offset + scale x value; (0, 1) for most).
/// </summary>
public sealed record ScenarioModel(
    ModelDocument Document,
    ImmutableArray<(string Variable, int Position)> ParameterTargets,
    ImmutableArray<int> ParameterColumns,
    ImmutableArray<(double Offset, double Scale)> ParameterTransforms);
