using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Import.Vensim;

/// <summary>
/// Parses one record's equation into a definition. Expressions follow the precedence Vensim's own
/// outputs show (tightest first): primaries; <c>^</c>, right-associative, its right operand may start
/// with a sign (<c>a ^ -b ^ c</c> is <c>a ^ (-(b ^ c))</c>); unary <c>+ -</c> (<c>-a^b</c> is
/// <c>-(a^b)</c>); <c>* /</c>; <c>+ -</c>; the comparisons, one level; <c>:NOT:</c>, whose operand is a
/// whole comparison (<c>:NOT: a &gt; b</c> is <c>:NOT: (a &gt; b)</c>); <c>:AND:</c>; <c>:OR:</c>. The climbing, the
/// nesting limit and the errors are <see cref="ExpressionParser"/>'s, and the tree is the engine's <see cref="Expr"/> with
/// Vensim's own primaries (MdlSyntax.cs). A syntax error gives one diagnostic at the offending token and no definition.
/// </summary>
internal sealed partial class MdlParser : ExpressionParser
{
    private static readonly OperatorTable Operators = new(
        OperatorLevel.Of((TokenKind.Or, BinaryOperator.Or)),
        OperatorLevel.Of((TokenKind.And, BinaryOperator.And)),
        OperatorLevel.Of((TokenKind.Not, UnaryOperator.Not)),
        OperatorLevel.Of((TokenKind.Equal, BinaryOperator.Equal), (TokenKind.NotEqual, BinaryOperator.NotEqual),
            (TokenKind.Less, BinaryOperator.Less), (TokenKind.LessEqual, BinaryOperator.LessEqual),
            (TokenKind.Greater, BinaryOperator.Greater), (TokenKind.GreaterEqual, BinaryOperator.GreaterEqual)),
        OperatorLevel.Of((TokenKind.Plus, BinaryOperator.Add), (TokenKind.Minus, BinaryOperator.Subtract)),
        OperatorLevel.Of((TokenKind.Star, BinaryOperator.Multiply), (TokenKind.Slash, BinaryOperator.Divide)),
        OperatorLevel.Of((TokenKind.Minus, UnaryOperator.Negate), (TokenKind.Plus, UnaryOperator.Plus)));

    private MdlParser(List<Token> tokens) : base(tokens, 0, tokens.Count - 1, Operators)
    {
    }

    public static MdlDefinition? Parse(MdlRecord record, DiagnosticBag diagnostics)
    {
        var parser = new MdlParser(MdlLexer.Tokenize(record.Equation.Text));
        try
        {
            return record.MacroStart ? parser.MacroHeader(record) : parser.Definition(record);
        }
        catch (ParseException e)
        {
            e.Error.ReportTo(diagnostics, record.Equation, null);
            return null;
        }
    }

    private Token ExpectName(string what) => Current.IsName ? Advance() : throw Unexpected(what);

    private MdlDefinition MacroHeader(MdlRecord record)
    {
        var name = ExpectName("the macro's name");
        var inputs = ImmutableArray.CreateBuilder<string>();
        var outputs = ImmutableArray.CreateBuilder<string>();
        if (Accept(TokenKind.LeftParen))
        {
            var target = inputs;
            while (Current.Kind != TokenKind.RightParen)
            {
                if (Accept(TokenKind.Colon))
                {
                    target = outputs;
                    continue;
                }
                target.Add(ExpectName("a parameter name").Text);
                if (Current.Kind != TokenKind.RightParen && Current.Kind != TokenKind.Colon) Expect(TokenKind.Comma, "',' between parameters");
            }
            Advance();
        }
        return new MdlMacroHeader(record, name.Text, inputs.ToImmutable(), outputs.ToImmutable());
    }

    private MdlDefinition Definition(MdlRecord record)
    {
        var name = ExpectName("the name of the variable or subscript range this record defines");
        if (Current.Kind == TokenKind.Colon) return RangeDefinition(record, name.Text);
        if (Accept(TokenKind.Equivalence))
        {
            var other = ExpectName("the subscript range this one is another name for");
            ExpectEnd();
            return new MdlEquivalence(record, name.Text, other.Text);
        }
        var subscripts = Current.Kind == TokenKind.LeftBracket ? Subscripts() : ImmutableArray<MdlSubscript>.Empty;
        var except = ImmutableArray.CreateBuilder<ImmutableArray<MdlSubscript>>();
        if (Current is { Kind: TokenKind.Keyword, Text: "EXCEPT" })
        {
            Advance();
            do except.Add(Subscripts());
            while (Accept(TokenKind.Comma));
        }
        var left = new MdlLeftSide(name.Text, name.Span, subscripts, except.ToImmutable());
        string? mode = null;
        if (Current.Kind == TokenKind.Keyword && Current.Text is "INTERPOLATE" or "RAW" or "HOLD BACKWARD" or "LOOK FORWARD")
            mode = Advance().Text;
        if (Current.Kind == TokenKind.Keyword && Current.Text is "THE CONDITION" or "TEST INPUT")
            return new MdlRealityCheck(record, name.Text);
        switch (Current.Kind)
        {
            case TokenKind.End:
                return new MdlEquation(record, left, MdlEquationKind.DataWithoutBody, null) { DataMode = mode };
            case TokenKind.LeftParen:
            {
                var open = Advance();
                var body = LookupBody(open);
                Expect(TokenKind.RightParen, "')' closing the lookup");
                ExpectEnd();
                return new MdlEquation(record, left, MdlEquationKind.Lookup, body);
            }
            case TokenKind.Equal or TokenKind.DoubleEqual or TokenKind.ColonEqual:
            {
                var kind = Advance().Kind switch
                {
                    TokenKind.Equal => MdlEquationKind.Normal,
                    TokenKind.DoubleEqual => MdlEquationKind.Unchangeable,
                    _ => MdlEquationKind.Data,
                };
                if (Current.Kind == TokenKind.End)
                    throw Error(DiagnosticCodes.EmptyEquation, "the equation is empty", new TextSpan(Current.Span.Start, 1), "write an expression after '='");
                if ((TabbedArray() ?? NumberList()) is { } rows)
                    return new MdlEquation(record, left, kind, null) { Numbers = rows, DataMode = mode };
                var right = Expression();
                ExpectEnd();
                return new MdlEquation(record, left, kind, right) { DataMode = mode };
            }
            default:
                throw Unexpected("'=', '(' (a lookup) or the end of the record");
        }
    }

    private void ExpectEnd()
    {
        if (Current.Kind != TokenKind.End) throw Unexpected("an operator or the end of the equation");
    }

    /// <summary><c>[a, Dim!, b]</c>.</summary>
    private ImmutableArray<MdlSubscript> Subscripts()
    {
        var open = Expect(TokenKind.LeftBracket, "'['");
        var result = ImmutableArray.CreateBuilder<MdlSubscript>();
        do
        {
            var name = ExpectName("an element or a subscript range");
            bool bang = Accept(TokenKind.Bang);
            result.Add(new MdlSubscript(name.Text, bang, bang ? TextSpan.FromBounds(name.Span.Start, name.Span.End + 1) : name.Span));
        } while (Accept(TokenKind.Comma));
        if (Current.Kind != TokenKind.RightBracket)
            throw Current.Kind == TokenKind.End
                ? SyntaxError("'[' is never closed", open.Span, "add ']'")
                : Unexpected("',' or ']'");
        Advance();
        return result.ToImmutable();
    }

    /// <summary>A list of numbers (<c>1, 2; 3, 4;</c>) or null when the right-hand side is an expression (position unchanged).</summary>
    private ImmutableArray<ImmutableArray<NumberExpr>>? NumberList()
    {
        int save = _pos;
        var rows = ImmutableArray.CreateBuilder<ImmutableArray<NumberExpr>>();
        var row = ImmutableArray.CreateBuilder<NumberExpr>();
        bool separated = false;
        while (true)
        {
            int start = Current.Span.Start;
            if (SignedNumber() is not double value)
            {
                _pos = save;
                return null;
            }
            row.Add(new NumberExpr(value, TextSpan.FromBounds(start, _tokens[_pos - 1].Span.End)));
            if (Accept(TokenKind.Comma))
            {
                separated = true;
                continue;
            }
            if (Accept(TokenKind.Semicolon))
            {
                separated = true;
                rows.Add(row.ToImmutable());
                row.Clear();
                if (Current.Kind == TokenKind.End) break;
                continue;
            }
            if (Current.Kind == TokenKind.End) break;
            _pos = save;
            return null;
        }
        if (!separated)
        {
            _pos = save;
            return null;
        }
        if (row.Count > 0) rows.Add(row.ToImmutable());
        return rows.ToImmutable();
    }

    /// <summary><c>TABBED ARRAY(1 2 3 4 ...)</c>: numbers pasted from a spreadsheet, separated by blanks, in row-major order.</summary>
    private ImmutableArray<ImmutableArray<NumberExpr>>? TabbedArray()
    {
        if (!Current.IsName || !string.Equals(Current.Text, "TABBED ARRAY", StringComparison.OrdinalIgnoreCase) || PeekAt(1).Kind != TokenKind.LeftParen)
            return null;
        Advance();
        Advance();
        var row = ImmutableArray.CreateBuilder<NumberExpr>();
        while (Current.Kind != TokenKind.RightParen)
        {
            int start = Current.Span.Start;
            double value = SignedNumber() ?? throw Unexpected("a number or ')' closing the TABBED ARRAY");
            row.Add(new NumberExpr(value, TextSpan.FromBounds(start, _tokens[_pos - 1].Span.End)));
        }
        Advance();
        ExpectEnd();
        return [row.ToImmutable()];
    }

    private double? SignedNumber()
    {
        int save = _pos;
        double sign = 1;
        while (Current.Kind is TokenKind.Minus or TokenKind.Plus)
            if (Advance().Kind == TokenKind.Minus) sign = -sign;
        if (Current.Kind == TokenKind.Number) return sign * Advance().Number;
        _pos = save;
        return null;
    }
}
