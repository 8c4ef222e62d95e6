using Simulation.Engine.Model;

namespace Simulation.Engine.Units;

/// <summary>One variable's units as `sim units` lists them.</summary>
public sealed record UnitListing(string Variable, VariableKind Kind, string? Declared, string? Inferred, string? InputUnits, string Status);

/// <summary>What the unit checker found: every variable's declared and inferred units, and the model's time unit.</summary>
public sealed class UnitAnalysis(IReadOnlyList<VariableUnits> variables, UnitSolver solver, UnitForm time)
{
    public IReadOnlyList<VariableUnits> Variables { get; } = variables;

    /// <summary>The model's time unit, declared or inferred from its stocks and flows (null when neither tells).</summary>
    public Unit? TimeUnit => solver.ValueOf(time);

    /// <summary>
    /// The units of a variable as the equations show them: for a variable without units, what the checker inferred;
    /// for one with units, what its equation gives (a stock: what its flows accumulate). Null when they cannot be told.
    /// </summary>
    public Unit? Inferred(VariableUnits v) =>
        v.Declared.Unit is null ? solver.ValueOf(v.Form) : v.EquationUnits.Form is { } form ? solver.ValueOf(form) : null;

    public Unit? InputUnits(VariableUnits v) => v.InputForm is { } form ? solver.ValueOf(form) : null;

    /// <summary>Each variable: declared text, inferred units, and ok / mismatch / inferred / unknown / unreadable.</summary>
    public IEnumerable<UnitListing> Listing() => Variables.Select(v =>
    {
        var inferred = Inferred(v);
        string status = v.Declared.Error is not null ? "unreadable"
            : v.Declared.Unit is { } declared ? (inferred is null || inferred.Equals(declared) ? "ok" : "mismatch")
            : inferred is null ? "unknown" : "inferred";
        return new UnitListing(v.Name, v.Definition.Kind, v.Definition.Units, inferred?.ToString(), InputUnits(v)?.ToString(), status);
    });
}
