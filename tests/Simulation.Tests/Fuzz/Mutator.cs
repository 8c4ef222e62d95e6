using System.Text;
using System.Text.RegularExpressions;

namespace Simulation.Tests.Fuzz;

/// <summary>
/// Seeded mutations of an input file's bytes and structure: deletions, duplications, swaps, bit flips, truncation,
/// changed numbers and names, dropped keys, changed types, long operator chains, deep nesting and huge sizes. The same
/// seed gives the same mutations, so any case can be replayed from its number.
/// </summary>
public sealed partial class Mutator(Random random)
{
    /// <summary>Numbers that break assumptions: zero, negatives, fractions, the edges of double and of the integers.</summary>
    private static readonly string[] ExtremeNumbers =
    [
        "0", "-1", "0.5", "-0", "1e-320", "1e308", "-1e308", "1e400", "9223372036854775808", "18446744073709551616",
        "2147483648", "1000001", "4294967296", "1e9", "65536", "123456789012345678901234567890", "0.1", "3.5e12",
    ];

    private static readonly string[] Replacements =
    [
        "null", "true", "\"\"", "[]", "{}", "\"x\"", "[[[]]]", "{\"a\": 1}", "-1", "\"NaN\"", "\"1e400\"", "\"TIME / 0\"",
    ];

    public string Describe { get; private set; } = "";

    /// <summary>One to three mutations of <paramref name="text"/>; the result may not be valid UTF-8.</summary>
    public byte[] Mutate(string text, string kind)
    {
        var steps = new List<string>();
        int count = 1 + random.Next(3);
        byte[]? bytes = null;
        for (int i = 0; i < count; i++)
        {
            int choice = random.Next(16);
            if (choice < 5)
            {
                bytes ??= Encoding.UTF8.GetBytes(text);
                (bytes, string what) = MutateBytes(bytes, choice);
                steps.Add(what);
                text = Encoding.UTF8.GetString(bytes);
            }
            else
            {
                (text, string what) = MutateStructure(text, kind, choice);
                steps.Add(what);
                bytes = null;
            }
        }
        Describe = string.Join(", ", steps);
        return bytes ?? Encoding.UTF8.GetBytes(text);
    }

    private (byte[], string) MutateBytes(byte[] b, int choice)
    {
        if (b.Length == 0) return ([(byte)random.Next(256)], "byte into empty");
        int at = random.Next(b.Length), length = Math.Min(b.Length - at, 1 + random.Next(Math.Max(1, Math.Min(64, b.Length / 4))));
        switch (choice)
        {
            case 0:
                return ([.. b[..at], .. b[(at + length)..]], $"delete {length} bytes at {at}");
            case 1:
                return ([.. b[..(at + length)], .. b[at..(at + length)], .. b[(at + length)..]], $"duplicate {length} bytes at {at}");
            case 2:
            {
                var copy = (byte[])b.Clone();
                int other = random.Next(b.Length), n = Math.Min(length, Math.Min(b.Length - other, b.Length - at));
                var tmp = copy.AsSpan(at, n).ToArray();
                copy.AsSpan(other, n).CopyTo(copy.AsSpan(at, n));
                tmp.CopyTo(copy.AsSpan(other, n));
                return (copy, $"swap {n} bytes at {at} and {other}");
            }
            case 3:
            {
                var copy = (byte[])b.Clone();
                copy[at] ^= (byte)(1 << random.Next(8));
                return (copy, $"flip a bit at {at}");
            }
            default:
                return (b[..at], $"truncate at {at}");
        }
    }

    [GeneratedRegex(@"-?\d+(\.\d+)?([eE][-+]?\d+)?")]
    private static partial Regex NumberPattern();

    [GeneratedRegex("\"([^\"\\\\]{1,60})\"")]
    private static partial Regex StringPattern();

    [GeneratedRegex("\"(equation|initial|total|mean|value|eqn)\"\\s*:\\s*\"([^\"]*)\"|<eqn>([^<]*)</eqn>")]
    private static partial Regex EquationPattern();

    [GeneratedRegex("\"(size|samples|stop|levels|replications|chunk|dt|savePeriod|start)\"\\s*:\\s*[-0-9.eE+]+|<(stop|dt|start)>[^<]*</(stop|dt|start)>")]
    private static partial Regex SizePattern();

    private (string, string) MutateStructure(string text, string kind, int choice)
    {
        switch (choice)
        {
            case 5 or 6:
                return ReplaceOne(text, NumberPattern(), _ => Pick(ExtremeNumbers), "number");
            case 7:
            {
                var names = StringPattern().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList();
                return names.Count == 0 ? (text, "no name") : ReplaceOne(text, StringPattern(), _ => "\"" + Pick(names) + "\"", "name");
            }
            case 8:
                return ReplaceOne(text, StringPattern(), _ => Pick(Replacements), "type");
            case 9:
                return DropKey(text);
            case 10:
                return ReplaceOne(text, EquationPattern(), m => LongChain(m), "long chain");
            case 11:
                return ReplaceOne(text, EquationPattern(), m => Nested(m), "deep nesting");
            case 12:
                return ReplaceOne(text, SizePattern(), m => Huge(m), "huge size");
            case 13:
                return kind == "csv" ? CsvRow(text) : DuplicateLine(text);
            case 14:
            {
                int at = random.Next(text.Length + 1);
                string junk = Pick(["{", "}", "[", "]", ",", "\"", "\\u0000", "\uFFFD", "<", "</model>", "\n", ":", "{ unclosed comment", "&#0;"]);
                return (text[..at] + junk + text[at..], $"insert '{junk}'");
            }
            default:
                return (new string('[', 5000) + text, "deep JSON nesting");
        }
    }

    private (string, string) ReplaceOne(string text, Regex pattern, Func<Match, string> replacement, string what)
    {
        var matches = pattern.Matches(text);
        if (matches.Count == 0) return (text, $"no {what}");
        var m = matches[random.Next(matches.Count)];
        string with = replacement(m);
        return (text[..m.Index] + with + text[(m.Index + m.Length)..], $"{what} at {m.Index}");
    }

    private string LongChain(Match m)
    {
        string op = Pick(["+", "-", "*", "/", "AND", "OR", "<", "=", "MOD", "^"]);
        string term = m.Groups[2].Success && m.Groups[2].Value.Length > 0 ? $"({m.Groups[2].Value})" : m.Groups[3].Success ? $"({m.Groups[3].Value})" : "1";
        if (term.Length > 200) term = "1";
        int n = Pick([50, 1000, 20000]);
        string chain = string.Join($" {op} ", Enumerable.Repeat(term, n));
        return m.Groups[3].Success ? $"<eqn>{chain}</eqn>" : $"\"{m.Groups[1].Value}\": \"{chain}\"";
    }

    private string Nested(Match m)
    {
        int depth = Pick([150, 201, 5000]);
        string inner = m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value;
        string open = Pick(["(", "-", "ABS(", "IF 1 THEN "]);
        string close = open switch { "(" or "ABS(" => ")", "IF 1 THEN " => " ELSE 0", _ => "" };
        string nested = string.Concat(Enumerable.Repeat(open, depth)) + (inner.Length > 0 ? inner : "1") + string.Concat(Enumerable.Repeat(close, depth));
        return m.Groups[3].Success ? $"<eqn>{nested}</eqn>" : $"\"{m.Groups[1].Value}\": \"{nested}\"";
    }

    private string Huge(Match m)
    {
        string value = Pick(["1000000", "1000001", "65536", "100000", "1e9", "1e12", "1e300", "2147483647", "0.0001", "-5"]);
        return m.Groups[1].Success ? $"\"{m.Groups[1].Value}\": {value}" : $"<{m.Groups[2].Value}>{value}</{m.Groups[2].Value}>";
    }

    private (string, string) DropKey(string text)
    {
        var keys = Regex.Matches(text, "\"[A-Za-z$]+\"\\s*:\\s*(\"[^\"]*\"|[-0-9.eE+]+|true|false|null)\\s*,?");
        if (keys.Count == 0) return (text, "no key");
        var m = keys[random.Next(keys.Count)];
        return (text[..m.Index] + text[(m.Index + m.Length)..], $"drop key at {m.Index}");
    }

    private (string, string) DuplicateLine(string text)
    {
        var lines = text.Split('\n').ToList();
        int i = random.Next(lines.Count);
        lines.Insert(i, lines[random.Next(lines.Count)]);
        return (string.Join('\n', lines), $"duplicate line into {i}");
    }

    private (string, string) CsvRow(string text)
    {
        var lines = text.Split('\n').ToList();
        int i = 1 + random.Next(Math.Max(1, lines.Count - 1));
        string row = lines[Math.Min(i, lines.Count - 1)];
        string changed = Pick([row, row + ",1", "\"" + row, row.Replace(",", ",\"", StringComparison.Ordinal), "", ",,,", row + "\"x\"y"]);
        lines.Insert(Math.Min(i, lines.Count), changed);
        return (string.Join('\n', lines), $"csv row {i}");
    }

    private T Pick<T>(IReadOnlyList<T> options) => options[random.Next(options.Count)];
}
