using System.Globalization;
using Simulation.Engine.Ops;
using Simulation.Engine.Runtime;

namespace Simulation.Tests.Builtins;

/// <summary>
/// RANDOM_LOOKUP builds its table's density once, when the model is built, not at every draw: the draws must be the
/// ones the catalogue's form (points passed with every draw, density built each time) gives from the same stream, bit
/// for bit, and the ones the engine drew before the change.
/// </summary>
public class RandomLookupDrawTests
{
    private const string Table = """{ "name": "g", "kind": "graphical", "graph": { "x": [0, 1, 2, 4], "y": [1, 1, 3, 0] } }""";
    private static readonly double[] Points = [0, 1, 2, 4, 1, 1, 3, 0]; // x's then y's, as the catalogue's form takes them

    private static string Model(string equation) => TestModels.Model(
        $$"""{{Table}}, { "name": "x", "kind": "auxiliary", "equation": "{{equation}}" }""", "\"start\": 0, \"stop\": 199, \"dt\": 1");

    /// <summary>What the catalogue's RANDOM_LOOKUP draws from <paramref name="stream"/>, one draw per step.</summary>
    private static double[] CatalogueDraws(RandomStream stream, double[] numbers, int count)
    {
        var lookup = (RandomOperation)Operations.Named("RandomLookupBounded")!;
        return Enumerable.Range(0, count).Select(_ => lookup.Sample(stream, [.. numbers, .. Points])).ToArray();
    }

    [Test]
    public void SeededLookup_DrawsWhatTheCatalogueDraws_FromTheSeedsStream()
    {
        var run = Simulator.Run(TestModels.Compile(Model("RANDOM_LOOKUP(g, 0.5, 7, 1, 2, 11)"))).Series("x");
        var expected = CatalogueDraws(new RandomStream(11, RunState.SeededStreamIndex), [0.5, 7, 1, 2], run.Length);
        Assert.That(run, Is.EqualTo(expected));
    }

    [TestCase(3UL, 0UL)]
    [TestCase(3UL, 5UL)]
    public void UnseededLookup_DrawsWhatTheCatalogueDraws_FromTheRunsStream(ulong seed, ulong runIndex)
    {
        var run = Simulator.Run(TestModels.Compile(Model("RANDOM_LOOKUP(g, -100, 100, 0, 1)")), seed: seed, runIndex: runIndex).Series("x");
        var expected = CatalogueDraws(new RandomStream(seed, runIndex), [-100, 100, 0, 1], run.Length);
        Assert.That(run, Is.EqualTo(expected));
    }

    /// <summary>
    /// The first draws of a seeded RANDOM_LOOKUP as main 99d5b1a drew them, when the density was built at every draw
    /// (printed by <c>sim run</c> of this model with <c>--format csv</c> and round-trip formatting): unchanged.
    /// </summary>
    [Test]
    public void SeededLookup_DrawsWhatItDrewBeforeTheDensityWasBuiltOnce()
    {
        var run = Simulator.Run(TestModels.Compile(Model("RANDOM_LOOKUP(g, 0.5, 7, 1, 2, 11)"))).Series("x");
        var before = BeforeChange.Split(' ').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        Assert.That(run.Take(before.Length), Is.EqualTo(before));
    }

    private const string BeforeChange = "2.4554565174006315 4.861130577820635 4.82156200554747 2.625703908909135 1.8040151004769853 6.8100103104797505 6.05546600262203 6.680685021673576 4.971340142166284 4.58613035135877 2.815435969660433 4.11428446967609";

    [Test]
    public void InvalidTable_GivesNaN_AndStillTakesOneNumberPerDraw()
    {
        var bad = TestModels.Model("""
            { "name": "g", "kind": "graphical", "graph": { "x": [0, 1, 2], "y": [1, -1, 1] } },
            { "name": "x", "kind": "auxiliary", "equation": "RANDOM_LOOKUP(g, 0, 9, 0, 1)" },
            { "name": "u", "kind": "auxiliary", "equation": "RANDOM(0, 1)" }
            """, "\"start\": 0, \"stop\": 3, \"dt\": 1");
        var result = Simulator.Run(TestModels.Compile(bad), seed: 4); // the run stops at its first NaN, reported
        Assert.That(result.Series("x")[0], Is.NaN);
        var stream = new RandomStream(4, 0);
        stream.NextDouble(); // x comes first in the plan (defined first, neither reads the other): its draw takes the first number
        Assert.That(result.Series("u")[0], Is.EqualTo(stream.NextDouble()), "the lookup took its number, so later draws do not shift");
    }
}
