using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;

namespace Simulation.Tests.Import;

/// <summary>Submodels (3.7.4, 4.7): modules flattened with qualified names, and &lt;connect&gt;s honoured in both directions.</summary>
public class XmileModuleTests
{
    /// <summary>A file with a root model and named submodels given as (name, variables) pairs.</summary>
    private static string File(string root, params (string Name, string Variables)[] submodels) =>
        XmileModels.File(root).Replace("</xmile>",
            string.Concat(submodels.Select(m => $"<model name=\"{m.Name}\"><variables>{m.Variables}</variables></model>\n")) + "</xmile>");

    private const string Growth = """
        <stock name="level"><eqn>start_value</eqn><inflow>growth</inflow></stock>
        <flow name="growth"><eqn>level * rate</eqn></flow>
        <aux name="rate" access="input"><eqn>0.1</eqn></aux>
        <aux name="start_value"><eqn>100</eqn></aux>
        """;

    [Test]
    public void Module_Variables_QualifiedWithTheModuleName()
    {
        var document = XmileModels.Document(File("<module name=\"growth_model\"/>", ("growth_model", Growth)));
        Assert.That(document.Variables.Select(v => v.Name),
            Is.EqualTo(new[] { "growth model.level", "growth model.growth", "growth model.rate", "growth model.start value" }));
        Assert.That(document.Variables[0].Inflows.Single().Name, Is.EqualTo("growth model.growth"));
    }

    [Test]
    public void Module_Unconnected_RunsOnItsOwnEquations()
    {
        var result = XmileModels.Run(File("<module name=\"growth_model\"/>", ("growth_model", Growth)));
        Assert.That(result.Series("growth model.level"), Is.EqualTo(new[] { 100.0, 110, 121, 133.1, 146.41 }).Within(1e-9));
    }

    [Test]
    public void Module_ConnectFromParent_InputTakesTheParentsValue()
    {
        var result = XmileModels.Run(File("""
            <module name="growth_model"><connect to="rate" from=".parent_rate"/></module>
            <aux name="parent_rate"><eqn>0.5</eqn></aux>
            """, ("growth_model", Growth)));
        Assert.That(result.Series("growth model.level"), Is.EqualTo(new[] { 100.0, 150, 225, 337.5, 506.25 }));
        Assert.That(result.Series("growth model.rate")[0], Is.EqualTo(0.5));
    }

    [Test]
    public void Module_ConnectUpwards_ParentInputTakesTheModulesOutput()
    {
        var result = XmileModels.Run(File("""
            <module name="growth_model"><connect to=".seen_level" from="growth_model.level"/></module>
            <aux name="seen_level" access="input"><eqn>0</eqn></aux>
            <aux name="double_level"><eqn>growth_model.level * 2</eqn></aux>
            """, ("growth_model", Growth)));
        Assert.That(result.Series("seen level")[1], Is.EqualTo(110.0));
        Assert.That(result.Series("double level")[1], Is.EqualTo(220.0));
    }

    [Test]
    public void Module_ConnectBetweenModules_AndNested_QualifiedPaths()
    {
        var result = XmileModels.Run(File("""
            <module name="source"/>
            <module name="outer"><connect to="inner.x" from="source.value"/></module>
            """,
            ("source", "<aux name=\"value\"><eqn>7</eqn></aux>"),
            ("outer", "<module name=\"inner\"/><aux name=\"y\"><eqn>inner.doubled + 1</eqn></aux>"),
            ("inner", "<aux name=\"x\" access=\"input\"><eqn>0</eqn></aux><aux name=\"doubled\"><eqn>x * 2</eqn></aux>")));
        Assert.That(result.Series("outer.inner.x")[0], Is.EqualTo(7.0));
        Assert.That(result.Series("outer.inner.doubled")[0], Is.EqualTo(14.0));
        Assert.That(result.Series("outer.y")[0], Is.EqualTo(15.0));
    }

    [Test]
    public void Module_QuotedIdentsInConnectionsAndEquations_Resolved()
    {
        var result = XmileModels.Run(File("""
            <module name="hare_model"><connect to="area" from=".land"/></module>
            <module name="lynx model"><connect to="hares" from="&quot;hare_model&quot;.population"/></module>
            <aux name="land"><eqn>5</eqn></aux>
            <aux name="total"><eqn>"lynx model".eaten + hare_model."population"</eqn></aux>
            """,
            ("hare_model", "<aux name=\"area\" access=\"input\"><eqn>1</eqn></aux><aux name=\"population\" access=\"output\"><eqn>area * 10</eqn></aux>"),
            ("lynx model", "<aux name=\"hares\" access=\"input\"><eqn>0</eqn></aux><aux name=\"eaten\" access=\"output\"><eqn>hares / 2</eqn></aux>")));
        Assert.That(result.Series("lynx model.eaten")[0], Is.EqualTo(25.0));
        Assert.That(result.Series("total")[0], Is.EqualTo(75.0));
    }

    [Test]
    public void Module_StockUsedAsInputPlaceholder_BecomesAnAlias()
    {
        var document = XmileModels.Document(File("""
            <module name="m"><connect to="other" from=".supply"/></module>
            <aux name="supply"><eqn>3</eqn></aux>
            """, ("m", "<stock name=\"other\"><eqn>{placeholder}</eqn><non_negative/></stock><aux name=\"use\"><eqn>other * 2</eqn></aux>")));
        var alias = document.Variables.Single(v => v.Name == "m.other");
        Assert.That((alias.Kind, alias.Equation!.Text, alias.NonNegative), Is.EqualTo((VariableKind.Auxiliary, "supply", false)));
    }

    [Test]
    public void Module_EquationRewritten_DiagnosticsStillPointAtTheXml()
    {
        string xml = File("<module name=\"m\"/>", ("m", "<aux name=\"a\"><eqn>1</eqn></aux><aux name=\"b\"><eqn>a + a + missing</eqn></aux>"));
        var error = XmileModels.Errors(xml).Single();
        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.UnknownVariable));
        Assert.That(error.Location, Is.EqualTo(new SourceFile("test.xmile", xml).LocationOf(xml.IndexOf("missing", StringComparison.Ordinal))));
        Assert.That(error.Equation!.Text, Is.EqualTo("m.a + m.a + missing"));
    }

    [Test]
    public void Module_WithoutItsModel_Reported()
    {
        var error = XmileModels.Errors(File("<module name=\"nowhere\"/>")).Single();
        Assert.That((error.Code, error.Message), Is.EqualTo((DiagnosticCodes.BadModule, "the module 'nowhere' has no <model name=\"nowhere\"> in this file")));
    }

    [Test]
    public void Module_ContainingItself_Reported()
    {
        var errors = XmileModels.Errors(File("<module name=\"a\"/>", ("a", "<module name=\"b\"/>"), ("b", "<module name=\"a\"/>")));
        Assert.That(errors.Single().Message, Does.Contain("contains itself (root -> a -> b -> a)"));
    }

    [TestCase("<connect to=\"nothing\" from=\".supply\"/>", "connects to 'nothing', but there is no variable 'm.nothing'")]
    [TestCase("<connect to=\"x\" from=\".nothing\"/>", "is connected from '.nothing', but there is no variable 'nothing'")]
    [TestCase("<connect to=\"x\"/>", "lacks 'to' or 'from'")]
    public void Module_BadConnection_Reported(string connect, string message)
    {
        var errors = XmileModels.Errors(File($"<module name=\"m\">{connect}</module><aux name=\"supply\"><eqn>1</eqn></aux>",
            ("m", "<aux name=\"x\"><eqn>0</eqn></aux>")));
        Assert.That(errors.Select(e => e.Message), Has.Some.Contains(message));
    }

    [Test]
    public void Module_SingleNamedModel_IsTheRoot()
    {
        string xml = XmileModels.File("<aux name=\"a\"><eqn>2</eqn></aux>").Replace("<model>", "<model name=\"default\">");
        Assert.That(XmileModels.Document(xml).Variables.Single().Name, Is.EqualTo("a"));
    }
}
