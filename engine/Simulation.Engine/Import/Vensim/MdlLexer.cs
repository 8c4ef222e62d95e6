using System.Globalization;
using System.Text;
using Simulation.Engine.Diagnostics;

namespace Simulation.Engine.Import.Vensim;

/// <summary>
/// Splits the equation part of a Vensim record into tokens. Names contain spaces (<c>birth rate</c>,
/// <c>IF THEN ELSE</c>) and also <c>$ ' &amp; %</c> after their first letter; a quoted name may hold
/// any character. A single quote at the start of a token opens a string (GET functions' file names).
/// Keywords sit between colons (<c>:AND:</c>, <c>:EXCEPT:</c>, <c>:HOLD BACKWARD:</c>); a colon that
/// does not open a known keyword is a colon (a subscript range <c>Dim: a, b</c>). Comments in braces
/// (which may nest) are skipped.
/// </summary>
internal sealed class MdlLexer
{
    /// <summary>Every keyword written between colons, upper case, words single-spaced.</summary>
    private static readonly HashSet<string> Keywords =
    [
        "AND", "OR", "NOT", "NA", "EXCEPT", "INTERPOLATE", "RAW", "HOLD BACKWARD", "LOOK FORWARD",
        "THE CONDITION", "IMPLIES", "TEST INPUT", "MACRO", "END OF MACRO", "INCLUDE", "SUPPLEMENTARY",
    ];

    private readonly string _text;
    private int _pos;

    private MdlLexer(string text) => _text = text;

    public static List<MdlToken> Tokenize(string text)
    {
        var lexer = new MdlLexer(text);
        var tokens = new List<MdlToken>();
        while (true)
        {
            int before = lexer._pos;
            var token = lexer.Next();
            if (lexer._pos == before && token.Kind != MdlTokenKind.End)
            {
                // Never stand still: a character no rule takes is a bad token of its own.
                token = new MdlToken(MdlTokenKind.Bad, text[before].ToString(), new TextSpan(before, 1));
                lexer._pos = before + 1;
            }
            tokens.Add(token);
            if (token.Kind == MdlTokenKind.End) return tokens;
        }
    }

    private MdlToken Next()
    {
        SkipBlanks();
        if (_pos >= _text.Length) return new MdlToken(MdlTokenKind.End, "", new TextSpan(_text.Length, 0));
        int start = _pos;
        char c = _text[_pos];
        if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(Peek(1)))) return Number();
        if (IsNameStart(c)) return Name();
        if (c == '"') return QuotedName();
        if (c == '\'') return String();
        if (c == ':' && Keyword() is { } keyword) return keyword;
        _pos++;
        MdlTokenKind kind;
        switch (c)
        {
            case '+': kind = MdlTokenKind.Plus; break;
            case '-':
                kind = Peek(0) == '>' ? Take(MdlTokenKind.Arrow) : MdlTokenKind.Minus;
                break;
            case '*': kind = MdlTokenKind.Star; break;
            case '/': kind = MdlTokenKind.Slash; break;
            case '^': kind = MdlTokenKind.Caret; break;
            case '(': kind = MdlTokenKind.LeftParen; break;
            case ')': kind = MdlTokenKind.RightParen; break;
            case '[': kind = MdlTokenKind.LeftBracket; break;
            case ']': kind = MdlTokenKind.RightBracket; break;
            case ',': kind = MdlTokenKind.Comma; break;
            case ';': kind = MdlTokenKind.Semicolon; break;
            case '!': kind = MdlTokenKind.Bang; break;
            case ':': kind = Peek(0) == '=' ? Take(MdlTokenKind.ColonEqual) : MdlTokenKind.Colon; break;
            case '=': kind = Peek(0) == '=' ? Take(MdlTokenKind.DoubleEqual) : MdlTokenKind.Equal; break;
            case '<':
                if (Peek(0) == '-' && Peek(1) == '>')
                {
                    _pos += 2;
                    kind = MdlTokenKind.Equivalence;
                }
                else if (Peek(0) == '=') kind = Take(MdlTokenKind.LessEqual);
                else if (Peek(0) == '>') kind = Take(MdlTokenKind.NotEqual);
                else kind = MdlTokenKind.Less;
                break;
            case '>': kind = Peek(0) == '=' ? Take(MdlTokenKind.GreaterEqual) : MdlTokenKind.Greater; break;
            default: kind = MdlTokenKind.Bad; break;
        }
        return new MdlToken(kind, _text[start.._pos], TextSpan.FromBounds(start, _pos));
    }

    private MdlTokenKind Take(MdlTokenKind kind)
    {
        _pos++;
        return kind;
    }

    private char Peek(int ahead) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private MdlToken Number()
    {
        int start = _pos;
        while (char.IsAsciiDigit(Peek(0))) _pos++;
        if (Peek(0) == '.')
        {
            _pos++;
            while (char.IsAsciiDigit(Peek(0))) _pos++;
        }
        if (Peek(0) is 'e' or 'E')
        {
            int save = _pos++;
            if (Peek(0) is '+' or '-') _pos++;
            if (char.IsAsciiDigit(Peek(0)))
                while (char.IsAsciiDigit(Peek(0))) _pos++;
            else _pos = save;
        }
        string raw = _text[start.._pos];
        double value = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
        return new MdlToken(MdlTokenKind.Number, raw, TextSpan.FromBounds(start, _pos), value);
    }

    /// <summary>A name of one or more words; spaces, tabs and underscores between words are one space.</summary>
    private MdlToken Name()
    {
        int start = _pos;
        var sb = new StringBuilder();
        while (_pos < _text.Length && _text[_pos] == '_') sb.Append(_text[_pos++]); // a leading underscore is part of the name
        int end = _pos;
        while (true)
        {
            while (_pos < _text.Length && IsNamePart(_text[_pos])) sb.Append(_text[_pos++]);
            end = _pos;
            int save = _pos;
            bool separated = false;
            while (_pos < _text.Length && _text[_pos] is ' ' or '\t' or '_' or '\n' or '\r')
            {
                separated = true;
                _pos++;
            }
            if (!separated || _pos >= _text.Length || !(IsNameStart(_text[_pos]) || char.IsAsciiDigit(_text[_pos])))
            {
                // Trailing underscores belong to the name as written (a_); trailing blanks do not.
                _pos = save;
                break;
            }
            sb.Append(' ');
        }
        _pos = end;
        return new MdlToken(MdlTokenKind.Name, sb.ToString(), TextSpan.FromBounds(start, end));
    }

    private MdlToken QuotedName()
    {
        int start = _pos++;
        var sb = new StringBuilder();
        while (_pos < _text.Length && _text[_pos] != '"')
        {
            if (_text[_pos] == '\\' && _pos + 1 < _text.Length && _text[_pos + 1] is '"' or '\\') _pos++;
            sb.Append(_text[_pos++]);
        }
        if (_pos >= _text.Length) return new MdlToken(MdlTokenKind.Bad, _text[start..], TextSpan.FromBounds(start, _pos));
        _pos++;
        return new MdlToken(MdlTokenKind.Name, sb.ToString().Trim(), TextSpan.FromBounds(start, _pos), Quoted: true);
    }

    private MdlToken String()
    {
        int start = _pos++;
        int close = _text.IndexOf('\'', _pos);
        if (close < 0)
        {
            _pos = _text.Length;
            return new MdlToken(MdlTokenKind.Bad, _text[start..], TextSpan.FromBounds(start, _pos));
        }
        _pos = close + 1;
        return new MdlToken(MdlTokenKind.String, _text[(start + 1)..close], TextSpan.FromBounds(start, _pos));
    }

    /// <summary>A keyword between colons, or null (then the colon is a colon).</summary>
    private MdlToken? Keyword()
    {
        int close = _text.IndexOf(':', _pos + 1);
        if (close < 0 || close - _pos > 40) return null;
        string inside = string.Join(' ', _text[(_pos + 1)..close].Split([' ', '\t', '_'], StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
        if (!Keywords.Contains(inside)) return null;
        int start = _pos;
        _pos = close + 1;
        return new MdlToken(MdlTokenKind.Keyword, inside, TextSpan.FromBounds(start, _pos));
    }

    private static bool IsNameStart(char c) => char.IsLetter(c) || c > 127 || c == '_';

    private static bool IsNamePart(char c) => char.IsLetterOrDigit(c) || c > 127 || c is '$' or '\'' or '&' or '%' or '.';

    private void SkipBlanks()
    {
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (char.IsWhiteSpace(c))
            {
                _pos++;
                continue;
            }
            if (c != '{') break;
            int depth = 0;
            do
            {
                if (_text[_pos] == '{') depth++;
                else if (_text[_pos] == '}') depth--;
                _pos++;
            } while (depth > 0 && _pos < _text.Length);
        }
    }
}
