using Simulation.Engine.Analysis.Discovery;
using Simulation.Engine.Scenarios.Sampling;

namespace Simulation.Tests.Analysis;

/// <summary>PRIM recovers boxes planted in random data, and behaves on discrete inputs and edge cases.</summary>
public class PrimTests
{
    private static double[][] Uniform(int n, int k, ulong seed) =>
        Enumerable.Range(0, k).Select(j => Enumerable.Range(0, n).Select(r => UnitHash.Uniform(seed, (ulong)j, (ulong)r)).ToArray()).ToArray();

    [Test]
    public void RecoversAPlantedBox()
    {
        var x = Uniform(5000, 5, seed: 1);
        // Of interest inside x1 >= 0.6 and x3 <= 0.3 (with 5% of labels flipped); nothing else matters.
        var y = Enumerable.Range(0, 5000).Select(r => (x[0][r] >= 0.6 && x[2][r] <= 0.3) ^ (UnitHash.Uniform(1, 99, (ulong)r) < 0.05)).ToArray();
        var result = Prim.Find(x, y, new PrimSettings());
        var box = result.Boxes.Single();
        Assert.That(box.Restrictions.Select(r => r.Input), Is.EquivalentTo(new[] { 0, 2 }), "only the planted inputs are restricted");
        var x1 = box.Restrictions.Single(r => r.Input == 0);
        var x3 = box.Restrictions.Single(r => r.Input == 2);
        Assert.That(x1.Lower && !x1.Upper && x3.Upper && !x3.Lower, "the planted sides");
        Assert.That(x1.Limits.Min, Is.EqualTo(0.6).Within(0.03));
        Assert.That(x3.Limits.Max, Is.EqualTo(0.3).Within(0.03));
        Assert.That(box.Box.Density, Is.GreaterThan(0.8));
        Assert.That(box.Box.Coverage, Is.GreaterThan(0.65), "the noise caps it near 0.72 (the true box holds 0.114 of 0.158 of the runs of interest)");
        Assert.That(box.Box.Mass, Is.EqualTo(box.Box.Runs / 5000.0));
        Assert.That(x1.QuasiP, Is.LessThan(1e-6), "both restrictions matter");
        Assert.That(x3.QuasiP, Is.LessThan(1e-6));

        var trajectory = box.Trajectory;
        Assert.That(trajectory[0].Coverage, Is.EqualTo(1), "the trajectory starts from every run");
        Assert.That(trajectory[0].Restricted, Is.EqualTo(0));
        Assert.That(trajectory[0].Density, Is.EqualTo((double)result.OfInterest / result.Runs));
        for (int i = 1; i < trajectory.Count; i++)
        {
            Assert.That(trajectory[i].Coverage, Is.LessThanOrEqualTo(trajectory[i - 1].Coverage), "peeling never adds runs");
            Assert.That(trajectory[i].Density, Is.GreaterThan(trajectory[i - 1].Density), "every peel raises the density");
            Assert.That(trajectory[i].Mass, Is.GreaterThanOrEqualTo(0.05));
        }
    }

    [Test]
    public void BoxStatistics_CountTheRunsInsideTheLimits()
    {
        var x = Uniform(2000, 3, seed: 2);
        var y = Enumerable.Range(0, 2000).Select(r => x[1][r] > 0.7).ToArray();
        var result = Prim.Find(x, y, new PrimSettings());
        foreach (var step in result.Boxes[0].Trajectory.Append(result.Boxes[0].Box))
        {
            var inside = Enumerable.Range(0, 2000).Where(r => Enumerable.Range(0, 3).All(i => x[i][r] >= step.Limits[i].Min && x[i][r] <= step.Limits[i].Max)).ToList();
            Assert.That(step.Runs, Is.EqualTo(inside.Count));
            Assert.That(step.OfInterest, Is.EqualTo(inside.Count(r => y[r])));
            Assert.That(step.Coverage, Is.EqualTo(inside.Count(r => y[r]) / (double)y.Count(v => v)));
        }
        var box = result.Boxes[0];
        Assert.That(box.Box.Density, Is.EqualTo(1), "a clean threshold");
        Assert.That(box.Box.Coverage, Is.GreaterThan(0.98), "the last peel may overshoot the threshold by less than a slice");
        Assert.That(box.Restrictions.Single().Input, Is.EqualTo(1));
        Assert.That(box.Restrictions.Single().Limits.Min, Is.EqualTo(0.7).Within(0.01));
    }

    [Test]
    public void DiscreteInput_IsPeeledWholeValuesAtATime()
    {
        var x = Uniform(3000, 2, seed: 3);
        x[0] = x[0].Select(u => Math.Floor(u * 3)).ToArray(); // 0, 1, 2
        var y = Enumerable.Range(0, 3000).Select(r => x[0][r] == 2 && x[1][r] < 0.5).ToArray();
        var box = Prim.Find(x, y, new PrimSettings()).Boxes[0];
        var discrete = box.Restrictions.Single(r => r.Input == 0);
        Assert.That(discrete.Limits, Is.EqualTo(new Interval(2, 2)), "the ties at 0 and 1 peeled whole");
        Assert.That(box.Box.Density, Is.GreaterThan(0.95));
        Assert.That(box.Restrictions.Single(r => r.Input == 1).Limits.Max, Is.EqualTo(0.5).Within(0.03));
    }

    [Test]
    public void SecondBox_IsFoundAmongTheRunsTheFirstLeft()
    {
        var x = Uniform(6000, 4, seed: 4);
        var y = Enumerable.Range(0, 6000).Select(r => (x[0][r] > 0.7 && x[1][r] > 0.7) || (x[2][r] > 0.75 && x[3][r] > 0.75)).ToArray();
        var result = Prim.Find(x, y, new PrimSettings(Boxes: 2));
        Assert.That(result.Boxes, Has.Count.EqualTo(2));
        var inputs = result.Boxes.Select(b => b.Restrictions.Select(r => r.Input).OrderBy(i => i).ToArray()).ToList();
        Assert.That(inputs, Is.EqualTo(new[] { new[] { 0, 1 }, new[] { 2, 3 } }), "the larger box first, then the other among the runs left");
        Assert.That(result.Boxes.Sum(b => b.Box.Coverage), Is.GreaterThan(0.95));
        Assert.That(result.Boxes.All(b => b.Box.Density > 0.95));
        Assert.That(result.Boxes[1].Trajectory[0].Coverage, Is.EqualTo(1 - result.Boxes[0].Box.Coverage).Within(1e-12), "the second starts without the first's runs");
    }

    [Test]
    public void PureNoise_FindsNoDenseBox()
    {
        var x = Uniform(2000, 3, seed: 5);
        var y = Enumerable.Range(0, 2000).Select(r => UnitHash.Uniform(5, 50, (ulong)r) < 0.1).ToArray();
        var box = Prim.Find(x, y, new PrimSettings()).Boxes[0];
        Assert.That(box.Trajectory, Has.Count.GreaterThan(1), "peeling still finds noise to peel");
        Assert.That(box.Box.Density, Is.LessThan(0.15), "but no box is much denser than the 10% base rate");
        Assert.That(box.Box.Coverage, Is.GreaterThan(0.8), "and the balanced box keeps most runs");
    }

    [Test]
    public void AStepCanBeChosen()
    {
        var x = Uniform(2000, 3, seed: 6);
        var y = Enumerable.Range(0, 2000).Select(r => x[0][r] > 0.5).ToArray();
        var box = Prim.Find(x, y, new PrimSettings(Step: 3, Paste: false)).Boxes[0];
        Assert.That(box.Chosen, Is.EqualTo(3));
        Assert.That(box.Box, Is.EqualTo(box.Trajectory[3]).Using<BoxStatistics>((a, b) => a.Runs == b.Runs && a.Limits.SequenceEqual(b.Limits)));
    }
}
