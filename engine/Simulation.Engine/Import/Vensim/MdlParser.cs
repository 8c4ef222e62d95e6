using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Import.Vensim;

/// <summary>
/// Parses one record's equation into a definition. Expressions follow the precedence Vensim's own
/// outputs show (tightest first): primaries; <c>^</c>, right-associative, its right operand may start
/// with a sign (<c>a ^ -b ^ c</c> is <c>a ^ (-(b ^ c))</c>); unary <c>+ -</c> (<c>-a^b</c> is
/// <c>-(a^b)</c>); <c>* /</c>; <c>+ -</c>; the comparisons, one level; <c>:NOT:</c>, whose operand is a
/// whole comparison (<c>:NOT: a &gt; b</c> is <c>:NOT: (a &gt; b)</c>); <c>:AND:</c>; <c>:OR:</c>.
/// A syntax error gives one diagnostic at the offending token and no definition.
/// </summary>
internal sealed partial class MdlParser
{
    private const int MaxDepth = 200;
    private readonly List<MdlToken> _tokens;
    private int _pos;
    private int _depth;

    private MdlParser(List<MdlToken> tokens) => _tokens = tokens;

    public static MdlDefinition? Parse(MdlRecord record, DiagnosticBag diagnostics)
    {
        var parser = new MdlParser(MdlLexer.Tokenize(record.Equation.Text));
        try
        {
            return record.MacroStart ? parser.MacroHeader(record) : parser.Definition(record);
        }
        catch (MdlSyntaxException e)
        {
            diagnostics.InEquation(DiagnosticCodes.SyntaxError, Severity.Error, e.Message, record.Equation, e.Span, null, e.Hint);
            return null;
        }
    }

    private MdlToken Current => _tokens[_pos];

    private MdlToken PeekAt(int ahead) => _tokens[Math.Min(_pos + ahead, _tokens.Count - 1)];

    private MdlToken Advance()
    {
        var t = Current;
        if (_pos < _tokens.Count - 1) _pos++;
        return t;
    }

    private bool Accept(MdlTokenKind kind)
    {
        if (Current.Kind != kind) return false;
        Advance();
        return true;
    }

    private MdlToken Expect(MdlTokenKind kind, string what) => Current.Kind == kind ? Advance() : throw Unexpected(what);

    private MdlSyntaxException Unexpected(string expected)
    {
        var t = Current;
        string found = t.Kind switch
        {
            MdlTokenKind.End => "the end of the equation",
            MdlTokenKind.Bad when t.Text.StartsWith('"') => "a quoted name that is never closed",
            MdlTokenKind.Bad when t.Text.StartsWith('\'') => "a string that is never closed",
            _ => $"'{t.Text}'",
        };
        var span = t.Kind == MdlTokenKind.End ? new TextSpan(Math.Max(0, t.Span.Start - 1), 1) : t.Span;
        return new MdlSyntaxException($"expected {expected} but found {found}", span,
            t.Kind == MdlTokenKind.Bad && !t.Text.StartsWith('"') && !t.Text.StartsWith('\'') ? "this character is not part of Vensim's equation language" : null);
    }

    private MdlDefinition MacroHeader(MdlRecord record)
    {
        var name = Expect(MdlTokenKind.Name, "the macro's name");
        var inputs = ImmutableArray.CreateBuilder<string>();
        var outputs = ImmutableArray.CreateBuilder<string>();
        if (Accept(MdlTokenKind.LeftParen))
        {
            var target = inputs;
            while (Current.Kind != MdlTokenKind.RightParen)
            {
                if (Accept(MdlTokenKind.Colon))
                {
                    target = outputs;
                    continue;
                }
                target.Add(Expect(MdlTokenKind.Name, "a parameter name").Text);
                if (Current.Kind != MdlTokenKind.RightParen && Current.Kind != MdlTokenKind.Colon) Expect(MdlTokenKind.Comma, "',' between parameters");
            }
            Advance();
        }
        return new MdlMacroHeader(record, name.Text, inputs.ToImmutable(), outputs.ToImmutable());
    }

    private MdlDefinition Definition(MdlRecord record)
    {
        var name = Expect(MdlTokenKind.Name, "the name of the variable or subscript range this record defines");
        if (Current.Kind == MdlTokenKind.Colon) return RangeDefinition(record, name.Text);
        if (Accept(MdlTokenKind.Equivalence))
        {
            var other = Expect(MdlTokenKind.Name, "the subscript range this one is another name for");
            ExpectEnd();
            return new MdlEquivalence(record, name.Text, other.Text);
        }
        var subscripts = Current.Kind == MdlTokenKind.LeftBracket ? Subscripts() : ImmutableArray<MdlSubscript>.Empty;
        var except = ImmutableArray.CreateBuilder<ImmutableArray<MdlSubscript>>();
        if (Current.IsKeyword("EXCEPT"))
        {
            Advance();
            do except.Add(Subscripts());
            while (Accept(MdlTokenKind.Comma));
        }
        var left = new MdlLeftSide(name.Text, name.Span, subscripts, except.ToImmutable());
        string? mode = null;
        if (Current.Kind == MdlTokenKind.Keyword && Current.Text is "INTERPOLATE" or "RAW" or "HOLD BACKWARD" or "LOOK FORWARD")
            mode = Advance().Text;
        if (Current.Kind == MdlTokenKind.Keyword && Current.Text is "THE CONDITION" or "TEST INPUT")
            return new MdlRealityCheck(record, name.Text);
        switch (Current.Kind)
        {
            case MdlTokenKind.End:
                return new MdlEquation(record, left, MdlEquationKind.DataWithoutBody, null) { DataMode = mode };
            case MdlTokenKind.LeftParen:
            {
                var open = Advance();
                var body = LookupBody(open);
                Expect(MdlTokenKind.RightParen, "')' closing the lookup");
                ExpectEnd();
                return new MdlEquation(record, left, MdlEquationKind.Lookup, body);
            }
            case MdlTokenKind.Equal or MdlTokenKind.DoubleEqual or MdlTokenKind.ColonEqual:
            {
                var kind = Advance().Kind switch
                {
                    MdlTokenKind.Equal => MdlEquationKind.Normal,
                    MdlTokenKind.DoubleEqual => MdlEquationKind.Unchangeable,
                    _ => MdlEquationKind.Data,
                };
                if (Current.Kind == MdlTokenKind.End)
                    throw new MdlSyntaxException("the equation is empty", new TextSpan(Math.Max(0, Current.Span.Start - 1), 1), "write an expression after '='");
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
        if (Current.Kind != MdlTokenKind.End) throw Unexpected("an operator or the end of the equation");
    }

    /// <summary><c>[a, Dim!, b]</c>.</summary>
    private ImmutableArray<MdlSubscript> Subscripts()
    {
        var open = Expect(MdlTokenKind.LeftBracket, "'['");
        var result = ImmutableArray.CreateBuilder<MdlSubscript>();
        do
        {
            var name = Expect(MdlTokenKind.Name, "an element or a subscript range");
            bool bang = Accept(MdlTokenKind.Bang);
            result.Add(new MdlSubscript(name.Text, bang, bang ? TextSpan.FromBounds(name.Span.Start, name.Span.End + 1) : name.Span));
        } while (Accept(MdlTokenKind.Comma));
        if (Current.Kind != MdlTokenKind.RightBracket)
            throw Current.Kind == MdlTokenKind.End
                ? new MdlSyntaxException("'[' is never closed", open.Span, "add ']'")
                : Unexpected("',' or ']'");
        Advance();
        return result.ToImmutable();
    }

    /// <summary>A list of numbers (<c>1, 2; 3, 4;</c>) or null when the right-hand side is an expression (position unchanged).</summary>
    private ImmutableArray<ImmutableArray<MdlNumber>>? NumberList()
    {
        int save = _pos;
        var rows = ImmutableArray.CreateBuilder<ImmutableArray<MdlNumber>>();
        var row = ImmutableArray.CreateBuilder<MdlNumber>();
        bool separated = false;
        while (true)
        {
            int start = Current.Span.Start;
            if (SignedNumber() is not double value)
            {
                _pos = save;
                return null;
            }
            row.Add(new MdlNumber(value, TextSpan.FromBounds(start, _tokens[_pos - 1].Span.End)));
            if (Accept(MdlTokenKind.Comma))
            {
                separated = true;
                continue;
            }
            if (Accept(MdlTokenKind.Semicolon))
            {
                separated = true;
                rows.Add(row.ToImmutable());
                row.Clear();
                if (Current.Kind == MdlTokenKind.End) break;
                continue;
            }
            if (Current.Kind == MdlTokenKind.End) break;
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
    private ImmutableArray<ImmutableArray<MdlNumber>>? TabbedArray()
    {
        if (Current.Kind != MdlTokenKind.Name || !string.Equals(Current.Text, "TABBED ARRAY", StringComparison.OrdinalIgnoreCase) || PeekAt(1).Kind != MdlTokenKind.LeftParen)
            return null;
        Advance();
        Advance();
        var row = ImmutableArray.CreateBuilder<MdlNumber>();
        while (Current.Kind != MdlTokenKind.RightParen)
        {
            int start = Current.Span.Start;
            double value = SignedNumber() ?? throw Unexpected("a number or ')' closing the TABBED ARRAY");
            row.Add(new MdlNumber(value, TextSpan.FromBounds(start, _tokens[_pos - 1].Span.End)));
        }
        Advance();
        ExpectEnd();
        return [row.ToImmutable()];
    }

    private double? SignedNumber()
    {
        int save = _pos;
        double sign = 1;
        while (Current.Kind is MdlTokenKind.Minus or MdlTokenKind.Plus)
            if (Advance().Kind == MdlTokenKind.Minus) sign = -sign;
        if (Current.Kind == MdlTokenKind.Number) return sign * Advance().Number;
        _pos = save;
        return null;
    }

    private sealed class MdlSyntaxException(string message, TextSpan span, string? hint) : Exception(message)
    {
        public TextSpan Span { get; } = span;
        public string? Hint { get; } = hint;
    }
}
