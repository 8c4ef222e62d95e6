using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Scenarios.Resolution;

namespace Simulation.Engine.Scenarios.Building;

/// <summary>
/// Applies a scenario's overrides to a variable's definition, as if the modeller had written them:
/// a new equation for the whole variable replaces its equation and per-element entries; a subscripted
/// target or "elements" adds per-element entries (later ones win); a graph replaces the graph.
/// </summary>
internal static class OverrideApplier
{
    public static VariableDefinition Apply(VariableDefinition def, ResolvedOverride o, DiagnosticBag diagnostics)
    {
        var d = o.Definition;
        if (o.Target.Reference.HasSubscript)
        {
            if (!d.Elements.IsEmpty)
                diagnostics.Error(DiagnosticCodes.InvalidExperiment,
                    $"'{o.Target.Label}' names some elements already; per-element \"elements\" go with the variable's name alone", d.Location,
                    hint: $"write \"{o.Target.Reference.Name}\": {{ \"elements\": {{ ... }} }}");
            var entry = new ElementDefinition { Subscript = o.Target.Reference.Subscript, Equation = d.Equation, Graph = d.Graph, Location = d.Location };
            return def with { Elements = def.Elements.Add(entry) };
        }
        var result = def;
        if (d.Equation is not null)
            result = result with { Equation = d.Equation, Elements = ImmutableArray<ElementDefinition>.Empty };
        if (d.Graph is not null)
            result = result with
            {
                Graph = d.Graph,
                Elements = result.Elements.Where(e => e.Equation is not null).Select(e => e with { Graph = null }).ToImmutableArray(),
            };
        if (!d.Elements.IsEmpty)
            result = result with { Elements = result.Elements.AddRange(d.Elements) };
        return result;
    }
}
