using Simulation.Engine.Diagnostics;

namespace Simulation.Tests.Import;

/// <summary>XMILE arrays (2.5, 3.7.1, 4.5): dimensions, apply-to-all, per-element equations and graphs, value lists.</summary>
public class XmileArrayTests
{
    private const string Dimensions = """
        <dimensions>
            <dim name="N" size="3"/>
            <dim name="Location"><elem name="Boston"/><elem name="New_York"/></dim>
        </dimensions>
        """;

    private static string File(string variables) => XmileModels.File(variables, fileLevel: Dimensions);

    private static double[] Initial(Simulation.Engine.Results.SimulationResult result, params string[] columns) =>
        columns.Select(c => result.Series(c)[0]).ToArray();

    [Test]
    public void Array_SizedDimension_ElementsNumberedFromOne()
    {
        var result = XmileModels.Run(File("<aux name=\"a\"><dimensions><dim name=\"N\"/></dimensions><eqn>N * 10</eqn></aux>"));
        Assert.That(Initial(result, "a[1]", "a[2]", "a[3]"), Is.EqualTo(new[] { 10.0, 20, 30 }));
    }

    [Test]
    public void Array_ApplyToAll_DimensionSubscriptAndBareName()
    {
        var result = XmileModels.Run(File("""
            <aux name="b"><dimensions><dim name="N"/></dimensions><eqn>N</eqn></aux>
            <aux name="c"><dimensions><dim name="N"/></dimensions><eqn>b[N] + b * 100</eqn></aux>
            """));
        Assert.That(Initial(result, "c[1]", "c[2]", "c[3]"), Is.EqualTo(new[] { 101.0, 202, 303 }));
    }

    [Test]
    public void Array_PerElementEquations_ByElementName()
    {
        var result = XmileModels.Run(File("""
            <aux name="rate">
                <dimensions><dim name="Location"/></dimensions>
                <element subscript="Boston"><eqn>0.1</eqn></element>
                <element subscript="New York"><eqn>0.2</eqn></element>
            </aux>
            <aux name="ny"><eqn>rate[New_York] * 10</eqn></aux>
            """));
        Assert.That(Initial(result, "rate[Boston]", "rate[New York]", "ny"), Is.EqualTo(new[] { 0.1, 0.2, 2 }));
    }

    [Test]
    public void Array_TwoDimensionalPerElement_NumberedSubscripts()
    {
        var result = XmileModels.Run(File("""
            <aux name="m">
                <dimensions><dim name="N"/><dim name="Location"/></dimensions>
                <element subscript="1, Boston"><eqn>1</eqn></element>
                <element subscript="1, New_York"><eqn>2</eqn></element>
                <element subscript="2, Boston"><eqn>3</eqn></element>
                <element subscript="2, New_York"><eqn>4</eqn></element>
                <element subscript="3, Boston"><eqn>5</eqn></element>
                <element subscript="3, New_York"><eqn>6</eqn></element>
            </aux>
            <aux name="total"><eqn>SUM(m[*, *])</eqn></aux>
            """));
        Assert.That(Initial(result, "m[2,New York]", "total"), Is.EqualTo(new[] { 4.0, 21 }));
    }

    [Test]
    public void Array_ListOfValues_OnePerElementInRowMajorOrder()
    {
        var result = XmileModels.Run(File("""
            <aux name="v"><dimensions><dim name="N"/><dim name="Location"/></dimensions><eqn>1, 2, 3, -4, 5, 6e1</eqn></aux>
            <aux name="smallest"><eqn>MIN(v[*, *])</eqn></aux>
            <aux name="largest"><eqn>MAX(v[*, *])</eqn></aux>
            """));
        Assert.That(Initial(result, "v[1,Boston]", "v[2,New York]", "v[3,New York]", "smallest", "largest"), Is.EqualTo(new[] { 1.0, -4, 60, -4, 60 }));
    }

    [Test]
    public void Array_ListOfValues_WrongCountReported()
    {
        var errors = XmileModels.Errors(File("<aux name=\"v\"><dimensions><dim name=\"N\"/></dimensions><eqn>1, 2</eqn></aux>"));
        Assert.That(errors.First().Message, Does.Contain("'v' has 3 elements but its equation lists 2"));
    }

    [Test]
    public void Array_OneEqnPerElement_ReadByPosition()
    {
        var result = XmileModels.Run(File("""
            <aux name="e"><dimensions><dim name="N"/></dimensions><eqn>TIME</eqn><eqn>2 * TIME</eqn><eqn>-TIME</eqn></aux>
            """));
        Assert.That(result.Series("e[2]"), Is.EqualTo(new[] { 0.0, 2, 4, 6, 8 }));
        Assert.That(result.Series("e[3]")[4], Is.EqualTo(-4.0));
    }

    [Test]
    public void Array_PerElementGraphsWithOneEquation_EachElementItsGraph()
    {
        var result = XmileModels.Run(File("""
            <aux name="g">
                <dimensions><dim name="Location"/></dimensions>
                <element subscript="Boston"><gf><xscale min="0" max="4"/><ypts>0,4</ypts></gf></element>
                <element subscript="New_York"><gf><xscale min="0" max="4"/><ypts>0,40</ypts></gf></element>
                <eqn>TIME</eqn>
            </aux>
            """));
        Assert.That(result.Series("g[Boston]")[2], Is.EqualTo(2.0));
        Assert.That(result.Series("g[New York]")[2], Is.EqualTo(20.0));
    }

    [Test]
    public void Array_StocksAndFlows_IntegrateElementByElement()
    {
        var result = XmileModels.Run(File("""
            <stock name="pop"><dimensions><dim name="Location"/></dimensions><eqn>100</eqn><inflow>births</inflow></stock>
            <flow name="births"><dimensions><dim name="Location"/></dimensions><eqn>pop * rate</eqn></flow>
            <aux name="rate"><dimensions><dim name="Location"/></dimensions><eqn>0.5, 1</eqn></aux>
            """));
        Assert.That(result.Series("pop[Boston]"), Is.EqualTo(new[] { 100.0, 150, 225, 337.5, 506.25 }));
        Assert.That(result.Series("pop[New York]")[4], Is.EqualTo(1600.0));
    }

    [Test]
    public void Array_ElementWithItsDimensionOutsideBrackets_IsItsPosition()
    {
        var result = XmileModels.Run(File("""
            <aux name="rate"><dimensions><dim name="Location"/></dimensions><eqn>Location * 10</eqn></aux>
            <aux name="position"><eqn>Location.New_York + 100 * rate[Location.Boston]</eqn></aux>
            """));
        Assert.That(result.Series("position")[0], Is.EqualTo(2.0 + 1000));
    }

    [TestCase("a'", "the array transposition operator (')")]
    [TestCase("a[N, @1]", "a dimension position (@n)")]
    [TestCase("SUM(a[1:2])", "an array index range (a:b)")]
    public void Array_XmileSyntaxWeDoNotHave_ReportedByName(string equation, string feature)
    {
        string xml = File($"<aux name=\"a\"><dimensions><dim name=\"N\"/></dimensions><eqn>1</eqn></aux><aux name=\"b\"><eqn>{equation}</eqn></aux>");
        var error = XmileModels.Errors(xml).First();
        Assert.That((error.Code, error.Message), Is.EqualTo((DiagnosticCodes.UnsupportedXmileFeature, $"{feature} is not supported")));
        Assert.That(error.Location!.Value.Line, Is.GreaterThan(10));
    }

    [Test]
    public void Array_WildcardSubrange_NotMistakenForARange()
    {
        var errors = XmileModels.Errors(File("<aux name=\"a\"><dimensions><dim name=\"N\"/></dimensions><eqn>1</eqn></aux><aux name=\"b\"><eqn>SUM(a[*])</eqn></aux>"));
        Assert.That(errors, Is.Empty);
    }

    [Test]
    public void Array_UnknownElementInSubscript_ReportedInTheXml()
    {
        var error = XmileModels.Errors(File("""
            <aux name="rate"><dimensions><dim name="Location"/></dimensions><eqn>1</eqn></aux>
            <aux name="x"><eqn>rate[Chicago]</eqn></aux>
            """)).Single();
        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.UnknownElement));
        Assert.That(error.Location!.Value.Line, Is.GreaterThan(10));
    }
}
