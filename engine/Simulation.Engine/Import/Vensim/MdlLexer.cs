using System.Text;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Import.Vensim;

/// <summary>
/// Splits the equation part of a Vensim record into tokens. Names contain spaces (<c>birth rate</c>,
/// <c>IF THEN ELSE</c>) and also <c>$ ' &amp; %</c> after their first letter; a quoted name may hold
/// any character. A single quote at the start of a token opens a string (GET functions' file names).
/// Keywords sit between colons (<c>:AND:</c>, <c>:EXCEPT:</c>, <c>:HOLD BACKWARD:</c>); a colon that
/// does not open a known keyword is a colon (a subscript range <c>Dim: a, b</c>). Comments in braces
/// (which may nest) are skipped. The tokens are the engine's (<see cref="Token"/>): <c>:AND:</c>, <c>:OR:</c> and
/// <c>:NOT:</c> are <see cref="TokenKind.And"/>, <see cref="TokenKind.Or"/> and <see cref="TokenKind.Not"/>, a quoted
/// name is a <see cref="TokenKind.QuotedName"/>, numbers are read by <see cref="Lexer.Number"/>.
/// </summary>
internal sealed class MdlLexer
{
    /// <summary>Every keyword written between colons, upper case, words single-spaced: the operators, and the others.</summary>
    private static readonly Dictionary<string, TokenKind> Keywords = new[]
        {
            "NA", "EXCEPT", "INTERPOLATE", "RAW", "HOLD BACKWARD", "LOOK FORWARD",
            "THE CONDITION", "IMPLIES", "TEST INPUT", "MACRO", "END OF MACRO", "INCLUDE", "SUPPLEMENTARY",
        }.ToDictionary(k => k, _ => TokenKind.Keyword);

    static MdlLexer()
    {
        Keywords["AND"] = TokenKind.And;
        Keywords["OR"] = TokenKind.Or;
        Keywords["NOT"] = TokenKind.Not;
    }

    private readonly string _text;
    private int _pos;

    private MdlLexer(string text) => _text = text;

    public static List<Token> Tokenize(string text)
    {
        var lexer = new MdlLexer(text);
        var tokens = new List<Token>();
        while (true)
        {
            int before = lexer._pos;
            var token = lexer.Next();
            if (lexer._pos == before && token.Kind != TokenKind.End)
            {
                // Never stand still: a character no rule takes is a bad token of its own.
                token = new Token(TokenKind.Bad, text[before].ToString(), new TextSpan(before, 1));
                lexer._pos = before + 1;
            }
            tokens.Add(token);
            if (token.Kind == TokenKind.End) return tokens;
        }
    }

    private Token Next()
    {
        SkipBlanks();
        if (_pos >= _text.Length) return new Token(TokenKind.End, "", new TextSpan(_text.Length, 0));
        int start = _pos;
        char c = _text[_pos];
        if (Lexer.StartsNumber(_text, _pos)) return Number();
        if (IsNameStart(c)) return Name();
        if (c == '"') return QuotedName();
        if (c == '\'') return String();
        if (c == ':' && Keyword() is { } keyword) return keyword;
        var (kind, length) = c switch
        {
            '-' when Peek(1) == '>' => (TokenKind.Arrow, 2),
            '<' when Peek(1) == '-' && Peek(2) == '>' => (TokenKind.Equivalence, 3),
            ':' => Peek(1) == '=' ? (TokenKind.ColonEqual, 2) : (TokenKind.Colon, 1),
            '=' when Peek(1) == '=' => (TokenKind.DoubleEqual, 2),
            ';' => (TokenKind.Semicolon, 1),
            '!' => (TokenKind.Bang, 1),
            _ => Lexer.Operator(_text, _pos),
        };
        _pos += length;
        return new Token(kind, _text[start.._pos], TextSpan.FromBounds(start, _pos));
    }

    private char Peek(int ahead) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private Token Number()
    {
        var token = Lexer.Number(_text, _pos);
        _pos = token.Span.End;
        return token;
    }

    /// <summary>A name of one or more words; spaces, tabs and underscores between words are one space.</summary>
    private Token Name()
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
        return new Token(TokenKind.Name, sb.ToString(), TextSpan.FromBounds(start, end));
    }

    private Token QuotedName()
    {
        int start = _pos++;
        var sb = new StringBuilder();
        while (_pos < _text.Length && _text[_pos] != '"')
        {
            if (_text[_pos] == '\\' && _pos + 1 < _text.Length && _text[_pos + 1] is '"' or '\\') _pos++;
            sb.Append(_text[_pos++]);
        }
        if (_pos >= _text.Length) return new Token(TokenKind.Bad, _text[start..], TextSpan.FromBounds(start, _pos));
        _pos++;
        return new Token(TokenKind.QuotedName, sb.ToString().Trim(), TextSpan.FromBounds(start, _pos));
    }

    private Token String()
    {
        int start = _pos++;
        int close = _text.IndexOf('\'', _pos);
        if (close < 0)
        {
            _pos = _text.Length;
            return new Token(TokenKind.Bad, _text[start..], TextSpan.FromBounds(start, _pos));
        }
        _pos = close + 1;
        return new Token(TokenKind.String, _text[(start + 1)..close], TextSpan.FromBounds(start, _pos));
    }

    /// <summary>A keyword between colons, or null (then the colon is a colon).</summary>
    private Token? Keyword()
    {
        int close = _text.IndexOf(':', _pos + 1);
        if (close < 0 || close - _pos > 40) return null;
        string inside = string.Join(' ', _text[(_pos + 1)..close].Split([' ', '\t', '_'], StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
        if (!Keywords.TryGetValue(inside, out var kind)) return null;
        int start = _pos;
        _pos = close + 1;
        return new Token(kind, inside, TextSpan.FromBounds(start, _pos));
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
