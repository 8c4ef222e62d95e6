namespace Simulation.Tests.Arrays;

/// <summary>Per-element equations, subranges, mappings, transposition and reductions against hand-computed values.</summary>
public class ArrayFormTests
{
    private const string Dimensions = """
        [ { "name": "Age", "elements": ["young", "mid", "old"] },
          { "name": "Q", "size": 2 },
          { "name": "Adult", "elements": ["mid", "old"], "subrangeOf": "Age" },
          { "name": "Band", "elements": ["b1", "b2", "b3"], "mapsTo": "Age" },
          { "name": "Reversed", "elements": ["r1", "r2", "r3"], "mapsTo": "Age", "mapping": { "r1": "old", "r2": "mid", "r3": "young" } },
          { "name": "D", "size": 2 } ]
        """;

    // pop[young,1] = 11, pop[young,2] = 12, pop[mid,1] = 21, pop[mid,2] = -1, pop[old,1] = 101, pop[old,2] = -1
    private const string Pop = """
        { "name": "pop", "kind": "auxiliary", "dimensions": ["Age", "Q"], "equation": "10 * Age + Q",
          "elements": { "old,*": "100 + Q", "Adult,2": "-1" } }
        """;

    private static Simulation.Engine.Results.SimulationResult Run(string variables) =>
        TestModels.Run(TestModels.Model(Pop + ", " + variables, "\"start\": 0, \"stop\": 1, \"dt\": 1", Dimensions));

    private static double At(Simulation.Engine.Results.SimulationResult result, string name) => result.Series(name)[0];

    [Test]
    public void PerElementEquations_StarAndSubrangeKeys_OverrideTheApplyToAllEquation()
    {
        var result = Run("""{ "name": "x", "kind": "auxiliary", "equation": "SUM(pop[*, *])" }""");
        Assert.That(new[] { "pop[young,1]", "pop[young,2]", "pop[mid,1]", "pop[mid,2]", "pop[old,1]", "pop[old,2]" }.Select(n => At(result, n)),
            Is.EqualTo(new double[] { 11, 12, 21, -1, 101, -1 }));
    }

    [TestCase("SUM(pop[*, Q])", "[1]", 133)]
    [TestCase("SUM(pop[*, Q])", "[2]", 10)]
    [TestCase("SUM(pop[*:Adult, Q])", "[1]", 122)]
    [TestCase("MEAN(pop[*, Q])", "[1]", 133.0 / 3)]
    public void ReductionOverOneDimension_MatchesHandComputedValue(string equation, string element, double expected)
    {
        var result = Run($$"""{ "name": "x", "kind": "auxiliary", "dimensions": ["Q"], "equation": "{{equation}}" }""");
        Assert.That(At(result, "x" + element), Is.EqualTo(expected).Within(1e-12));
    }

    [TestCase("SUM(pop)", 143)]
    [TestCase("PROD(pop[*, 1])", 11.0 * 21 * 101)]
    [TestCase("MEAN(pop)", 143.0 / 6)]
    [TestCase("MIN(pop)", -1)]
    [TestCase("VMIN(pop[*, 1])", 11)]
    [TestCase("MAX(pop)", 101)]
    [TestCase("VMAX(pop[young, *])", 12)]
    [TestCase("SIZE(pop)", 6)]
    [TestCase("SIZE(pop[*, 1])", 3)]
    [TestCase("STDDEV(pop[*, 1])", 40.276819911981906)] // population sd of 11, 21, 101
    [TestCase("MEAN(1, 2, 6)", 3)]
    public void ReductionOverWholeArray_MatchesHandComputedValue(string equation, double expected)
    {
        var result = Run($$"""{ "name": "x", "kind": "auxiliary", "equation": "{{equation}}" }""");
        Assert.That(At(result, "x"), Is.EqualTo(expected).Within(1e-9));
    }

    [Test]
    public void Subrange_VariableOverSubrange_ReadsTheParentsElements()
    {
        var result = Run("""{ "name": "x", "kind": "auxiliary", "dimensions": ["Adult"], "equation": "pop[Adult, 1] * 2" }""");
        Assert.That(new[] { At(result, "x[mid]"), At(result, "x[old]") }, Is.EqualTo(new double[] { 42, 202 }));
    }

    [Test]
    public void Mapping_InOrderAndExplicit_TranslateElements()
    {
        var result = Run("""
            { "name": "b", "kind": "auxiliary", "dimensions": ["Band"], "equation": "pop[Band, 1]" },
            { "name": "r", "kind": "auxiliary", "dimensions": ["Reversed"], "equation": "pop[Reversed, 1]" }
            """);
        Assert.That(new[] { "b[b1]", "b[b2]", "b[b3]", "r[r1]", "r[r2]", "r[r3]" }.Select(n => At(result, n)),
            Is.EqualTo(new double[] { 11, 21, 101, 101, 21, 11 }));
    }

    [Test]
    public void PreviousElement_FirstElementReadsZero()
    {
        var result = Run("""{ "name": "p", "kind": "auxiliary", "dimensions": ["Age"], "equation": "pop[Age.prev, 1] + 1000 * pop[Age.next, 2]" }""");
        Assert.That(new[] { At(result, "p[young]"), At(result, "p[mid]"), At(result, "p[old]") },
            Is.EqualTo(new double[] { -1000, 11 - 1000, 21 }));
    }

    [Test]
    public void Transposition_ByNamesApostropheAndPositions_SwapsIndices()
    {
        var result = Run("""
            { "name": "t", "kind": "auxiliary", "dimensions": ["Q", "Age"], "equation": "pop" },
            { "name": "A", "kind": "auxiliary", "dimensions": ["D", "D"], "elements": { "1,1": 11, "1,2": 12, "2,1": 21, "2,2": 22 } },
            { "name": "same", "kind": "auxiliary", "dimensions": ["D", "D"], "equation": "A" },
            { "name": "tick", "kind": "auxiliary", "dimensions": ["D", "D"], "equation": "A'" },
            { "name": "at", "kind": "auxiliary", "dimensions": ["D", "D"], "equation": "A[@2, @1]" },
            { "name": "pt", "kind": "auxiliary", "dimensions": ["Q", "Age"], "equation": "pop'" }
            """);
        Assert.Multiple(() =>
        {
            Assert.That(At(result, "t[2,young]"), Is.EqualTo(12));
            Assert.That(At(result, "pt[1,old]"), Is.EqualTo(101));
            Assert.That(At(result, "same[1,2]"), Is.EqualTo(12), "a repeated dimension follows the defining variable in order");
            Assert.That(At(result, "tick[1,2]"), Is.EqualTo(21));
            Assert.That(At(result, "tick[2,1]"), Is.EqualTo(12));
            Assert.That(At(result, "at[1,2]"), Is.EqualTo(21));
        });
    }

    [Test]
    public void UpDimensioning_LowerDimensionalVariable_RepeatsOverTheNewDimension()
    {
        var result = Run("""
            { "name": "one", "kind": "auxiliary", "dimensions": ["Age"], "equation": "Age * 3" },
            { "name": "two", "kind": "auxiliary", "dimensions": ["Age", "Q"], "equation": "one + Q / 10" }
            """);
        Assert.That(new[] { At(result, "two[young,1]"), At(result, "two[young,2]"), At(result, "two[old,2]") },
            Is.EqualTo(new[] { 3.1, 3.2, 9.2 }).Within(1e-12));
    }

    [Test]
    public void ArrayedStockAndFlow_EachElementIntegratesItsOwnFlow()
    {
        var result = TestModels.Run(TestModels.Model("""
            { "name": "S", "kind": "stock", "dimensions": ["Q"], "initial": "Q * 100", "inflows": ["f"] },
            { "name": "f", "kind": "flow", "dimensions": ["Q"], "equation": "S * Q / 10" }
            """, "\"start\": 0, \"stop\": 2, \"dt\": 1", Dimensions));
        Assert.That(result.Series("S[1]"), Is.EqualTo(new[] { 100, 110, 121.0 }).Within(1e-9));
        Assert.That(result.Series("S[2]"), Is.EqualTo(new[] { 200, 240, 288.0 }).Within(1e-9));
    }
}
