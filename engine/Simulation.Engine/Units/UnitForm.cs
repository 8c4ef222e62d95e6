namespace Simulation.Engine.Units;

/// <summary>
/// Units not yet fully known: a known <see cref="Unit"/> times unknowns raised to powers (person * u1 / u2^2,
/// where u1 is "the units of Contact Rate", which no one declared). Unknowns are numbered by a <see cref="UnitSolver"/>.
/// </summary>
public sealed class UnitForm
{
    private UnitForm(Unit known, SortedPowers<int> unknowns, bool declared)
    {
        Known = known;
        Unknowns = unknowns;
        Declared = declared;
    }

    public Unit Known { get; }

    /// <summary>Each unknown's power; none is zero.</summary>
    public SortedPowers<int> Unknowns { get; }

    /// <summary>Made with units someone declared (a variable's, a number's inline units), not only with unknowns and rules.</summary>
    public bool Declared { get; }

    /// <summary>The units are fully known.</summary>
    public bool IsKnown => Unknowns.IsEmpty;

    public static UnitForm Of(Unit unit, bool declared = false) => new(unit, SortedPowers<int>.Empty, declared);

    public static UnitForm Unknown(int id) => new(Unit.Dimensionless, SortedPowers<int>.Of(id, Rational.One), false);

    public static UnitForm operator *(UnitForm a, UnitForm b) => new(a.Known * b.Known, a.Unknowns.Times(b.Unknowns), a.Declared || b.Declared);

    public static UnitForm operator /(UnitForm a, UnitForm b) => a * b.Pow(-1);

    public UnitForm Pow(Rational power) =>
        power.IsZero ? Of(Unit.Dimensionless, Declared)
        : new UnitForm(Known.Pow(power), Unknowns.Scaled(power), Declared);

    /// <summary>This form with unknown <paramref name="id"/> replaced by <paramref name="value"/>.</summary>
    public UnitForm Substitute(int id, UnitForm value) =>
        Unknowns.TryGetValue(id, out var power) ? new UnitForm(Known, Unknowns.Without(id), Declared) * value.Pow(power) : this;

    public UnitForm WithoutUnknown(int id) => new(Known, Unknowns.Without(id), Declared);
}
