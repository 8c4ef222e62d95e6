using System.Collections.Immutable;
using Simulation.Engine.Binding;
using Simulation.Engine.Checking;
using Simulation.Engine.Compilation;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Runtime.Batches;
using Simulation.Engine.Scenarios;
using Simulation.Engine.Scenarios.Building;
using Simulation.Engine.Scenarios.Resolution;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Levers;

/// <summary>
/// A scenario compiled for the levers app: the scenario's model as a sweep builds it (overrides, intervention
/// layers, sampled columns, outcome accumulators), in which every lever element is also a run parameter, so moving a
/// lever changes a run's values and never its code. Lever elements whose definition is a constant are always
/// parameters; one computed from other inputs becomes a parameter only in a variant that sets it (as a parameter
/// it would no longer follow the inputs it is computed from). The plan's first parameters are the sampled
/// columns' (<see cref="CompiledScenario.ParameterColumns"/>), as in a sweep; a lever on a sampled element shares
/// its parameter and overrides the sample. Immutable once built; its batch runner serves concurrent requests.
/// </summary>
internal sealed class LeverPlan
{
    private readonly Dictionary<(string Variable, int Position), int> _parameters;
    private readonly ImmutableDictionary<string, string> _definitions;
    private readonly bool[] _invariant;

    private LeverPlan(CompiledScenario compiled, Dictionary<(string, int), int> parameters, ImmutableDictionary<string, string> definitions, bool[] invariant,
        BatchRunner runner)
    {
        Compiled = compiled;
        _parameters = parameters;
        _definitions = definitions;
        _invariant = invariant;
        Runner = runner;
    }

    public CompiledScenario Compiled { get; }

    public EvaluationPlan Plan => Compiled.Plan;

    public BatchRunner Runner { get; }

    /// <summary>The plan parameter that sets element <paramref name="position"/> of lever <paramref name="variable"/>, if any in this variant.</summary>
    public int? ParameterOf(string variable, int position) =>
        _parameters.TryGetValue((Identifier.Canonical(variable), position), out int k) ? k : null;

    /// <summary>A lever element's value in this scenario (before interventions), evaluated from the scenario's defaults.</summary>
    public double ValueOf(string variable, int position)
    {
        if (ParameterOf(variable, position) is int k) return Plan.ParameterDefaults[k];
        var model = Plan.Model;
        var element = model.Elements[model.FindVariable(_definitions.GetValueOrDefault(variable) ?? variable)!.Elements[position]];
        return element.Equation is { } eq ? new ConstantEvaluator(model, _invariant).Evaluate(eq) ?? double.NaN : double.NaN;
    }

    /// <param name="leverInputs">The inputs that can be moved (<see cref="LeverCatalogue.Levers"/>).</param>
    /// <param name="computed">Lever elements computed from other inputs that this variant must also take as parameters.</param>
    public static LeverPlan? Compile(ResolvedExperiment experiment, IReadOnlyList<string> leverInputs, ResolvedScenario scenario,
        IReadOnlyCollection<(string Variable, int Position)> computed, RecordPlan record, BatchOptions options, DiagnosticBag diagnostics)
    {
        var levers = new Dictionary<int, (string, int)>();
        var definitions = ImmutableDictionary<string, string>.Empty;
        bool[] invariant = [];
        List<int> Levers(ScenarioModel built, BoundModel bound, ModelAnalysis analysis)
        {
            (definitions, invariant) = (built.LayerBases, analysis.TimeInvariant);
            var wanted = computed.Select(c => (Identifier.Canonical(c.Variable), c.Position)).ToHashSet();
            foreach (string input in leverInputs)
            {
                var variable = bound.FindVariable(built.DefinitionOf(input))!;
                for (int p = 0; p < variable.Elements.Count; p++)
                {
                    var element = bound.Elements[variable.Elements[p]];
                    if (!analysis.TimeInvariant[element.Id] || element.Equation is null || element.GraphTable is not null) continue;
                    bool constant = ConstantFolder.Fold(element.Equation, bound) is BConst;
                    if (constant || wanted.Contains((Identifier.Canonical(input), p))) levers[element.Id] = (Identifier.Canonical(input), p);
                }
            }
            return levers.Keys.ToList();
        }

        var compiled = ExperimentCompiler.CompileScenario(experiment, scenario, experiment.Names.Fork(), diagnostics, Levers);
        if (compiled is null) return null;
        var parameters = new Dictionary<(string, int), int>();
        for (int k = 0; k < compiled.Plan.Parameters.Length; k++)
            if (levers.TryGetValue(compiled.Plan.Parameters[k], out var lever)) parameters[lever] = k;
        var runner = new BatchRunner(compiled.Plan, record.RequestFor(compiled.Plan), options);
        return new LeverPlan(compiled, parameters, definitions, invariant, runner);
    }
}
