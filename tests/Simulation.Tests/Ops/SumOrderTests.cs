using Simulation.Engine.Binding;
using Simulation.Engine.Ops;
using Simulation.Tests.Runtime.Vector;

namespace Simulation.Tests.Ops;

/// <summary>
/// The order of a sum (<see cref="SumOrder"/>): four partial sums, lane l adding items l, l + 4, ... from 0, then
/// (p0 + p1) + (p2 + p3). Values are worked out by hand where the order shows in the result: 1e16 + 1 rounds back to
/// 1e16 (1 is half the spacing of doubles there, and the tie goes to the even 1e16), so adding
/// 1e16, 1, 1, 1, -1e16, 1, 1, 1 left to right loses the first three ones and gives 3, while in four lanes lane 0
/// takes 1e16 and -1e16 (exactly 0) and lanes 1 to 3 take two ones each: (0 + 2) + (2 + 2) = 6, the exact sum.
/// </summary>
public class SumOrderTests
{
    private static readonly double[] Cancelling = [1e16, 1, 1, 1, -1e16, 1, 1, 1];

    [Test]
    public void Sum_IsFourLanesThenPairs()
    {
        Assert.That(SumOrder.Sum(Cancelling, 0), Is.EqualTo(6.0));
        double leftToRight = 0;
        foreach (double x in Cancelling) leftToRight += x;
        Assert.That(leftToRight, Is.EqualTo(3.0), "the example no longer tells the two orders apart");

        // Five items: lane 0 takes the first and the fifth; fewer than four: the missing lanes are the start.
        double[] five = [0.1, 0.2, 0.3, 0.4, 0.5];
        Assert.That(BitConverter.DoubleToInt64Bits(SumOrder.Sum(five, 0)),
            Is.EqualTo(BitConverter.DoubleToInt64Bits(((0.0 + 0.1 + 0.5) + (0.0 + 0.2)) + ((0.0 + 0.3) + (0.0 + 0.4)))));
        Assert.That(SumOrder.Sum([0.1, 0.2, 0.3], 0), Is.EqualTo((0.1 + 0.2) + 0.3)); // ((0 + 0.1) + (0 + 0.2)) + ((0 + 0.3) + 0)
        Assert.That(SumOrder.Sum([], 0), Is.EqualTo(0.0));
        // Negative zeros: each lane starts at +0, so the sum is +0, as 0 + (-0) is.
        Assert.That(BitConverter.DoubleToInt64Bits(SumOrder.Sum([-0.0, -0.0, -0.0, -0.0, -0.0], 0)), Is.EqualTo(0L));
    }

    [Test]
    public void SumMeanAndStdDev_OfTheModelLanguage_FollowTheOrder()
    {
        // Through the binder and the constant folder (Folded) and the reference evaluator at every step (Total, Average,
        // Spread read stocks), with 3 extra items that do not change the sum.
        const string json = """
            { "name": "order", "time": { "start": 0, "stop": 2, "dt": 1 }, "dimensions": [ { "name": "D", "size": 8 } ],
              "variables": [
                { "name": "Values", "kind": "auxiliary", "dimensions": ["D"], "equation": "1", "elements": { "1": "1e16", "5": "-1e16" } },
                { "name": "Folded", "kind": "auxiliary", "equation": "SUM(Values[*])" },
                { "name": "Stock", "kind": "stock", "dimensions": ["D"], "initial": "Values[D]" },
                { "name": "Total", "kind": "auxiliary", "equation": "SUM(Stock[*])" },
                { "name": "Average", "kind": "auxiliary", "equation": "MEAN(Stock[*])" },
                { "name": "Spread", "kind": "auxiliary", "equation": "STDDEV(Stock[*] / 1e15)" }
              ] }
            """;
        var result = TestModels.Run(json);
        Assert.That(result.Final("Folded"), Is.EqualTo(6.0));
        Assert.That(result.Final("Total"), Is.EqualTo(6.0));
        Assert.That(result.Final("Average"), Is.EqualTo(0.75));
        double[] scaled = Cancelling.Select(x => x / 1e15).ToArray();
        double mean = SumOrder.Sum(scaled, 0) / 8;
        double squares = SumOrder.Sum(scaled.Select(x => (x - mean) * (x - mean)).ToArray(), 0);
        Assert.That(result.Final("Spread"), Is.EqualTo(Math.Sqrt(squares / 8)));
    }

    /// <summary>
    /// Long sums (more than 32 items, which the step code cuts into its lanes' chains) and short ones, of values whose
    /// order shows in the bits, on every engine: the batch step code and interpreter against the reference
    /// (<see cref="DifferentialTests.CheckModel(string, IReadOnlyList{string}, int, int, Engine.Runtime.Batches.RatesExecution?, Func{ModelElement, bool}?)"/>)
    /// and the one-run program (<see cref="OneRunTests.CompareWithReference"/>).
    /// </summary>
    [TestCase(3)]
    [TestCase(9)]
    [TestCase(33)]
    [TestCase(70)]
    public void Sums_OnEveryEngine_GiveTheReferenceBits(int size)
    {
        string json = $$"""
            { "name": "sums", "time": { "start": 0, "stop": 6, "dt": 0.5 }, "dimensions": [ { "name": "D", "size": {{size}} } ],
              "variables": [
                { "name": "Scale", "kind": "auxiliary", "equation": "1", "input": true },
                { "name": "Big", "kind": "auxiliary", "dimensions": ["D"], "equation": "Stock[D] * 1e16 * (1 - 2 * (D MOD 2)) * Scale" },
                { "name": "Small", "kind": "auxiliary", "dimensions": ["D"], "equation": "Stock[D] / 7 + (D MOD 3) * 1e-3" },
                { "name": "Zeroes", "kind": "auxiliary", "dimensions": ["D"], "equation": "-0 * Stock[D]" },
                { "name": "S1", "kind": "auxiliary", "equation": "SUM(Big[*]) + SUM(Small[*])" },
                { "name": "S2", "kind": "auxiliary", "equation": "MEAN(Big[*]) + STDDEV(Small[*])" },
                { "name": "S3", "kind": "auxiliary", "equation": "SUM(Zeroes[*]) + SUM(Stock[*])" },
                { "name": "Flow", "kind": "flow", "dimensions": ["D"], "equation": "0.01 * Stock[D] - (S1 / 1e16 + S2 / 1e16 + S3 / 1e3) / 1000" },
                { "name": "Stock", "kind": "stock", "dimensions": ["D"], "initial": "10 + D * 1.37", "inflows": ["Flow"] }
              ] }
            """;
        for (int seed = 0; seed < 3; seed++) DifferentialTests.CheckModel(json, ["Scale"], seed, runs: 9);
        var plan = TestModels.Compile(json);
        OneRunTests.CompareWithReference(plan, plan.Model.Elements);
    }
}
