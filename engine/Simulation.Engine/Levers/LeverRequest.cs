using System.Collections.Immutable;
using Simulation.Engine.Scenarios.Format;

namespace Simulation.Engine.Levers;

/// <summary>
/// What the page asks for: input values on top of a scenario (replacing the scenario's definition of those elements,
/// below its interventions), extra dated interventions (after the scenario's), and how many of the experiment's
/// sampled futures to run besides the point run (0: none). Names are as experiments write them: <c>Name</c>
/// (every element) or <c>Name[elem]</c>.
/// </summary>
public sealed record LeverRequest
{
    public ImmutableArray<LeverSetting> Inputs { get; init; } = ImmutableArray<LeverSetting>.Empty;

    /// <summary>The scenario the levers start from; null means the experiment's baseline.</summary>
    public string? Scenario { get; init; }

    public ImmutableArray<InterventionDefinition> Interventions { get; init; } = ImmutableArray<InterventionDefinition>.Empty;

    public int Futures { get; init; }

    /// <summary>The name a saved scenario takes (only "save as scenario" uses it).</summary>
    public string? Name { get; init; }
}

/// <summary>One input value as the request names it.</summary>
public sealed record LeverSetting(string Name, double Value);
