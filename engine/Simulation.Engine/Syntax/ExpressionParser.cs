using Simulation.Engine.Diagnostics;

namespace Simulation.Engine.Syntax;

/// <summary>
/// What every equation dialect's parser shares (<see cref="Parser"/> for ours and XMILE's, the Vensim reader's
/// <c>MdlParser</c>): a cursor over the tokens, operators climbed by precedence from the dialect's
/// <see cref="OperatorTable"/> into the one syntax tree (<see cref="Expr"/>), the nesting limit, and syntax errors
/// located at the token that is wrong. A dialect gives its table and its primaries (numbers, names, calls,
/// parentheses, and what only it writes).
/// </summary>
public abstract class ExpressionParser
{
    public const int MaxDepth = 200;

    private readonly OperatorTable _operators;
    private readonly int _end;
    private int _depth;

    private protected readonly List<Token> _tokens;
    private protected int _pos;

    /// <param name="end">The index of the token that ends this expression (an <see cref="TokenKind.End"/>, or the ',' or ']' after a subscript).</param>
    private protected ExpressionParser(List<Token> tokens, int start, int end, OperatorTable operators, int depth = 0)
    {
        _tokens = tokens;
        _pos = start;
        _end = end;
        _operators = operators;
        _depth = depth;
    }

    private protected int Depth => _depth;

    /// <summary>The token at the cursor; past the end, an end token just after the last one.</summary>
    private protected Token Current => PeekAt(0);

    private protected Token PeekAt(int ahead) => _pos + ahead < _end
        ? _tokens[_pos + ahead]
        : new Token(TokenKind.End, "", new TextSpan(_end == 0 ? _tokens[0].Span.Start : _tokens[_end - 1].Span.End, 0));

    private protected Token Advance()
    {
        var t = Current;
        if (_pos < _end) _pos++;
        return t;
    }

    private protected bool Accept(TokenKind kind)
    {
        if (Current.Kind != kind) return false;
        _pos++;
        return true;
    }

    private protected Token Expect(TokenKind kind, string what) => Current.Kind == kind ? Advance() : throw Unexpected(what);

    /// <summary>A whole expression (an equation's, an argument, inside parentheses): one level deeper.</summary>
    private protected Expr Expression() => Nested(Current.Span, 0);

    /// <summary>A number, a name, a call, a parenthesised expression, or what else the dialect reads between operators.</summary>
    private protected abstract Expr Primary();

    /// <summary>
    /// An expression of <paramref name="level"/> or tighter, one level of nesting deeper. Parentheses, calls, prefix
    /// operators and ^ nest; a chain such as a + b + c is read in a loop, not by recursion (walks follow it in a loop
    /// too, see <see cref="BinaryChain"/>), so every walk's recursion is bounded by <see cref="MaxDepth"/>.
    /// </summary>
    private Expr Nested(TextSpan at, int level)
    {
        if (++_depth > MaxDepth)
            throw Error(DiagnosticCodes.TooDeeplyNested, $"the equation is nested more than {MaxDepth} levels deep", at, "split it into intermediate variables");
        try
        {
            return Climb(level);
        }
        finally
        {
            _depth--;
        }
    }

    /// <summary>Precedence climbing: an operand, then every binary operator of <paramref name="level"/> or tighter with its right operand.</summary>
    private Expr Climb(int level)
    {
        Expr left;
        var (prefixLevel, unary) = _operators.Prefix(Current.Kind);
        if (prefixLevel >= level)
        {
            var op = Advance();
            var operand = Nested(op.Span, prefixLevel);
            left = new UnaryExpr(unary, operand, op.Span.Union(operand.Span));
        }
        else
        {
            left = Primary();
        }
        while (true)
        {
            var (binaryLevel, binary) = _operators.Binary(Current.Kind);
            if (binaryLevel < level) return left;
            var op = Advance();
            var right = binaryLevel == _operators.PowerLevel ? Nested(op.Span, binaryLevel - 1) : Climb(binaryLevel + 1);
            left = new BinaryExpr(binary, left, right, left.Span.Union(right.Span));
        }
    }

    private protected static ParseException Error(string code, string message, TextSpan at, string? hint) =>
        new(new ParseError(code, message, at, hint));

    private protected static ParseException SyntaxError(string message, TextSpan at, string? hint) =>
        Error(DiagnosticCodes.SyntaxError, message, at, hint);

    private protected ParseException NumberTooLarge(Token number) =>
        Error(DiagnosticCodes.NumberOutOfRange, $"the number {number.Text} is too large to represent", number.Span, "numbers must be within about ±1.8e308");

    /// <summary>"expected <paramref name="expected"/> but found ...", at the current token, with a hint where one helps.</summary>
    private protected ParseException Unexpected(string expected)
    {
        var t = Current;
        string found = t.Kind switch
        {
            TokenKind.End => "the end of the equation",
            TokenKind.Bad when t.Text.StartsWith('"') => "a quoted name that is never closed",
            TokenKind.Bad when t.Text.StartsWith('\'') => "a string that is never closed",
            TokenKind.Bad when t.Text.StartsWith("<<", StringComparison.Ordinal) => "units '<<' that are never closed with '>>'",
            TokenKind.Units => $"the units <<{t.Text}>>",
            TokenKind.Bad when t.Text == "{" => "a comment '{' that is never closed",
            _ => $"'{t.Text}'",
        };
        string? hint = t.Kind switch
        {
            TokenKind.Bad when t.Text.StartsWith('"') => "add the closing double quote",
            TokenKind.Bad when t.Text.StartsWith('\'') => "add the closing single quote",
            TokenKind.Bad when t.Text.StartsWith("<<", StringComparison.Ordinal) => "close the units with '>>'",
            TokenKind.Bad when t.Text == "{" => "close the comment with '}', or remove the '{'",
            TokenKind.Bad => "this character is not part of the equation language",
            TokenKind.Units => "units in << >> may only follow a number, e.g. 365 <<days/year>>",
            TokenKind.Name or TokenKind.QuotedName or TokenKind.Number when expected.StartsWith("an operator", StringComparison.Ordinal) =>
                "is an operator missing between these?",
            _ => null,
        };
        var span = t.Kind == TokenKind.End ? new TextSpan(Math.Max(0, t.Span.Start), 1) : t.Span;
        return SyntaxError($"expected {expected} but found {found}", span, hint);
    }

    /// <summary>A syntax error on its way out of the parse (caught where the parse began).</summary>
    private protected sealed class ParseException(ParseError error) : Exception(error.Message)
    {
        public ParseError Error { get; } = error;
    }
}
