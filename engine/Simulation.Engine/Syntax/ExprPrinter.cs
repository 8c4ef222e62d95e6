using System.Globalization;
using System.Text;

namespace Simulation.Engine.Syntax;

/// <summary>
/// Prints a syntax tree back as equation text, with only the parentheses precedence needs, such that
/// parsing the result gives the same tree (a tested property).
/// </summary>
public static class ExprPrinter
{
    /// <summary>How tightly each kind of expression binds, for parentheses: IF-THEN-ELSE loosest, then the levels of
    /// <see cref="Parser"/>'s operator table (one above their index there), then primaries.</summary>
    private const int IfLevel = 0;

    internal static readonly int UnaryLevel = LevelOf(UnaryOperator.Negate), PrimaryLevel = LevelOf(BinaryOperator.Power) + 1;

    internal static int LevelOf(BinaryOperator op) => Parser.Operators.LevelOf(op) + 1;

    private static int LevelOf(UnaryOperator op) => Parser.Operators.LevelOf(op) + 1;

    public static string Print(Expr expr)
    {
        var sb = new StringBuilder();
        Write(sb, expr, IfLevel);
        return sb.ToString();
    }

    public static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A name as it can be written in an equation: unchanged when the lexer reads it back whole, else quoted.</summary>
    public static string FormatName(string name)
    {
        var tokens = new Lexer(name).Tokenize();
        if (tokens.Count == 2 && tokens[0].Kind == TokenKind.Name && tokens[0].Text == name) return name;
        return "\"" + name.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }

    private static void Write(StringBuilder sb, Expr expr, int context)
    {
        int level = LevelOf(expr);
        bool parens = level < context;
        if (parens) sb.Append('(');
        switch (expr)
        {
            case NumberExpr n:
                sb.Append(FormatNumber(n.Value));
                if (n.Units is not null) sb.Append(" <<").Append(n.Units).Append(">>");
                break;
            case NameExpr name:
                sb.Append(FormatName(name.Name));
                break;
            case SubscriptExpr s:
                sb.Append(FormatName(s.Target.Name)).Append('[');
                sb.AppendJoin(", ", s.Subscripts.Select(x => x.Text));
                sb.Append(']');
                break;
            case CallExpr call:
                sb.Append(FormatName(call.Function.Name)).Append('(');
                for (int i = 0; i < call.Arguments.Length; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Write(sb, call.Arguments[i], IfLevel);
                }
                sb.Append(')');
                break;
            case UnaryExpr u:
                sb.Append(u.Operator switch { UnaryOperator.Negate => "-", UnaryOperator.Plus => "+", _ => "NOT " });
                Write(sb, u.Operand, UnaryLevel);
                break;
            case BinaryExpr b:
                WriteChain(sb, b);
                break;
            case IfExpr i:
                sb.Append("IF ");
                Write(sb, i.Condition, IfLevel);
                sb.Append(" THEN ");
                Write(sb, i.Then, IfLevel);
                sb.Append(" ELSE ");
                Write(sb, i.Else, IfLevel);
                break;
        }
        if (parens) sb.Append(')');
    }

    /// <summary>
    /// A binary operation, and the chain of them down its left operands that need no parentheses, in a loop (see
    /// <see cref="BinaryChain"/>): the leftmost operand, then each operator and right operand.
    /// </summary>
    private static void WriteChain(StringBuilder sb, BinaryExpr top)
    {
        var parent = top;
        var spine = BinaryChain.Spine(top, out var leftmost, left =>
        {
            bool bare = parent.Operator != BinaryOperator.Power && left.Operator != BinaryOperator.Power && LevelOf(left) >= LevelOf(parent);
            parent = left;
            return bare;
        });
        var lowest = spine[0];
        Write(sb, leftmost, lowest.Operator == BinaryOperator.Power ? PrimaryLevel : LevelOf(lowest));
        foreach (var b in spine)
        {
            sb.Append(' ').Append(Symbol(b.Operator)).Append(' ');
            Write(sb, b.Right, b.Operator == BinaryOperator.Power ? UnaryLevel : LevelOf(b) + 1);
        }
    }

    internal static int LevelOf(Expr expr) => expr switch
    {
        IfExpr => IfLevel,
        UnaryExpr u => LevelOf(u.Operator),
        BinaryExpr b => LevelOf(b.Operator),
        _ => PrimaryLevel,
    };

    public static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Power => "^",
        BinaryOperator.Modulo => "MOD",
        BinaryOperator.Equal => "=",
        BinaryOperator.NotEqual => "<>",
        BinaryOperator.Less => "<",
        BinaryOperator.LessEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterEqual => ">=",
        BinaryOperator.And => "AND",
        _ => "OR",
    };
}
