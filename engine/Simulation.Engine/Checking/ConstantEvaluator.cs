using Simulation.Engine.Binding;
using Simulation.Engine.Runtime;

namespace Simulation.Engine.Checking;

/// <summary>Evaluates time-invariant expressions with the model's default inputs (for checks, not runs).</summary>
internal sealed class ConstantEvaluator(BoundModel model, bool[] invariant)
{
    private readonly Dictionary<int, double?> _values = new();

    public double? Evaluate(BoundExpr expr)
    {
        if (!TimeInvariance.IsInvariant(expr, invariant) || ContainsInit(expr)) return null;
        var values = new Dictionary<int, double>();
        foreach (int r in References.Of(expr, Phase.Rates))
        {
            if (ValueOf(r) is not double v) return null;
            values[r] = v;
        }
        return ExpressionInterpreter.Evaluate(expr, model, id => values[id], model.Time.Start);
    }

    private double? ValueOf(int element)
    {
        if (_values.TryGetValue(element, out var known)) return known;
        _values[element] = null; // guards against loops
        var eq = model.Elements[element].Equation;
        double? result = eq is null || !invariant[element] ? null : Evaluate(eq);
        _values[element] = result;
        return result;
    }

    private static bool ContainsInit(BoundExpr e) => e is BInit || UsageWarnings.Children(e).Any(ContainsInit);
}
