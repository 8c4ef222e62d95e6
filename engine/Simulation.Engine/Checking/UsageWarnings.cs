using Simulation.Engine.Binding;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;

namespace Simulation.Engine.Checking;

/// <summary>
/// Warns about variables nothing uses: a constant or input no equation reads, a graphical function
/// never called, a flow connected to no stock. (Auxiliaries that change over time are outputs in
/// their own right and are not reported.)
/// </summary>
internal static class UsageWarnings
{
    public static void Report(BoundModel model, bool[] invariant, DiagnosticBag diagnostics)
    {
        var used = new bool[model.Elements.Length];
        var usedTables = new HashSet<int>();
        foreach (var e in model.Elements)
        {
            if (e.Equation is { } equation) CollectUses(equation, used, usedTables);
            foreach (int f in e.Inflows) used[f] = true;
            foreach (int f in e.Outflows) used[f] = true;
        }
        foreach (var variable in model.Variables)
        {
            var def = variable.Definition;
            if (def is null) continue;
            if (variable.Kind == VariableKind.Graphical)
            {
                if (!variable.Tables.Any(usedTables.Contains))
                    diagnostics.Warning(DiagnosticCodes.UnusedVariable, $"the graphical function '{variable.Name}' is never called", def.Location, variable.Name,
                        $"call it as {Syntax.ExprPrinter.FormatName(variable.Name)}(x) or remove it");
                continue;
            }
            if (variable.Elements.Any(id => used[id])) continue;
            if (variable.Kind == VariableKind.Flow)
                diagnostics.Warning(DiagnosticCodes.UnusedVariable, $"the flow '{variable.Name}' is not an inflow or outflow of any stock", def.Location,
                    variable.Name, "list it in a stock's \"inflows\" or \"outflows\"");
            else if (variable.Kind == VariableKind.Auxiliary && variable.Elements.All(id => invariant[id]))
                diagnostics.Warning(DiagnosticCodes.UnusedVariable,
                    $"'{variable.Name}' is {(variable.IsInput ? "an input" : "a constant")} that no equation uses", def.Location, variable.Name,
                    "use it, or remove it");
        }
    }

    /// <summary>
    /// Every element and table an equation reads, at any time: unlike the dependency orders, this counts the
    /// value inside PREVIOUS and DELAY too. One walk, allocating only for binary operations (their chain's operands), as it
    /// visits every node of the model.
    /// </summary>
    private static void CollectUses(BoundExpr expr, bool[] used, HashSet<int> usedTables)
    {
        if (expr is BRef r)
        {
            used[r.Element] = true;
            return;
        }
        if (expr is BLookup l) usedTables.Add(l.Table);
        BoundTree.ForEachChild(expr, null, (used, usedTables), static (child, s) => CollectUses(child, s.used, s.usedTables));
    }
}
