using Simulation.Engine.Binding;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Ops;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Checking;

/// <summary>
/// Warns when dt is large against a first-order time constant the checker can see: a flow of a
/// stock written <c>stock / T</c>, <c>stock * k</c> (T = 1/k) or <c>(goal - stock) / T</c>, with T
/// constant (this also covers the stages of SMOOTH and DELAY builtins). Euler with dt = T empties
/// the stock in one step; accuracy needs dt well below T (a quarter or less).
/// </summary>
internal static class StepSizeWarnings
{
    public const double MaxFractionOfTimeConstant = 0.25;

    public static void Report(BoundModel model, bool[] invariant, DiagnosticBag diagnostics)
    {
        double dt = model.Time.Dt;
        var constants = new ConstantEvaluator(model, invariant);
        var reported = new HashSet<BoundVariable>();
        foreach (var stock in model.Elements.Where(e => e.Kind == ElementKind.Stock))
            foreach (int o in stock.Outflows.Concat(stock.Inflows))
            {
                var flow = model.Elements[o];
                if (flow.Equation is null || reported.Contains(flow.Variable)) continue;
                if (TimeConstant(Unwrap(flow.Equation), stock.Id, constants) is not double tau || !(tau > 0)) continue;
                if (dt <= tau * MaxFractionOfTimeConstant) continue;
                reported.Add(flow.Variable);
                string what = flow.IsHidden
                    ? $"a stage of {HiddenBuiltin(flow)} in '{flow.Variable.Name}'"
                    : $"'{flow.DisplayName}' draining '{stock.DisplayName}'";
                diagnostics.Warning(DiagnosticCodes.DtTooLarge,
                    $"dt = {dt} is {dt / tau:0.##} of the time constant {tau:G4} of {what}; Euler results will be inaccurate",
                    flow.Variable.Definition?.Location, flow.Variable.Name,
                    $"use dt <= {tau * MaxFractionOfTimeConstant:G3} (a quarter of the time constant), or method rk4");
            }
    }

    /// <summary>The builtin a hidden element implements, from its generated name (<c>Shipments.delay3.out[1]</c> -> DELAY3).</summary>
    private static string HiddenBuiltin(ModelElement hidden)
    {
        string rest = hidden.DisplayName.Length > hidden.Variable.Name.Length + 1 ? hidden.DisplayName[(hidden.Variable.Name.Length + 1)..] : hidden.DisplayName;
        int end = rest.IndexOfAny(['.', '#', '[']);
        return (end < 0 ? rest : rest[..end]).ToUpperInvariant();
    }

    /// <summary>The user's equation inside the non-negative wrappers MAX(0, x) and MIN(x, limit).</summary>
    private static BoundExpr Unwrap(BoundExpr e)
    {
        while (true)
        {
            if (e is BCall min && min.Function == Operations.Min) e = min.Arguments[0];
            else if (e is BCall max && max.Function == Operations.Max && max.Arguments[0] is BConst { Value: 0 }) e = max.Arguments[1];
            else return e;
        }
    }

    private static double? TimeConstant(BoundExpr e, int stock, ConstantEvaluator constants) => e switch
    {
        BBinary { Operator: BinaryOperator.Divide, Left: BRef r } b when r.Element == stock => constants.Evaluate(b.Right),
        BBinary { Operator: BinaryOperator.Multiply, Left: BRef r } b when r.Element == stock => 1 / constants.Evaluate(b.Right),
        BBinary { Operator: BinaryOperator.Multiply, Right: BRef r } b when r.Element == stock => 1 / constants.Evaluate(b.Left),
        // goal seeking, as in SMOOTH: (goal - stock) / T
        BBinary { Operator: BinaryOperator.Divide, Left: BBinary { Operator: BinaryOperator.Subtract, Right: BRef r } } b when r.Element == stock
            => constants.Evaluate(b.Right),
        _ => null,
    };
}
