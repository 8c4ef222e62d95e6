using Simulation.Engine.Binding;
using Simulation.Engine.Diagnostics;

namespace Simulation.Engine.Checking;

/// <summary>
/// An input's declared range must make sense: one low/high pair, or one per element for an arrayed
/// input; low not above high; and the input's own value inside its range (a warning otherwise,
/// since uncertainty sweeps sample from the range and a reviewer reads it as the plausible one).
/// </summary>
internal static class InputRangeChecks
{
    public static void Report(BoundModel model, bool[] invariant, DiagnosticBag diagnostics)
    {
        var constants = new ConstantEvaluator(model, invariant);
        foreach (var variable in model.Variables)
        {
            if (variable.Definition?.Input is not { } input) continue;
            var at = input.Location ?? variable.Definition.Location;
            int count = variable.Elements.Count;
            foreach (var (list, end) in new[] { (input.ElementLow, "low"), (input.ElementHigh, "high") })
                if (list is { } values && values.Length != count)
                {
                    diagnostics.Error(DiagnosticCodes.DimensionMismatch,
                        $"the {end} end of the range of '{variable.Name}' lists {values.Length} values, but '{variable.Name}' has {count} elements",
                        at, variable.Name, "give one value per element, in row-major order, or a single number for all");
                    goto next;
                }
            for (int flat = 0; flat < count; flat++)
            {
                if (input.RangeOf(flat) is not var (low, high)) continue;
                string element = model.Elements[variable.Elements[flat]].DisplayName;
                if (low > high)
                {
                    diagnostics.Error(DiagnosticCodes.InvalidValue, $"the range of '{element}' is [{low}, {high}]: its low end is above its high end",
                        at, variable.Name, "write the range as [low, high]");
                    break;
                }
                if (model.Elements[variable.Elements[flat]].Equation is { } eq && constants.Evaluate(eq) is double value && (value < low || value > high))
                {
                    diagnostics.Warning(DiagnosticCodes.ValueOutsideRange, $"'{element}' is {value}, outside its declared range [{low}, {high}]",
                        at, variable.Name, "widen the range or correct the value: sweeps sample from the range");
                    break;
                }
            }
            next: ;
        }
    }
}
