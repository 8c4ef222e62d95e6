using Simulation.Engine.Model;

namespace Simulation.Tests.Import;

/// <summary>What Stella's XMILE files do that the standard does not say: read as Stella reads them, with a warning.</summary>
public class XmileStellaTests
{
    [Test]
    public void AuxiliaryListedAsAFlow_ReadAsAFlowWithAWarning()
    {
        string xml = XmileModels.File("""
            <stock name="Stock"><eqn>10</eqn><inflow>filling</inflow><outflow>draining</outflow></stock>
            <aux name="filling"><eqn>2</eqn></aux>
            <flow name="draining"><eqn>Stock * 0.5</eqn></flow>
            """);
        var document = XmileModels.Document(xml);
        Assert.That(document.Variables.Single(v => v.Name == "filling").Kind, Is.EqualTo(VariableKind.Flow));
        var warning = XmileModels.Diagnose(xml).Single(d => d.Code == "SD1203");
        Assert.That((warning.IsError, warning.Message.Contains("read as a flow")), Is.EqualTo((false, true)));
        Assert.That(XmileModels.Run(xml).Series("Stock"), Is.EqualTo(new[] { 10.0, 7, 5.5, 4.75, 4.375 }));
    }

    [TestCase("SINH(1)", 1.1752011936438014)]
    [TestCase("COSH(0)", 1)]
    [TestCase("TANH(0.5)", 0.46211715726000974)]
    public void HyperbolicFunctions_Read(string equation, double expected) =>
        Assert.That(XmileModels.Run(XmileModels.File($"<aux name=\"x\"><eqn>{equation}</eqn></aux>")).Series("x")[0], Is.EqualTo(expected).Within(1e-15));

    [Test]
    public void VectorSortOrderAndRank_ReadFromXmile()
    {
        string xml = XmileModels.File("""
            <aux name="v"><dimensions><dim name="N"/></dimensions><eqn>(N - 2) * (N - 2)</eqn></aux>
            <aux name="order"><dimensions><dim name="N"/></dimensions><eqn>VECTOR_SORT_ORDER(v[N], 1)</eqn></aux>
            <aux name="smallest"><eqn>RANK(v, 1)</eqn></aux>
            <aux name="largest"><eqn>RANK(v[*], 3)</eqn></aux>
            """, fileLevel: """<dimensions><dim name="N" size="3"/></dimensions>""");
        var result = XmileModels.Run(xml);
        // v = 1, 0, 1: ascending, element 2 first, then 1 and 3 in element order.
        Assert.That(new[] { "order[1]", "order[2]", "order[3]", "smallest", "largest" }.Select(c => result.Series(c)[0]),
            Is.EqualTo(new double[] { 1, 0, 2, 2, 3 }));
    }
}
