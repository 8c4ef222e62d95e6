using Simulation.Engine.Diagnostics;
using Simulation.Engine.Runtime;
using Simulation.Tests.Import.Vensim;
using Simulation.Tests.Runtime.Vector;

namespace Simulation.Tests.Builtins;

/// <summary>
/// A random call's own seed (XMILE's trailing seed argument, Vensim's stream argument): the call draws from a stream
/// of that seed alone, the same in every run whatever the run's seed and index, and different seeds draw different
/// numbers. The expected draws are made here from the documented stream, RandomStream(seed, SeededStreamIndex).
/// </summary>
public class RandomSeedTests
{
    private static string Model(string equation, string more = "") => TestModels.Model(
        $$"""{ "name": "x", "kind": "auxiliary", "equation": "{{equation}}" }{{more}}""", "\"start\": 0, \"stop\": 9, \"dt\": 1",
        """[ { "name": "D", "size": 3 } ]""");

    private static double[] Series(string json, string name, ulong seed = 0, ulong run = 0) =>
        Simulator.Run(TestModels.Compile(json), seed: seed, runIndex: run).Series(name);

    [Test]
    public void SeededUniform_DrawsTheSeedsStream_WhateverTheRunSeedAndIndex()
    {
        var stream = new RandomStream(7, RunState.SeededStreamIndex);
        var expected = Enumerable.Range(0, 10).Select(_ => 2 + 3 * stream.NextDouble()).ToArray();
        var json = Model("RANDOM(2, 5, 7)");
        Assert.That(Series(json, "x"), Is.EqualTo(expected));
        Assert.That(Series(json, "x", seed: 99, run: 12), Is.EqualTo(expected), "neither --seed nor the run index changes a seeded call");
    }

    [Test]
    public void DifferentSeeds_DrawDifferentNumbers_AndUnseededCallsStillFollowTheRun()
    {
        var json = Model("RANDOM(0, 1, 7)", """, { "name": "y", "kind": "auxiliary", "equation": "RANDOM(0, 1, 8)" }, { "name": "z", "kind": "auxiliary", "equation": "RANDOM(0, 1)" }""");
        var x = Series(json, "x");
        Assert.That(Series(json, "y"), Is.Not.EqualTo(x));
        Assert.That(Series(json, "z", seed: 1), Is.Not.EqualTo(Series(json, "z", seed: 2)));
        // The run's stream is not used by seeded calls: z draws as it would alone.
        Assert.That(Series(json, "z", seed: 1), Is.EqualTo(Series(Model("0", """, { "name": "z", "kind": "auxiliary", "equation": "RANDOM(0, 1)" }"""), "z", seed: 1)));
    }

    [Test]
    public void SitesWithOneSeed_ShareItsStream_InPlanOrder()
    {
        // Each element is a site; with one seed they take successive numbers of one stream, so they differ.
        var result = Simulator.Run(TestModels.Compile(TestModels.Model(
            """{ "name": "x", "kind": "auxiliary", "dimensions": ["D"], "equation": "RANDOM(0, 1, 3)" }""", "\"start\": 0, \"stop\": 2, \"dt\": 1",
            """[ { "name": "D", "size": 3 } ]""")));
        var stream = new RandomStream(3, RunState.SeededStreamIndex);
        var draws = Enumerable.Range(0, 9).Select(_ => stream.NextDouble()).ToArray();
        for (int step = 0; step < 3; step++)
            for (int e = 0; e < 3; e++)
                Assert.That(result.Series($"x[{e + 1}]")[step], Is.EqualTo(draws[step * 3 + e]), $"element {e + 1} at step {step}");
    }

    [Test]
    public void NormalWithThreeArguments_IsSeeded_AndWithFiveIsTruncatedAndSeeded()
    {
        var three = Series(Model("NORMAL(0, 1, 5)"), "x");
        Assert.That(Series(Model("NORMAL(0, 1, 5)"), "x", seed: 4), Is.EqualTo(three));
        var five = Series(Model("NORMAL(0, 1, -0.5, 0.5, 5)"), "x", seed: 4);
        Assert.That(five, Is.All.InRange(-0.5, 0.5));
        Assert.That(Series(Model("NORMAL(0, 1, -0.5, 0.5, 5)"), "x", seed: 8), Is.EqualTo(five));
    }

    [Test]
    public void EveryRandomBuiltin_TakesASeed()
    {
        foreach (var call in new[] { "LOGNORMAL(2, 1, 4)", "EXPRND(1, 4)", "POISSON(3, 4)", "TRIANGULAR(0, 1, 2, 4)", "BETA(2, 2, 4)",
                     "RANDOM_EXPONENTIAL(0, 9, 0, 1, 4)", "RANDOM_GAMMA(0, 9, 2, 0, 1, 4)", "RANDOM_BETA(0, 1, 2, 2, 0, 1, 4)",
                     "RANDOM_WEIBULL(0, 9, 2, 0, 1, 4)", "RANDOM_TRIANGULAR(0, 9, 0, 1, 2, 4)", "RANDOM_POISSON(0, 9, 3, 0, 1, 4)",
                     "RANDOM_BINOMIAL(0, 9, 0.5, 6, 0, 1, 4)", "RANDOM_NEGATIVE_BINOMIAL(0, 99, 0.5, 3, 0, 1, 4)" })
            Assert.That(Series(Model(call), "x", seed: 1), Is.EqualTo(Series(Model(call), "x", seed: 2)), call);
    }

    [TestCase("RANDOM(0, 1, -1)")]
    [TestCase("RANDOM(0, 1, 2.5)")]
    [TestCase("RANDOM(0, 1, TIME)")]
    [TestCase("RANDOM(0, 1, 4294967296)")]
    public void Seed_NotAWholeNumberFixedWhenBuilt_IsALocatedError(string equation)
    {
        var error = TestModels.Diagnose(Model(equation)).Single(d => d.IsError);
        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.InvalidArgument));
        Assert.That(error.Message, Does.Contain("seed of RANDOM"));
    }

    [Test]
    public void SeededModel_OnBothBackEnds_GivesIdenticalBits() =>
        DifferentialTests.CheckModel(TestModels.Model("""
            { "name": "u", "kind": "auxiliary", "dimensions": ["D"], "equation": "RANDOM(0, 10, 11) + NORMAL(0, 1)" },
            { "name": "p", "kind": "flow", "equation": "POISSON(3, 12) + RANDOM_GAMMA(0, 9, 2, 0, 1, 11)" },
            { "name": "S", "kind": "stock", "initial": "NORMAL(0, 1, -1, 1, 13)", "inflows": ["p"] }
            """, "\"start\": 0, \"stop\": 20, \"dt\": 0.5", """[ { "name": "D", "size": 3 } ]"""), [], 5, 12);

    [Test]
    public void VensimStream_IsTheSeed_AndStreamZeroIsTheRunsStream()
    {
        var document = MdlModels.Document(MdlModels.File("""
            s = 5 ~~|
            a = RANDOM UNIFORM(0, 10, s) ~~|
            b = RANDOM NORMAL(-1, 1, 0, 1, 0) ~~|
            c = RANDOM NEGATIVE BINOMIAL(0, 100, 0.3, 4, 0, 1, 2 + 1) ~~|
            """));
        Assert.That(document.Variables.Single(v => v.Name == "a").Equation!.Text, Is.EqualTo("RANDOM(0, 10, 5)"));
        Assert.That(document.Variables.Single(v => v.Name == "b").Equation!.Text, Is.EqualTo("NORMAL(0, 1, -1, 1)"));
        Assert.That(document.Variables.Single(v => v.Name == "c").Equation!.Text, Is.EqualTo("RANDOM_NEGATIVE_BINOMIAL(0, 100, 0.3, 4, 0, 1, 3)"));
    }
}
