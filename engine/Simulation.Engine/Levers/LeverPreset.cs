using System.Collections.Immutable;
using Simulation.Engine.Scenarios.Format;

namespace Simulation.Engine.Levers;

/// <summary>
/// A scenario of the experiment as the page offers it: its interventions (its own and its ancestors'), and the
/// lever values it sets that differ from the baseline's (<c>Name</c> or <c>Name[elem]</c> -> value), so choosing
/// the preset moves those sliders.
/// </summary>
public sealed record LeverPreset(string Name, string? Documentation, string? BasedOn, bool IsBaseline,
    ImmutableArray<InterventionDefinition> Interventions, IReadOnlyDictionary<string, double> Values);
