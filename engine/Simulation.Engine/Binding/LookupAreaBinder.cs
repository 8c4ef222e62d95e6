using Simulation.Engine.Ops;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Binding;

/// <summary>
/// LOOKUP_AREA(f, a, b), Vensim's LOOKUP AREA: the area under graphical function f from a to b, its points joined by
/// straight lines and held flat beyond the first and last (negative when b &lt; a). The points are known when the
/// model is built, so the area is lowered into G(b) − G(a), with G(x) = ∫ f from the first x to x: linear below the
/// first point and above the last, quadratic on each segment, chosen by comparisons (plain arithmetic every back
/// end runs).
/// </summary>
internal sealed partial class ExpressionBinder
{
    private ArrayValue? BindLookupArea(CallExpr call)
    {
        var tables = BindTables(call.Arguments[0]);
        if (tables is null) return null;
        var from = Bind(call.Arguments[1]);
        var to = Bind(call.Arguments[2]);
        if (tables is null || from is null || to is null) return null;
        var hidden = new MemoryExpander(context, scope);
        string prefix = context.HiddenPrefix(scope.Element, "area");
        return Zip(call, [tables, from, to], a =>
        {
            var table = context.Tables[(int)((BConst)a[0]).Value];
            return new BBinary(BinaryOperator.Subtract, Integral(table, hidden.Named(a[2], $"{prefix}.to")), Integral(table, hidden.Named(a[1], $"{prefix}.from")));
        });
    }

    /// <summary>G(x): the area under the table from its first x to x.</summary>
    private static BoundExpr Integral(LookupTable table, BoundExpr x)
    {
        var xs = table.X;
        var ys = table.Y;
        int last = xs.Length - 1;
        var before = new double[xs.Length]; // the area up to each point
        for (int k = 1; k <= last; k++) before[k] = before[k - 1] + (xs[k] - xs[k - 1]) * (ys[k - 1] + ys[k]) / 2;
        BoundExpr From(int k) => new BBinary(BinaryOperator.Subtract, x, new BConst(xs[k]));
        BoundExpr Flat(int k) => new BBinary(BinaryOperator.Add, new BConst(before[k]), new BBinary(BinaryOperator.Multiply, new BConst(ys[k]), From(k)));
        BoundExpr result = Flat(last);
        for (int k = last - 1; k >= 0; k--)
        {
            double half = (ys[k + 1] - ys[k]) / (xs[k + 1] - xs[k]) / 2;
            var segment = new BBinary(BinaryOperator.Add, Flat(k), new BBinary(BinaryOperator.Multiply, new BConst(half), new BBinary(BinaryOperator.Multiply, From(k), From(k))));
            result = new BIf(new BBinary(BinaryOperator.Less, x, new BConst(xs[k + 1])), segment, result);
        }
        return new BIf(new BBinary(BinaryOperator.Less, x, new BConst(xs[0])), Flat(0), result);
    }
}
