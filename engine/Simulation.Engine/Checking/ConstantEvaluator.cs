using Simulation.Engine.Binding;

namespace Simulation.Engine.Checking;

/// <summary>Evaluates time-invariant expressions with the model's default inputs (for checks, not runs).</summary>
internal sealed class ConstantEvaluator(BoundModel model, bool[] invariant)
{
    private readonly Dictionary<int, double?> _values = new();

    /// <summary>The expression's value, or null when it changes during the run, reads INIT, or reads an element without one.</summary>
    public double? Evaluate(BoundExpr expr) => ConstantFolder.Evaluate(expr, model, ValueOf);

    /// <summary>
    /// An element's value, computing first (with an explicit stack: a chain of 100,000 constants each reading the
    /// last must not overflow the call stack) the values of the elements it reads.
    /// </summary>
    private double? ValueOf(int element)
    {
        if (_values.TryGetValue(element, out var known)) return known;
        var pending = new Stack<(int Element, bool ReadsKnown)>();
        pending.Push((element, false));
        while (pending.Count > 0)
        {
            var (id, readsKnown) = pending.Pop();
            var eq = model.Elements[id].Equation;
            if (readsKnown)
            {
                _values[id] = Evaluate(eq!);
                continue;
            }
            if (_values.ContainsKey(id)) continue;
            _values[id] = null; // until computed; guards against loops
            if (eq is null || !invariant[id]) continue;
            pending.Push((id, true));
            foreach (int r in References.Of(eq, Phase.Rates))
                if (!_values.ContainsKey(r)) pending.Push((r, false));
        }
        return _values[element];
    }
}
