using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;

namespace Simulation.Engine.Syntax;

/// <summary>
/// The parser of our equation language (JSON models, XMILE's equations), with XMILE 1.0 precedence (loosest first):
/// IF-THEN-ELSE; OR; AND; = &lt;&gt;; &lt; &lt;= &gt; &gt;=; + -; * / MOD; unary - + NOT; ^ (right-associative).
/// Unary minus binds looser than ^, so <c>-2^2 = -4</c>; the exponent may itself be negated (<c>2^-1</c>).
/// The climbing is <see cref="ExpressionParser"/>'s; this class gives the table and the primaries.
/// A syntax error produces one diagnostic at the offending token and no tree.
/// </summary>
public sealed partial class Parser : ExpressionParser
{
    /// <summary>Our precedence, the one home of it: <see cref="ExprPrinter"/> parenthesises by the same table.</summary>
    internal static readonly OperatorTable Operators = new(
        OperatorLevel.Of((TokenKind.Or, BinaryOperator.Or)),
        OperatorLevel.Of((TokenKind.And, BinaryOperator.And)),
        OperatorLevel.Of((TokenKind.Equal, BinaryOperator.Equal), (TokenKind.NotEqual, BinaryOperator.NotEqual)),
        OperatorLevel.Of((TokenKind.Less, BinaryOperator.Less), (TokenKind.LessEqual, BinaryOperator.LessEqual),
            (TokenKind.Greater, BinaryOperator.Greater), (TokenKind.GreaterEqual, BinaryOperator.GreaterEqual)),
        OperatorLevel.Of((TokenKind.Plus, BinaryOperator.Add), (TokenKind.Minus, BinaryOperator.Subtract)),
        OperatorLevel.Of((TokenKind.Star, BinaryOperator.Multiply), (TokenKind.Slash, BinaryOperator.Divide), (TokenKind.Mod, BinaryOperator.Modulo)),
        OperatorLevel.Of((TokenKind.Minus, UnaryOperator.Negate), (TokenKind.Plus, UnaryOperator.Plus), (TokenKind.Not, UnaryOperator.Not)));

    private readonly string _text;

    private Parser(string text, List<Token> tokens, int start, int end, int depth = 0)
        : base(tokens, start, end, Operators, depth) => _text = text;

    /// <summary>Parses an equation; on failure adds a diagnostic (pointing into the equation) and returns null.</summary>
    public static Expr? Parse(EquationSource source, string? variable, DiagnosticBag diagnostics)
    {
        var result = TryParse(source.Text);
        result.Error?.ReportTo(diagnostics, source, variable);
        return result.Expression;
    }

    /// <summary>Parses text with no file behind it (tests, the command line).</summary>
    public static ParseResult TryParse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return new ParseResult(null, new ParseError(DiagnosticCodes.EmptyEquation, "the equation is empty", new TextSpan(0, Math.Max(1, text.Length)),
                "write an expression, e.g. 0"));
        var tokens = new Lexer(text).Tokenize();
        var parser = new Parser(text, tokens, 0, tokens.Count - 1);
        try
        {
            var expr = parser.Expression();
            if (parser.Current.Kind != TokenKind.End)
                throw parser.Unexpected("an operator or the end of the equation");
            return new ParseResult(expr, null);
        }
        catch (ParseException e)
        {
            return new ParseResult(null, e.Error);
        }
    }

    private Expr ParseIf()
    {
        var ifToken = Advance();
        var condition = Expression();
        Expect(TokenKind.Then, "THEN");
        var then = Expression();
        Expect(TokenKind.Else, "ELSE (every IF needs both THEN and ELSE)");
        var otherwise = Expression();
        return new IfExpr(condition, then, otherwise, ifToken.Span.Union(otherwise.Span));
    }

    private protected override Expr Primary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                if (!double.IsFinite(token.Number)) throw NumberTooLarge(token);
                if (Current.Kind == TokenKind.Units)
                {
                    var units = Advance();
                    return new NumberExpr(token.Number, token.Span.Union(units.Span)) { Units = units.Text };
                }
                return new NumberExpr(token.Number, token.Span);
            case TokenKind.Name:
            case TokenKind.QuotedName:
                return ParseTransposes(ParseNameOrCall());
            case TokenKind.LeftParen:
                Advance();
                var inner = Expression();
                var close = Expect(TokenKind.RightParen, "')'");
                return inner with { Span = token.Span.Union(close.Span) };
            case TokenKind.If:
                return ParseIf();
            case TokenKind.Mod when PeekAt(1).Kind == TokenKind.LeftParen:
                return ParseNameOrCall(); // MOD(a, b), the function form of the infix operator
            default:
                throw Unexpected("a number, a name or '('");
        }
    }

    /// <summary>XMILE's postfix transposition <c>A'</c> (binds tighter than ^), read as the call TRANSPOSE(A).</summary>
    private Expr ParseTransposes(Expr operand)
    {
        while (Current.Kind == TokenKind.Apostrophe)
        {
            var mark = Advance();
            operand = new CallExpr(new NameExpr("TRANSPOSE", mark.Span), [operand], operand.Span.Union(mark.Span));
        }
        return operand;
    }

    private Expr ParseNameOrCall()
    {
        var token = Advance();
        var name = new NameExpr(token.Text, token.Span);
        if (Current.Kind == TokenKind.LeftParen)
        {
            Advance();
            var args = ImmutableArray.CreateBuilder<Expr>();
            if (Current.Kind != TokenKind.RightParen)
            {
                do
                {
                    args.Add(Expression());
                } while (Accept(TokenKind.Comma));
            }
            var close = Expect(TokenKind.RightParen, "',' or ')' in the argument list");
            return new CallExpr(name, args.ToImmutable(), token.Span.Union(close.Span));
        }
        if (Current.Kind == TokenKind.LeftBracket)
            return ParseSubscripts(name);
        return name;
    }
}
