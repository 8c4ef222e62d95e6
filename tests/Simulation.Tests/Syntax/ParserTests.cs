using Simulation.Engine.Diagnostics;
using Simulation.Engine.Ops;
using Simulation.Engine.Syntax;

namespace Simulation.Tests.Syntax;

public class ParserTests
{
    private static double Value(string equation)
    {
        var result = Parser.TryParse(equation);
        Assert.That(result.Error, Is.Null, () => result.Error!.Message);
        return Evaluate(result.Expression!);
    }

    /// <summary>A tiny evaluator for constant syntax trees, independent of the binder and the plan.</summary>
    internal static double Evaluate(Expr e) => e switch
    {
        NumberExpr n => n.Value,
        UnaryExpr { Operator: UnaryOperator.Negate } u => -Evaluate(u.Operand),
        UnaryExpr { Operator: UnaryOperator.Plus } u => Evaluate(u.Operand),
        UnaryExpr u => Evaluate(u.Operand) == 0 ? 1 : 0,
        BinaryExpr b => Operations.For(b.Operator).Apply(Evaluate(b.Left), Evaluate(b.Right), 0, 0, 0, 0),
        IfExpr i => Evaluate(i.Condition) != 0 ? Evaluate(i.Then) : Evaluate(i.Else),
        _ => throw new InvalidOperationException(e.ToString()),
    };

    [TestCase("-2^2", -4)]
    [TestCase("2^3^2", 512)]
    [TestCase("(-2)^2", 4)]
    [TestCase("2^-1", 0.5)]
    [TestCase("1 + 2 * 3", 7)]
    [TestCase("(1 + 2) * 3", 9)]
    [TestCase("10 - 4 - 3", 3)]
    [TestCase("24 / 4 / 2", 3)]
    [TestCase("7 MOD 3", 1)]
    [TestCase("-7 MOD 3", 2)]
    [TestCase("1.5e2 + 2E-1", 150.2)]
    [TestCase(".5 * 4", 2)]
    [TestCase("1 < 2 = 1", 1)]
    [TestCase("2 <> 2", 0)]
    [TestCase("1 <= 1 AND 2 >= 3", 0)]
    [TestCase("1 > 2 OR 3 > 2", 1)]
    [TestCase("NOT 0", 1)]
    [TestCase("NOT 1 + 1", 1)]
    [TestCase("1 OR 0 AND 0", 1)]
    [TestCase("IF 1 > 2 THEN 10 ELSE 20", 20)]
    [TestCase("IF 1 THEN 2 ELSE 3 + 4", 2)]
    [TestCase("IF 0 THEN 2 ELSE 3 + 4", 7)]
    [TestCase("2 * IF 1 THEN 3 ELSE 4", 6)]
    [TestCase("if 1 then 5 else 6", 5)]
    public void Parse_ConstantExpression_HasXmilePrecedence(string equation, double expected) =>
        Assert.That(Value(equation), Is.EqualTo(expected).Within(1e-12));

    [Test]
    public void Parse_MultiWordNames_JoinIntoOneName()
    {
        var e = Parser.TryParse("Bed Occupancy / Length of Stay").Expression as BinaryExpr;
        Assert.That(e, Is.Not.Null);
        Assert.That(((NameExpr)e!.Left).Name, Is.EqualTo("Bed Occupancy"));
        Assert.That(((NameExpr)e.Right).Name, Is.EqualTo("Length of Stay"));
    }

    [TestCase("Stock 1 + Stock 2", "Stock 1")]
    [TestCase("Q1 Share * 2", "Q1 Share")]
    [TestCase("Age 85 plus / 2", "Age 85 plus")]
    public void Parse_NamesWithNumberWords_JoinIntoOneName(string equation, string first) =>
        Assert.That(((NameExpr)((BinaryExpr)Parser.TryParse(equation).Expression!).Left).Name, Is.EqualTo(first));

    [Test]
    public void Parse_KeywordsBetweenWords_SplitNames()
    {
        var e = Parser.TryParse("IF Bed Occupancy > Limit AND Open THEN Surge Beds ELSE 0").Expression as IfExpr;
        Assert.That(e, Is.Not.Null);
        var and = (BinaryExpr)e!.Condition;
        Assert.That(and.Operator, Is.EqualTo(BinaryOperator.And));
        Assert.That(((NameExpr)e.Then).Name, Is.EqualTo("Surge Beds"));
    }

    [Test]
    public void Parse_QuotedAndUnderscoredNames_HaveSameCanonicalForm()
    {
        var quoted = (NameExpr)Parser.TryParse("\"Bed  Occupancy\"").Expression!;
        var underscored = (NameExpr)Parser.TryParse("bed_occupancy").Expression!;
        Assert.That(quoted.Canonical, Is.EqualTo(underscored.Canonical));
    }

    [Test]
    public void Parse_Subscripts_KeepElementNamesThatAreNotExpressions()
    {
        var s = (SubscriptExpr)Parser.TryParse("Pop[85+, Q1]").Expression!;
        Assert.That(s.Subscripts.Select(x => x.Text), Is.EqualTo(new[] { "85+", "Q1" }));
        Assert.That(s.Subscripts[0].Expression, Is.Null);
        Assert.That(s.Subscripts[1].Expression, Is.InstanceOf<NameExpr>());
    }

    [Test]
    public void Parse_Wildcards_AreMarked()
    {
        var s = (SubscriptExpr)((CallExpr)Parser.TryParse("SUM(pop[*, *:Older])").Expression!).Arguments[0];
        Assert.That(s.Subscripts[0].IsWildcard, Is.True);
        Assert.That(s.Subscripts[1].WildcardSubrange, Is.EqualTo("Older"));
    }

    [TestCase("IF_THEN_ELSE(a > b, a, b)", 3)]
    [TestCase("MAX(a, b)", 2)]
    [TestCase("PI", 0)]
    public void Parse_Calls_HaveTheirArguments(string equation, int count)
    {
        var e = Parser.TryParse(equation).Expression;
        Assert.That(e is CallExpr c ? c.Arguments.Length : 0, Is.EqualTo(count));
    }

    [TestCase("1 +", DiagnosticCodes.SyntaxError, 3)]
    [TestCase("(1 + 2", DiagnosticCodes.SyntaxError, 6)]
    [TestCase("a b c d +* 2", DiagnosticCodes.SyntaxError, 9)]
    [TestCase("(a) 2", DiagnosticCodes.SyntaxError, 4)]
    [TestCase("IF a THEN b", DiagnosticCodes.SyntaxError, 11)]
    [TestCase("2 $ 3", DiagnosticCodes.SyntaxError, 2)]
    [TestCase("1e999", DiagnosticCodes.NumberOutOfRange, 0)]
    [TestCase("   ", DiagnosticCodes.EmptyEquation, 0)]
    [TestCase("\"unclosed", DiagnosticCodes.SyntaxError, 0)]
    public void Parse_BadEquation_ReportsCodeAtPosition(string equation, string code, int position)
    {
        var error = Parser.TryParse(equation).Error;
        Assert.That(error, Is.Not.Null);
        Assert.That(error!.Code, Is.EqualTo(code));
        Assert.That(error.Span.Start, Is.EqualTo(position));
    }

    [TestCase(5000)]
    [TestCase(100000)]
    public void Parse_DeeplyNested_ReportsTooDeepInsteadOfCrashing(int depth)
    {
        foreach (var text in new[] { new string('(', depth) + "1" + new string(')', depth), string.Concat(Enumerable.Repeat("-", depth)) + "1",
                     string.Concat(Enumerable.Repeat("IF 1 THEN ", depth)) + "1" })
        {
            var error = Parser.TryParse(text).Error;
            Assert.That(error?.Code, Is.EqualTo(DiagnosticCodes.TooDeeplyNested));
        }
    }

    [Test]
    public void Parse_LongFlatSum_IsNotTooDeep()
    {
        string text = string.Join(" + ", Enumerable.Repeat("1", 20000));
        Assert.That(Value(text), Is.EqualTo(20000));
    }
}
