using Simulation.Engine.Diagnostics;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Import;

/// <summary>
/// Rewrites parts of an equation as text: the equation is parsed, a <see cref="Replacer"/> is offered
/// each syntax node in text order and may write a replacement for it; everything it does not replace
/// is copied character for character, with its file offset, so comments, spacing and the locations
/// of diagnostics survive translation.
/// </summary>
internal static class EquationRewriter
{
    /// <summary>Writes a replacement for <paramref name="node"/> (of <paramref name="source"/>) and returns true, or returns false to keep it.</summary>
    public delegate bool Replacer(EquationSource source, Expr node, SourcedText output);

    /// <summary>The rewritten equation, or the equation itself when nothing was replaced or it does not parse (the binder then reports it).</summary>
    public static EquationSource Rewrite(EquationSource source, Replacer replace)
    {
        if (Parser.TryParse(source.Text).Expression is not { } tree) return source;
        var output = new SourcedText();
        bool changed = false;
        Replacer tracking = (s, node, o) =>
        {
            bool replaced = replace(s, node, o);
            changed |= replaced;
            return replaced;
        };
        output.Append(source, 0, tree.Span.Start);
        Write(source, tree, output, tracking);
        output.Append(source, tree.Span.End, source.Text.Length);
        return changed ? output.ToEquation(source.File) : source;
    }

    /// <summary>Writes exactly the text of <paramref name="node"/>, with replacements applied inside it.</summary>
    public static void Write(EquationSource source, Expr node, SourcedText output, Replacer replace)
    {
        if (replace(source, node, output)) return;
        if (node is BinaryExpr chain)
        {
            WriteChain(source, chain, output, replace);
            return;
        }
        int cursor = node.Span.Start;
        foreach (var child in ExprWalk.Children(node))
        {
            output.Append(source, cursor, child.Span.Start);
            Write(source, child, output, replace);
            cursor = child.Span.End;
        }
        output.Append(source, cursor, node.Span.End);
    }

    /// <summary>
    /// Writes a binary operation that the replacer kept, and the chain of kept ones down its left operands, in a loop
    /// (see <see cref="BinaryChain"/>): the text before each left operand on the way down, the lowest left operand, then
    /// on the way up each node's text between its operands, its right operand and its closing text.
    /// </summary>
    private static void WriteChain(EquationSource source, BinaryExpr top, SourcedText output, Replacer replace)
    {
        var kept = new List<BinaryExpr> { top };
        while (true)
        {
            var node = kept[^1];
            output.Append(source, node.Span.Start, node.Left.Span.Start);
            if (node.Left is not BinaryExpr left)
            {
                Write(source, node.Left, output, replace);
                break;
            }
            if (replace(source, left, output)) break;
            kept.Add(left);
        }
        for (int k = kept.Count - 1; k >= 0; k--)
        {
            var node = kept[k];
            output.Append(source, node.Left.Span.End, node.Right.Span.Start);
            Write(source, node.Right, output, replace);
            output.Append(source, node.Right.Span.End, node.Span.End);
        }
    }

    /// <summary>
    /// Writes <c>target[subscripts]</c> with one replacer for the target and another inside the
    /// brackets, where names mean elements and dimensions first. Always returns true (it wrote the node).
    /// </summary>
    public static bool WriteSubscripted(EquationSource source, SubscriptExpr node, SourcedText output, Replacer target, Replacer inside)
    {
        Write(source, node.Target, output, target);
        int cursor = node.Target.Span.End;
        foreach (var expression in node.Subscripts.Select(x => x.Expression).OfType<Expr>())
        {
            output.Append(source, cursor, expression.Span.Start);
            Write(source, expression, output, inside);
            cursor = expression.Span.End;
        }
        output.Append(source, cursor, node.Span.End);
        return true;
    }

    /// <summary>Writes a node wrapped in parentheses, so that it keeps its meaning wherever it is put.</summary>
    public static void WriteParenthesized(EquationSource source, Expr node, SourcedText output, Replacer replace)
    {
        output.Append("(", source.FileOffsetOf(node.Span.Start));
        Write(source, node, output, replace);
        output.Append(")", source.FileOffsetOf(Math.Max(node.Span.Start, node.Span.End - 1)));
    }
}
