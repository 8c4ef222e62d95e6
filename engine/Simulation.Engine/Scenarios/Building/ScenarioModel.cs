using System.Collections.Immutable;
using Simulation.Engine.Model;
using Simulation.Engine.Scenarios.Sampling;

namespace Simulation.Engine.Scenarios.Building;

/// <summary>
/// A scenario's own model document (overrides applied, interventions and outcomes compiled in), with
/// the elements each run sets: parameter k is element <see cref="ParameterTargets"/>[k] and takes design column
/// <see cref="ParameterColumns"/>[k], through <see cref="ParameterMaps"/>[k] (the quantile function of the element's own distribution, for an array
/// drawn at one quantile level; null, the value itself, for most).
/// An input that is scaled or intervened on keeps its definition in a base variable below the layers
/// (<see cref="LayerBases"/>: input name -> base name); <see cref="DefinitionOf"/> names where any input's definition is.
/// </summary>
public sealed record ScenarioModel(
    ModelDocument Document,
    ImmutableArray<(string Variable, int Position)> ParameterTargets,
    ImmutableArray<int> ParameterColumns,
    ImmutableArray<InputDistribution?> ParameterMaps,
    ImmutableDictionary<string, string> LayerBases)
{
    /// <summary>
    /// The hidden parameter that says which scenario runs, in a model several scenarios share (its value is the scenario's
    /// index; see <see cref="ScenarioModelBuilder.BuildShared"/>); null in one scenario's own model.
    /// </summary>
    public string? Variant { get; init; }

    /// <summary>The variable of this model that holds <paramref name="input"/>'s definition: its base when layered, else itself.</summary>
    public string DefinitionOf(string input) => LayerBases.GetValueOrDefault(input) ?? input;
}
