using Simulation.Engine.Syntax;

namespace Simulation.Tests.Syntax;

/// <summary>XMILE's escapes inside quoted names (3.2.2.1): \" a quote, \\ a backslash, \n a line break (the same name as a space).</summary>
public class QuotedNameEscapeTests
{
    [TestCase("\"revenue\\ngap\"", "revenue\ngap")]
    [TestCase("\"say \\\"hi\\\"\"", "say \"hi\"")]
    [TestCase("\"back\\\\slash\"", "back\\slash")]
    public void Lex_EscapesInQuotedName_Resolved(string written, string name)
    {
        var expression = Parser.TryParse(written).Expression;
        Assert.That(expression, Is.TypeOf<NameExpr>());
        Assert.That(((NameExpr)expression!).Name, Is.EqualTo(name));
    }

    [Test]
    public void Lex_LineBreakEscape_SameVariableAsSpaceOrUnderscore()
    {
        var name = (NameExpr)Parser.TryParse("\"revenue\\ngap\"").Expression!;
        Assert.That(name.Canonical, Is.EqualTo(Identifier.Canonical("revenue_gap")));
    }

    [TestCase("\"lynx model\".eaten * 2", "lynx model.eaten")]
    [TestCase("hares.\"birth rate\" * 2", "hares.birth rate")]
    [TestCase("\"outer\".\"inner model\".x * 2", "outer.inner model.x")]
    [TestCase("\"a\".b.\"c d\" * 2", "a.b.c d")]
    public void Lex_PathWithQuotedParts_OneName(string written, string name)
    {
        var expression = Parser.TryParse(written).Expression;
        Assert.That(expression, Is.TypeOf<BinaryExpr>());
        Assert.That(((NameExpr)((BinaryExpr)expression!).Left).Name, Is.EqualTo(name));
    }
}
