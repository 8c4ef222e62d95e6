using Simulation.Engine.Analysis.Sobol;
using Simulation.Engine.Scenarios.Sampling;

namespace Simulation.Tests.Analysis;

/// <summary>Sobol' indices from Saltelli's design against functions whose indices are known analytically.</summary>
public class SobolEstimatorTests
{
    /// <summary>Evaluates f on every row of Saltelli's design over the given distributions.</summary>
    private static (SaltelliLayout Layout, double[] Y) Evaluate(int n, InputDistribution[] inputs, Func<double[], double> f, bool secondOrder = false)
    {
        var design = new SaltelliDesign(n, inputs, secondOrder);
        var y = new double[design.Count];
        var x = new double[inputs.Length];
        for (int row = 0; row < design.Count; row++)
        {
            design.Fill(row, x);
            y[row] = f(x);
        }
        return (design.Layout, y);
    }

    private static double Ishigami(double[] x) => Math.Sin(x[0]) + 7 * Math.Pow(Math.Sin(x[1]), 2) + 0.1 * Math.Pow(x[2], 4) * Math.Sin(x[0]);

    /// <summary>Ishigami and Homma (1990) with a = 7, b = 0.1: the variances of its terms in closed form (e.g. Saltelli et al. 2008, 4.3).</summary>
    private static (double[] S1, double[] ST, double S13) IshigamiIndices()
    {
        double a = 7, b = 0.1, pi4 = Math.Pow(Math.PI, 4), pi8 = Math.Pow(Math.PI, 8);
        double v1 = 0.5 * Math.Pow(1 + b * pi4 / 5, 2), v2 = a * a / 8, v13 = b * b * pi8 * (1.0 / 18 - 1.0 / 50);
        double v = v1 + v2 + v13;
        return ([v1 / v, v2 / v, 0], [(v1 + v13) / v, v2 / v, v13 / v], v13 / v);
    }

    private static readonly InputDistribution[] IshigamiInputs = Enumerable.Repeat<InputDistribution>(new UniformDistribution(-Math.PI, Math.PI), 3).ToArray();

    [Test]
    public void Ishigami_IndicesLieWithinTheirBootstrapIntervals()
    {
        var (layout, y) = Evaluate(2048, IshigamiInputs, Ishigami);
        var result = SobolEstimator.Estimate(layout, y, 1000, seed: 7);
        var (s1, st, _) = IshigamiIndices();
        Assert.That(s1[0], Is.EqualTo(0.3139).Within(1e-4), "the closed form itself");
        for (int i = 0; i < 3; i++)
        {
            Assert.That(s1[i], Is.InRange(result.S1[i].Low, result.S1[i].High), $"S1 of x{i + 1}: {result.S1[i]}");
            Assert.That(st[i], Is.InRange(result.ST[i].Low, result.ST[i].High), $"ST of x{i + 1}: {result.ST[i]}");
            Assert.That(result.S1[i].Value, Is.EqualTo(s1[i]).Within(0.03), $"S1 of x{i + 1}");
            Assert.That(result.ST[i].Value, Is.EqualTo(st[i]).Within(0.03), $"ST of x{i + 1}");
            Assert.That(result.S1[i].High - result.S1[i].Low, Is.LessThan(0.15), "intervals are informative at this N");
        }
        Assert.That(result.Note, Is.Null);
        Assert.That(result.Samples, Is.EqualTo(2048));
    }

    [Test]
    public void Ishigami_SecondOrder_FindsTheX1X3InteractionAndNoOther()
    {
        var (layout, y) = Evaluate(2048, IshigamiInputs, Ishigami, secondOrder: true);
        var result = SobolEstimator.Estimate(layout, y, 500, seed: 7);
        var (_, _, s13) = IshigamiIndices();
        var s2 = result.S2!;
        Assert.That(s13, Is.InRange(s2[0, 2].Low, s2[0, 2].High), $"S13 {s2[0, 2]}");
        Assert.That(s2[2, 0], Is.EqualTo(s2[0, 2]), "symmetric");
        Assert.That(0.0, Is.InRange(s2[0, 1].Low, s2[0, 1].High), $"S12 {s2[0, 1]}");
        Assert.That(0.0, Is.InRange(s2[1, 2].Low, s2[1, 2].High), $"S23 {s2[1, 2]}");
        Assert.That(double.IsNaN(s2[0, 0].Value), "no index of an input with itself");
        var (s1, st, _) = IshigamiIndices();
        for (int i = 0; i < 3; i++)
        {
            Assert.That(s1[i], Is.InRange(result.S1[i].Low, result.S1[i].High), "first order unchanged by the extra rows");
            Assert.That(st[i], Is.InRange(result.ST[i].Low, result.ST[i].High));
        }
    }

    /// <summary>Sobol's G function: the product of (|4x - 2| + a_i) / (1 + a_i) over x_i ~ U(0, 1), V_i = 1 / (3 (1 + a_i)^2).</summary>
    [Test]
    public void GFunction_IndicesLieWithinTheirBootstrapIntervals()
    {
        double[] a = [0, 1, 4.5, 9, 99, 99];
        var vi = a.Select(ai => 1 / (3 * (1 + ai) * (1 + ai))).ToArray();
        double product = vi.Aggregate(1.0, (p, v) => p * (1 + v)), v = product - 1;
        var inputs = Enumerable.Repeat<InputDistribution>(new UniformDistribution(0, 1), a.Length).ToArray();
        var (layout, y) = Evaluate(4096, inputs, x => x.Select((xi, i) => (Math.Abs(4 * xi - 2) + a[i]) / (1 + a[i])).Aggregate(1.0, (p, t) => p * t));
        var result = SobolEstimator.Estimate(layout, y, 1000, seed: 11);
        for (int i = 0; i < a.Length; i++)
        {
            double s1 = vi[i] / v, st = vi[i] * product / (1 + vi[i]) / v;
            Assert.That(s1, Is.InRange(result.S1[i].Low, result.S1[i].High), $"S1 of x{i + 1} (a = {a[i]}): {result.S1[i]} against {s1}");
            Assert.That(st, Is.InRange(result.ST[i].Low, result.ST[i].High), $"ST of x{i + 1} (a = {a[i]}): {result.ST[i]} against {st}");
        }
        Assert.That(result.ST[0].Value, Is.GreaterThan(result.ST[2].Value), "a smaller a_i matters more");
    }

    [Test]
    public void ConstantOutcome_GivesZeroIndicesAndSaysWhy()
    {
        var (layout, y) = Evaluate(64, IshigamiInputs, _ => 42, secondOrder: true);
        var result = SobolEstimator.Estimate(layout, y, 100, seed: 1);
        Assert.That(result.S1.Concat(result.ST).All(e => e == Estimate.Zero));
        Assert.That(result.S2![0, 1], Is.EqualTo(Estimate.Zero));
        Assert.That(result.Note, Does.Contain("does not vary"));
    }

    [Test]
    public void InputThatDoesNothing_HasZeroIndicesExactly()
    {
        var (layout, y) = Evaluate(256, IshigamiInputs, x => x[0] + 2 * x[1]);
        var result = SobolEstimator.Estimate(layout, y, 200, seed: 1);
        Assert.That(result.S1[2], Is.EqualTo(Estimate.Zero));
        Assert.That(result.ST[2], Is.EqualTo(Estimate.Zero));
        Assert.That(result.S1[1].Value, Is.EqualTo(0.8).Within(0.02), "additive: S1 = 4 / (1 + 4)");
        Assert.That(result.Note, Is.Null);
    }

    [Test]
    public void MissingValues_LeaveTheirBaseSamplesOut_AndNothingIsNaN()
    {
        var (layout, y) = Evaluate(128, IshigamiInputs, x => x[0]);
        y[layout.RowAB(3, 1)] = double.NaN;
        y[layout.RowB(10)] = double.PositiveInfinity;
        var result = SobolEstimator.Estimate(layout, y, 100, seed: 1);
        Assert.That(result.Samples, Is.EqualTo(126));
        Assert.That(result.Note, Does.Contain("2 of 128 base samples left out"));
        Assert.That(result.S1[0].Value, Is.EqualTo(1).Within(0.02));
        Assert.That(result.S1.Concat(result.ST).SelectMany(e => new[] { e.Value, e.Low, e.High }).Any(double.IsNaN), Is.False);

        y.AsSpan().Fill(double.NaN);
        var none = SobolEstimator.Estimate(layout, y, 100, seed: 1);
        Assert.That(none.Samples, Is.EqualTo(0));
        Assert.That(none.Note, Does.Contain("no base sample has finite values"));
    }

    [Test]
    public void SameSeed_SameIntervals_WhateverTheThreads()
    {
        var (layout, y) = Evaluate(256, IshigamiInputs, Ishigami);
        var first = SobolEstimator.Estimate(layout, y, 300, seed: 5);
        var again = SobolEstimator.Estimate(layout, y, 300, seed: 5);
        var other = SobolEstimator.Estimate(layout, y, 300, seed: 6);
        Assert.That(again.S1, Is.EqualTo(first.S1));
        Assert.That(again.ST, Is.EqualTo(first.ST));
        Assert.That(other.S1[0].Low, Is.Not.EqualTo(first.S1[0].Low), "the seed chooses the resamples");
        Assert.That(other.S1[0].Value, Is.EqualTo(first.S1[0].Value), "but not the estimate");
    }
}
