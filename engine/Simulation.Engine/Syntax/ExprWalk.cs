namespace Simulation.Engine.Syntax;

/// <summary>Walks over syntax trees: a node's children, and every name in a tree (in a loop, so a long chain costs no stack).</summary>
public static class ExprWalk
{
    /// <summary>The direct subexpressions of a node, in the order they appear in the text.</summary>
    public static IEnumerable<Expr> Children(Expr node) => node switch
    {
        UnaryExpr u => [u.Operand],
        BinaryExpr b => [b.Left, b.Right],
        IfExpr i => [i.Condition, i.Then, i.Else],
        CallExpr c => [c.Function, .. c.Arguments],
        SubscriptExpr s => [s.Target, .. s.Subscripts.Select(x => x.Expression).OfType<Expr>()],
        _ => [],
    };

    /// <summary>Every name the tree mentions (variables, functions called, dimensions in subscripts), canonical, in no particular order.</summary>
    public static IEnumerable<NameExpr> Names(Expr root)
    {
        var stack = new Stack<Expr>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is NameExpr name) yield return name;
            foreach (var child in Children(node)) stack.Push(child);
        }
    }
}
