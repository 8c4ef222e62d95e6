using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;

namespace Simulation.Engine.Syntax;

/// <summary>A variable's equations as the unit checker and the structure graph read them.</summary>
public static class VariableEquations
{
    /// <summary>Each distinct equation of a variable (the shared one, then per-element ones), parsed; those that do not parse are left out.</summary>
    public static List<(EquationSource Source, Expr Expr)> Parsed(VariableDefinition def)
    {
        var sources = new List<EquationSource>();
        if (def.Equation is { } shared) sources.Add(shared);
        sources.AddRange(def.Elements.Select(e => e.Equation).OfType<EquationSource>().Where(e => !sources.Contains(e)));
        var list = new List<(EquationSource, Expr)>();
        foreach (var source in sources)
            if (Parser.TryParse(source.Text).Expression is { } expr) list.Add((source, expr));
        return list;
    }
}
