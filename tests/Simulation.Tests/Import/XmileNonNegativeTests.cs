using Simulation.Engine.Model;

namespace Simulation.Tests.Import;

/// <summary>Non-negative stocks and flows (4.2, 4.3) and the &lt;behavior&gt; defaults that cascade entity, model, file (2.6).</summary>
public class XmileNonNegativeTests
{
    private const string StockAndFlow = """
        <stock name="s"><eqn>2</eqn><outflow>f</outflow>{0}</stock>
        <flow name="f"><eqn>1</eqn>{1}</flow>
        """;

    private static (bool Stock, bool Flow) Flags(string stockOption, string flowOption, string fileBehavior = "", string modelBehavior = "")
    {
        string xml = XmileModels.File(string.Format(StockAndFlow, stockOption, flowOption), fileLevel: fileBehavior)
            .Replace("<model>", "<model>" + modelBehavior);
        var variables = XmileModels.Document(xml).Variables;
        return (variables.Single(v => v.Kind == VariableKind.Stock).NonNegative, variables.Single(v => v.Kind == VariableKind.Flow).NonNegative);
    }

    [TestCase("", false)]
    [TestCase("<non_negative/>", true)]
    [TestCase("<non_negative></non_negative>", true)]
    [TestCase("<non_negative>true</non_negative>", true)]
    [TestCase("<non_negative> TruE  </non_negative>", true)]
    [TestCase("<non_negative>false</non_negative>", false)]
    [TestCase("<non_negative>FALSE  </non_negative>", false)]
    public void NonNegative_OwnOption_ReadInEveryForm(string option, bool expected)
    {
        Assert.That(Flags(option, option), Is.EqualTo((expected, expected)));
    }

    [Test]
    public void NonNegative_OptionNeitherTrueNorFalse_Reported()
    {
        var errors = XmileModels.Errors(XmileModels.File(string.Format(StockAndFlow, "<non_negative>yes</non_negative>", "")));
        Assert.That(errors.Single().Message, Does.Contain("must be true or false"));
    }

    [TestCase("<behavior><non_negative/></behavior>", true, true)]
    [TestCase("<behavior><stock><non_negative/></stock></behavior>", true, false)]
    [TestCase("<behavior><flow><non_negative/></flow></behavior>", false, true)]
    [TestCase("<behavior><non_negative/><flow><non_negative>false</non_negative></flow></behavior>", true, false)]
    public void NonNegative_FileBehavior_DefaultForItsKinds(string behavior, bool stock, bool flow)
    {
        Assert.That(Flags("", "", behavior), Is.EqualTo((stock, flow)));
    }

    [Test]
    public void NonNegative_EntityFalse_OverridesBehavior()
    {
        Assert.That(Flags("<non_negative>false</non_negative>", "", "<behavior><non_negative/></behavior>"), Is.EqualTo((false, true)));
    }

    [Test]
    public void NonNegative_ModelBehavior_OverridesFileBehavior()
    {
        Assert.That(Flags("", "", "<behavior><non_negative/></behavior>", "<behavior><stock><non_negative>false</non_negative></stock></behavior>"),
            Is.EqualTo((false, true)));
    }

    [Test]
    public void NonNegative_Stock_OutflowLimitedToWhatIsLeft()
    {
        var result = XmileModels.Run(XmileModels.File(string.Format(StockAndFlow, "<non_negative/>", "")));
        Assert.That(result.Series("s"), Is.EqualTo(new[] { 2.0, 1, 0, 0, 0 }));
        Assert.That(result.Series("f"), Is.EqualTo(new[] { 1.0, 1, 0, 0, 0 }));
    }

    [Test]
    public void NonNegative_Flow_NeverBelowZero()
    {
        var result = XmileModels.Run(XmileModels.File("""
            <stock name="s"><eqn>10</eqn><inflow>f</inflow></stock>
            <flow name="f"><eqn>2 - TIME</eqn><non_negative/></flow>
            """));
        Assert.That(result.Series("f"), Is.EqualTo(new[] { 2.0, 1, 0, 0, 0 }));
        Assert.That(result.Series("s"), Is.EqualTo(new[] { 10.0, 12, 13, 13, 13 }));
    }
}
