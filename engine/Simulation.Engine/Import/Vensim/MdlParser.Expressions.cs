using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Import.Vensim;

/// <summary>Vensim's primaries: numbers, strings, <c>:NA:</c>, names, calls, parentheses and lookup tables written in place.</summary>
internal sealed partial class MdlParser
{
    private protected override Expr Primary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                if (!double.IsFinite(token.Number)) throw NumberTooLarge(token);
                return new NumberExpr(token.Number, token.Span);
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

    private Expr NameOrCall()
    {
        var name = Advance();
        var subscripts = Current.Kind == TokenKind.LeftBracket ? Subscripts() : ImmutableArray<MdlSubscript>.Empty;
        int end = subscripts.IsEmpty ? name.Span.End : _tokens[_pos - 1].Span.End;
        if (Current.Kind != TokenKind.LeftParen)
            return new MdlReference(name.Text, subscripts, name.Span, TextSpan.FromBounds(name.Span.Start, end));
        var open = Advance();
        var args = ImmutableArray.CreateBuilder<Expr>();
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
    private Expr Argument()
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
