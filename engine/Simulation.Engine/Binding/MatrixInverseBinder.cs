using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Binding;

/// <summary>
/// INVERT_MATRIX(m[.., D1, D2] [, n]): the inverse of the square matrix over the last two subscripts, for each
/// element of the others (Vensim's INVERT MATRIX). Lowered by the binder into the adjugate over the determinant,
/// cofactors by Laplace expansion: plain arithmetic that every back end runs, exact for the 2 x 2 and 3 x 3
/// matrices models hold; its cost grows as n!, so matrices are limited to <see cref="LargestInverse"/> rows.
/// </summary>
internal sealed partial class ExpressionBinder
{
    private const int LargestInverse = 4;

    private ArrayValue? BindInverse(CallExpr call)
    {
        var matrix = Bind(FreeLastDimensions(call.Arguments[0], 2));
        if (matrix is null) return null;
        if (call.Arguments.Length > 1 && Bind(call.Arguments[1]) is null) return null;
        if (matrix.Dimensions is not [var rows, var columns] || rows.Size != columns.Size)
        {
            context.Report(DiagnosticCodes.DimensionMismatch,
                $"INVERT_MATRIX inverts a square matrix over two dimensions, but its argument is over {matrix.Dimensions.Length} ({string.Join(" x ", matrix.Dimensions.Select(d => d.Size))})",
                scope, call.Arguments[0].Span, "write the matrix with its two dimensions last, e.g. m[a, D1, D2] or m[a, *, *]");
            return null;
        }
        int n = rows.Size;
        if (n > LargestInverse)
        {
            context.Report(DiagnosticCodes.InvalidArgument, $"INVERT_MATRIX inverts matrices of up to {LargestInverse} x {LargestInverse}; this one is {n} x {n}",
                scope, call.Arguments[0].Span);
            return null;
        }
        var a = new BoundExpr[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                a[i, j] = matrix.Items[i * n + j];
        var all = Enumerable.Range(0, n).ToArray();
        var determinant = Determinant(a, all, all);
        var inverse = new BoundExpr[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                inverse[i * n + j] = new BBinary(BinaryOperator.Divide, Cofactor(a, all, all, j, i), determinant);
        int? row = scope.IndexIn(rows), column = scope.IndexIn(columns, rows == columns ? 1 : 0);
        return row is int r && column is int c ? ArrayValue.Scalar(inverse[r * n + c]) : new ArrayValue([rows, columns], inverse);
    }

    /// <summary>The determinant of a's rows and columns given, expanded along the first row.</summary>
    private static BoundExpr Determinant(BoundExpr[,] a, int[] rows, int[] columns)
    {
        if (rows.Length == 1) return a[rows[0], columns[0]];
        BoundExpr? sum = null;
        for (int k = 0; k < columns.Length; k++)
        {
            var term = new BBinary(BinaryOperator.Multiply, a[rows[0], columns[k]], Cofactor(a, rows, columns, 0, k));
            sum = sum is null ? term : new BBinary(BinaryOperator.Add, sum, term);
        }
        return sum!;
    }

    /// <summary>(-1)^(i+j) times the determinant without row i and column j (positions within the given rows and columns).</summary>
    private static BoundExpr Cofactor(BoundExpr[,] a, int[] rows, int[] columns, int i, int j)
    {
        if (rows.Length == 1) return new BConst(1);
        var minor = Determinant(a, rows.Where((_, k) => k != i).ToArray(), columns.Where((_, k) => k != j).ToArray());
        return (i + j) % 2 == 0 ? minor : new BUnary(UnaryOperator.Negate, minor);
    }
}
