using System.Collections.Immutable;
using Simulation.Engine.Binding;
using Simulation.Engine.Calibration.Format;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Scenarios.Format;
using Simulation.Engine.Scenarios.Resolution;
using Simulation.Engine.Scenarios.Sampling;

namespace Simulation.Engine.Calibration.Problem;

/// <summary>
/// Resolves a fit's parameters against the model, as an experiment resolves its uncertain inputs: each must be an
/// input (elements and subranges allowed), with bounds (the model's range by default) that the search can use.
/// An arrayed input whose elements have different ranges, estimated without bounds, moves across its ranges with
/// one number (as an experiment samples it): a quantile level u in [0, 1], each element low + u (high - low) of its own range.
/// </summary>
internal static class ParameterResolver
{
    /// <summary>Each parameter's design column, bounds, scale, prior and start; the model value is filled in once the plan exists.</summary>
    public sealed record Resolved(FitParameter Definition, SampledInput Column, double Min, double Max, Prior Prior);

    /// <param name="modelValue">An element's value in the model when it is a constant (null otherwise): a prior placed by its median takes it.</param>
    public static List<Resolved> Resolve(FitDocument fit, BoundModel model, InputResolver inputs, Func<int, double?> modelValue, DiagnosticBag diagnostics)
    {
        var resolved = new List<Resolved>();
        foreach (var p in fit.Parameters)
        {
            var target = inputs.Resolve(p.Target, InputUse.Value);
            if (target is null) continue;
            var variable = model.FindVariable(target.VariableName)!;
            var info = variable.Definition?.Input;
            var ranges = target.Positions.Select(pos => info?.RangeOf(pos)).ToList();
            var distinct = ranges.Distinct().ToList();
            bool across = p.Apply == ApplyMode.Set && p.Min is null && p.Max is null && distinct.Count > 1 && ranges.All(r => r is not null);
            var column = new SampledInput(target, p.Apply, null)
            {
                ElementDistributions = across ? ranges.Select(r => (InputDistribution)new UniformDistribution(r!.Value.Low, r.Value.High)).ToImmutableArray() : default,
            };
            var modelRange = distinct.Count == 1 ? distinct[0] : null;
            if (Bounds(p, column, across, modelRange, diagnostics) is not var (min, max)) continue;
            var prior = Prior.Flat;
            if (p.Prior is { } definition)
            {
                double? value = p.Apply == ApplyMode.Multiply ? 1 : across ? null : modelValue(variable.Elements[target.Positions[0]]);
                if (DistributionFactory.Create(definition, column.Label, new DistributionFactory.ModelDefaults((min, max), value), diagnostics) is not { } checkedPrior) continue;
                prior = Prior.From(definition, checkedPrior);
            }
            if (Overlaps(column, resolved, diagnostics)) continue;
            resolved.Add(new Resolved(p, column, min, max, prior));
        }
        return resolved;
    }

    private static (double, double)? Bounds(FitParameter p, SampledInput column, bool across, (double Low, double High)? modelRange, DiagnosticBag diagnostics)
    {
        string label = column.Target.Label;
        if (across) return (0, 1);
        bool multiply = p.Apply == ApplyMode.Multiply;
        double? min = p.Min ?? (multiply ? null : modelRange?.Low), max = p.Max ?? (multiply ? null : modelRange?.High);
        if (min is null || max is null)
        {
            diagnostics.Error(DiagnosticCodes.InvalidBounds,
                multiply ? $"the factor on '{label}' needs \"min\" and \"max\"" : $"'{label}' needs \"min\" and \"max\": the model gives it no single range",
                p.Location, hint: multiply ? "the model's range is of the input's values, not of a factor: e.g. \"min\": 0.5, \"max\": 2"
                    : "give the bounds the search may explore, or a \"range\" for the input in the model");
            return null;
        }
        if (!double.IsFinite(min.Value) || !double.IsFinite(max.Value) || !(min < max))
        {
            diagnostics.Error(DiagnosticCodes.InvalidBounds, $"the bounds of '{label}' are {min} to {max}; min must be below max", p.MinLocation,
                hint: "estimate an input between two different values; to fix it, set it in the model instead");
            return null;
        }
        if (p.Scale == ParameterScale.Log && !(min > 0))
        {
            diagnostics.Error(DiagnosticCodes.InvalidBounds, $"'{label}' is searched on a log scale, so its min must be above 0 (it is {min})", p.MinLocation,
                hint: "give a positive min, or \"scale\": \"linear\"");
            return null;
        }
        if (p.Start is double start && !(start >= min && start <= max))
        {
            diagnostics.Error(DiagnosticCodes.InvalidBounds, $"the start of '{label}' is {start}, outside its bounds {min} to {max}", p.StartLocation,
                hint: "give a first guess within the bounds");
            return null;
        }
        if (!multiply && modelRange is (double low, double high) && (min < low || max > high))
            diagnostics.Warning(DiagnosticCodes.BoundsOutsideRange,
                $"the bounds of '{label}' ({min} to {max}) reach outside the input's plausible range in the model ({low} to {high})",
                min < low ? p.MinLocation : p.MaxLocation, hint: "an estimate outside the range would contradict the model's sources; check the bounds or the range");
        return (min.Value, max.Value);
    }

    /// <summary>Two parameters that set the same element would fight over it (a factor may scale an estimated value).</summary>
    private static bool Overlaps(SampledInput column, List<Resolved> earlier, DiagnosticBag diagnostics)
    {
        foreach (var other in earlier.Select(r => r.Column))
        {
            if (!string.Equals(other.Target.VariableName, column.Target.VariableName, StringComparison.OrdinalIgnoreCase)) continue;
            if (!other.Target.Positions.Intersect(column.Target.Positions).Any()) continue;
            if (other.Apply != column.Apply) continue;
            diagnostics.Error(DiagnosticCodes.EstimatedTwice, $"'{column.Target.Label}' is estimated twice (it overlaps '{other.Target.Label}')",
                column.Target.Reference.Location, hint: "estimate each element once; a factor (\"apply\": \"multiply\") may scale an estimated value");
            return true;
        }
        return false;
    }
}
