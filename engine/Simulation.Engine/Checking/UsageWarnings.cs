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
        var used = new HashSet<int>();
        var usedTables = new HashSet<int>();
        foreach (var e in model.Elements)
        {
            used.UnionWith(References.Of(e.Equation, Phase.Initial));
            CollectPrevious(e.Equation, used);
            CollectTables(e.Equation, usedTables);
            foreach (int f in e.Inflows.Concat(e.Outflows)) used.Add(f);
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
            if (variable.Elements.Any(used.Contains)) continue;
            if (variable.Kind == VariableKind.Flow)
                diagnostics.Warning(DiagnosticCodes.UnusedVariable, $"the flow '{variable.Name}' is not an inflow or outflow of any stock", def.Location,
                    variable.Name, "list it in a stock's \"inflows\" or \"outflows\"");
            else if (variable.Kind == VariableKind.Auxiliary && variable.Elements.All(id => invariant[id]))
                diagnostics.Warning(DiagnosticCodes.UnusedVariable,
                    $"'{variable.Name}' is {(variable.IsInput ? "an input" : "a constant")} that no equation uses", def.Location, variable.Name,
                    "use it, or remove it");
        }
    }

    private static void CollectPrevious(BoundExpr? expr, HashSet<int> used)
    {
        if (expr is BPrevious p) used.UnionWith(References.Of(p.Inner, Phase.Initial));
        if (expr is BDelayFixed d) used.UnionWith(References.Of(d.Input, Phase.Initial));
        foreach (var child in Children(expr)) CollectPrevious(child, used);
    }

    private static void CollectTables(BoundExpr? expr, HashSet<int> used)
    {
        if (expr is BLookup l) used.Add(l.Table);
        foreach (var child in Children(expr)) CollectTables(child, used);
    }

    internal static IEnumerable<BoundExpr> Children(BoundExpr? expr) => expr switch
    {
        BUnary u => [u.Operand],
        BBinary b => [b.Left, b.Right],
        BIf i => [i.Condition, i.Then, i.Else],
        BCall c => c.Arguments,
        BLookup l => [l.Input],
        BReduce r => r.Items,
        BSelect s => [s.Index, .. s.Items],
        BInit i => [i.Inner],
        BPrevious p => [p.Inner, p.Initial],
        BDelayFixed d => [d.Input, d.DelayTime, d.Initial],
        BRandom r => r.Arguments,
        _ => [],
    };
}
