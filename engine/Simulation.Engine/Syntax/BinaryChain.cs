namespace Simulation.Engine.Syntax;

/// <summary>
/// A chain such as <c>a + b + c + ...</c> parses into a left-deep tree as deep as the chain is long, and a walk
/// that recursed into left operands would overflow the stack on a long one (15,000 terms was enough). Tree walks
/// therefore recurse only into right operands and other children, whose depth the parser bounds (SD1102), and
/// follow the left spine of a chain in a loop: <see cref="Spine{TNode, TExpr}"/> lists it.
/// </summary>
public static class BinaryChain
{
    /// <summary>
    /// The binary nodes from <paramref name="top"/> down through left operands that are themselves binary nodes (and
    /// that <paramref name="follow"/> accepts, when given), lowest first; <paramref name="leftmost"/> is the left
    /// operand of the lowest. Evaluating the leftmost operand and then each node's right operand, in list order, is
    /// the order a recursive walk would take.
    /// </summary>
    public static List<TNode> Spine<TNode, TExpr>(TNode top, Func<TNode, TExpr> left, out TExpr leftmost, Func<TNode, bool>? follow = null)
        where TNode : class, TExpr
    {
        var spine = new List<TNode> { top };
        var operand = left(top);
        while (operand is TNode node && (follow is null || follow(node)))
        {
            spine.Add(node);
            operand = left(node);
        }
        spine.Reverse();
        leftmost = operand;
        return spine;
    }

    /// <summary>The spine of a syntax tree's chain (see <see cref="Spine{TNode, TExpr}"/>).</summary>
    public static List<BinaryExpr> Spine(BinaryExpr top, out Expr leftmost, Func<BinaryExpr, bool>? follow = null) =>
        Spine(top, b => b.Left, out leftmost, follow);
}
