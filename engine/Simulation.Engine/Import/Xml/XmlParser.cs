using System.Globalization;
using System.Text;
using Simulation.Engine.Diagnostics;

namespace Simulation.Engine.Import.Xml;

/// <summary>
/// Reads well-formed XML 1.0 into <see cref="XmlElement"/>s: elements, attributes, text with the
/// five predefined entities and character references, CDATA, comments, processing instructions and
/// a DOCTYPE (skipped). Our own small reader rather than System.Xml, because XMILE files written by
/// real tools use namespace prefixes they never declare (isee:) and because every character of an
/// equation must keep its file offset. Namespaces are not interpreted: a name is what is written.
/// A syntax error stops the parse with one SD1201 diagnostic at its position.
/// </summary>
public sealed class XmlParser
{
    public const int MaxDepth = 256;

    private readonly SourceFile _file;
    private readonly string _text;
    private int _pos;
    private int _depth;

    private XmlParser(SourceFile file)
    {
        _file = file;
        _text = file.Text;
    }

    /// <summary>Parses a whole document; returns its root element, or null with a diagnostic.</summary>
    public static XmlElement? Parse(SourceFile file, DiagnosticBag diagnostics)
    {
        var parser = new XmlParser(file);
        try
        {
            return parser.ParseDocument();
        }
        catch (XmlSyntaxException e)
        {
            diagnostics.Error(DiagnosticCodes.MalformedXml, e.Message, file.LocationOf(e.Offset), hint: e.Hint);
            return null;
        }
    }

    private XmlElement ParseDocument()
    {
        if (_text.Length > 0 && _text[0] == '\uFEFF') _pos = 1;
        SkipMisc();
        if (_pos >= _text.Length) throw Fail(_pos, "the file is empty", "an XMILE file starts with <xmile ...>");
        if (_text[_pos] != '<') throw Fail(_pos, $"expected '<' but found {Describe(_pos)}: this is not an XML file");
        var root = ParseElement();
        SkipMisc();
        if (_pos < _text.Length) throw Fail(_pos, $"unexpected {Describe(_pos)} after the end of the root element <{root.Name}>");
        return root;
    }

    /// <summary>Skips whitespace, comments, processing instructions and a DOCTYPE between elements.</summary>
    private void SkipMisc()
    {
        while (true)
        {
            while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos])) _pos++;
            if (StartsWith("<?")) SkipPast("?>", "a processing instruction");
            else if (StartsWith("<!--")) SkipPast("-->", "a comment");
            else if (StartsWith("<!DOCTYPE")) SkipDoctype();
            else return;
        }
    }

    private XmlElement ParseElement()
    {
        int open = _pos;
        if (++_depth > MaxDepth) throw Fail(open, $"elements are nested more than {MaxDepth} levels deep");
        _pos++; // '<'
        int nameStart = _pos;
        string name = ReadName("an element name");
        var attributes = new List<XmlAttribute>();
        while (true)
        {
            bool space = SkipSpace();
            if (_pos >= _text.Length) throw Fail(open, $"the start tag <{name}> is never closed", "add '>'");
            char c = _text[_pos];
            if (c == '/' )
            {
                Expect("/>", $"'/>' to end <{name}>");
                _depth--;
                return new XmlElement(name, nameStart, attributes, []);
            }
            if (c == '>')
            {
                _pos++;
                break;
            }
            if (!space) throw Fail(_pos, $"expected a space, '>' or '/>' in <{name}> but found {Describe(_pos)}");
            var attribute = ParseAttribute(name);
            if (attributes.Any(a => a.Name == attribute.Name))
                throw Fail(attribute.NameStart, $"the attribute '{attribute.Name}' is given twice in <{name}>");
            attributes.Add(attribute);
        }
        var children = ParseContent(name, open);
        _depth--;
        return new XmlElement(name, nameStart, attributes, children);
    }

    private XmlAttribute ParseAttribute(string element)
    {
        int nameStart = _pos;
        string name = ReadName("an attribute name");
        SkipSpace();
        Expect("=", $"'=' after the attribute '{name}' of <{element}>");
        SkipSpace();
        if (_pos >= _text.Length || _text[_pos] is not ('"' or '\''))
            throw Fail(_pos, $"the value of the attribute '{name}' must be in quotes", "write name=\"value\"");
        char quote = _text[_pos++];
        int start = _pos;
        var value = new StringBuilder();
        var offsets = new List<int>();
        while (true)
        {
            if (_pos >= _text.Length) throw Fail(start - 1, $"the value of the attribute '{name}' is never closed", $"add the closing {quote}");
            char c = _text[_pos];
            if (c == quote) break;
            if (c == '<') throw Fail(_pos, $"'<' is not allowed in the value of the attribute '{name}'", "write &lt;");
            if (c == '&')
            {
                ReadReference(value, offsets);
                continue;
            }
            // Attribute values normalise line ends and tabs to spaces (XML 1.0, 3.3.3).
            if (c == '\r' && Peek(1) == '\n') _pos++;
            offsets.Add(_pos);
            value.Append(c is '\r' or '\n' or '\t' ? ' ' : c);
            _pos++;
        }
        _pos++;
        return new XmlAttribute(name, value.ToString(), nameStart, new XmlText(value.ToString(), offsets.ToArray(), start));
    }

    private List<XmlContent> ParseContent(string name, int open)
    {
        var children = new List<XmlContent>();
        var text = new StringBuilder();
        var offsets = new List<int>();
        int textStart = _pos;
        void FlushText()
        {
            if (text.Length > 0) children.Add(new XmlText(text.ToString(), offsets.ToArray(), textStart));
            text.Clear();
            offsets.Clear();
        }
        while (true)
        {
            if (_pos >= _text.Length) throw Fail(open, $"the element <{name}> is never closed", $"add </{name}>");
            char c = _text[_pos];
            if (c == '<')
            {
                if (StartsWith("</"))
                {
                    int closeAt = _pos;
                    _pos += 2;
                    string closing = ReadName("the name in the end tag");
                    SkipSpace();
                    Expect(">", $"'>' to end </{closing}>");
                    if (closing != name)
                        throw Fail(closeAt, $"the end tag </{closing}> does not match the start tag <{name}>",
                            $"<{name}> starts at {_file.LocationOf(open)}");
                    FlushText();
                    return children;
                }
                if (StartsWith("<![CDATA["))
                {
                    _pos += 9;
                    int end = _text.IndexOf("]]>", _pos, StringComparison.Ordinal);
                    if (end < 0) throw Fail(_pos - 9, "a CDATA section is never closed", "add ]]>");
                    if (text.Length == 0) textStart = _pos;
                    while (_pos < end) AppendNormalised(text, offsets);
                    _pos = end + 3;
                    continue;
                }
                if (StartsWith("<!--"))
                {
                    SkipPast("-->", "a comment");
                    continue;
                }
                if (StartsWith("<?"))
                {
                    SkipPast("?>", "a processing instruction");
                    continue;
                }
                FlushText();
                children.Add(new XmlElementContent(ParseElement()));
                textStart = _pos;
                continue;
            }
            if (text.Length == 0) textStart = _pos;
            if (c == '&')
            {
                ReadReference(text, offsets);
                continue;
            }
            AppendNormalised(text, offsets);
        }
    }

    /// <summary>Appends the character at the current position, turning \r\n and \r into \n as XML requires.</summary>
    private void AppendNormalised(StringBuilder text, List<int> offsets)
    {
        char c = _text[_pos];
        offsets.Add(_pos);
        if (c == '\r')
        {
            text.Append('\n');
            if (Peek(1) == '\n') _pos++;
        }
        else
        {
            text.Append(c);
        }
        _pos++;
    }

    /// <summary>Reads &amp;name; or &amp;#nn; / &amp;#xhh; and appends the character(s) it stands for.</summary>
    private void ReadReference(StringBuilder text, List<int> offsets)
    {
        int start = _pos;
        int end = _text.IndexOf(';', _pos);
        if (end < 0 || end - start > 12) throw Fail(start, "'&' must start an entity such as &amp; or &lt;", "write & as &amp;");
        string entity = _text[(start + 1)..end];
        string value;
        if (entity.StartsWith("#x", StringComparison.Ordinal) && int.TryParse(entity[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int hex))
            value = CodePoint(hex, start);
        else if (entity.StartsWith('#') && int.TryParse(entity[1..], NumberStyles.None, CultureInfo.InvariantCulture, out int dec))
            value = CodePoint(dec, start);
        else
            value = entity switch
            {
                "lt" => "<",
                "gt" => ">",
                "amp" => "&",
                "quot" => "\"",
                "apos" => "'",
                _ => throw Fail(start, $"unknown entity '&{entity};'", "XML defines only &lt; &gt; &amp; &quot; &apos; and character references"),
            };
        foreach (char c in value)
        {
            text.Append(c);
            offsets.Add(start);
        }
        _pos = end + 1;
    }

    private string CodePoint(int value, int at)
    {
        if (value is <= 0 or > 0x10FFFF || value is >= 0xD800 and <= 0xDFFF)
            throw Fail(at, $"the character reference '&#{value};' is not a valid character");
        return char.ConvertFromUtf32(value);
    }

    private string ReadName(string what)
    {
        int start = _pos;
        if (_pos >= _text.Length || !IsNameStart(_text[_pos])) throw Fail(_pos, $"expected {what} but found {Describe(_pos)}");
        while (_pos < _text.Length && IsNamePart(_text[_pos])) _pos++;
        return _text[start.._pos];
    }

    private static bool IsNameStart(char c) => char.IsLetter(c) || c is '_' or ':';

    private static bool IsNamePart(char c) => char.IsLetterOrDigit(c) || c is '_' or ':' or '-' or '.' || char.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark;

    private bool SkipSpace()
    {
        int start = _pos;
        while (_pos < _text.Length && _text[_pos] is ' ' or '\t' or '\r' or '\n') _pos++;
        return _pos > start;
    }

    private void SkipPast(string terminator, string what)
    {
        int end = _text.IndexOf(terminator, _pos + 2, StringComparison.Ordinal);
        if (end < 0) throw Fail(_pos, $"{what} is never closed", $"add {terminator}");
        _pos = end + terminator.Length;
    }

    private void SkipDoctype()
    {
        int start = _pos;
        int bracket = 0;
        for (; _pos < _text.Length; _pos++)
        {
            char c = _text[_pos];
            if (c == '[') bracket++;
            else if (c == ']') bracket--;
            else if (c == '>' && bracket <= 0)
            {
                _pos++;
                return;
            }
        }
        throw Fail(start, "the DOCTYPE is never closed", "add '>'");
    }

    private void Expect(string s, string what)
    {
        if (!StartsWith(s)) throw Fail(_pos, $"expected {what} but found {Describe(_pos)}");
        _pos += s.Length;
    }

    private bool StartsWith(string s) => string.CompareOrdinal(_text, _pos, s, 0, s.Length) == 0;

    private char Peek(int ahead) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private string Describe(int at)
    {
        if (at >= _text.Length) return "the end of the file";
        char c = _text[at];
        return char.IsControl(c) ? $"the control character U+{(int)c:X4}" : $"'{c}'";
    }

    private static XmlSyntaxException Fail(int offset, string message, string? hint = null) => new(offset, message, hint);

    private sealed class XmlSyntaxException(int offset, string message, string? hint) : Exception(message)
    {
        public int Offset { get; } = offset;
        public string? Hint { get; } = hint;
    }
}
