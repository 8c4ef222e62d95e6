using System.Collections.Immutable;
using Simulation.Engine.Binding;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Scenarios;
using Simulation.Engine.Scenarios.Format;
using Simulation.Engine.Scenarios.Outcomes;
using Simulation.Engine.Scenarios.Resolution;

namespace Simulation.Engine.Levers;

/// <summary>
/// An input of the model as the levers page shows it: its units, meaning, source, elements (labels such as
/// <c>65+,Q1</c>; none for a scalar), each element's value in the baseline scenario and plausible range, the group
/// it is shown in, and why it cannot be moved (a graphical function, or a value that changes during the run).
/// </summary>
public sealed record LeverInput(
    string Name,
    string? Units,
    string? Documentation,
    string? Source,
    ImmutableArray<string> Elements,
    ImmutableArray<double> Values,
    ImmutableArray<(double Low, double High)?> Ranges,
    string Group,
    string? NotSettable)
{
    public bool Settable => NotSettable is null;

    public bool IsArrayed => !Elements.IsEmpty;
}

/// <summary>
/// The model's inputs, grouped as the experiment uses them: the levers its scenarios move, the assumptions it
/// samples, and the rest. Names are resolved as experiments resolve them (<see cref="InputResolver"/>, the experiment's
/// rules over the model's one <see cref="NameResolver"/>), so a request names <c>Name</c> or <c>Name[elem]</c> (with
/// <c>*</c> and subranges) exactly as a scenario would.
/// </summary>
public sealed class LeverCatalogue
{
    public const string ScenarioLevers = "Levers the scenarios move";
    public const string SampledAssumptions = "Uncertain assumptions";
    public const string OtherInputs = "Other inputs";

    private readonly ResolvedExperiment _experiment;
    private readonly Dictionary<string, LeverInput> _byName = new(StringComparer.OrdinalIgnoreCase);

    internal LeverCatalogue(ResolvedExperiment experiment, Func<string, int, double> baselineValue)
    {
        _experiment = experiment;
        var moved = experiment.Scenarios.SelectMany(s => s.Overrides.Select(o => o.Target.VariableName).Concat(s.Interventions.Select(i => i.Target.VariableName)))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var sampled = experiment.Uncertainty.Columns.Select(c => c.Target.VariableName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var inputs = new List<LeverInput>();
        foreach (var v in experiment.Bound.Variables.Where(v => v.IsInput))
        {
            var definition = v.Definition!;
            string? why = WhyNotSettable(experiment, v);
            var positions = Enumerable.Range(0, Math.Max(1, v.ElementCount)).ToList();
            string group = moved.Contains(v.Name) ? ScenarioLevers : sampled.Contains(v.Name) ? SampledAssumptions : OtherInputs;
            var input = new LeverInput(v.Name, definition.Units, definition.Documentation, definition.Input!.Source,
                v.Dimensions.IsEmpty ? ImmutableArray<string>.Empty : positions.Select(p => OutcomeResolver.ElementLabel(v.Dimensions, p)).ToImmutableArray(),
                positions.Select(p => why is null ? baselineValue(v.Name, p) : double.NaN).ToImmutableArray(),
                positions.Select(p => definition.Input.RangeOf(p)).ToImmutableArray(),
                group, why);
            inputs.Add(input);
            _byName[v.Name] = input;
        }
        string[] order = [ScenarioLevers, SampledAssumptions, OtherInputs];
        Groups = inputs.GroupBy(i => i.Group).OrderBy(g => Array.IndexOf(order, g.Key))
            .Select(g => (g.Key, (IReadOnlyList<LeverInput>)g.ToList())).ToList();
        Inputs = inputs;
    }

    public IReadOnlyList<LeverInput> Inputs { get; }

    public IReadOnlyList<(string Name, IReadOnlyList<LeverInput> Inputs)> Groups { get; }

    public LeverInput? Find(string variable) => _byName.GetValueOrDefault(variable);

    /// <summary>
    /// The elements a request's input name sets, resolved as an experiment resolves a sampled or intervened input;
    /// null with the problem (unknown name with "did you mean", not an input, no such element, cannot be moved).
    /// </summary>
    internal ResolvedInput? Resolve(string name, string field, out LeverProblem? problem)
    {
        var diagnostics = new DiagnosticBag();
        var resolved = new InputResolver(_experiment.Bound, diagnostics).Resolve(InputReference.Parse(name, null), InputUse.Value);
        problem = null;
        if (resolved is null)
        {
            problem = LeverRequestReader.FromDiagnostic(diagnostics.Items.First(d => d.IsError), field);
            return null;
        }
        if (Find(resolved.VariableName) is { NotSettable: { } why })
        {
            problem = new LeverProblem($"'{resolved.VariableName}' cannot be moved here: {why}", field);
            return null;
        }
        return resolved;
    }

    /// <summary>The inputs that can be moved, by name.</summary>
    public static IReadOnlyList<string> Levers(ResolvedExperiment experiment) =>
        experiment.Bound.Variables.Where(v => v.IsInput && WhyNotSettable(experiment, v) is null).Select(v => v.Name).ToList();

    /// <summary>A lever is a time-invariant auxiliary without a graph: its value is a number fixed for the run, which a run can supply.</summary>
    private static string? WhyNotSettable(ResolvedExperiment experiment, BoundVariable v)
    {
        if (v.Kind == VariableKind.Graphical || v.Definition?.Graph is not null)
            return "it is a graphical function (a scenario's \"set\" can give it new points)";
        if (v.Kind != VariableKind.Auxiliary) return $"it is a {v.Kind.ToString().ToLowerInvariant()}";
        foreach (int id in v.Elements)
            if (!experiment.Analysis.TimeInvariant[id])
                return "its value changes during the run (set the inputs its equation uses instead)";
        return null;
    }
}
