using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;

namespace Simulation.Engine.Scenarios.Format;

/// <summary>A named scenario: changes to the model's inputs and dated interventions, optionally on top of another scenario.</summary>
public sealed record ScenarioDefinition
{
    public required string Name { get; init; }
    public string? Documentation { get; init; }

    /// <summary>The scenario this one starts from (its overrides and interventions come first).</summary>
    public NameReference? BasedOn { get; init; }

    public ImmutableArray<InputOverride> Overrides { get; init; } = ImmutableArray<InputOverride>.Empty;

    public ImmutableArray<InterventionDefinition> Interventions { get; init; } = ImmutableArray<InterventionDefinition>.Empty;

    public SourceLocation? Location { get; init; }
}

/// <summary>
/// A new definition for an input, for the whole run: a value or equation for every element (or for the
/// elements the target's subscript names), per-element values, or new graph points.
/// </summary>
public sealed record InputOverride
{
    public required InputReference Target { get; init; }
    public EquationSource? Equation { get; init; }
    public ImmutableArray<ElementDefinition> Elements { get; init; } = ImmutableArray<ElementDefinition>.Empty;
    public GraphDefinition? Graph { get; init; }
    public SourceLocation? Location { get; init; }
}
