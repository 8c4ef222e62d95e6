using System.Globalization;
using System.Text;
using Simulation.Engine.Diagnostics;

namespace Simulation.Engine.Model.Json;

/// <summary>
/// Reads strict JSON (RFC 8259) into <see cref="JsonNode"/>s. A syntax error stops the parse with one
/// SD1001 diagnostic at its position; a key given twice in one object is reported (SD1002) and the
/// first value kept, so nothing is overwritten silently. Nesting deeper than <see cref="MaxDepth"/>
/// is an error, never a stack overflow.
/// </summary>
public sealed class JsonParser
{
    public const int MaxDepth = 128;

    private readonly SourceFile _file;
    private readonly string _text;
    private readonly DiagnosticBag _diagnostics;
    private int _pos;
    private int _depth;

    private JsonParser(SourceFile file, DiagnosticBag diagnostics)
    {
        _file = file;
        _text = file.Text;
        _diagnostics = diagnostics;
    }

    /// <summary>Parses the whole file; returns null (with a diagnostic) when it is not valid JSON.</summary>
    public static JsonNode? Parse(SourceFile file, DiagnosticBag diagnostics)
    {
        var parser = new JsonParser(file, diagnostics);
        try
        {
            parser.SkipWhitespace();
            if (parser._pos >= parser._text.Length)
                throw parser.Fail(parser._pos, "the file is empty", "a model file is a JSON object: { \"name\": ..., \"variables\": [...] }");
            var node = parser.ParseValue();
            parser.SkipWhitespace();
            if (parser._pos < parser._text.Length)
                throw parser.Fail(parser._pos, $"unexpected {parser.Describe(parser._pos)} after the end of the JSON value");
            return node;
        }
        catch (JsonSyntaxException e)
        {
            diagnostics.Add(e.Diagnostic);
            return null;
        }
    }

    private JsonNode ParseValue()
    {
        SkipWhitespace();
        if (_pos >= _text.Length) throw Fail(_pos, "unexpected end of file: a value is missing");
        char c = _text[_pos];
        return c switch
        {
            '{' => ParseObject(),
            '[' => ParseArray(),
            '"' => ParseString(),
            't' => ParseLiteral("true", s => new JsonBoolean(true, s, _pos)),
            'f' => ParseLiteral("false", s => new JsonBoolean(false, s, _pos)),
            'n' => ParseLiteral("null", s => new JsonNull(s, _pos)),
            _ when c == '-' || char.IsAsciiDigit(c) => ParseNumber(),
            _ => throw Fail(_pos, $"unexpected {Describe(_pos)}: expected a value",
                c == '\'' ? "JSON strings use double quotes" : null),
        };
    }

    private JsonNode ParseObject()
    {
        int start = _pos++;
        Enter(start);
        var properties = new List<JsonProperty>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        SkipWhitespace();
        if (Peek() == '}')
        {
            _pos++;
            _depth--;
            return new JsonObject(properties, start, _pos);
        }
        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
                throw Fail(_pos, $"unexpected {Describe(_pos)}: expected a property name in double quotes",
                    Peek() == '}' ? "remove the comma before '}'" : null);
            var name = ParseString();
            SkipWhitespace();
            if (Peek() != ':') throw Fail(_pos, $"unexpected {Describe(_pos)}: expected ':' after the property name");
            _pos++;
            var value = ParseValue();
            if (seen.TryGetValue(name.Value, out int firstAt))
            {
                var first = _file.LocationOf(firstAt);
                _diagnostics.Error(DiagnosticCodes.DuplicateKey,
                    $"the key \"{name.Value}\" is given twice in this object; the first is at line {first.Line}, column {first.Column}",
                    _file.LocationOf(name.Start), hint: "keep one of them: a key given twice would silently overwrite the other");
            }
            else
            {
                seen[name.Value] = name.Start;
                properties.Add(new JsonProperty(name.Value, name.Start, value));
            }
            SkipWhitespace();
            char c = Peek();
            if (c == ',') { _pos++; continue; }
            if (c == '}') { _pos++; break; }
            throw Fail(_pos, $"unexpected {Describe(_pos)}: expected ',' or '}}' in the object that starts at {_file.LocationOf(start)}",
                c == '"' ? "a comma is missing between two properties" : null);
        }
        _depth--;
        return new JsonObject(properties, start, _pos);
    }

    private JsonNode ParseArray()
    {
        int start = _pos++;
        Enter(start);
        var items = new List<JsonNode>();
        SkipWhitespace();
        if (Peek() == ']')
        {
            _pos++;
            _depth--;
            return new JsonArray(items, start, _pos);
        }
        while (true)
        {
            SkipWhitespace();
            if (Peek() == ']') throw Fail(_pos, "unexpected ']': a value is missing after the comma", "remove the comma before ']'");
            items.Add(ParseValue());
            SkipWhitespace();
            char c = Peek();
            if (c == ',') { _pos++; continue; }
            if (c == ']') { _pos++; break; }
            throw Fail(_pos, $"unexpected {Describe(_pos)}: expected ',' or ']' in the array that starts at {_file.LocationOf(start)}");
        }
        _depth--;
        return new JsonArray(items, start, _pos);
    }

    private JsonString ParseString()
    {
        int start = _pos++;
        var sb = new StringBuilder();
        List<int>? offsets = null;
        while (true)
        {
            if (_pos >= _text.Length) throw Fail(start, "this string is never closed", "add the closing double quote");
            char c = _text[_pos];
            if (c == '"') { _pos++; break; }
            if (c < 0x20)
                throw Fail(_pos, c == '\n' || c == '\r'
                    ? "a line break inside a string" : $"control character U+{(int)c:X4} inside a string",
                    "write line breaks in strings as \\n");
            if (c == '\\')
            {
                offsets ??= Enumerable.Range(start + 1, sb.Length).ToList();
                int escapeAt = _pos;
                _pos++;
                if (_pos >= _text.Length) throw Fail(escapeAt, "this string is never closed");
                char e = _text[_pos++];
                switch (e)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        if (_pos + 4 > _text.Length || !int.TryParse(_text.AsSpan(_pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code))
                            throw Fail(escapeAt, "\\u must be followed by four hexadecimal digits");
                        _pos += 4;
                        sb.Append((char)code);
                        break;
                    default:
                        throw Fail(escapeAt, $"unknown escape '\\{e}' in a string", "write a backslash as \\\\");
                }
                offsets.Add(escapeAt);
                continue;
            }
            offsets?.Add(_pos);
            sb.Append(c);
            _pos++;
        }
        return new JsonString(sb.ToString(), offsets?.ToArray(), start, _pos);
    }

    private JsonNode ParseNumber()
    {
        int start = _pos;
        if (Peek() == '-') _pos++;
        if (Peek() == '0') _pos++;
        else if (char.IsAsciiDigit(Peek())) while (char.IsAsciiDigit(Peek())) _pos++;
        else throw Fail(start, "a number must have digits after '-'");
        if (Peek() == '.')
        {
            _pos++;
            if (!char.IsAsciiDigit(Peek())) throw Fail(_pos, "a number must have digits after the decimal point");
            while (char.IsAsciiDigit(Peek())) _pos++;
        }
        if (Peek() is 'e' or 'E')
        {
            _pos++;
            if (Peek() is '+' or '-') _pos++;
            if (!char.IsAsciiDigit(Peek())) throw Fail(_pos, "a number's exponent must have digits");
            while (char.IsAsciiDigit(Peek())) _pos++;
        }
        if (char.IsAsciiLetterOrDigit(Peek()) || Peek() == '.')
            throw Fail(start, $"malformed number '{_text[start..(_pos + 1)]}'");
        string raw = _text[start.._pos];
        double value = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
        return new JsonNumber(value, raw, start, _pos);
    }

    private JsonNode ParseLiteral(string word, Func<int, JsonNode> make)
    {
        int start = _pos;
        if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0)
            throw Fail(_pos, $"unexpected {Describe(_pos)}: expected a value", "strings need double quotes");
        _pos += word.Length;
        return make(start);
    }

    private void Enter(int at)
    {
        if (++_depth > MaxDepth) throw Fail(at, $"the JSON is nested more than {MaxDepth} levels deep");
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private void SkipWhitespace()
    {
        while (_pos < _text.Length && _text[_pos] is ' ' or '\t' or '\n' or '\r') _pos++;
        if (_pos == 0 && _text.Length > 0 && _text[0] == '\uFEFF') { _pos++; SkipWhitespace(); }
    }

    private string Describe(int at)
    {
        if (at >= _text.Length) return "end of file";
        char c = _text[at];
        if (c == '/' && at + 1 < _text.Length && _text[at + 1] is '/' or '*') return "comment (JSON has no comments; use a \"doc\" field)";
        return char.IsControl(c) || c > 0x7e ? $"character U+{(int)c:X4}" : $"'{c}'";
    }

    private JsonSyntaxException Fail(int at, string message, string? hint = null) =>
        new(new Diagnostic(DiagnosticCodes.MalformedJson, Severity.Error, message, _file.LocationOf(at), Hint: hint));

    private sealed class JsonSyntaxException(Diagnostic diagnostic) : Exception(diagnostic.Message)
    {
        public Diagnostic Diagnostic { get; } = diagnostic;
    }
}
