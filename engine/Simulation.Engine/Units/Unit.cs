using System.Text;

namespace Simulation.Engine.Units;

/// <summary>
/// A unit of measure as a product of named base units raised to powers: people/day is person^1 day^-1.
/// Units are compared by name and power, never converted: day and year are different units, and a number
/// in a unit (the 1000 of admissions/1000/year) is a scale that checking ignores. The empty product is
/// dimensionless.
/// </summary>
public sealed class Unit : IEquatable<Unit>
{
    public static readonly Unit Dimensionless = new(SortedPowers<string>.Empty);

    private Unit(SortedPowers<string> powers) => Powers = powers;

    /// <summary>Each base unit's power, in ordinal order of the names; none is zero.</summary>
    public SortedPowers<string> Powers { get; }

    public bool IsDimensionless => Powers.IsEmpty;

    /// <summary>One base unit (a canonical name: <see cref="UnitNames.Canonical"/>).</summary>
    public static Unit Base(string name) => new(SortedPowers<string>.Of(name, Rational.One));

    public static Unit From(IEnumerable<KeyValuePair<string, Rational>> powers) => Of(SortedPowers<string>.Sum(powers));

    private static Unit Of(SortedPowers<string> powers) => powers.IsEmpty ? Dimensionless : new Unit(powers);

    public static Unit operator *(Unit a, Unit b) => Of(a.Powers.Times(b.Powers));

    public static Unit operator /(Unit a, Unit b) => a * b.Pow(-1);

    public Unit Pow(Rational power) => Of(Powers.Scaled(power));

    public bool Equals(Unit? other) => other is not null && Powers.Equals(other.Powers);

    public override bool Equals(object? obj) => Equals(obj as Unit);

    public override int GetHashCode() => Powers.GetHashCode();

    /// <summary>people/day, person*hour/week, 1/year, dimensionless; a power as ^2 or ^(1/2).</summary>
    public override string ToString() => Format(Powers.Select(p => (p.Key, p.Value)));

    /// <summary>Writes a product of named factors the way <see cref="ToString"/> does (names already display names).</summary>
    public static string Format(IEnumerable<(string Name, Rational Power)> factors)
    {
        var list = factors.Where(f => !f.Power.IsZero).ToList();
        if (list.Count == 0) return "dimensionless";
        var sb = new StringBuilder();
        var up = list.Where(f => f.Power.Numerator > 0).ToList();
        if (up.Count == 0) sb.Append('1');
        sb.AppendJoin("*", up.Select(f => Factor(f.Name, f.Power)));
        foreach (var (name, power) in list.Where(f => f.Power.Numerator < 0)) sb.Append('/').Append(Factor(name, -power));
        return sb.ToString();
    }

    private static string Factor(string name, Rational power)
    {
        return power == Rational.One ? name : power.IsInteger ? $"{name}^{power}" : $"{name}^({power})";
    }
}
