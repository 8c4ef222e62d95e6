using Simulation.Engine.Binding;
using Simulation.Engine.Compilation;
using Simulation.Engine.Results;

namespace Simulation.Engine.Runtime;

/// <summary>Runs a compiled plan once on the reference evaluator and collects the saved values.</summary>
public static class Simulator
{
    /// <param name="seed">Random seed of the experiment (random builtins draw from the stream of (seed, run index)).</param>
    public static SimulationResult Run(EvaluationPlan plan, IReadOnlyList<OutputColumn>? outputs = null, double[]? parameters = null,
        bool continueOnNonFinite = false, ulong seed = 0, ulong runIndex = 0)
    {
        outputs ??= DefaultOutputs(plan);
        var rows = new RowCollector();
        var recorder = Stream(plan, outputs, rows, parameters, continueOnNonFinite, seed, runIndex);
        return new SimulationResult(outputs.Select(c => c.Name).ToList(), rows.Times, rows.Rows, recorder.Diagnostics);
    }

    /// <summary>
    /// Runs as <see cref="Run"/> does but hands each saved row to <paramref name="rows"/> as it is produced, so that
    /// memory does not grow with the number of saved rows (sim run --output). The recorder returned counts the rows
    /// and holds the run's diagnostics.
    /// </summary>
    public static ResultRecorder Stream(EvaluationPlan plan, IReadOnlyList<OutputColumn> outputs, IRowSink rows, double[]? parameters = null,
        bool continueOnNonFinite = false, ulong seed = 0, ulong runIndex = 0)
    {
        var recorder = new ResultRecorder(plan, outputs, rows);
        var kernel = new ReferenceEvaluator(plan, parameters ?? plan.ParameterDefaults.ToArray(), recorder, !continueOnNonFinite, seed, runIndex);
        Integrator.Run(ref kernel, plan.Time, plan.StepCount, plan.SaveEvery);
        return recorder;
    }

    /// <summary>Every element users wrote (not hidden ones), in the model's order.</summary>
    public static IReadOnlyList<OutputColumn> DefaultOutputs(EvaluationPlan plan) =>
        plan.Model.Elements.Where(e => !e.IsHidden).Select(e => new OutputColumn(e.DisplayName, plan.ElementSlots[e.Id], e.Id)).ToList();

    /// <summary>
    /// Outputs for the named variables or elements (<see cref="NameResolver"/>: every element of an arrayed variable,
    /// or those a subscript names), or null with the names that name nothing.
    /// </summary>
    public static (IReadOnlyList<OutputColumn>? Columns, IReadOnlyList<string> Unknown) SelectOutputs(EvaluationPlan plan, IEnumerable<string> names)
    {
        var resolver = new NameResolver(plan.Model);
        var columns = new List<OutputColumn>();
        var unknown = new List<string>();
        foreach (var name in names)
        {
            var named = resolver.Resolve(name);
            var ids = named.Problem == NameProblem.None && named.Variable!.Elements.Count > 0 ? named.Elements
                : resolver.ElementNamed(name) is { } element ? [element.Id]
                : null;
            if (ids is null) unknown.Add(name);
            else columns.AddRange(ids.Select(id => new OutputColumn(plan.Model.Elements[id].DisplayName, plan.ElementSlots[id], id)));
        }
        return (unknown.Count == 0 ? columns : null, unknown);
    }
}
