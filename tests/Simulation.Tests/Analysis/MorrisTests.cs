using Simulation.Engine.Analysis.Morris;
using Simulation.Engine.Scenarios.Sampling;

namespace Simulation.Tests.Analysis;

/// <summary>Morris's design keeps its defining properties, and elementary effects rank a linear model's coefficients.</summary>
public class MorrisTests
{
    private static readonly InputDistribution[] Inputs =
    [
        new UniformDistribution(0, 1), new UniformDistribution(10, 12), new UniformDistribution(-5, 5), new UniformDistribution(0, 100),
        new NormalDistribution(3, 1),
    ];

    private static double[] Evaluate(MorrisDesign design, Func<double[], double> f)
    {
        var x = new double[design.Inputs];
        return Enumerable.Range(0, design.Count).Select(row =>
        {
            design.Fill(row, x);
            return f(x);
        }).ToArray();
    }

    [Test]
    public void Design_EachStepMovesOneInputByHalfItsQuantileRange_AndEveryInputOncePerTrajectory()
    {
        var design = new MorrisDesign(30, 4, Inputs, seed: 9);
        Assert.That(design.Count, Is.EqualTo(30 * 6));
        var levelsSeen = new HashSet<double>();
        for (int t = 0; t < 30; t++)
        {
            Assert.That(Enumerable.Range(1, 5).Select(step => design.MovedAt(t, step)), Is.EquivalentTo(Enumerable.Range(0, 5)));
            for (int step = 1; step <= 5; step++)
            for (int i = 0; i < 5; i++)
            {
                double before = design.UnitValue(design.Row(t, step - 1), i), after = design.UnitValue(design.Row(t, step), i);
                levelsSeen.Add(after);
                Assert.That(Math.Abs(after - before), Is.EqualTo(i == design.MovedAt(t, step) ? 0.5 : 0));
            }
        }
        Assert.That(levelsSeen, Is.EquivalentTo(new[] { 0.125, 0.375, 0.625, 0.875 }), "the centres of four equally likely bins");
        Assert.That(Enumerable.Range(0, 30).Select(t => design.MovedAt(t, 1)).Distinct().Count(), Is.GreaterThan(1), "orders are random");
    }

    [Test]
    public void LinearModel_MuStarIsCoefficientTimesRange_AndRanksThem()
    {
        double[] c = [3, -2, 0.5, 0.01, 0];
        var design = new MorrisDesign(20, 4, Inputs, seed: 1);
        var y = Evaluate(design, x => x.Select((xi, i) => c[i] * xi).Sum());
        var effects = MorrisAnalysis.Effects(design, y, 200, seed: 1);
        double[] range = [1, 2, 10, 100];
        for (int i = 0; i < 4; i++)
        {
            Assert.That(effects[i].MuStar, Is.EqualTo(Math.Abs(c[i]) * range[i]).Within(1e-9), $"mu* of x{i + 1}: the change across its range");
            Assert.That(effects[i].Mu, Is.EqualTo(c[i] * range[i]).Within(1e-9), "mu keeps the sign");
            Assert.That(effects[i].Sigma, Is.EqualTo(0).Within(1e-9), "a linear model's effects do not depend on the point");
            Assert.That(effects[i].Count, Is.EqualTo(20));
        }
        Assert.That(effects[4], Is.EqualTo(new MorrisEffects(0, 0, 0, 0, 0, 20)), "an input that does nothing");
        var ranked = Enumerable.Range(0, 5).OrderByDescending(i => effects[i].MuStar).ToArray();
        Assert.That(ranked, Is.EqualTo(new[] { 2, 1, 0, 3, 4 }), "|c| x range: 3, 4, 5, 1, 0 -> x3, x2, x1, x4, x5");
    }

    [Test]
    public void Interaction_ShowsAsSigma()
    {
        var design = new MorrisDesign(40, 4, Inputs, seed: 2);
        var effects = MorrisAnalysis.Effects(design, Evaluate(design, x => x[0] * x[2]), 200, seed: 2);
        Assert.That(effects[0].Sigma, Is.GreaterThan(effects[0].MuStar / 2), "x1's effect depends on x3");
        Assert.That(effects[0].MuStarLow, Is.LessThanOrEqualTo(effects[0].MuStar));
        Assert.That(effects[0].MuStarHigh, Is.GreaterThanOrEqualTo(effects[0].MuStar));
        Assert.That(effects[1].MuStar, Is.EqualTo(0));
    }

    [Test]
    public void ConstantAndMissingOutcomes_GiveZeroOrNothing_NeverNaNFromData()
    {
        var design = new MorrisDesign(5, 4, Inputs, seed: 3);
        var constant = MorrisAnalysis.Effects(design, Enumerable.Repeat(7.0, design.Count).ToArray(), 50, seed: 3);
        Assert.That(constant.All(e => e == new MorrisEffects(0, 0, 0, 0, 0, 5)));
        var y = Evaluate(design, x => x[0]);
        y[design.Row(0, 0)] = double.NaN;
        var some = MorrisAnalysis.Effects(design, y, 50, seed: 3);
        Assert.That(some[design.MovedAt(0, 1)].Count, Is.EqualTo(4), "the effect touching the missing run is left out");
        Assert.That(some.Sum(e => e.Count), Is.EqualTo(24));
    }

    [Test]
    public void SameSeed_SameDesign()
    {
        var a = new MorrisDesign(8, 6, Inputs, seed: 4);
        var b = new MorrisDesign(8, 6, Inputs, seed: 4);
        var c = new MorrisDesign(8, 6, Inputs, seed: 5);
        double[] Row(MorrisDesign d, int r) { var v = new double[5]; d.Fill(r, v); return v; }
        Assert.That(Enumerable.Range(0, a.Count).Select(r => Row(a, r)), Is.EqualTo(Enumerable.Range(0, b.Count).Select(r => Row(b, r))));
        Assert.That(Enumerable.Range(0, a.Count).Select(r => Row(a, r)), Is.Not.EqualTo(Enumerable.Range(0, c.Count).Select(r => Row(c, r))));
    }
}
