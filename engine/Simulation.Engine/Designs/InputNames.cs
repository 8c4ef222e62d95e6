using Simulation.Engine.Binding;
using Simulation.Engine.Checking;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Designs;

/// <summary>
/// The inputs a name in <c>--set</c> or a design table column sets, found by the model's <see cref="NameResolver"/>:
/// a variable (<c>contact rate</c>; an arrayed one means every element), some elements (<c>admission rate[65-74]</c>,
/// <c>admission rate[*, Q1]</c>, a subrange), or an element by its output name. Only inputs and constants can be set per run.
/// </summary>
public static class InputNames
{
    /// <summary>The elements <paramref name="name"/> sets, or why it cannot be set.</summary>
    public static InputResolution Resolve(BoundModel model, ModelAnalysis analysis, string name)
    {
        var names = new NameResolver(model);
        var named = names.Resolve(name);
        IReadOnlyList<int> elements;
        if (named.Problem == NameProblem.None && named.Variable!.Elements.Count > 0) elements = named.Elements.ToList();
        else if (names.ElementNamed(name) is { } element) elements = [element.Id];
        else if (named.Problem == NameProblem.UnknownElement) return new([], InputProblem.Unknown, named.Message, named.Hint);
        else
        {
            string? suggestion = NameSuggester.Suggest(name, model.Variables.Where(v => v.Elements.Count > 0).Select(v => v.Name));
            return new([], InputProblem.Unknown, $"the model has no variable '{name}'", suggestion is not null ? $"did you mean '{suggestion}'?" : null);
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
