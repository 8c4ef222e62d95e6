using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;

namespace Simulation.Engine.Syntax;

/// <summary>A variable's equations as the unit checker and the structure graph read them.</summary>
public static class VariableEquations
{
    /// <summary>
    /// Each distinct equation of a variable (the shared one, then per-element ones), parsed; those that do not parse are
    /// left out. <paramref name="parsed"/>: equations already parsed (the binder's), taken as they are.
    /// </summary>
    public static List<(EquationSource Source, Expr Expr)> Parsed(VariableDefinition def, IReadOnlyDictionary<EquationSource, Expr?>? parsed = null)
    {
        var seen = new HashSet<EquationSource>(ReferenceEqualityComparer.Instance);
        var list = new List<(EquationSource, Expr)>();
        foreach (var source in def.Elements.Select(e => e.Equation).Prepend(def.Equation).OfType<EquationSource>())
        {
            if (!seen.Add(source)) continue;
            var expr = parsed is not null && parsed.TryGetValue(source, out var known) ? known : Parser.TryParse(source.Text).Expression;
            if (expr is not null) list.Add((source, expr));
        }
        return list;
    }
}
