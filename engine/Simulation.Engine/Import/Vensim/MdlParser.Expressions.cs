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
        while (Current.IsKeyword("OR"))
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
        while (Current.IsKeyword("AND"))
        {
            Advance();
            var right = Not();
            left = new MdlBinary(BinaryOperator.And, left, right, left.Span.Union(right.Span));
        }
        return left;
    }

    private MdlExpr Not()
    {
        if (!Current.IsKeyword("NOT")) return Comparison();
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

    private static BinaryOperator? ComparisonOperator(MdlTokenKind kind) => kind switch
    {
        MdlTokenKind.Equal => BinaryOperator.Equal,
        MdlTokenKind.NotEqual => BinaryOperator.NotEqual,
        MdlTokenKind.Less => BinaryOperator.Less,
        MdlTokenKind.LessEqual => BinaryOperator.LessEqual,
        MdlTokenKind.Greater => BinaryOperator.Greater,
        MdlTokenKind.GreaterEqual => BinaryOperator.GreaterEqual,
        _ => null,
    };

    private MdlExpr Additive()
    {
        var left = Multiplicative();
        while (Current.Kind is MdlTokenKind.Plus or MdlTokenKind.Minus)
        {
            var op = Advance().Kind == MdlTokenKind.Plus ? BinaryOperator.Add : BinaryOperator.Subtract;
            var right = Multiplicative();
            left = new MdlBinary(op, left, right, left.Span.Union(right.Span));
        }
        return left;
    }

    private MdlExpr Multiplicative()
    {
        var left = Unary();
        while (Current.Kind is MdlTokenKind.Star or MdlTokenKind.Slash)
        {
            var op = Advance().Kind == MdlTokenKind.Star ? BinaryOperator.Multiply : BinaryOperator.Divide;
            var right = Unary();
            left = new MdlBinary(op, left, right, left.Span.Union(right.Span));
        }
        return left;
    }

    private MdlExpr Unary()
    {
        if (Current.Kind is not (MdlTokenKind.Minus or MdlTokenKind.Plus)) return Power();
        var sign = Advance();
        var operand = Nested(Unary);
        var op = sign.Kind == MdlTokenKind.Minus ? UnaryOperator.Negate : UnaryOperator.Plus;
        return new MdlUnary(op, operand, sign.Span.Union(operand.Span));
    }

    private MdlExpr Power()
    {
        var left = Primary();
        if (Current.Kind != MdlTokenKind.Caret) return left;
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
            case MdlTokenKind.Number:
                Advance();
                if (!double.IsFinite(token.Number))
                    throw new MdlSyntaxException($"the number {token.Text} is too large to represent", token.Span, "numbers must be within about ±1.8e308");
                return new MdlNumber(token.Number, token.Span);
            case MdlTokenKind.String:
                Advance();
                return new MdlString(token.Text, token.Span);
            case MdlTokenKind.Keyword when token.Text == "NA":
                Advance();
                return new MdlNa(token.Span);
            case MdlTokenKind.Name:
                return NameOrCall();
            case MdlTokenKind.LeftParen:
            {
                Advance();
                if (LooksLikeLookupLiteral()) return LookupLiteralAfterParen(token);
                var inner = Expression();
                var close = Expect(MdlTokenKind.RightParen, "')'");
                return new MdlParenthesized(inner, token.Span.Union(close.Span));
            }
            default:
                throw Unexpected("a number, a name or '('");
        }
    }

    private MdlExpr NameOrCall()
    {
        var name = Advance();
        var subscripts = Current.Kind == MdlTokenKind.LeftBracket ? Subscripts() : ImmutableArray<MdlSubscript>.Empty;
        int end = subscripts.IsEmpty ? name.Span.End : _tokens[_pos - 1].Span.End;
        if (Current.Kind != MdlTokenKind.LeftParen)
            return new MdlReference(name.Text, subscripts, name.Span, TextSpan.FromBounds(name.Span.Start, end));
        var open = Advance();
        var args = ImmutableArray.CreateBuilder<MdlExpr>();
        if (Current.Kind != MdlTokenKind.RightParen)
        {
            do args.Add(Argument());
            while (Accept(MdlTokenKind.Comma));
        }
        var close = Expect(MdlTokenKind.RightParen, "',' or ')' in the argument list");
        _ = open;
        return new MdlCall(name.Text, subscripts, args.ToImmutable(), name.Span, name.Span.Union(close.Span));
    }

    /// <summary>An argument: an expression, or a lookup table written in place (WITH LOOKUP's second argument).</summary>
    private MdlExpr Argument()
    {
        if (Current.Kind == MdlTokenKind.LeftParen)
        {
            int save = _pos;
            var open = Advance();
            if (LooksLikeLookupLiteral()) return LookupLiteralAfterParen(open);
            _pos = save;
        }
        return Expression();
    }
}
