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
}
