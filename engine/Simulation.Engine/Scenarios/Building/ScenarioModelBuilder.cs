using System.Collections.Immutable;
using Simulation.Engine.Binding;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Scenarios.Format;
using Simulation.Engine.Scenarios.Outcomes;
using Simulation.Engine.Scenarios.Resolution;
using Simulation.Engine.Scenarios.Sampling;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Scenarios.Building;

/// <summary>
/// Builds each scenario's model document from the base model: overrides replace definitions,
/// inputs that are scaled or intervened on become layered schedules (<see cref="ValueLayers"/>), the
/// measurement plan's hidden variables are added, and each sampled column is tied to the elements it sets.
/// Every scenario gets the same hidden outcome variables and the same parameter columns, so runs of
/// different scenarios differ only in what the scenario changes.
/// </summary>
public static class ScenarioModelBuilder
{
    public static ScenarioModel Build(ModelDocument baseModel, BoundModel bound, ResolvedScenario scenario, UncertaintyPlan uncertainty,
        MeasurementPlan measurement, HiddenNames names, DiagnosticBag diagnostics) =>
        Build(baseModel, bound, [scenario], variant: null, uncertainty, measurement, names, diagnostics);

    /// <summary>
    /// One model for several scenarios that change no definition (they only intervene): a hidden parameter, the variant
    /// (<see cref="ScenarioModel.Variant"/>), holds the running scenario's index, and every input any of them intervenes on
    /// is layered, each layer choosing the running scenario's intervention by the variant (<see cref="ValueLayers"/>).
    /// A run with the variant set to a scenario's index computes what that scenario's own model computes.
    /// </summary>
    public static ScenarioModel BuildShared(ModelDocument baseModel, BoundModel bound, IReadOnlyList<ResolvedScenario> scenarios, UncertaintyPlan uncertainty,
        MeasurementPlan measurement, HiddenNames names, DiagnosticBag diagnostics)
    {
        if (scenarios.Any(s => !s.Overrides.IsEmpty)) throw new ArgumentException("scenarios that override definitions have models of their own", nameof(scenarios));
        return Build(baseModel, bound, scenarios, names.Make("(scenario)"), uncertainty, measurement, names, diagnostics);
    }

    private static ScenarioModel Build(ModelDocument baseModel, BoundModel bound, IReadOnlyList<ResolvedScenario> scenarios, string? variant,
        UncertaintyPlan uncertainty, MeasurementPlan measurement, HiddenNames names, DiagnosticBag diagnostics)
    {
        var variables = baseModel.Variables.ToList();
        int IndexOf(string name) => variables.FindIndex(v => Identifier.Canonical(v.Name) == Identifier.Canonical(name));

        foreach (var o in scenarios.SelectMany(s => s.Overrides))
        {
            int i = IndexOf(o.Target.VariableName);
            variables[i] = OverrideApplier.Apply(variables[i], o, diagnostics);
        }

        var targets = ImmutableArray.CreateBuilder<(string, int)>();
        var columns = ImmutableArray.CreateBuilder<int>();
        var maps = ImmutableArray.CreateBuilder<InputDistribution?>();
        var bases = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
        var columnsByVariable = uncertainty.Columns.Select((c, k) => (c, k)).GroupBy(x => x.c.Target.VariableName, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
        var intervened = scenarios.SelectMany(s => s.Interventions).Select(x => x.Target.VariableName).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (string variable in columnsByVariable.Keys.Concat(intervened).Distinct(StringComparer.OrdinalIgnoreCase).ToList())
        {
            var sampled = columnsByVariable.GetValueOrDefault(variable) ?? [];
            var byVariant = scenarios.Select(s => new ValueLayers.VariantInterventions(s.Index,
                s.Interventions.Where(x => string.Equals(x.Target.VariableName, variable, StringComparison.OrdinalIgnoreCase)).ToList())).ToList();
            var multipliers = sampled.Where(x => x.c.Apply == ApplyMode.Multiply).ToList();
            string setTarget = variable;
            if (multipliers.Count > 0 || byVariant.Any(v => v.Interventions.Count > 0))
            {
                int i = IndexOf(variable);
                var layers = ValueLayers.Build(variables[i], ElementKeys(bound, variable), multipliers.Select(m => m.c).ToList(), byVariant, variant, names);
                variables.RemoveAt(i);
                variables.InsertRange(i, layers.Variables);
                setTarget = layers.BaseName;
                bases[variable] = layers.BaseName;
                foreach (var (factor, column) in layers.Factors)
                {
                    targets.Add((factor, 0));
                    columns.Add(multipliers.First(m => m.c == column).k);
                    maps.Add(null);
                }
            }
            foreach (var (column, k) in sampled.Where(x => x.c.Apply == ApplyMode.Set))
                for (int i = 0; i < column.Target.Positions.Length; i++)
                {
                    targets.Add((setTarget, column.Target.Positions[i]));
                    columns.Add(k);
                    maps.Add(column.ElementMapAt(i));
                }
        }
        variables.AddRange(measurement.Variables);
        if (variant is not null)
            variables.Add(new VariableDefinition { Name = variant, Kind = VariableKind.Auxiliary, Equation = EquationSource.Detached(ExprPrinter.FormatNumber(scenarios[0].Index), "<experiment>") });
        return new ScenarioModel(baseModel with { Variables = variables.ToImmutableArray() }, targets.ToImmutable(), columns.ToImmutable(), maps.ToImmutable(), bases.ToImmutable())
        {
            Variant = variant,
        };
    }

    /// <summary>Each element's names (one per dimension), in row-major order: the keys of per-element entries.</summary>
    private static ImmutableArray<string[]> ElementKeys(BoundModel bound, string variable)
    {
        var v = bound.FindVariable(variable)!;
        return Binder.Positions(v.Dimensions).Select(ix => ix.Select((x, k) => v.Dimensions[k].Elements[x]).ToArray()).ToImmutableArray();
    }
}
