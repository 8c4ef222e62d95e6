using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Syntax;

namespace Simulation.Tests.Syntax;

/// <summary>parse(print(e)) = e for random syntax trees, and the parser never throws on random text.</summary>
public class RoundTripProperties
{
    private static readonly string[] Words = ["a", "Bed Occupancy", "length_of_stay", "x1", "Rate", "q", "Net Flow In"];
    private static readonly string[] Functions = ["MAX", "MIN", "ABS", "EXP", "SAFEDIV", "effect"];
    private static readonly BinaryOperator[] BinaryOperators = Enum.GetValues<BinaryOperator>();
    private static readonly UnaryOperator[] UnaryOperators = Enum.GetValues<UnaryOperator>();

    private static Gen<Expr> ExprGen(int size)
    {
        var leaf = Gen.OneOf(
            Gen.Choose(0, 100000).Select(n => (Expr)new NumberExpr(n / 8.0, default)),
            Gen.Elements(1e-7, 2.5e20, 0.1, 3.0, 123456.789).Select(v => (Expr)new NumberExpr(v, default)),
            Gen.Elements(Words).Select(w => (Expr)new NameExpr(w, default)),
            Gen.Elements("Pop[Age, Q1]", "x[*]", "y[65-74, Q5]").Select(Parse));
        if (size <= 0) return leaf;
        var sub = ExprGen(size / 2);
        return Gen.Frequency(
            (3, leaf),
            (4, Gen.Elements(BinaryOperators).SelectMany(op => sub.SelectMany(l => sub.Select(r => (Expr)new BinaryExpr(op, l, r, default))))),
            (2, Gen.Elements(UnaryOperators).SelectMany(op => sub.Select(x => (Expr)new UnaryExpr(op, x, default)))),
            (1, sub.SelectMany(c => sub.SelectMany(t => sub.Select(e => (Expr)new IfExpr(c, t, e, default))))),
            (2, Gen.Elements(Functions).SelectMany(f => Gen.Choose(1, 3).SelectMany(n => Gen.ListOf(sub, n)
                .Select(args => (Expr)new CallExpr(new NameExpr(f, default), args.ToImmutableArray(), default))))));
    }

    private static Expr Parse(string text) => Parser.TryParse(text).Expression!;

    [FsCheck.NUnit.Property(MaxTest = 500)]
    public Property Print_ThenParse_GivesTheSameTree() =>
        Prop.ForAll(Gen.Sized(ExprGen).ToArbitrary(), expr =>
        {
            string text = ExprPrinter.Print(expr);
            var parsed = Parser.TryParse(text);
            return (parsed.Error is null && ExprEquality.AreEqual(expr, parsed.Expression)).Label(text);
        });

    [FsCheck.NUnit.Property(MaxTest = 1000)]
    public Property Parse_AnyText_NeverThrows() =>
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), text =>
        {
            var result = Parser.TryParse(text ?? "");
            return result.Expression is not null || result.Error is not null;
        });

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public Property Parse_ShuffledEquationTokens_NeverThrows() =>
        Prop.ForAll(Gen.ListOf(Gen.Elements("(", ")", "[", "]", ",", "*", "-", "^", "IF", "THEN", "ELSE", "a", "1", "\"q", "NOT", ":", "MAX"))
            .ToArbitrary(), tokens =>
        {
            var result = Parser.TryParse(string.Join(" ", tokens));
            return result.Expression is not null || result.Error is not null;
        });

    [Test]
    public void Print_NegativeBase_KeepsParentheses()
    {
        var e = new BinaryExpr(BinaryOperator.Power, new UnaryExpr(UnaryOperator.Negate, new NumberExpr(2, default), default),
            new NumberExpr(2, default), default);
        Assert.That(ExprPrinter.Print(e), Is.EqualTo("(-2) ^ 2"));
    }

    [Test]
    public void Print_NameNeedingQuotes_IsQuoted() =>
        Assert.That(ExprPrinter.FormatName("85+ \"old\""), Is.EqualTo("\"85+ \\\"old\\\"\""));

    [Test]
    public void Print_Unused_SpanIsIrrelevant() =>
        Assert.That(ExprEquality.AreEqual(new NumberExpr(1, new TextSpan(3, 1)), new NumberExpr(1, default)), Is.True);
}
