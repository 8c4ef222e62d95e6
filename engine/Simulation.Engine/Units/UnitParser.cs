using System.Globalization;
using System.Text.RegularExpressions;

namespace Simulation.Engine.Units;

/// <summary>Units text read into a <see cref="Unit"/>, or why it could not be read.</summary>
public sealed record ParsedUnits(Unit? Unit, string? Error)
{
    /// <summary>Nothing to read: the text was empty, or only a comment or a Vensim range.</summary>
    public bool IsEmpty => Unit is null && Error is null;
}

/// <summary>
/// Reads units as modellers write them: <c>people/day</c>, <c>1/year</c>, <c>Person*Hours/Week</c>, <c>m/s^2</c>,
/// <c>GBP per patient</c>, <c>/yr</c>, <c>degrees Fahrenheit</c>, <c>person-year</c>, <c>Dmnl</c>, <c>%</c>,
/// <c>$/year</c>, <c>admissions/1000/yr</c> (numbers are scales that checking ignores). <c>a/b/c</c> is
/// a/(b*c). Comments in braces (<c>GBP/day {2020/21 prices}</c>) and a Vensim range after the units
/// (<c>Month [0,?]</c>) are ignored. Names go through <see cref="UnitNames"/>.
/// </summary>
public sealed partial class UnitParser
{
    private readonly string _text;
    private readonly bool _rawNames;
    private int _pos;

    private UnitParser(string text, bool rawNames)
    {
        _text = text;
        _rawNames = rawNames;
    }

    public static ParsedUnits Parse(string? text)
    {
        string cleaned = Clean(text);
        if (cleaned.Length == 0) return new ParsedUnits(null, null);
        try
        {
            return new ParsedUnits(new UnitParser(cleaned, rawNames: false).ParseAll(), null);
        }
        catch (FormatException e)
        {
            return new ParsedUnits(null, e.Message);
        }
        catch (OverflowException)
        {
            return new ParsedUnits(null, "a power is too large");
        }
    }

    /// <summary>Parses a unit rule's pattern (<see cref="UnitRule"/>): names are kept as written, without synonyms.</summary>
    internal static Unit ParsePattern(string text) => new UnitParser(text, rawNames: true).ParseAll();

    /// <summary>
    /// The text without comments in braces, without a trailing Vensim range such as [0,?], and without a remark after a
    /// comma and a space (<c>%/yr, uncontrolled HTN</c>; 1,000 keeps its comma).
    /// </summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        string noComments = Comment().Replace(text, " ");
        noComments = TrailingRange().Replace(noComments, "");
        noComments = PriceBase().Replace(noComments, "");
        return Remark().Replace(noComments, "").Trim();
    }

    [GeneratedRegex(@"\{[^}]*\}?")]
    private static partial Regex Comment();

    [GeneratedRegex(@",\s.*$")]
    private static partial Regex Remark();

    /// <summary>A price base or year in parentheses at the end, <c>GBP/day (2024/25)</c>: digits, '/', '-' and spaces only.</summary>
    [GeneratedRegex(@"\s+\(\s*\d[\d/\-\s]*\)\s*$")]
    private static partial Regex PriceBase();

    [GeneratedRegex(@"\s*\[[^\]]*\]?\s*$")]
    private static partial Regex TrailingRange();

    private Unit ParseAll()
    {
        var unit = ParseQuotient();
        SkipSpaces();
        if (_pos < _text.Length) throw Fail($"unexpected '{_text[_pos]}'");
        return unit;
    }

    private Unit ParseQuotient()
    {
        SkipSpaces();
        var unit = AtDivision() ? Unit.Dimensionless : ParseProduct();
        while (AtDivision())
        {
            ConsumeDivision();
            unit /= ParseProduct();
        }
        return unit;
    }

    private bool AtDivision()
    {
        SkipSpaces();
        return _pos < _text.Length && (_text[_pos] == '/' || IsWordAt(_pos, "per"));
    }

    private void ConsumeDivision() => _pos += _text[_pos] == '/' ? 1 : 3;

    private Unit ParseProduct()
    {
        var (unit, wasNumber) = ParsePower();
        while (true)
        {
            SkipSpaces();
            if (_pos >= _text.Length) return unit;
            char c = _text[_pos];
            if (c is '*' or '·' or '×' or '-')
            {
                _pos++;
                (var next, wasNumber) = ParsePower();
                unit *= next;
            }
            else if (wasNumber && StartsAtom(c) && !IsWordAt(_pos, "per"))
            {
                (var next, wasNumber) = ParsePower();
                unit *= next;
            }
            else return unit;
        }
    }

    private (Unit Unit, bool WasNumber) ParsePower()
    {
        var (unit, wasNumber) = ParseAtom();
        SkipSpaces();
        if (_pos < _text.Length && _text[_pos] == '^' || _pos + 1 < _text.Length && _text[_pos] == '*' && _text[_pos + 1] == '*')
        {
            _pos += _text[_pos] == '^' ? 1 : 2;
            unit = unit.Pow(ParseExponent());
            wasNumber = false;
        }
        return (unit, wasNumber);
    }

    private Rational ParseExponent()
    {
        SkipSpaces();
        bool parens = Take('(');
        var numerator = ParseSignedInteger();
        var power = new Rational(numerator);
        if (parens)
        {
            if (Take('/')) power = new Rational(numerator, ParseSignedInteger());
            if (!Take(')')) throw Fail("expected ')' after the power");
        }
        return power;
    }

    private long ParseSignedInteger()
    {
        SkipSpaces();
        bool negative = Take('-');
        if (!negative) Take('+');
        int start = _pos;
        while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) _pos++;
        if (start == _pos) throw Fail("a power must be a whole number, e.g. ^2 or ^-1 (or a fraction in parentheses, ^(1/2))");
        long value = long.Parse(_text[start.._pos], CultureInfo.InvariantCulture);
        return negative ? -value : value;
    }

    private (Unit, bool) ParseAtom()
    {
        SkipSpaces();
        if (_pos >= _text.Length) throw Fail("a unit is missing at the end");
        char c = _text[_pos];
        if (c == '(')
        {
            _pos++;
            var inner = ParseQuotient();
            if (!Take(')')) throw Fail("a '(' is not closed");
            return (inner, false);
        }
        if (char.IsAsciiDigit(c) || c == '.') return (ParseNumber(), true);
        if (IsSymbol(c))
        {
            _pos++;
            return (Named(c.ToString()), false);
        }
        if (IsWordStart(c)) return (Named(ReadName()), false);
        throw Fail($"unexpected '{c}'");
    }

    private Unit ParseNumber()
    {
        int start = _pos;
        while (_pos < _text.Length && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] is '.' or ',')) _pos++;
        if (_pos < _text.Length && _text[_pos] is 'e' or 'E' && _pos + 1 < _text.Length && (char.IsAsciiDigit(_text[_pos + 1]) || _text[_pos + 1] == '-'))
        {
            _pos += 2;
            while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) _pos++;
        }
        string number = _text[start.._pos].Replace(",", "");
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !(value > 0))
            throw Fail($"'{_text[start.._pos]}' is not a positive number");
        if (_pos < _text.Length && _text[_pos] is 'k' or 'K' && (_pos + 1 == _text.Length || !char.IsLetterOrDigit(_text[_pos + 1])))
            _pos++; // 100k, as in "per 100k population": a scale too
        if (_pos < _text.Length && IsWordStart(_text[_pos]))
            throw Fail($"write a space between the number and the unit in '{_text[start..(_pos + 1)]}', or spell the number out (e.g. 100000 rather than 100k)");
        return Unit.Dimensionless; // a scale: checking compares names and powers only
    }

    /// <summary>
    /// Words separated by single spaces, up to an operator or the word "per". A qualifier that starts with the word
    /// "of" (<c>fraction of 18-year-olds</c>, <c>people/year of smokers</c>) says what is counted, not a unit: it is
    /// skipped up to the next '/', '*', '^', ')' or "per".
    /// </summary>
    private string ReadName()
    {
        int start = _pos;
        int end = ReadWord();
        while (true)
        {
            int save = _pos;
            while (_pos < _text.Length && _text[_pos] == ' ') _pos++;
            if (_pos > save && IsWordAt(_pos, "of"))
            {
                SkipQualifier();
                return _text[start..end];
            }
            if (_pos == save || _pos >= _text.Length || !IsWordStart(_text[_pos]) || IsWordAt(_pos, "per"))
            {
                _pos = save;
                break;
            }
            end = ReadWord();
        }
        _pos = end;
        return _text[start..end];
    }

    private void SkipQualifier()
    {
        while (_pos < _text.Length && _text[_pos] is not ('/' or '*' or '^' or ')') && !IsWordAt(_pos, "per")) _pos++;
    }

    private int ReadWord()
    {
        while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] is '_' or '&' or '\'')) _pos++;
        return _pos;
    }

    private Unit Named(string name)
    {
        if (_rawNames) return name == "1" ? Unit.Dimensionless : Unit.Base(name);
        return UnitNames.Canonical(name) is { } canonical ? Unit.Base(canonical) : Unit.Dimensionless;
    }

    private bool IsWordAt(int pos, string word) =>
        string.Compare(_text, pos, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0
        && (pos + word.Length >= _text.Length || !char.IsLetterOrDigit(_text[pos + word.Length]))
        && (pos == 0 || !char.IsLetterOrDigit(_text[pos - 1]));

    private static bool IsWordStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsSymbol(char c) => c is '$' or '£' or '€' or '%';

    private static bool StartsAtom(char c) => IsWordStart(c) || IsSymbol(c) || c == '(' || char.IsAsciiDigit(c);

    private bool Take(char c)
    {
        SkipSpaces();
        if (_pos < _text.Length && _text[_pos] == c)
        {
            _pos++;
            return true;
        }
        return false;
    }

    private void SkipSpaces()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos])) _pos++;
    }

    private FormatException Fail(string message) => new($"{message} (at character {_pos + 1} of '{_text}')");
}
