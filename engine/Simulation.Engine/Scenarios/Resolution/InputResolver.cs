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
/// Resolves names like <c>Admission Rate[65+, *]</c> against a bound model: the variable must exist
/// (with "did you mean"), be an input where the experiment changes it, and each subscript entry must be
/// an element, <c>*</c>, or a subrange of the variable's dimension.
/// </summary>
public sealed class InputResolver(BoundModel model, DiagnosticBag diagnostics)
{
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
        var positions = Positions(variable, reference);
        return positions is null ? null : new ResolvedInput(reference, variable.Name, variable.ElementCount, positions.Value);
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

    private ImmutableArray<int>? Positions(BoundVariable variable, InputReference reference)
    {
        var dims = variable.Dimensions;
        if (!reference.HasSubscript) return Enumerable.Range(0, Math.Max(1, variable.ElementCount)).ToImmutableArray();
        if (reference.Subscript.Length != dims.Length)
        {
            diagnostics.Error(DiagnosticCodes.UnknownInputElement,
                dims.Length == 0
                    ? $"'{variable.Name}' is not arrayed, so it takes no subscript"
                    : $"'{reference.Text}' names {reference.Subscript.Length} element{(reference.Subscript.Length == 1 ? "" : "s")}, but '{variable.Name}' has {dims.Length} dimension{(dims.Length == 1 ? "" : "s")} ({string.Join(", ", dims)})",
                reference.Location, hint: dims.Length == 0 ? $"write '{variable.Name}'" : "separate the elements with commas, one per dimension");
            return null;
        }
        var choices = new List<int[]>();
        for (int k = 0; k < dims.Length; k++)
        {
            var chosen = Choose(dims[k], reference.Subscript[k]);
            if (chosen is null)
            {
                string? s = NameSuggester.Suggest(reference.Subscript[k], dims[k].Elements);
                diagnostics.Error(DiagnosticCodes.UnknownInputElement, $"'{reference.Subscript[k]}' is not an element of {dims[k].Name} (in '{reference.Text}')",
                    reference.Location, hint: s is not null ? $"did you mean '{s}'?" : $"{dims[k].Name} has: {string.Join(", ", dims[k].Elements)}");
                return null;
            }
            choices.Add(chosen);
        }
        var flats = new List<int>();
        foreach (var indices in Binder.Positions(dims))
        {
            bool match = true;
            for (int k = 0; k < dims.Length && match; k++) match = choices[k].Contains(indices[k]);
            if (match) flats.Add(variable.FlatIndex(indices.AsSpan()));
        }
        return flats.ToImmutableArray();
    }

    /// <summary>Indices of a dimension that a subscript entry names: one element, all (*), or a subrange's.</summary>
    private int[]? Choose(Dimension dimension, string entry)
    {
        if (entry == "*") return Enumerable.Range(0, dimension.Size).ToArray();
        int i = dimension.IndexOf(entry);
        if (i >= 0) return [i];
        var sub = model.Dimensions.FirstOrDefault(d => d.Canonical == Identifier.Canonical(entry));
        if (sub is null || sub.Root != dimension.Root) return null;
        return Enumerable.Range(0, dimension.Size).Where(j => Enumerable.Range(0, sub.Size).Any(m => sub.RootIndex(m) == dimension.RootIndex(j))).ToArray();
    }

    private IEnumerable<string> Inputs() => model.Variables.Where(v => v.IsInput).Select(v => v.Name);

    private string InputList()
    {
        var inputs = Inputs().ToList();
        return inputs.Count == 0 ? "the model marks no variable as an input" : $"the model's inputs: {string.Join(", ", inputs.Take(12))}{(inputs.Count > 12 ? ", ..." : "")}";
    }
}
