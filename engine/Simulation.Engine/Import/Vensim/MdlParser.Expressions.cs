using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Import.Vensim;

/// <summary>Vensim's expression grammar, loosest level first (the precedence is described on <see cref="MdlParser"/>).</summary>
internal sealed partial class MdlParser
{
    private MdlExpr Expression()
    {
        if (++_depth > MaxDepth)
            throw new MdlSyntaxException($"the equation is nested more than {MaxDepth} levels deep", Current.Span, "split it into intermediate variables");
        try
        {
            return Or();
        }
        finally
        {
            _depth--;
        }
    }

    private MdlExpr Or()
    {
        var left = And();
        while (Current.Kind == TokenKind.Or)
        {
            Advance();
            var right = And();
            left = new MdlBinary(BinaryOperator.Or, left, right, left.Span.Union(right.Span));
        }
        return left;
    }

    private MdlExpr And()
    {
        var left = Not();
        while (Current.Kind == TokenKind.And)
        {
            Advance();
            var right = Not();
            left = new MdlBinary(BinaryOperator.And, left, right, left.Span.Union(right.Span));
        }
        return left;
    }

    private MdlExpr Not()
    {
        if (Current.Kind != TokenKind.Not) return Comparison();
        var not = Advance();
        var operand = Nested(Not);
        return new MdlUnary(UnaryOperator.Not, operand, not.Span.Union(operand.Span));
    }

    private MdlExpr Comparison()
    {
        var left = Additive();
        while (ComparisonOperator(Current.Kind) is { } op)
        {
            Advance();
            var right = Additive();
            left = new MdlBinary(op, left, right, left.Span.Union(right.Span));
        }
        return left;
    }

    private static BinaryOperator? ComparisonOperator(TokenKind kind) => kind switch
    {
        TokenKind.Equal => BinaryOperator.Equal,
        TokenKind.NotEqual => BinaryOperator.NotEqual,
        TokenKind.Less => BinaryOperator.Less,
        TokenKind.LessEqual => BinaryOperator.LessEqual,
        TokenKind.Greater => BinaryOperator.Greater,
        TokenKind.GreaterEqual => BinaryOperator.GreaterEqual,
        _ => null,
    };

    private MdlExpr Additive()
    {
        var left = Multiplicative();
        while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Advance().Kind == TokenKind.Plus ? BinaryOperator.Add : BinaryOperator.Subtract;
            var right = Multiplicative();
            left = new MdlBinary(op, left, right, left.Span.Union(right.Span));
        }
        return left;
    }

    private MdlExpr Multiplicative()
    {
        var left = Unary();
        while (Current.Kind is TokenKind.Star or TokenKind.Slash)
        {
            var op = Advance().Kind == TokenKind.Star ? BinaryOperator.Multiply : BinaryOperator.Divide;
            var right = Unary();
            left = new MdlBinary(op, left, right, left.Span.Union(right.Span));
        }
        return left;
    }

    private MdlExpr Unary()
    {
        if (Current.Kind is not (TokenKind.Minus or TokenKind.Plus)) return Power();
        var sign = Advance();
        var operand = Nested(Unary);
        var op = sign.Kind == TokenKind.Minus ? UnaryOperator.Negate : UnaryOperator.Plus;
        return new MdlUnary(op, operand, sign.Span.Union(operand.Span));
    }

    private MdlExpr Power()
    {
        var left = Primary();
        if (Current.Kind != TokenKind.Caret) return left;
        Advance();
        var right = Nested(Unary); // right-associative, and 2^-1
        return new MdlBinary(BinaryOperator.Power, left, right, left.Span.Union(right.Span));
    }

    private MdlExpr Nested(Func<MdlExpr> parse)
    {
        if (++_depth > MaxDepth)
            throw new MdlSyntaxException($"the equation is nested more than {MaxDepth} levels deep", Current.Span, "split it into intermediate variables");
        try
        {
            return parse();
        }
        finally
        {
            _depth--;
        }
    }

    private MdlExpr Primary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                if (!double.IsFinite(token.Number))
                    throw new MdlSyntaxException($"the number {token.Text} is too large to represent", token.Span, "numbers must be within about ±1.8e308");
                return new MdlNumber(token.Number, token.Span);
            case TokenKind.String:
                Advance();
                return new MdlString(token.Text, token.Span);
            case TokenKind.Keyword when token.Text == "NA":
                Advance();
                return new MdlNa(token.Span);
            case TokenKind.Name or TokenKind.QuotedName:
                return NameOrCall();
            case TokenKind.LeftParen:
            {
                Advance();
                if (LooksLikeLookupLiteral()) return LookupLiteralAfterParen(token);
                var inner = Expression();
                var close = Expect(TokenKind.RightParen, "')'");
                return new MdlParenthesized(inner, token.Span.Union(close.Span));
            }
            default:
                throw Unexpected("a number, a name or '('");
        }
    }

    private MdlExpr NameOrCall()
    {
        var name = Advance();
        var subscripts = Current.Kind == TokenKind.LeftBracket ? Subscripts() : ImmutableArray<MdlSubscript>.Empty;
        int end = subscripts.IsEmpty ? name.Span.End : _tokens[_pos - 1].Span.End;
        if (Current.Kind != TokenKind.LeftParen)
            return new MdlReference(name.Text, subscripts, name.Span, TextSpan.FromBounds(name.Span.Start, end));
        var open = Advance();
        var args = ImmutableArray.CreateBuilder<MdlExpr>();
        if (Current.Kind != TokenKind.RightParen)
        {
            do args.Add(Argument());
            while (Accept(TokenKind.Comma));
        }
        var close = Expect(TokenKind.RightParen, "',' or ')' in the argument list");
        _ = open;
        return new MdlCall(name.Text, subscripts, args.ToImmutable(), name.Span, name.Span.Union(close.Span));
    }

    /// <summary>An argument: an expression, or a lookup table written in place (WITH LOOKUP's second argument).</summary>
    private MdlExpr Argument()
    {
        if (Current.Kind == TokenKind.LeftParen)
        {
            int save = _pos;
            var open = Advance();
            if (LooksLikeLookupLiteral()) return LookupLiteralAfterParen(open);
            _pos = save;
        }
        return Expression();
    }
}
