namespace Simulation.Engine.Syntax;

/// <summary>Structural equality of syntax trees, ignoring text spans; names compare by canonical form.</summary>
public static class ExprEquality
{
    public static bool AreEqual(Expr? a, Expr? b) => (a, b) switch
    {
        (null, null) => true,
        (NumberExpr x, NumberExpr y) => x.Value.Equals(y.Value) && x.Units == y.Units,
        (NameExpr x, NameExpr y) => x.Canonical == y.Canonical,
        (SubscriptExpr x, SubscriptExpr y) => AreEqual(x.Target, y.Target) && x.Subscripts.Length == y.Subscripts.Length
            && x.Subscripts.Zip(y.Subscripts).All(p => p.First.Text == p.Second.Text && p.First.IsWildcard == p.Second.IsWildcard),
        (UnaryExpr x, UnaryExpr y) => x.Operator == y.Operator && AreEqual(x.Operand, y.Operand),
        (BinaryExpr x, BinaryExpr y) => ChainsEqual(x, y),
        (IfExpr x, IfExpr y) => AreEqual(x.Condition, y.Condition) && AreEqual(x.Then, y.Then) && AreEqual(x.Else, y.Else),
        (CallExpr x, CallExpr y) => AreEqual(x.Function, y.Function) && x.Arguments.Length == y.Arguments.Length
            && x.Arguments.Zip(y.Arguments).All(p => AreEqual(p.First, p.Second)),
        _ => false,
    };

    /// <summary>Two binary operations and the chains down their left operands, in a loop (see <see cref="BinaryChain"/>).</summary>
    private static bool ChainsEqual(BinaryExpr x, BinaryExpr y)
    {
        var xs = BinaryChain.Spine(x, out var xLeftmost);
        var ys = BinaryChain.Spine(y, out var yLeftmost);
        if (xs.Count != ys.Count || !AreEqual(xLeftmost, yLeftmost)) return false;
        for (int i = 0; i < xs.Count; i++)
            if (xs[i].Operator != ys[i].Operator || !AreEqual(xs[i].Right, ys[i].Right)) return false;
        return true;
    }
}
