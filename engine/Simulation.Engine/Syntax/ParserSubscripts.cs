using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;

namespace Simulation.Engine.Syntax;

/// <summary>The parser's reading of subscripts: <c>pop[Age, Q1]</c>, <c>x[*:Sub]</c>, element names that are not expressions.</summary>
public sealed partial class Parser
{
    /// <summary>
    /// Subscripts are read as raw text between commas, because element names (0-17, 85+) need not be
    /// expressions; each piece is also parsed as an expression where it can be.
    /// </summary>
    private Expr ParseSubscripts(NameExpr target)
    {
        var open = Advance();
        var pieces = new List<(int Start, int End)>();
        int pieceStart = _pos;
        int depth = 0;
        while (true)
        {
            var t = Current;
            if (t.Kind == TokenKind.End)
                throw SyntaxError("'[' is never closed", open.Span, "add ']'");
            if (t.Kind is TokenKind.LeftBracket or TokenKind.LeftParen) depth++;
            else if (t.Kind is TokenKind.RightParen) depth--;
            else if (t.Kind == TokenKind.RightBracket)
            {
                if (depth == 0) break;
                depth--;
            }
            else if (t.Kind == TokenKind.Comma && depth == 0)
            {
                pieces.Add((pieceStart, _pos));
                Advance();
                pieceStart = _pos;
                continue;
            }
            Advance();
        }
        pieces.Add((pieceStart, _pos));
        var close = Advance();
        var subscripts = ImmutableArray.CreateBuilder<Subscript>();
        foreach (var (start, end) in pieces)
        {
            if (start == end)
                throw SyntaxError("an empty subscript", _tokens[Math.Min(start, _tokens.Count - 1)].Span,
                    "write an element or dimension name between the commas");
            var span = TextSpan.FromBounds(_tokens[start].Span.Start, _tokens[end - 1].Span.End);
            string raw = _text[span.Start..span.End].Trim();
            if (_tokens[start].Kind == TokenKind.Star)
            {
                string? subrange = null;
                if (end - start == 3 && _tokens[start + 1].Text == ":" && _tokens[start + 2].Kind is TokenKind.Name or TokenKind.QuotedName)
                    subrange = _tokens[start + 2].Text;
                else if (end - start != 1)
                    throw SyntaxError($"'{raw}' is not a subscript", span,
                        "use * for a whole dimension or *:Subrange for part of one");
                subscripts.Add(new Subscript(raw, null, true, span) { WildcardSubrange = subrange });
                continue;
            }
            var sub = new Parser(_text, _tokens, start, end, Depth);
            Expr? expression = null;
            try
            {
                var e = sub.Expression();
                if (sub._pos == end) expression = e;
            }
            catch (ParseException)
            {
                // not an expression: an element name like 85+
            }
            subscripts.Add(new Subscript(raw, expression, false, span));
        }
        return new SubscriptExpr(target, subscripts.ToImmutable(), target.Span.Union(close.Span));
    }
}
