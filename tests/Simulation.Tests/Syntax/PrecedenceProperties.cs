using System.Globalization;
using System.Text;
using Simulation.Engine.Syntax;
using Simulation.Tests.Import.Vensim;

namespace Simulation.Tests.Syntax;

/// <summary>
/// Both dialects' precedence, checked on random operator chains against a second implementation: a shunting-yard
/// evaluator here, given each dialect's precedence as its documentation states it (docs/vensim-import.md for Vensim's,
/// XMILE 1.0 section 3.3 for ours), and sharing no code with the parsers' precedence climbing. Vensim's chains go through
/// the whole import (parse, rewrite in our language, parse again, run), so the rewriting's parentheses are checked too.
/// </summary>
public class PrecedenceProperties
{
    /// <summary>An operator as a dialect writes it, its level (larger binds tighter) and what it computes.</summary>
    private sealed record Op(string Text, int Level, bool Prefix, Func<double, double, double> Apply, bool Right = false);

    private sealed record Dialect(Op[] Binary, Op[] Prefix);

    private static double Truth(bool b) => b ? 1 : 0;

    /// <summary>MOD: the remainder with the divisor's sign.</summary>
    private static double Modulo(double a, double b)
    {
        double r = a % b;
        return r != 0 && (r < 0) != (b < 0) ? r + b : r;
    }

    private static Op[] Comparisons(int equality, int relational) =>
    [
        new("=", equality, false, (a, b) => Truth(a == b)), new("<>", equality, false, (a, b) => Truth(a != b)),
        new("<", relational, false, (a, b) => Truth(a < b)), new("<=", relational, false, (a, b) => Truth(a <= b)),
        new(">", relational, false, (a, b) => Truth(a > b)), new(">=", relational, false, (a, b) => Truth(a >= b)),
    ];

    private static Op[] Arithmetic(int additive) =>
    [
        new("+", additive, false, (a, b) => a + b), new("-", additive, false, (a, b) => a - b),
        new("*", additive + 1, false, (a, b) => a * b), new("/", additive + 1, false, (a, b) => a / b),
        new("^", additive + 3, false, Math.Pow, Right: true),
    ];

    private static Op[] Signs(int level) =>
        [new("-", level, true, (a, _) => -a), new("+", level, true, (a, _) => a)];

    /// <summary>Vensim, as its outputs show: :OR:, :AND:, :NOT:, the comparisons (one level), + -, * /, signs, ^.</summary>
    private static readonly Dialect Vensim = new(
        [new(":OR:", 1, false, (a, b) => Truth(a != 0 || b != 0)), new(":AND:", 2, false, (a, b) => Truth(a != 0 && b != 0)),
            .. Comparisons(4, 4), .. Arithmetic(5)],
        [new(":NOT:", 3, true, (a, _) => Truth(a == 0)), .. Signs(7)]);

    /// <summary>Ours (XMILE 1.0): OR, AND, = &lt;&gt;, &lt; &lt;= &gt; &gt;=, + -, * / MOD, signs and NOT, ^.</summary>
    private static readonly Dialect Ours = new(
        [new("OR", 1, false, (a, b) => Truth(a != 0 || b != 0)), new("AND", 2, false, (a, b) => Truth(a != 0 && b != 0)),
            .. Comparisons(3, 4), .. Arithmetic(5), new("MOD", 6, false, Modulo)],
        [new("NOT", 7, true, (a, _) => Truth(a == 0)), .. Signs(7)]);

    /// <summary>
    /// A random chain of prefix operators, operands and binary operators that the dialect's grammar accepts: a prefix
    /// operator only where its level may start an operand (not <c>1 + :NOT: 2</c>), ^ only between small numbers (no
    /// overflow, no negative base), / only before a number (no division by zero). Operands are numbers or, rarely, a
    /// parenthesised chain.
    /// </summary>
    private static string Chain(Dialect d, Random random, int depth)
    {
        var sb = new StringBuilder();
        var binary = d.Binary.Where(b => b.Text != "^").ToArray();
        int minPrefix = 0, terms = random.Next(1, 7);
        bool divisor = false;
        for (int t = 0; t < terms; t++)
        {
            var prefixes = divisor ? [] : d.Prefix.Where(p => p.Level >= minPrefix).ToArray();
            while (prefixes.Length > 0 && random.Next(4) == 0)
            {
                var p = prefixes[random.Next(prefixes.Length)];
                sb.Append(p.Text).Append(' ');
                prefixes = prefixes.Where(q => q.Level >= p.Level).ToArray();
            }
            if (depth > 0 && !divisor && random.Next(6) == 0) sb.Append('(').Append(Chain(d, random, depth - 1)).Append(')');
            else sb.Append(Number(random));
            if (random.Next(4) == 0 && sb[^1] != ')')
            {
                sb.Append(" ^ ");
                if (random.Next(3) == 0) sb.Append("- ");
                sb.Append(Number(random));
                if (random.Next(4) == 0) sb.Append(" ^ ").Append(Number(random));
            }
            if (t + 1 == terms) break;
            var op = binary[random.Next(binary.Length)];
            sb.Append(' ').Append(op.Text).Append(' ');
            minPrefix = op.Level + 1;
            divisor = op.Text is "/" or "MOD";
        }
        return sb.ToString();
    }

    private static string Number(Random random) => random.Next(1, 4).ToString(CultureInfo.InvariantCulture);

    /// <summary>The shunting-yard evaluation of a chain written by <see cref="Chain"/> (tokens separated by spaces, parentheses attached).</summary>
    private static double Evaluate(Dialect d, string text)
    {
        var tokens = text.Replace("(", "( ").Replace(")", " )").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var values = new Stack<double>();
        var ops = new Stack<Op?>(); // null: an open parenthesis
        bool operand = true; // whether an operand (or a prefix operator) comes next
        void Reduce()
        {
            var op = ops.Pop()!;
            double b = values.Pop();
            values.Push(op.Prefix ? op.Apply(b, 0) : op.Apply(values.Pop(), b));
        }
        foreach (var token in tokens)
        {
            if (token == "(") ops.Push(null);
            else if (token == ")")
            {
                while (ops.Peek() is not null) Reduce();
                ops.Pop();
                operand = false;
            }
            else if (operand && d.Prefix.FirstOrDefault(p => p.Text == token) is { } prefix) ops.Push(prefix);
            else if (operand)
            {
                values.Push(double.Parse(token, CultureInfo.InvariantCulture));
                operand = false;
            }
            else
            {
                var op = d.Binary.Single(b => b.Text == token);
                while (ops.Count > 0 && ops.Peek() is { } top && (top.Level > op.Level || (top.Level == op.Level && !op.Right))) Reduce();
                ops.Push(op);
                operand = true;
            }
        }
        while (ops.Count > 0) Reduce();
        return values.Single();
    }

    private static List<string> Chains(Dialect d, int seed, int count)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => Chain(d, random, 2)).ToList();
    }

    [Test]
    public void VensimChains_ImportedAndRun_MatchTheShuntingYard()
    {
        var chains = Chains(Vensim, 19, 300);
        string records = string.Concat(chains.Select((c, i) => $"x{i} = {c} ~~|\n"));
        var result = MdlModels.Run(MdlModels.File(records));
        for (int i = 0; i < chains.Count; i++)
            Assert.That(result.Series($"x{i}")[0], Is.EqualTo(Evaluate(Vensim, chains[i])).Within(1e-9).Percent, chains[i]);
    }

    [Test]
    public void OurChains_Parsed_MatchTheShuntingYard()
    {
        foreach (var chain in Chains(Ours, 22, 2000))
        {
            var parsed = Parser.TryParse(chain);
            Assert.That(parsed.Error, Is.Null, chain);
            Assert.That(ParserTests.Evaluate(parsed.Expression!), Is.EqualTo(Evaluate(Ours, chain)).Within(1e-9).Percent, chain);
        }
    }
}
