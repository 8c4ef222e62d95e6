using System.Collections.Immutable;
using Simulation.Engine.Ops;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Binding;

/// <summary>
/// The non-negative options, written as ordinary expressions so that every back end computes them
/// the same way (see docs/model-format.md):
/// <list type="bullet">
/// <item>a non-negative flow is <c>MAX(0, equation)</c>;</item>
/// <item>a non-negative stock limits its outflows in priority order, each to what is left:
/// <c>MIN(outflow, MAX(0, stock/DT - earlier outflows))</c>, so the stock cannot go below zero in
/// a step and what leaves it is what arrives downstream (material is conserved). This is the
/// XMILE 1.0 option filter for non-negative stocks (section 4.6). Inflows arriving in the same step
/// are deliberately not counted as available: counting them would make the outflows of two stocks
/// that feed each other depend on each other (an algebraic loop).</item>
/// </list>
/// A flow drained from two stocks is not limited (which stock would it obey?); the integrator then
/// clamps the stock at zero, as it does when a negative inflow would take it below zero.
/// The limit never hides a value that is not finite: <c>MIN(+inf, limit)</c> is the limit and <c>MAX(0, -inf)</c> is 0,
/// so a division by zero (say an input set to 0 with <c>--set</c>) would run on unnoticed. Each limited value adds
/// <c>0 * equation</c>, which is 0 for a finite equation (the value is unchanged) and NaN for an infinite one, so the
/// run stops with SD6001 naming the flow, as it does for any other variable. The repeated equation is computed once.
/// </summary>
internal static class NonNegativeRules
{
    public static void Apply(List<ModelElement> elements)
    {
        foreach (var flow in elements)
            if (flow.Kind == ElementKind.Flow && flow.NonNegative && flow.Equation is { } eq)
                flow.Equation = KeepingNonFinite(new BCall(Operations.Max, ImmutableArray.Create<BoundExpr>(new BConst(0), eq)), eq);

        var drainedBy = new Dictionary<int, int>();
        foreach (var stock in elements.Where(e => e.Kind == ElementKind.Stock))
            foreach (int o in stock.Outflows)
                drainedBy[o] = drainedBy.GetValueOrDefault(o) + 1;

        foreach (var stock in elements.Where(e => e.Kind == ElementKind.Stock && e.NonNegative && e.Outflows.Count > 0))
        {
            BoundExpr available = new BBinary(BinaryOperator.Divide, new BRef(stock.Id), new BTime(TimeQuantity.Dt));
            foreach (int o in stock.Outflows)
            {
                var outflow = elements[o];
                if (drainedBy[o] == 1 && outflow.Equation is { } raw && !stock.Inflows.Contains(o))
                {
                    var limit = new BCall(Operations.Max, ImmutableArray.Create<BoundExpr>(new BConst(0), available));
                    outflow.Equation = KeepingNonFinite(new BCall(Operations.Min, ImmutableArray.Create<BoundExpr>(raw, limit)), raw);
                }
                available = new BBinary(BinaryOperator.Subtract, available, new BRef(o));
            }
        }
    }

    /// <summary><paramref name="limited"/> + 0 * <paramref name="raw"/>: the limited value, or NaN when the raw one is infinite.</summary>
    private static BoundExpr KeepingNonFinite(BoundExpr limited, BoundExpr raw) =>
        new BBinary(BinaryOperator.Add, limited, new BBinary(BinaryOperator.Multiply, new BConst(0), raw));
}
