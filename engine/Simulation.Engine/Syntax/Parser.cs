using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;

namespace Simulation.Engine.Syntax;

/// <summary>
/// Recursive-descent parser for the equation language, with XMILE 1.0 precedence (loosest first):
/// IF-THEN-ELSE; OR; AND; = &lt;&gt;; &lt; &lt;= &gt; &gt;=; + -; * / MOD; unary - + NOT; ^ (right-associative).
/// Unary minus binds looser than ^, so <c>-2^2 = -4</c>; the exponent may itself be negated (<c>2^-1</c>).
/// A syntax error produces one diagnostic at the offending token and no tree.
/// </summary>
public sealed partial class Parser
{
    public const int MaxDepth = 200;

    private readonly string _text;
    private readonly List<Token> _tokens;
    private readonly int _end;
    private int _pos;
    private int _depth;

    private Parser(string text, List<Token> tokens, int start, int end)
    {
        _text = text;
        _tokens = tokens;
        _pos = start;
        _end = end;
    }

    /// <summary>Parses an equation; on failure adds a diagnostic (pointing into the equation) and returns null.</summary>
    public static Expr? Parse(EquationSource source, string? variable, DiagnosticBag diagnostics)
    {
        var result = TryParse(source.Text);
        if (result.Error is { } error)
        {
            diagnostics.InEquation(error.Code, Severity.Error, error.Message, source, error.Span, variable, error.Hint);
            return null;
        }
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
            var expr = parser.ParseExpression();
            if (parser.Current.Kind != TokenKind.End)
                throw parser.Unexpected("an operator or the end of the equation");
            return new ParseResult(expr, null);
        }
        catch (ParseException e)
        {
            return new ParseResult(null, e.Error);
        }
    }

    private Token Current => _pos < _end ? _tokens[_pos] : new Token(TokenKind.End, "", new TextSpan(EndOffset, 0));

    private int EndOffset => _end < _tokens.Count ? (_end == 0 ? _tokens[0].Span.Start : _tokens[_end - 1].Span.End) : _text.Length;

    private Token Advance()
    {
        var t = Current;
        if (_pos < _end) _pos++;
        return t;
    }

    private bool Accept(TokenKind kind)
    {
        if (Current.Kind != kind) return false;
        _pos++;
        return true;
    }

    private Token Expect(TokenKind kind, string what)
    {
        if (Current.Kind != kind) throw Unexpected(what);
        return Advance();
    }

    private Expr ParseExpression()
    {
        EnterLevel(Current.Span);
        try
        {
            return ParseOr();
        }
        finally
        {
            _depth--;
        }
    }

    /// <summary>
    /// One level deeper (the caller leaves it with <c>_depth--</c>). Parentheses, calls, IF, unary operators and ^ nest;
    /// a chain such as a + b + c does not (walks follow it in a loop, see <see cref="BinaryChain"/>), so every walk's
    /// recursion is bounded by this limit.
    /// </summary>
    private void EnterLevel(TextSpan at)
    {
        if (++_depth > MaxDepth)
            throw new ParseException(new ParseError(DiagnosticCodes.TooDeeplyNested,
                $"the equation is nested more than {MaxDepth} levels deep", at, "split it into intermediate variables"));
    }

    private Expr ParseIf()
    {
        var ifToken = Advance();
        var condition = ParseExpression();
        Expect(TokenKind.Then, "THEN");
        var then = ParseExpression();
        Expect(TokenKind.Else, "ELSE (every IF needs both THEN and ELSE)");
        var otherwise = ParseExpression();
        return new IfExpr(condition, then, otherwise, ifToken.Span.Union(otherwise.Span));
    }

    private Expr ParseOr()
    {
        var left = ParseAnd();
        while (Current.Kind == TokenKind.Or)
        {
            Advance();
            var right = ParseAnd();
            left = new BinaryExpr(BinaryOperator.Or, left, right, left.Span.Union(right.Span));
        }
        return left;
    }

    private Expr ParseAnd()
    {
        var left = ParseEquality();
        while (Current.Kind == TokenKind.And)
        {
            Advance();
            var right = ParseEquality();
            left = new BinaryExpr(BinaryOperator.And, left, right, left.Span.Union(right.Span));
        }
        return left;
    }

    private Expr ParseEquality()
    {
        var left = ParseRelational();
        while (Current.Kind is TokenKind.Equal or TokenKind.NotEqual)
        {
            var op = Advance().Kind == TokenKind.Equal ? BinaryOperator.Equal : BinaryOperator.NotEqual;
            var right = ParseRelational();
            left = new BinaryExpr(op, left, right, left.Span.Union(right.Span));
        }
        return left;
    }

    private Expr ParseRelational()
    {
        var left = ParseAdditive();
        while (Current.Kind is TokenKind.Less or TokenKind.LessEqual or TokenKind.Greater or TokenKind.GreaterEqual)
        {
            var op = Advance().Kind switch
            {
                TokenKind.Less => BinaryOperator.Less,
                TokenKind.LessEqual => BinaryOperator.LessEqual,
                TokenKind.Greater => BinaryOperator.Greater,
                _ => BinaryOperator.GreaterEqual,
            };
            var right = ParseAdditive();
            left = new BinaryExpr(op, left, right, left.Span.Union(right.Span));
        }
        return left;
    }

    private Expr ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Advance().Kind == TokenKind.Plus ? BinaryOperator.Add : BinaryOperator.Subtract;
            var right = ParseMultiplicative();
            left = new BinaryExpr(op, left, right, left.Span.Union(right.Span));
        }
        return left;
    }

    private Expr ParseMultiplicative()
    {
        var left = ParseUnary();
        while (Current.Kind is TokenKind.Star or TokenKind.Slash or TokenKind.Mod)
        {
            var op = Advance().Kind switch
            {
                TokenKind.Star => BinaryOperator.Multiply,
                TokenKind.Slash => BinaryOperator.Divide,
                _ => BinaryOperator.Modulo,
            };
            var right = ParseUnary();
            left = new BinaryExpr(op, left, right, left.Span.Union(right.Span));
        }
        return left;
    }

    private Expr ParseUnary()
    {
        var kind = Current.Kind;
        if (kind is TokenKind.Minus or TokenKind.Plus or TokenKind.Not)
        {
            var op = Advance();
            EnterLevel(op.Span);
            try
            {
                var operand = ParseUnary();
                var unary = kind switch
                {
                    TokenKind.Minus => UnaryOperator.Negate,
                    TokenKind.Plus => UnaryOperator.Plus,
                    _ => UnaryOperator.Not,
                };
                return new UnaryExpr(unary, operand, op.Span.Union(operand.Span));
            }
            finally
            {
                _depth--;
            }
        }
        return ParsePower();
    }

    private Expr ParsePower()
    {
        var left = ParsePrimary();
        if (Current.Kind != TokenKind.Caret) return left;
        var caret = Advance();
        EnterLevel(caret.Span); // a^b^c... nests to the right: each ^ is a level
        try
        {
            var right = ParseUnary(); // right-associative; allows 2^-1
            return new BinaryExpr(BinaryOperator.Power, left, right, left.Span.Union(right.Span));
        }
        finally
        {
            _depth--;
        }
    }

    private Expr ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                if (!double.IsFinite(token.Number))
                    throw new ParseException(new ParseError(DiagnosticCodes.NumberOutOfRange,
                        $"the number {token.Text} is too large to represent", token.Span, "numbers must be within about ±1.8e308"));
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
                var inner = ParseExpression();
                var close = Expect(TokenKind.RightParen, "')'");
                return inner with { Span = token.Span.Union(close.Span) };
            case TokenKind.If:
                return ParseIf();
            case TokenKind.Mod when _pos + 1 < _end && _tokens[_pos + 1].Kind == TokenKind.LeftParen:
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
                    args.Add(ParseExpression());
                } while (Accept(TokenKind.Comma));
            }
            var close = Expect(TokenKind.RightParen, "',' or ')' in the argument list");
            return new CallExpr(name, args.ToImmutable(), token.Span.Union(close.Span));
        }
        if (Current.Kind == TokenKind.LeftBracket)
            return ParseSubscripts(name);
        return name;
    }

    private ParseException Unexpected(string expected)
    {
        var t = Current;
        string found = t.Kind switch
        {
            TokenKind.End => "the end of the equation",
            TokenKind.Bad when t.Text.StartsWith('"') => "a quoted name that is never closed",
            TokenKind.Bad when t.Text.StartsWith("<<", StringComparison.Ordinal) => "units '<<' that are never closed with '>>'",
            TokenKind.Units => $"the units <<{t.Text}>>",
            TokenKind.Bad when t.Text == "{" => "a comment '{' that is never closed",
            _ => $"'{t.Text}'",
        };
        string? hint = t.Kind switch
        {
            TokenKind.Bad when t.Text.StartsWith('"') => "add the closing double quote",
            TokenKind.Bad when t.Text.StartsWith("<<", StringComparison.Ordinal) => "close the units with '>>'",
            TokenKind.Bad when t.Text == "{" => "close the comment with '}', or remove the '{'",
            TokenKind.Bad => "this character is not part of the equation language",
            TokenKind.Units => "units in << >> may only follow a number, e.g. 365 <<days/year>>",
            TokenKind.Name or TokenKind.Number when expected.StartsWith("an operator", StringComparison.Ordinal) => "is an operator missing between these?",
            _ => null,
        };
        var span = t.Kind == TokenKind.End ? new TextSpan(Math.Max(0, t.Span.Start), 1) : t.Span;
        return new ParseException(new ParseError(DiagnosticCodes.SyntaxError, $"expected {expected} but found {found}", span, hint));
    }

    private sealed class ParseException(ParseError error) : Exception(error.Message)
    {
        public ParseError Error { get; } = error;
    }
}
