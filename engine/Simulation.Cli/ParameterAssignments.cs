using System.Globalization;
using Simulation.Engine.Designs;
using Simulation.Engine.Diagnostics;

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
            var input = InputNames.Resolve(model.Bound, model.Analysis, name);
            if (input.Problem != InputProblem.None)
                throw new UsageException(input.Problem == InputProblem.Unknown ? $"--set: {input.Message}" : $"--set {name}: {input.Message}", input.Hint);
            WarnIfOutsideRange(model, name, value, input.Elements);
            foreach (int id in input.Elements)
            {
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

    /// <summary>
    /// A value outside the input's declared range still runs (trying an extreme is legitimate), but says so once per
    /// assignment, as <c>sim check</c> does for a model's own value (SD2302): the range is what reviewers read as plausible.
    /// </summary>
    private static void WarnIfOutsideRange(CheckedModel model, string name, double value, IReadOnlyList<int> ids)
    {
        foreach (int id in ids)
        {
            var element = model.Bound.Elements[id];
            var variable = element.Variable;
            if (variable.Definition?.Input?.RangeOf(variable.Elements.IndexOf(id)) is not var (low, high) || (value >= low && value <= high)) continue;
            Console.Error.WriteLine($"--set {name}: warning {DiagnosticCodes.ValueOutsideRange}: " +
                $"{MessageNumber.Of(value)} is outside the declared range of '{element.DisplayName}', [{MessageNumber.Of(low)}, {MessageNumber.Of(high)}]; the run goes ahead");
            return;
        }
    }
}
