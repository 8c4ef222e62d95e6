namespace Simulation.Engine.Units;

/// <summary>
/// Solves "these units are equal" for the unknown units (of variables that declare none, of graphical functions'
/// inputs, of the model's time when it declares none). Units multiply, so taking logarithms makes every
/// equation linear in the unknowns' powers; the solver keeps the solved unknowns in reduced form (each solved
/// unknown equals a form over unknowns not yet solved) and adds equations one at a time, so that an equation
/// that contradicts the earlier ones is found at once and can be reported where it was written.
/// </summary>
public sealed class UnitSolver
{
    private readonly List<string> _names = [];
    private readonly Dictionary<int, UnitForm> _solved = [];

    /// <summary>A new unknown, described in messages as <paramref name="name"/> (e.g. "units of 'Contact Rate'").</summary>
    public UnitForm NewUnknown(string name)
    {
        _names.Add(name);
        return UnitForm.Unknown(_names.Count - 1);
    }

    /// <summary>The form with every solved unknown replaced by its solution.</summary>
    public UnitForm Resolve(UnitForm form)
    {
        foreach (var id in form.Unknowns.Keys.ToList())
            if (_solved.TryGetValue(id, out var value)) form = form.Substitute(id, value);
        return form;
    }

    /// <summary>The units, when the equations so far determine them.</summary>
    public Unit? ValueOf(UnitForm form) => Resolve(form) is { IsKnown: true } resolved ? resolved.Known : null;

    /// <summary>
    /// Adds "left = right". Returns false, adding nothing, when the equations so far already make them unequal.
    /// When unknowns remain, one is solved for: <paramref name="prefer"/>'s if it is among them (a variable defined by its
    /// own equation), else the newest.
    /// </summary>
    public bool Equate(UnitForm left, UnitForm right, UnitForm? prefer = null)
    {
        var difference = Resolve(left / right);
        if (difference.IsKnown) return difference.Known.IsDimensionless;
        int pivot = prefer is { Unknowns.Count: 1 } p && difference.Unknowns.ContainsKey(p.Unknowns.Keys.First())
            ? p.Unknowns.Keys.First()
            : difference.Unknowns.Keys.Last();
        // difference = u^k * rest = 1, so u = rest^(-1/k)
        var value = difference.WithoutUnknown(pivot).Pow(-Rational.One / difference.Unknowns[pivot]);
        foreach (var id in _solved.Keys.ToList()) _solved[id] = _solved[id].Substitute(pivot, value);
        _solved[pivot] = value;
        return true;
    }

    /// <summary>The form as text: known units as <see cref="Unit.ToString"/>, unknowns by their names.</summary>
    public string Describe(UnitForm form)
    {
        form = Resolve(form);
        if (form.IsKnown) return form.Known.ToString();
        return Unit.Format(form.Known.Powers.Select(p => (p.Key, p.Value)).Concat(form.Unknowns.Select(u => ($"[{_names[u.Key]}]", u.Value))));
    }
}
