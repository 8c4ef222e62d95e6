using Simulation.Engine.Runtime.Batches;
using Simulation.Engine.Runtime.Vector;

namespace Simulation.Tests.Runtime.Vector;

/// <summary>
/// The step code multiplies by 2^-k where the plan divides by a constant 2^k (<see cref="ExactReciprocal"/>). The
/// reference evaluator divides: these cases hold the two to the same bits where rounding is delicate (results in the
/// subnormal range, overflow, signed zeros, the largest and smallest normal powers of two), in a run alone (array
/// elements in the lanes, divisors that differ by lane) and in batches; and check that the code does multiply.
/// </summary>
public class ExactReciprocalTests
{
    private const string Model = """
        {
          "name": "halving", "time": { "start": 0, "stop": 6, "dt": 0.125, "method": "euler" },
          "dimensions": [ { "name": "D", "size": 8 } ],
          "variables": [
            { "name": "k", "kind": "auxiliary", "input": true, "equation": 1 },
            { "name": "Scale", "kind": "auxiliary", "dimensions": ["D"], "equation": "k * (1 + D) * (-1) ^ D" },
            { "name": "Tiny", "kind": "auxiliary", "dimensions": ["D"], "equation": "Scale[D] * 3e-308 * (1 + TIME) / 4294967296" },
            { "name": "Huge", "kind": "auxiliary", "dimensions": ["D"], "equation": "MIN(Scale[D] * 1e300 / 2.2250738585072014e-308, 1e308)" },
            { "name": "Top", "kind": "auxiliary", "dimensions": ["D"], "equation": "Scale[D] * 1e300 * TIME / 8.98846567431158e307" },
            { "name": "Zero", "kind": "auxiliary", "equation": "-0 * TIME / 8" },
            { "name": "Divisor", "kind": "auxiliary", "dimensions": ["D"], "equation": "2 ^ (D - 4)" },
            { "name": "Mixed", "kind": "auxiliary", "dimensions": ["D"], "equation": "IF D = 5 THEN 3 ELSE 0.25" },
            { "name": "Outflow", "kind": "flow", "dimensions": ["D"], "equation": "Stock[D] / Divisor[D] / 64 + Stock[D] / Mixed[D] / 1000 + Zero + Tiny[D] + Huge[D] * 1e-300 + Top[D] * 1e-300" },
            { "name": "Drain", "kind": "flow", "equation": "SUM(Stock[*]) / 0.125 / 1024" },
            { "name": "Stock", "kind": "stock", "dimensions": ["D"], "initial": "100 + D / 3", "outflows": ["Outflow"] },
            { "name": "Pool", "kind": "stock", "initial": "k", "inflows": ["Drain"] }
          ]
        }
        """;

    [Test]
    public void RunAlone_DividingByPowersOfTwo_GivesTheReferenceBits()
    {
        for (int seed = 0; seed < 6; seed++) DifferentialTests.CheckModel(Model, ["k"], seed, runs: 1, RatesExecution.Compiled);
    }

    [Test]
    public void Batches_DividingByPowersOfTwo_GiveTheReferenceBits()
    {
        for (int seed = 0; seed < 6; seed++) DifferentialTests.CheckModel(Model, ["k"], seed, runs: 9, RatesExecution.Compiled);
    }

    [Test]
    public void StepCode_MultipliesWhereTheDivisorIsAPowerOfTwo()
    {
        var plan = TestModels.Compile(Model);
        var listing = new StringWriter();
        Assert.That(OneRunProgram.Create(plan, [], listing), Is.Not.Null, "no one-run program (AVX2?)");
        string code = listing.ToString();
        Assert.That(code, Does.Contain("Mul(").And.Contain("0.0009765625"), "SUM(...) / 0.125 / 1024 should multiply by 8, then by 1/1024");
        Assert.That(code, Does.Contain("Mulx4(").And.Contain("0.015625"), "Stock[D] / Divisor[D] / 64: the packs multiply by 1/64");
        Assert.That(code, Does.Contain("Divx4("), "a divisor of 3 in some lane (Mixed) is not a power of two: it stays a division");
    }

    [TestCase(1.0, true)]
    [TestCase(0.125, true)]
    [TestCase(-1024.0, true)]
    [TestCase(8.98846567431158e307, true)] // 2^1023: its reciprocal 2^-1023 is subnormal, still exact
    [TestCase(2.2250738585072014e-308, true)] // 2^-1022, the smallest normal power of two
    [TestCase(4.9406564584124654e-324, false)] // 2^-1074, subnormal: its reciprocal overflows
    [TestCase(3.0, false)]
    [TestCase(0.0, false)]
    [TestCase(double.PositiveInfinity, false)]
    [TestCase(double.NaN, false)]
    public void PowersOfTwo_AreTheNormalOnes(double d, bool expected)
    {
        Assert.That(ExactReciprocal.IsNormalPowerOfTwo(d), Is.EqualTo(expected));
        if (expected) Assert.That(BitConverter.DoubleToInt64Bits(7.3 / d), Is.EqualTo(BitConverter.DoubleToInt64Bits(7.3 * (1.0 / d))));
    }
}
