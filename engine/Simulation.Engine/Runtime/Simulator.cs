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
        var recorder = new ResultRecorder(plan, outputs);
        var kernel = new ReferenceEvaluator(plan, parameters ?? plan.ParameterDefaults.ToArray(), recorder, !continueOnNonFinite, seed, runIndex);
        Integrator.Run(ref kernel, plan.Time, plan.StepCount, plan.SaveEvery);
        return recorder.ToResult();
    }

    /// <summary>Every element users wrote (not hidden ones), in the model's order.</summary>
    public static IReadOnlyList<OutputColumn> DefaultOutputs(EvaluationPlan plan) =>
        plan.Model.Elements.Where(e => !e.IsHidden).Select(e => new OutputColumn(e.DisplayName, plan.ElementSlots[e.Id], e.Id)).ToList();

    /// <summary>Outputs for the named variables (all elements of an arrayed one), or null with the unknown names.</summary>
    public static (IReadOnlyList<OutputColumn>? Columns, IReadOnlyList<string> Unknown) SelectOutputs(EvaluationPlan plan, IEnumerable<string> names)
    {
        var columns = new List<OutputColumn>();
        var unknown = new List<string>();
        foreach (var name in names)
        {
            var variable = plan.Model.FindVariable(name);
            var element = variable is null ? plan.Model.Elements.FirstOrDefault(e => Syntax.Identifier.Canonical(e.DisplayName) == Syntax.Identifier.Canonical(name)) : null;
            if (variable is not null && variable.Elements.Count > 0)
                columns.AddRange(variable.Elements.Select(id => new OutputColumn(plan.Model.Elements[id].DisplayName, plan.ElementSlots[id], id)));
            else if (element is not null)
                columns.Add(new OutputColumn(element.DisplayName, plan.ElementSlots[element.Id], element.Id));
            else
                unknown.Add(name);
        }
        return (unknown.Count == 0 ? columns : null, unknown);
    }
}
