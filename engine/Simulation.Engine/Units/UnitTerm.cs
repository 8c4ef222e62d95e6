namespace Simulation.Engine.Units;

/// <summary>
/// The units of part of an equation: known (possibly up to unknowns, <see cref="Form"/>), a plain number (a literal
/// such as 0.5 or 365, or PI, which takes whatever units its context needs: 1 - f, x * 0.5, x > 0), or units the
/// checker cannot tell (a PROD of an array, a broken subexpression), which are never reported.
/// </summary>
public readonly record struct UnitTerm(UnitForm? Form, bool IsNumber)
{
    public static readonly UnitTerm Number = new(null, true);
    public static readonly UnitTerm Unknown = new(null, false);

    public static UnitTerm Of(UnitForm form) => new(form, false);

    public static UnitTerm Of(Unit unit) => new(UnitForm.Of(unit), false);

    public bool IsKnown => Form is not null;
}
