using Simulation.Engine.Diagnostics;

namespace Simulation.Engine.Units;

/// <summary>What every equation's unit inference shares: the solver, the variables' units, the time unit, and where problems go.</summary>
internal sealed class UnitContext
{
    private readonly DiagnosticBag diagnostics;
    private readonly bool strict;

    public UnitContext(DiagnosticBag diagnostics, bool strict)
    {
        this.diagnostics = diagnostics;
        this.strict = strict;
        Time = Solver.NewUnknown("the model's time unit");
    }

    public const string UnitsHint = "write units such as people/day, 1/year, GBP per patient, degrees Fahrenheit, dimensionless (see docs/units.md)";

    private readonly Dictionary<string, VariableUnits> _variables = new();
    private readonly HashSet<string> _dimensions = new();

    public UnitSolver Solver { get; } = new();

    /// <summary>
    /// The model's time unit: an unknown, equated to the declared unit when there is one (so that TIME and DT, which the
    /// model does not declare, never count as declared units in <see cref="Disagree"/>); when the model declares none,
    /// or calls it just "time", its stocks and flows tell it.
    /// </summary>
    public UnitForm Time { get; }

    public Severity Severity => strict ? Severity.Error : Severity.Warning;

    /// <summary>
    /// Equates two units and says whether a disagreement is to be reported: only when one side carries units someone
    /// declared (a variable's, a number's inline units). A clash among variables that declare none is left unreported,
    /// as Vensim and Stella leave it (they check declared units only): declaring the units has them checked.
    /// </summary>
    public bool Disagree(UnitForm left, UnitForm right, UnitForm? prefer = null) =>
        !Solver.Equate(left, right, prefer) && (left.Declared || right.Declared);

    /// <summary>
    /// Declared units as the solver works with them: the name <c>time</c> stands for the model's time unit (XMILE
    /// files write person/time).
    /// </summary>
    public UnitForm FormOf(Unit unit)
    {
        if (!unit.Powers.TryGetValue("time", out var power)) return UnitForm.Of(unit, declared: true);
        return UnitForm.Of(unit / Unit.Base("time").Pow(power), declared: true) * Time.Pow(power);
    }

    public void Add(VariableUnits variable) => _variables[variable.Variable.Canonical] = variable;

    public void AddDimension(string canonical) => _dimensions.Add(canonical);

    public VariableUnits? Find(string canonical) => _variables.GetValueOrDefault(canonical);

    public bool IsDimension(string canonical) => _dimensions.Contains(canonical);

    public void Report(string code, string message, EquationSource equation, TextSpan span, string? variable, string? hint = null) =>
        diagnostics.InEquation(code, Severity, message, equation, span, variable, hint);

    public void Report(string code, string message, SourceLocation? location, string? variable, string? hint = null) =>
        diagnostics.Add(new Diagnostic(code, Severity, message, location, variable, Hint: hint));
}
