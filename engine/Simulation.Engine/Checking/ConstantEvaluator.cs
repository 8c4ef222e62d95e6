using Simulation.Engine.Binding;

namespace Simulation.Engine.Checking;

/// <summary>Evaluates time-invariant expressions with the model's default inputs (for checks, not runs).</summary>
internal sealed class ConstantEvaluator(BoundModel model, bool[] invariant)
{
    private readonly Dictionary<int, double?> _values = new();

    /// <summary>The expression's value, or null when it changes during the run, reads INIT, or reads an element without one.</summary>
    public double? Evaluate(BoundExpr expr) => ConstantFolder.Evaluate(expr, model, ValueOf);

    private double? ValueOf(int element)
    {
        if (_values.TryGetValue(element, out var known)) return known;
        _values[element] = null; // guards against loops
        var eq = model.Elements[element].Equation;
        double? result = eq is null || !invariant[element] ? null : Evaluate(eq);
        _values[element] = result;
        return result;
    }
}
