using System.Globalization;
using System.Text;
using Simulation.Engine.Diagnostics;

namespace Simulation.Engine.Syntax;

/// <summary>
/// Splits equation text into tokens. Names may be written with spaces, as people say them
/// (<c>Bed Occupancy / Length of Stay</c>, <c>Stock 1</c>): consecutive words join into one name unless
/// a word is a keyword (IF THEN ELSE AND OR NOT MOD). Names may also be quoted ("Bed Occupancy") or use
/// underscores (bed_occupancy); all three mean the same variable.
/// </summary>
public sealed class Lexer
{
    private static readonly Dictionary<string, TokenKind> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["if"] = TokenKind.If,
        ["then"] = TokenKind.Then,
        ["else"] = TokenKind.Else,
        ["and"] = TokenKind.And,
        ["or"] = TokenKind.Or,
        ["not"] = TokenKind.Not,
        ["mod"] = TokenKind.Mod,
    };

    private readonly string _text;
    private int _pos;

    public Lexer(string text) => _text = text;

    public static bool IsKeyword(string word) => Keywords.ContainsKey(word);

    public List<Token> Tokenize()
    {
        var tokens = new List<Token>();
        while (true)
        {
            var token = Next();
            tokens.Add(token);
            if (token.Kind == TokenKind.End) return tokens;
        }
    }

    private Token Next()
    {
        SkipWhitespace();
        if (_pos >= _text.Length) return new Token(TokenKind.End, "", new TextSpan(_text.Length, 0));
        int start = _pos;
        char c = _text[_pos];
        if (StartsNumber(_text, _pos)) return LexNumber();
        if (IsNameStart(c)) return LexName();
        if (c == '"') return LexQuotedName(_pos, new StringBuilder());
        if (c == '<' && At(1) == '<')
        {
            _pos++;
            return LexUnits(start);
        }
        var (kind, length) = c switch
        {
            '\'' => (TokenKind.Apostrophe, 1),
            '=' when At(1) == '=' => (TokenKind.Equal, 2),
            '!' when At(1) == '=' => (TokenKind.NotEqual, 2),
            _ => Operator(_text, _pos),
        };
        _pos += length;
        return new Token(kind, _text[start.._pos], TextSpan.FromBounds(start, _pos));
    }

    /// <summary>
    /// The operator or bracket at <paramref name="pos"/> that both dialects write alike (<c>+ - * / ^ ( ) [ ] ,</c> and the
    /// comparisons <c>= &lt; &lt;= &lt;&gt; &gt; &gt;=</c>) and its length; otherwise a bad token of one character.
    /// </summary>
    internal static (TokenKind Kind, int Length) Operator(string text, int pos)
    {
        char next = pos + 1 < text.Length ? text[pos + 1] : '\0';
        return text[pos] switch
        {
            '+' => (TokenKind.Plus, 1),
            '-' => (TokenKind.Minus, 1),
            '*' => (TokenKind.Star, 1),
            '/' => (TokenKind.Slash, 1),
            '^' => (TokenKind.Caret, 1),
            '(' => (TokenKind.LeftParen, 1),
            ')' => (TokenKind.RightParen, 1),
            '[' => (TokenKind.LeftBracket, 1),
            ']' => (TokenKind.RightBracket, 1),
            ',' => (TokenKind.Comma, 1),
            '=' => (TokenKind.Equal, 1),
            '<' => next == '=' ? (TokenKind.LessEqual, 2) : next == '>' ? (TokenKind.NotEqual, 2) : (TokenKind.Less, 1),
            '>' => next == '=' ? (TokenKind.GreaterEqual, 2) : (TokenKind.Greater, 1),
            _ => (TokenKind.Bad, 1),
        };
    }

    /// <summary>Whether a number literal starts at <paramref name="pos"/>: a digit, or a point before one (<c>.5</c>).</summary>
    internal static bool StartsNumber(string text, int pos) =>
        char.IsAsciiDigit(text[pos]) || (text[pos] == '.' && pos + 1 < text.Length && char.IsAsciiDigit(text[pos + 1]));

    private Token LexNumber()
    {
        var token = Number(_text, _pos);
        _pos = token.Span.End;
        return token;
    }

    /// <summary>
    /// The number literal at <paramref name="start"/>, as both dialects write them: digits, an optional fraction
    /// (<c>.5</c>, <c>2.</c>) and an optional exponent (<c>1e-3</c>); <c>2e</c> is the number 2 followed by a name.
    /// A literal too large for a double is read as infinity, which the parsers report where it stands.
    /// </summary>
    internal static Token Number(string text, int start)
    {
        int pos = start;
        while (pos < text.Length && char.IsAsciiDigit(text[pos])) pos++;
        if (pos < text.Length && text[pos] == '.')
        {
            pos++;
            while (pos < text.Length && char.IsAsciiDigit(text[pos])) pos++;
        }
        if (pos < text.Length && text[pos] is 'e' or 'E')
        {
            int digits = pos + 1;
            if (digits < text.Length && text[digits] is '+' or '-') digits++;
            if (digits < text.Length && char.IsAsciiDigit(text[digits]))
            {
                pos = digits;
                while (pos < text.Length && char.IsAsciiDigit(text[pos])) pos++;
            }
        }
        string raw = text[start..pos];
        double value = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
        return new Token(TokenKind.Number, raw, TextSpan.FromBounds(start, pos), value);
    }

    /// <summary><c>&lt;&lt;units&gt;&gt;</c>: never valid otherwise (two comparisons in a row), so it cannot change an equation's meaning.</summary>
    private Token LexUnits(int start)
    {
        int close = _text.IndexOf(">>", _pos + 1, StringComparison.Ordinal);
        if (close < 0)
        {
            _pos = _text.Length;
            return new Token(TokenKind.Bad, _text[start..], TextSpan.FromBounds(start, _pos));
        }
        _pos = close + 2;
        return new Token(TokenKind.Units, _text[(start + 2)..close].Trim(), TextSpan.FromBounds(start, _pos));
    }

    private Token LexName()
    {
        int start = _pos;
        ReadWord();
        string first = _text[start.._pos];
        if (Keywords.TryGetValue(first, out var keyword))
            return new Token(keyword, first, TextSpan.FromBounds(start, _pos));
        if (first.EndsWith('.') && Peek() == '"') // hares."birth rate": a path whose next part is quoted
            return LexQuotedName(start, new StringBuilder(first));
        int end = _pos;
        // Join following words separated by spaces: "Length of Stay" and "Stock 1" are one name each.
        // (Two words in a row are otherwise a syntax error, so joining never changes a valid equation.)
        while (true)
        {
            int save = _pos;
            int spaces = 0;
            while (_pos < _text.Length && _text[_pos] is ' ' or '\t') { _pos++; spaces++; }
            if (spaces == 0 || _pos >= _text.Length || !(IsNameStart(_text[_pos]) || char.IsDigit(_text[_pos])))
            {
                _pos = save;
                break;
            }
            int wordStart = _pos;
            ReadWord();
            if (Keywords.ContainsKey(_text[wordStart.._pos]))
            {
                _pos = save;
                break;
            }
            end = _pos;
        }
        _pos = end;
        return new Token(TokenKind.Name, _text[start..end], TextSpan.FromBounds(start, end));
    }

    private void ReadWord()
    {
        while (_pos < _text.Length && IsNamePart(_text[_pos])) _pos++;
    }

    /// <summary>
    /// A quoted name, and a path of names some of which are quoted (XMILE's module paths, <c>"lynx model".eaten</c>,
    /// <c>hares."birth rate"</c>): one name, its parts joined by dots.
    /// </summary>
    private Token LexQuotedName(int start, StringBuilder sb)
    {
        while (ReadQuoted(sb))
        {
            if (!(Peek() == '.' && _pos + 1 < _text.Length && (IsNameStart(_text[_pos + 1]) || _text[_pos + 1] == '"')))
                return new Token(TokenKind.QuotedName, sb.ToString(), TextSpan.FromBounds(start, _pos));
            sb.Append('.');
            _pos++;
            if (Peek() == '"') continue;
            int word = _pos;
            ReadWord(); // a bare part (its own dots included); a quoted part may follow its last dot
            sb.Append(_text, word, _pos - word);
            if (!(_text[_pos - 1] == '.' && Peek() == '"'))
                return new Token(TokenKind.QuotedName, sb.ToString(), TextSpan.FromBounds(start, _pos));
        }
        return new Token(TokenKind.Bad, _text[start..], TextSpan.FromBounds(start, _pos));
    }

    /// <summary>Reads one quoted part at the current '"' into <paramref name="sb"/>; false when it never closes.</summary>
    private bool ReadQuoted(StringBuilder sb)
    {
        _pos++;
        while (_pos < _text.Length && _text[_pos] != '"')
        {
            if (_text[_pos] == '\\' && _pos + 1 < _text.Length)
            {
                _pos++;
                if (_text[_pos] == 'n') // XMILE's escape for a line break inside a quoted name (3.2.2.1)
                {
                    sb.Append('\n');
                    _pos++;
                    continue;
                }
            }
            sb.Append(_text[_pos++]);
        }
        if (_pos >= _text.Length) return false;
        _pos++;
        return true;
    }

    private static bool IsNameStart(char c) => char.IsLetter(c) || c == '_' || c == '$';

    private static bool IsNamePart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$' or '.';

    private char Peek() => At(0);

    private char At(int ahead) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private void SkipWhitespace()
    {
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (char.IsWhiteSpace(c)) { _pos++; continue; }
            if (c == '{') // XMILE-style comment { ... }; one never closed is left for Next to give as a bad token
            {
                int close = _text.IndexOf('}', _pos);
                if (close < 0) break;
                _pos = close + 1;
                continue;
            }
            break;
        }
    }
}
