namespace Simulation.Engine.Syntax;

/// <summary>Structural equality of syntax trees, ignoring text spans; names compare by canonical form.</summary>
public static class ExprEquality
{
    public static bool AreEqual(Expr? a, Expr? b) => (a, b) switch
    {
        (null, null) => true,
        (NumberExpr x, NumberExpr y) => x.Value.Equals(y.Value),
        (NameExpr x, NameExpr y) => x.Canonical == y.Canonical,
        (SubscriptExpr x, SubscriptExpr y) => AreEqual(x.Target, y.Target) && x.Subscripts.Length == y.Subscripts.Length
            && x.Subscripts.Zip(y.Subscripts).All(p => p.First.Text == p.Second.Text && p.First.IsWildcard == p.Second.IsWildcard),
        (UnaryExpr x, UnaryExpr y) => x.Operator == y.Operator && AreEqual(x.Operand, y.Operand),
        (BinaryExpr x, BinaryExpr y) => x.Operator == y.Operator && AreEqual(x.Left, y.Left) && AreEqual(x.Right, y.Right),
        (IfExpr x, IfExpr y) => AreEqual(x.Condition, y.Condition) && AreEqual(x.Then, y.Then) && AreEqual(x.Else, y.Else),
        (CallExpr x, CallExpr y) => AreEqual(x.Function, y.Function) && x.Arguments.Length == y.Arguments.Length
            && x.Arguments.Zip(y.Arguments).All(p => AreEqual(p.First, p.Second)),
        _ => false,
    };
}
