using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Ops;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Binding;

/// <summary>
/// VECTOR_SELECT(selection, expression, missing, action, error), Vensim's VECTOR SELECT: over the elements whose
/// selection is not 0, one of eleven summaries (action 0-4: sum, product, min, max, mean of selection × expression;
/// 5: product of expression ^ selection; 6-10: sum, product, min, max, mean of the expression alone); <c>missing</c>
/// when nothing is selected. Lowered by the binder into folds of the elements; an action that is not a number at
/// binding (a literal) chooses among the eleven at run time. The error argument (Vensim raises an error when nothing, or
/// more than one element, is selected) is accepted and not acted on.
/// </summary>
internal sealed partial class ExpressionBinder
{
    private ArrayValue? BindVectorSelect(CallExpr call)
    {
        var args = BindAll(call.Arguments);
        if (args is null) return null;
        var (selection, expression) = (args[0], args[1]);
        if (selection.IsScalar || !selection.Dimensions.SequenceEqual(expression.Dimensions))
        {
            context.Report(DiagnosticCodes.DimensionMismatch,
                $"VECTOR_SELECT's selection and expression must run over the same dimensions, but they run over [{string.Join(", ", selection.Dimensions.Select(d => d.Name))}] and [{string.Join(", ", expression.Dimensions.Select(d => d.Name))}]",
                scope, call.Span, "reduce the same dimensions in both: sel[D!], x[D!] in Vensim, sel[*], x[*] here");
            return null;
        }
        if (!args[2].IsScalar || !args[3].IsScalar)
        {
            context.Report(DiagnosticCodes.DimensionMismatch, "VECTOR_SELECT's missing value and action must be single numbers", scope, call.Span);
            return null;
        }
        var s = selection.Items;
        var e = expression.Items;
        var chosen = s.Select(x => (BoundExpr)new BBinary(BinaryOperator.NotEqual, x, new BConst(0))).ToArray();
        var weighted = s.Zip(e, (x, y) => (BoundExpr)new BBinary(BinaryOperator.Multiply, x, y)).ToArray();
        var powers = s.Zip(e, (x, y) => (BoundExpr)new BBinary(BinaryOperator.Power, y, x)).ToArray();
        var count = new BReduce(Operations.Sum, [.. chosen]);
        BoundExpr Fold(FoldOperation fold, BoundExpr[] items, double neutral) =>
            new BReduce(fold, [.. items.Select((x, j) => (BoundExpr)new BIf(chosen[j], x, new BConst(neutral)))]);
        BoundExpr Mean(BoundExpr[] items) => new BBinary(BinaryOperator.Divide, Fold(Operations.Sum, items, 0), count);
        var summaries = new Func<BoundExpr>[]
        {
            () => Fold(Operations.Sum, weighted, 0), () => Fold(Operations.Product, weighted, 1),
            () => Fold(Operations.MinOf, weighted, double.PositiveInfinity), () => Fold(Operations.MaxOf, weighted, double.NegativeInfinity),
            () => Mean(weighted), () => Fold(Operations.Product, powers, 1),
            () => Fold(Operations.Sum, e, 0), () => Fold(Operations.Product, e, 1),
            () => Fold(Operations.MinOf, e, double.PositiveInfinity), () => Fold(Operations.MaxOf, e, double.NegativeInfinity),
            () => Mean(e),
        };
        var action = args[3].Items[0];
        BoundExpr value;
        if (action is BConst { Value: var a })
        {
            if (a != Math.Floor(a) || a < 0 || a >= summaries.Length)
            {
                context.Report(DiagnosticCodes.InvalidArgument, $"VECTOR_SELECT's action is {a}; it must be a whole number from 0 to 10", scope, call.Arguments[3].Span);
                return null;
            }
            value = summaries[(int)a]();
        }
        else value = new BSelect(new BBinary(BinaryOperator.Add, action, new BConst(1)), [.. summaries.Select(f => f())]);
        return ArrayValue.Scalar(new BIf(new BBinary(BinaryOperator.Equal, count, new BConst(0)), args[2].Items[0], value));
    }
}
