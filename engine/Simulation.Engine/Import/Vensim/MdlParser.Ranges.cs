using System.Collections.Immutable;
using System.Globalization;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Import.Vensim;

/// <summary>Lookup tables written as points, and subscript range definitions.</summary>
internal sealed partial class MdlParser
{
    /// <summary>After '(': whether a table of points follows (<c>[(0,0)-(1,1)], (0,1)...</c> or <c>(0,1), ...</c>).</summary>
    private bool LooksLikeLookupLiteral()
    {
        if (Current.Kind == TokenKind.LeftBracket) return PeekAt(1).Kind == TokenKind.LeftParen;
        if (Current.Kind != TokenKind.LeftParen) return false;
        int i = 1;
        while (PeekAt(i).Kind is TokenKind.Minus or TokenKind.Plus) i++;
        return PeekAt(i).Kind == TokenKind.Number && PeekAt(i + 1).Kind == TokenKind.Comma;
    }

    /// <summary>A table of points in an argument; the opening '(' is read, the closing one is read here.</summary>
    private MdlLookupLiteral LookupLiteralAfterParen(Token open)
    {
        var (x, y) = Points();
        var close = Expect(TokenKind.RightParen, "')' closing the lookup table");
        return new MdlLookupLiteral(x, y, open.Span.Union(close.Span));
    }

    /// <summary>
    /// The body of a lookup definition <c>name( ... )</c>, before its closing parenthesis: points with an
    /// optional range, a GET ... LOOKUPS call, or Vensim's flat form <c>x1, ..., xn, y1, ..., yn</c>.
    /// </summary>
    private Expr LookupBody(Token open)
    {
        if (Current.Kind is TokenKind.LeftBracket or TokenKind.LeftParen)
        {
            var (x, y) = Points();
            return new MdlLookupLiteral(x, y, open.Span.Union(_tokens[Math.Max(0, _pos - 1)].Span));
        }
        if (Current.IsName) return Expression();
        var values = new List<double>();
        do values.Add(SignedNumber() ?? throw Unexpected("a number"));
        while (Accept(TokenKind.Comma));
        if (values.Count % 2 != 0)
            throw SyntaxError($"a lookup written as a flat list needs as many y values as x values, but it has {values.Count} numbers",
                open.Span, "write the x values, then the y values: name(x1, x2, y1, y2)");
        int n = values.Count / 2;
        return new MdlLookupLiteral([.. values.Take(n)], [.. values.Skip(n)], open.Span.Union(_tokens[_pos - 1].Span));
    }

    /// <summary><c>[(xmin,ymin)-(xmax,ymax), (x,y)...], (x1,y1), (x2,y2)...</c>: the range (for the graph editor only) is skipped.</summary>
    private (ImmutableArray<double> X, ImmutableArray<double> Y) Points()
    {
        if (Accept(TokenKind.LeftBracket))
        {
            int depth = 1;
            while (depth > 0)
            {
                if (Current.Kind == TokenKind.End) throw Unexpected("']' closing the lookup's range");
                if (Current.Kind == TokenKind.LeftBracket) depth++;
                else if (Current.Kind == TokenKind.RightBracket) depth--;
                Advance();
            }
            if (Current.Kind == TokenKind.RightParen) return ([], []);
            Expect(TokenKind.Comma, "',' after the lookup's range");
        }
        var x = ImmutableArray.CreateBuilder<double>();
        var y = ImmutableArray.CreateBuilder<double>();
        do
        {
            Expect(TokenKind.LeftParen, "'(' opening a point (x, y)");
            x.Add(SignedNumber() ?? throw Unexpected("the x value of a point"));
            Expect(TokenKind.Comma, "',' between x and y");
            y.Add(SignedNumber() ?? throw Unexpected("the y value of a point"));
            Expect(TokenKind.RightParen, "')' closing the point");
        } while (Accept(TokenKind.Comma));
        return (x.ToImmutable(), y.ToImmutable());
    }

    /// <summary><c>Dim: a, (b1-b3), c -&gt; Target, (Other: x, y, z)</c>, or <c>Dim: GET XLS SUBSCRIPT(...)</c>.</summary>
    private MdlDefinition RangeDefinition(MdlRecord record, string name)
    {
        Expect(TokenKind.Colon, "':'");
        MdlCall? fromFile = null;
        var elements = ImmutableArray.CreateBuilder<string>();
        if (Current.IsName && PeekAt(1).Kind == TokenKind.LeftParen)
        {
            fromFile = Expression() as MdlCall ?? throw Unexpected("a GET ... SUBSCRIPT call");
        }
        else
        {
            do
            {
                if (Current.Kind == TokenKind.LeftParen) elements.AddRange(NumberedElements());
                else elements.Add(ExpectName("an element name").Text);
            } while (Accept(TokenKind.Comma));
        }
        var mappings = ImmutableArray.CreateBuilder<MdlMapping>();
        if (Accept(TokenKind.Arrow))
        {
            do mappings.Add(Mapping());
            while (Accept(TokenKind.Comma));
        }
        ExpectEnd();
        return new MdlRangeDefinition(record, name, elements.ToImmutable(), mappings.ToImmutable()) { FromFile = fromFile };
    }

    private MdlMapping Mapping()
    {
        if (!Accept(TokenKind.LeftParen)) return new MdlMapping(ExpectName("the range this one maps to").Text, null);
        string target = ExpectName("the range this one maps to").Text;
        Expect(TokenKind.Colon, "':' after the target range");
        var elements = ImmutableArray.CreateBuilder<string>();
        do elements.Add(ExpectName("an element (or subrange) of the target range").Text);
        while (Accept(TokenKind.Comma));
        Expect(TokenKind.RightParen, "')' closing the mapping");
        return new MdlMapping(target, elements.ToImmutable());
    }

    /// <summary><c>(A1-A10)</c>: A1, A2, ..., A10 (the same prefix, numbers counted up; zero padding kept).</summary>
    private IEnumerable<string> NumberedElements()
    {
        var open = Advance();
        var first = ExpectName("the first element, e.g. A1");
        Expect(TokenKind.Minus, "'-' between the first and last element");
        var last = ExpectName("the last element, e.g. A10");
        var close = Expect(TokenKind.RightParen, "')'");
        var span = open.Span.Union(close.Span);
        var (prefix, from, width) = SplitNumber(first.Text);
        var (lastPrefix, to, _) = SplitNumber(last.Text);
        if (from is null || to is null || !string.Equals(prefix, lastPrefix, StringComparison.OrdinalIgnoreCase) || to < from || to - from > 1_000_000)
            throw SyntaxError($"({first.Text}-{last.Text}) is not a numbered range", span,
                "both ends need the same prefix and a number, the last not below the first, e.g. (A1-A10)");
        for (long i = from.Value; i <= to.Value; i++)
            yield return prefix + i.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
    }

    private static (string Prefix, long? Number, int Width) SplitNumber(string name)
    {
        int i = name.Length;
        while (i > 0 && char.IsAsciiDigit(name[i - 1])) i--;
        if (i == name.Length || name.Length - i > 12) return (name, null, 0);
        string digits = name[i..];
        return (name[..i], long.Parse(digits, CultureInfo.InvariantCulture), digits.StartsWith('0') ? digits.Length : 0);
    }
}
