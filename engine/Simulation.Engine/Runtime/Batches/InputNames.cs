using Simulation.Engine.Binding;
using Simulation.Engine.Checking;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Runtime.Batches;

/// <summary>
/// Resolves the name of a model input as users write it in <c>--set</c> or a design table column:
/// a variable (<c>contact rate</c>; an arrayed one means every element) or one element
/// (<c>admission rate[65-74]</c>). Only inputs and constants can be set per run.
/// </summary>
public static class InputNames
{
    /// <summary>The elements <paramref name="name"/> sets, or why it cannot be set.</summary>
    public static InputResolution Resolve(BoundModel model, ModelAnalysis analysis, string name)
    {
        var variable = model.FindVariable(name);
        IReadOnlyList<int> elements;
        if (variable is not null && variable.Elements.Count > 0) elements = variable.Elements;
        else
        {
            string canonical = Identifier.Canonical(name.Replace(", ", ","));
            var element = model.Elements.FirstOrDefault(e => Identifier.Canonical(e.DisplayName) == canonical);
            if (element is null)
            {
                string? suggestion = NameSuggester.Suggest(name, model.Variables.Where(v => v.Elements.Count > 0).Select(v => v.Name));
                return new([], InputProblem.Unknown, $"the model has no variable '{name}'", suggestion is not null ? $"did you mean '{suggestion}'?" : null);
            }
            elements = [element.Id];
        }
        foreach (int id in elements)
            if (!analysis.TimeInvariant[id] || model.Elements[id].Kind == ElementKind.Stock)
                return new([], InputProblem.NotAnInput, $"'{model.Elements[id].DisplayName}' changes during the run, so it cannot be set",
                    "only constants and inputs can be set; to start a stock elsewhere, set the input its initial value uses");
        return new(elements, InputProblem.None, null, null);
    }
}

public enum InputProblem
{
    None,
    Unknown,
    NotAnInput,
}

/// <summary>What an input name sets (<see cref="Elements"/>), or the problem with a message and a hint.</summary>
public sealed record InputResolution(IReadOnlyList<int> Elements, InputProblem Problem, string? Message, string? Hint);
