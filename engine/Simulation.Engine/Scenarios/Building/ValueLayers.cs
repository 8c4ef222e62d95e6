using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Scenarios.Format;
using Simulation.Engine.Scenarios.Resolution;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Scenarios.Building;

/// <summary>
/// Rewrites an input that is scaled by sampled factors or changed by dated interventions into a chain
/// of variables, so that uncertainty and interventions compose inside the compiled run:
/// <code>
/// X (base)              the input as the scenario defines it; sampled values replace its elements
/// X (factor k)          1, or the sampled factor of multiplier column k
/// X (scaled)            X (base) * the factors that cover each element
/// X (before ... k)      one layer per intervention, in time order, each over the layer below
/// X                     the last layer, keeping the input's name, so the model's equations read it unchanged
/// </code>
/// An intervention layer is, per element it covers, with P the layer below:
/// set v at T: <c>IF STEP(1, T) > 0 THEN v ELSE P</c>; multiply by f: <c>P * (IF STEP(1, T) > 0 THEN f ELSE 1)</c>;
/// stop: set 0; ramp to v from T1 to T2: <c>IF STEP(1, T2) > 0 THEN v ELSE P + (v - P) * RAMP(1 / (T2 - T1), T1, T2)</c>
/// (and the factor ramps from 1 to f likewise). STEP forgives a millionth of dt, as everywhere in the engine.
/// Elements an intervention does not cover just repeat the layer below, which the compiler turns into a shared slot.
/// </summary>
internal static class ValueLayers
{
    /// <summary>One scenario's interventions on the input, in time order, and the value that names the scenario in a shared model.</summary>
    public sealed record VariantInterventions(double Variant, IReadOnlyList<ResolvedIntervention> Interventions);

    public sealed record Result(IReadOnlyList<VariableDefinition> Variables, string BaseName, IReadOnlyList<(string Factor, SampledInput Column)> Factors);

    public static Result Build(VariableDefinition input, ImmutableArray<string[]> elementKeys, IReadOnlyList<SampledInput> multipliers,
        IReadOnlyList<ResolvedIntervention> interventions, HiddenNames names) =>
        Build(input, elementKeys, multipliers, [new VariantInterventions(0, interventions)], variant: null, names);

    /// <summary>
    /// The layers of several scenarios in one model (see <see cref="ScenarioModelBuilder.BuildShared"/>): layer k of an element is
    /// <c>IF variant = v THEN (v's k-th intervention over the layer below) ELSE ...</c> for each scenario v that has a k-th
    /// intervention covering it, and the layer below for the others, which is what each scenario's own layers give.
    /// </summary>
    /// <param name="variant">The name of the parameter that holds the scenario's value; null for one scenario's own layers.</param>
    public static Result Build(VariableDefinition input, ImmutableArray<string[]> elementKeys, IReadOnlyList<SampledInput> multipliers,
        IReadOnlyList<VariantInterventions> byVariant, string? variant, HiddenNames names)
    {
        var variables = new List<VariableDefinition>();
        string baseName = names.Make($"{input.Name} (base)");
        variables.Add(input with { Name = baseName });
        string below = baseName;
        var factors = new List<(string, SampledInput)>();
        int layers = byVariant.Max(v => v.Interventions.Count);
        if (multipliers.Count > 0)
        {
            foreach (var column in multipliers)
            {
                string factor = names.Make($"{input.Name} (factor {factors.Count + 1})");
                factors.Add((factor, column));
                variables.Add(new VariableDefinition { Name = factor, Kind = VariableKind.Auxiliary, Equation = EquationSource.Detached("1") });
            }
            string scaled = layers == 0 ? input.Name : names.Make($"{input.Name} (scaled)");
            variables.Add(Layer(input, scaled, below, elementKeys, p =>
            {
                var covering = factors.Where(f => f.Item2.Target.Positions.Contains(p)).Select(f => Name(f.Item1)).ToList();
                return covering.Count == 0 ? null : $"{Name(below)} * {string.Join(" * ", covering)}";
            }));
            below = scaled;
        }
        for (int k = 0; k < layers; k++)
        {
            string name = k == layers - 1 ? input.Name : names.Make($"{input.Name} (before intervention {k + 2})");
            string previous = below;
            int layer = k;
            variables.Add(Layer(input, name, previous, elementKeys, p =>
            {
                var cases = byVariant.Where(v => v.Interventions.Count > layer && v.Interventions[layer].Target.Positions.Contains(p))
                    .Select(v => (v.Variant, Schedule(v.Interventions[layer].Definition, Name(previous)))).ToList();
                if (cases.Count == 0) return null;
                if (variant is null) return cases.Single().Item2;
                return cases.AsEnumerable().Reverse().Aggregate(Name(previous), (otherwise, c) => $"IF {Name(variant)} = {Number(c.Variant)} THEN ({c.Item2}) ELSE ({otherwise})");
            }));
            below = name;
        }
        return new Result(variables, baseName, factors);
    }

    /// <summary>A variable shaped like the input whose elements are <paramref name="below"/> unless <paramref name="equation"/> says otherwise.</summary>
    private static VariableDefinition Layer(VariableDefinition input, string name, string below, ImmutableArray<string[]> elementKeys, Func<int, string?> equation)
    {
        var entries = ImmutableArray.CreateBuilder<ElementDefinition>();
        string? scalar = null;
        for (int p = 0; p < elementKeys.Length; p++)
        {
            if (equation(p) is not { } text) continue;
            if (input.Dimensions.IsEmpty) scalar = text;
            else entries.Add(new ElementDefinition { Subscript = [.. elementKeys[p]], Equation = Generated(text) });
        }
        var layer = name == input.Name ? input : new VariableDefinition { Name = name, Kind = VariableKind.Auxiliary, Dimensions = input.Dimensions };
        return layer with { Equation = Generated(scalar ?? Name(below)), Elements = entries.ToImmutable(), Graph = null };
    }

    private static string Schedule(InterventionDefinition d, string below)
    {
        string v = Number(d.Value), start = Number(d.Start);
        if (d.End is not double end)
            return d.Action switch
            {
                InterventionAction.Multiply => $"{below} * (IF STEP(1, {start}) > 0 THEN {v} ELSE 1)",
                InterventionAction.Stop => $"IF STEP(1, {start}) > 0 THEN 0 ELSE {below}",
                _ => $"IF STEP(1, {start}) > 0 THEN {v} ELSE {below}",
            };
        string fraction = $"RAMP(1 / ({Number(end)} - {start}), {start}, {Number(end)})", reached = $"STEP(1, {Number(end)}) > 0";
        return d.Action == InterventionAction.Multiply
            ? $"{below} * (IF {reached} THEN {v} ELSE 1 + ({v} - 1) * {fraction})"
            : $"IF {reached} THEN {v} ELSE {below} + ({v} - {below}) * {fraction}";
    }

    private static string Number(double x) => x < 0 ? $"({ExprPrinter.FormatNumber(x)})" : ExprPrinter.FormatNumber(x);

    private static string Name(string name) => ExprPrinter.FormatName(name);

    private static EquationSource Generated(string text) => EquationSource.Detached(text, "<experiment>");
}
