using Simulation.Engine.Binding;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Units;

/// <summary>
/// The units stage, run by <c>sim check</c> after the checker on a model without errors (and by <c>sim units</c>):
/// reads every variable's units and the model's time unit, infers the units of every equation from its operands by
/// the rules the operations and builtins carry, infers units for variables that declare none, and reports mismatches
/// (SD4001-SD4005) as warnings, or as errors when <c>strict</c> (then a variable without units is an error too, SD4006).
/// </summary>
public static class UnitChecker
{
    public static UnitAnalysis Check(BoundModel model, DiagnosticBag diagnostics, bool strict = false)
    {
        var context = new UnitContext(diagnostics, strict);
        var time = UnitParser.Parse(model.Time.Units);
        if (time.Error is not null)
            context.Report(DiagnosticCodes.UnreadableUnits, $"the time units '{model.Time.Units}' cannot be read: {time.Error}",
                model.Time.UnitsLocation ?? model.Time.Location, null, UnitContext.UnitsHint);
        if (time.Unit is { } t && !t.Equals(Unit.Base("time"))) context.Solver.Equate(context.Time, UnitForm.Of(t));
        foreach (var dimension in model.Dimensions) context.AddDimension(dimension.Canonical);

        var variables = new List<VariableUnits>();
        foreach (var variable in model.Variables.Where(v => v.Definition is not null))
        {
            var units = Declare(variable, context);
            variables.Add(units);
            context.Add(units);
        }
        var equations = variables.ToDictionary(v => v, v => VariableEquations.Parsed(v.Definition, model.ParsedEquations));
        foreach (var v in Order(variables, equations, context)) CheckVariable(v, equations[v], context);
        if (strict)
            foreach (var v in variables.Where(v => v.Declared.Unit is null && v.Declared.Error is null))
            {
                var inferred = context.Solver.ValueOf(v.Form);
                context.Report(DiagnosticCodes.NoUnits, $"'{v.Name}' declares no units", v.Definition.Location, v.Name,
                    inferred is null ? "add \"units\": the checker cannot tell them from the equations" : $"add \"units\": \"{inferred}\" (inferred from the equations)");
            }
        return new UnitAnalysis(variables, context.Solver, context.Time);
    }

    private static VariableUnits Declare(BoundVariable variable, UnitContext context)
    {
        var def = variable.Definition!;
        var declared = UnitParser.Parse(def.Units);
        if (declared.Error is not null)
            context.Report(DiagnosticCodes.UnreadableUnits, $"the units '{def.Units}' of '{variable.Name}' cannot be read: {declared.Error}",
                def.UnitsLocation ?? def.Location, variable.Name, UnitContext.UnitsHint);
        var graph = def.Graph ?? def.Elements.Select(e => e.Graph).FirstOrDefault(g => g is not null);
        UnitForm? input = null;
        if (graph is not null)
        {
            var x = UnitParser.Parse(graph.XUnits);
            if (x.Error is not null)
                context.Report(DiagnosticCodes.UnreadableUnits, $"the x units '{graph.XUnits}' of the graph of '{variable.Name}' cannot be read: {x.Error}",
                    graph.Location ?? def.Location, variable.Name, UnitContext.UnitsHint);
            input = x.Unit is { } xu ? context.FormOf(xu) : context.Solver.NewUnknown($"input units of '{variable.Name}'");
        }
        return new VariableUnits
        {
            Variable = variable,
            Declared = declared,
            Form = declared.Unit is { } unit ? context.FormOf(unit) : context.Solver.NewUnknown($"units of '{variable.Name}'"),
            InputForm = input,
        };
    }

    /// <summary>
    /// Variables without units first, each after the undeclared variables it reads (a stock after its flows), so that
    /// each takes its units from its own equation before other equations use it; then the rest in model order.
    /// </summary>
    private static List<VariableUnits> Order(List<VariableUnits> variables, Dictionary<VariableUnits, List<(EquationSource, Expr Expr)>> equations,
        UnitContext context)
    {
        var order = new List<VariableUnits>();
        var visited = new HashSet<VariableUnits>();
        var undeclared = variables.Where(v => v.Declared.Unit is null).ToList();
        foreach (var root in undeclared)
        {
            // iterative depth-first walk, post-order
            var stack = new Stack<(VariableUnits Variable, IEnumerator<VariableUnits> Next)>();
            if (!visited.Add(root)) continue;
            stack.Push((root, Reads(root, equations, context).GetEnumerator()));
            while (stack.Count > 0)
            {
                var (v, next) = stack.Peek();
                if (next.MoveNext())
                {
                    var w = next.Current;
                    if (w.Declared.Unit is null && visited.Add(w)) stack.Push((w, Reads(w, equations, context).GetEnumerator()));
                    continue;
                }
                stack.Pop();
                order.Add(v);
            }
        }
        order.AddRange(variables.Where(v => !visited.Contains(v)));
        return order;
    }

    private static IEnumerable<VariableUnits> Reads(VariableUnits v, Dictionary<VariableUnits, List<(EquationSource, Expr Expr)>> equations, UnitContext context)
    {
        foreach (var flow in v.Definition.Inflows.Concat(v.Definition.Outflows))
            if (context.Find(Identifier.Canonical(flow.Name)) is { } f) yield return f;
        foreach (var (_, expr) in equations[v])
            foreach (var name in ExprWalk.Names(expr))
                if (context.Find(name.Canonical) is { } w) yield return w;
    }

    private static void CheckVariable(VariableUnits v, List<(EquationSource Source, Expr Expr)> equations, UnitContext context)
    {
        var solver = context.Solver;
        bool appliesGraph = v.InputForm is not null && v.Definition.Kind != VariableKind.Graphical;
        var target = appliesGraph ? v.InputForm! : v.Form;
        foreach (var (source, expr) in equations)
        {
            var term = new EquationUnits(context, source, v.Name).InferEquation(expr);
            if (!v.EquationUnits.IsKnown) v.EquationUnits = term;
            if (!term.IsKnown || !context.Disagree(term.Form!, target, prefer: target)) continue;
            string gives = solver.Describe(term.Form!), wanted = solver.Describe(target);
            if (appliesGraph)
                context.Report(DiagnosticCodes.ArgumentUnits, $"the equation of '{v.Name}' gives {gives}, but its graph reads its input in {wanted}",
                    source, expr.Span, v.Name, "declare the graph's \"xUnits\" as the equation's units, or change the equation");
            else
                context.Report(DiagnosticCodes.EquationUnits,
                    $"the {(v.Definition.Kind == VariableKind.Stock ? "initial value" : "equation")} of '{v.Name}' gives {gives}, but "
                    + (v.Declared.Unit is not null ? $"'{v.Name}' declares {v.Definition.Units}" : $"'{v.Name}' is used elsewhere as {wanted}"),
                    source, expr.Span, v.Name, v.Declared.Unit is not null ? $"declared: {wanted}; inferred: {gives}" : null);
        }
        if (v.Definition.Kind == VariableKind.Stock) CheckFlows(v, context);
    }

    /// <summary>SD4002: every flow of a stock is in the stock's units per unit of time.</summary>
    private static void CheckFlows(VariableUnits stock, UnitContext context)
    {
        var solver = context.Solver;
        foreach (var reference in stock.Definition.Inflows.Concat(stock.Definition.Outflows))
        {
            if (context.Find(Identifier.Canonical(reference.Name)) is not { } flow) continue;
            var prefer = stock.Declared.Unit is null ? stock.Form : flow.Form;
            if (!stock.EquationUnits.IsKnown) stock.EquationUnits = UnitTerm.Of(flow.Form * context.Time);
            if (!context.Disagree(flow.Form * context.Time, stock.Form, prefer)) continue;
            var needed = stock.Form / context.Time;
            context.Report(DiagnosticCodes.FlowUnits,
                $"the flow '{flow.Name}' is in {solver.Describe(flow.Form)}, but the stock '{stock.Name}' is in {solver.Describe(stock.Form)}, "
                + $"so its flows must be in {solver.Describe(needed)} ({solver.Describe(stock.Form)} per {solver.Describe(context.Time)})",
                reference.Location ?? stock.Definition.Location, stock.Name,
                $"declared: {solver.Describe(flow.Form)}; needed: {solver.Describe(needed)}");
        }
    }
}
