using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;

namespace Simulation.Tests.Import;

/// <summary>Graphical functions in every XMILE form, checked by evaluating them at known inputs.</summary>
public class XmileGraphTests
{
    /// <summary>An auxiliary "y" = graph(TIME) over times 0..4, and the values it takes.</summary>
    private static double[] Values(string gf) =>
        XmileModels.Run(XmileModels.File($"<aux name=\"y\"><eqn>TIME</eqn>{gf}</aux>")).Series("y");

    [Test]
    public void Graph_XscaleWithYpts_EvenlySpacedX()
    {
        Assert.That(Values("<gf><xscale min=\"0\" max=\"4\"/><ypts>0,10,40</ypts></gf>"), Is.EqualTo(new[] { 0.0, 5, 10, 25, 40 }));
    }

    [Test]
    public void Graph_Xpts_UsedAsGiven()
    {
        Assert.That(Values("<gf><xpts>0,1,4</xpts><ypts>0,10,40</ypts></gf>"), Is.EqualTo(new[] { 0.0, 10, 20, 30, 40 }));
    }

    [Test]
    public void Graph_XptsAndXscale_XptsWin()
    {
        Assert.That(Values("<gf><xscale min=\"0\" max=\"0\"/><xpts>0,1,4</xpts><ypts>0,10,40</ypts></gf>"), Is.EqualTo(new[] { 0.0, 10, 20, 30, 40 }));
    }

    [Test]
    public void Graph_Separators_Honoured()
    {
        Assert.That(Values("<gf><xpts sep=\";\">0; 1; 4</xpts><ypts sep=\" \">0 10 40</ypts></gf>"), Is.EqualTo(new[] { 0.0, 10, 20, 30, 40 }));
    }

    [TestCase("type=\"continuous\"", new[] { 10.0, 10, 15, 20, 20 })]
    [TestCase("", new[] { 10.0, 10, 15, 20, 20 })]
    [TestCase("type=\"extrapolate\"", new[] { 5.0, 10, 15, 20, 25 })]
    [TestCase("type=\"discrete\"", new[] { 10.0, 10, 10, 20, 20 })]
    [TestCase("discrete=\"true\"", new[] { 10.0, 10, 10, 20, 20 })]
    [TestCase("discrete=\"false\"", new[] { 10.0, 10, 15, 20, 20 })]
    public void Graph_Type_ChangesHowPointsAreRead(string attribute, double[] expected)
    {
        Assert.That(Values($"<gf {attribute}><xpts>1,3</xpts><ypts>10,20</ypts></gf>"), Is.EqualTo(expected));
    }

    [Test]
    public void Graph_NamedStandalone_CalledAsAFunction()
    {
        var result = XmileModels.Run(XmileModels.File("""
            <gf name="lookup table"><xscale min="0" max="4"/><ypts>0,4,16</ypts></gf>
            <aux name="y"><eqn>lookup_table(TIME)</eqn></aux>
            """));
        Assert.That(result.Series("y"), Is.EqualTo(new[] { 0.0, 2, 4, 10, 16 }));
    }

    [Test]
    public void Graph_NamedReferenceInAVariable_AppliedToItsEquation()
    {
        var result = XmileModels.Run(XmileModels.File("""
            <gf name="rising"><xscale min="0" max="4"/><ypts>0,4,16</ypts></gf>
            <aux name="y"><eqn>TIME</eqn><gf name="rising"/></aux>
            """));
        Assert.That(result.Series("y"), Is.EqualTo(new[] { 0.0, 2, 4, 10, 16 }));
    }

    [Test]
    public void Graph_InAuxWithoutEquation_IsAFunction()
    {
        var document = XmileModels.Document(XmileModels.File("""
            <aux name="f"><gf><xscale min="0" max="1"/><ypts>0,1</ypts></gf></aux>
            <aux name="y"><eqn>f(0.25)</eqn></aux>
            """));
        Assert.That(document.Variables[0].Kind, Is.EqualTo(VariableKind.Graphical));
        Assert.That(document.Variables[0].Graph!.XRange, Is.EqualTo((0.0, 1.0)));
    }

    [Test]
    public void Graph_OnAFlow_AppliedToItsEquation()
    {
        var result = XmileModels.Run(XmileModels.File("""
            <stock name="s"><eqn>0</eqn><inflow>f</inflow></stock>
            <flow name="f"><eqn>TIME</eqn><gf><xpts>0,4</xpts><ypts>0,8</ypts></gf></flow>
            """));
        Assert.That(result.Series("s"), Is.EqualTo(new[] { 0.0, 0, 2, 6, 12 }));
    }

    [TestCase("<gf><xscale min=\"0\" max=\"1\"/></gf>", "has no <ypts>")]
    [TestCase("<gf><ypts>1,2</ypts></gf>", "neither <xscale> nor <xpts>")]
    [TestCase("<gf><xpts>0,1</xpts><ypts>1,two</ypts></gf>", "'two', which is not a number")]
    [TestCase("<gf type=\"smooth\"><xpts>0,1</xpts><ypts>1,2</ypts></gf>", "'smooth' is not one of")]
    [TestCase("<gf><xpts>0,1,2</xpts><ypts>1,2</ypts></gf>", "has 3 x values but 2 y values")]
    [TestCase("<gf><xpts>0,2,1</xpts><ypts>1,2,3</ypts></gf>", "do not increase")]
    public void Graph_Malformed_Reported(string gf, string message)
    {
        var errors = XmileModels.Errors(XmileModels.File($"<aux name=\"y\"><eqn>TIME</eqn>{gf}</aux>"));
        Assert.That(errors.Select(e => e.Message), Has.Some.Contains(message));
        Assert.That(errors.Select(e => e.Code), Has.Some.AnyOf(DiagnosticCodes.InvalidGraph, DiagnosticCodes.InvalidValue));
    }
}
