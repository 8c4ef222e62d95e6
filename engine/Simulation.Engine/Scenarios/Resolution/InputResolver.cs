using System.Collections.Immutable;
using Simulation.Engine.Binding;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Scenarios.Format;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Scenarios.Resolution;

/// <summary>What an experiment does with a variable it names, which decides what the variable may be.</summary>
public enum InputUse
{
    /// <summary>A scenario replaces its definition: an input auxiliary or graphical function.</summary>
    Override,

    /// <summary>An intervention or a sample changes its value: an input auxiliary.</summary>
    Value,

    /// <summary>Its saved values are written out: any variable with values.</summary>
    Series,
}

/// <summary>
/// Resolves the names an experiment gives (<c>Admission Rate[65+, *]</c>) with the model's <see cref="NameResolver"/>:
/// the variable must exist (with "did you mean"), be an input where the experiment changes it, and each subscript entry
/// must be an element, <c>*</c>, or a subrange of the variable's dimension. Problems are located diagnostics.
/// </summary>
public sealed class InputResolver(BoundModel model, DiagnosticBag diagnostics)
{
    private readonly NameResolver _names = new(model);

    public ResolvedInput? Resolve(InputReference reference, InputUse use)
    {
        var variable = model.FindVariable(reference.Name);
        if (variable?.Definition is null)
        {
            var candidates = use == InputUse.Series ? model.Variables.Select(v => v.Name) : Inputs().Concat(model.Variables.Select(v => v.Name));
            string? suggestion = NameSuggester.Suggest(reference.Name, candidates);
            diagnostics.Error(DiagnosticCodes.UnknownInput, $"the model has no variable '{reference.Name}'", reference.Location,
                hint: suggestion is not null ? $"did you mean '{suggestion}'?" : use == InputUse.Series ? null : InputList());
            return null;
        }
        if (!Allowed(variable, use, reference)) return null;
        var named = _names.Resolve(reference.Text, reference.Name, reference.Subscript);
        if (named.Problem != NameProblem.None)
        {
            diagnostics.Error(DiagnosticCodes.UnknownInputElement, named.Message!, reference.Location, hint: named.Hint);
            return null;
        }
        return new ResolvedInput(reference, variable.Name, variable.ElementCount, named.Positions);
    }

    private bool Allowed(BoundVariable variable, InputUse use, InputReference reference)
    {
        if (use == InputUse.Series)
        {
            if (variable.Kind != VariableKind.Graphical) return true;
            diagnostics.Error(DiagnosticCodes.NotAnInput, $"'{variable.Name}' is a graphical function; it has no values of its own to save",
                reference.Location, hint: "save a variable that calls it instead");
            return false;
        }
        if (!variable.IsInput)
        {
            diagnostics.Error(DiagnosticCodes.NotAnInput, $"'{variable.Name}' is not an input of the model, so an experiment cannot change it",
                reference.Location, hint: $"mark it \"input\": true in the model if scenarios may change it; {InputList()}");
            return false;
        }
        bool graphical = variable.Kind == VariableKind.Graphical;
        if (use == InputUse.Value && (graphical || variable.Kind != VariableKind.Auxiliary))
        {
            diagnostics.Error(DiagnosticCodes.NotAnInput,
                graphical
                    ? $"'{variable.Name}' is a graphical function: a scenario can give it new points (\"set\"), but it has no single value to sample or intervene on"
                    : $"'{variable.Name}' is a {variable.Kind.ToString().ToLowerInvariant()}; only auxiliaries can be sampled or intervened on",
                reference.Location, hint: graphical ? "sample or intervene on an input that the graph is applied to" : null);
            return false;
        }
        return true;
    }

    private IEnumerable<string> Inputs() => model.Variables.Where(v => v.IsInput).Select(v => v.Name);

    private string InputList()
    {
        var inputs = Inputs().ToList();
        return inputs.Count == 0 ? "the model marks no variable as an input" : $"the model's inputs: {string.Join(", ", inputs.Take(12))}{(inputs.Count > 12 ? ", ..." : "")}";
    }
}
