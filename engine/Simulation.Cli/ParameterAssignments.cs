using System.Globalization;
using Simulation.Engine.Binding;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Syntax;

namespace Simulation.Cli;

/// <summary>
/// <c>--set name=value</c> assignments resolved to model elements: <c>contact rate=6</c> sets a scalar,
/// or every element of an arrayed input; <c>admission rate[65-74]=0.2</c> sets one element.
/// </summary>
public static class ParameterAssignments
{
    public static (List<int> Elements, List<double> Values) Resolve(CheckedModel model, IEnumerable<string> assignments)
    {
        var elements = new List<int>();
        var values = new List<double>();
        foreach (var assignment in assignments)
        {
            int eq = assignment.LastIndexOf('=');
            if (eq <= 0) throw new UsageException($"--set '{assignment}' is not name=value", "e.g. --set \"contact rate=6\"");
            string name = assignment[..eq].Trim();
            string text = assignment[(eq + 1)..].Trim();
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                throw new UsageException($"--set {name}: '{text}' is not a number", "numbers use a dot for decimals, e.g. 0.25");
            foreach (int id in Find(model.Bound, name))
            {
                if (!model.Analysis.TimeInvariant[id] || model.Bound.Elements[id].Kind == ElementKind.Stock)
                    throw new UsageException($"--set {name}: '{model.Bound.Elements[id].DisplayName}' changes during the run, so it cannot be set",
                        "only constants and inputs can be set; to start a stock elsewhere, set the input its initial value uses");
                int existing = elements.IndexOf(id);
                if (existing >= 0) values[existing] = value;
                else
                {
                    elements.Add(id);
                    values.Add(value);
                }
            }
        }
        return (elements, values);
    }

    private static IEnumerable<int> Find(BoundModel model, string name)
    {
        var variable = model.FindVariable(name);
        if (variable is not null && variable.Elements.Count > 0) return variable.Elements;
        string canonical = Identifier.Canonical(name.Replace(", ", ","));
        var element = model.Elements.FirstOrDefault(e => Identifier.Canonical(e.DisplayName) == canonical);
        if (element is not null) return [element.Id];
        string? suggestion = NameSuggester.Suggest(name, model.Variables.Where(v => v.Elements.Count > 0).Select(v => v.Name));
        throw new UsageException($"--set: the model has no variable '{name}'", suggestion is not null ? $"did you mean '{suggestion}'?" : null);
    }
}
