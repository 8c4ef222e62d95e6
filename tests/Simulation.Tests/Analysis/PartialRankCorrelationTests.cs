using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Statistics;
using Simulation.Engine.Analysis.Correlation;
using Simulation.Engine.Scenarios.Sampling;

namespace Simulation.Tests.Analysis;

/// <summary>PRCC against a second implementation (regression residuals), and its degenerate cases.</summary>
public class PartialRankCorrelationTests
{
    private static double[][] Sample(int n, int k, ulong seed) =>
        Enumerable.Range(0, k).Select(j => Enumerable.Range(0, n).Select(s => UnitHash.Uniform(seed, (ulong)j, (ulong)s)).ToArray()).ToArray();

    /// <summary>The textbook definition: correlate the residuals of rank(x_i) and rank(y) after regressing both on the other inputs' ranks.</summary>
    private static double ByResiduals(double[][] x, double[] y, int i)
    {
        int n = y.Length;
        var others = Matrix<double>.Build.Dense(n, x.Length, (r, c) => c == 0 ? 1 : Statistics.Ranks(x[c <= i ? c - 1 : c], RankDefinition.Average)[r]);
        Vector<double> Residual(double[] v)
        {
            var target = Vector<double>.Build.DenseOfArray(Statistics.Ranks(v, RankDefinition.Average));
            return target - others * others.Solve(target);
        }
        return Correlation.Pearson(Residual(x[i]), Residual(y));
    }

    [Test]
    public void MatchesTheResidualDefinition()
    {
        var x = Sample(300, 4, seed: 3);
        var y = Enumerable.Range(0, 300).Select(s => Math.Exp(3 * x[0][s]) - 2 * x[1][s] + 0.3 * x[2][s] * x[0][s] + 0.2 * UnitHash.Uniform(9, 9, (ulong)s)).ToArray();
        var ranked = new PartialRankCorrelation.RankedInputs(x, Enumerable.Range(0, 300).ToArray());
        var (coefficients, note) = PartialRankCorrelation.Compute(ranked, y);
        Assert.That(note, Is.Null);
        for (int i = 0; i < 4; i++)
            Assert.That(coefficients[i].Value, Is.EqualTo(ByResiduals(x, y, i)).Within(1e-10), $"x{i + 1}");
        Assert.That(coefficients[0].Value, Is.GreaterThan(0.9));
        Assert.That(coefficients[1].Value, Is.LessThan(-0.5), "negative, and clearly so");
        Assert.That(coefficients[3].Low, Is.LessThan(0), "x4 does nothing: its interval holds 0");
        Assert.That(coefficients[3].High, Is.GreaterThan(0));
        Assert.That(coefficients[3].PValue, Is.GreaterThan(0.01));
        Assert.That(coefficients[0].PValue, Is.LessThan(1e-10));
    }

    [Test]
    public void PValueAndInterval_FollowStudentAndFisher()
    {
        var x = Sample(50, 2, seed: 4);
        var y = Enumerable.Range(0, 50).Select(s => x[0][s] + UnitHash.Uniform(5, 5, (ulong)s)).ToArray();
        var (c, _) = PartialRankCorrelation.Compute(new PartialRankCorrelation.RankedInputs(x, Enumerable.Range(0, 50).ToArray()), y);
        double r = c[0].Value, df = 50 - 2 - 1;
        double t = r * Math.Sqrt(df / (1 - r * r));
        Assert.That(c[0].PValue, Is.EqualTo(2 * (1 - MathNet.Numerics.Distributions.StudentT.CDF(0, 1, df, Math.Abs(t)))).Within(1e-12));
        Assert.That(c[0].Low, Is.EqualTo(Math.Tanh(Math.Atanh(r) - 1.959963984540054 / Math.Sqrt(50 - 3 - 1))).Within(1e-12));
    }

    [Test]
    public void ConstantOutcomeOrInput_GiveZeroWithAReason()
    {
        var x = Sample(40, 3, seed: 5);
        x[2] = Enumerable.Repeat(2.0, 40).ToArray();
        var ranked = new PartialRankCorrelation.RankedInputs(x, Enumerable.Range(0, 40).ToArray());
        Assert.That(ranked.Varies, Is.EqualTo(new[] { true, true, false }));
        var (constant, note) = PartialRankCorrelation.Compute(ranked, Enumerable.Repeat(1.0, 40).ToArray());
        Assert.That(note, Does.Contain("does not vary"));
        Assert.That(constant.All(p => p.Value == 0 && p.PValue == 1));
        var (coefficients, none) = PartialRankCorrelation.Compute(ranked, x[0].Select((v, s) => v + x[1][s]).ToArray());
        Assert.That(none, Is.Null);
        Assert.That(coefficients[2].Value, Is.EqualTo(0), "an input that never varied");
        Assert.That(coefficients.Any(p => double.IsNaN(p.Value) || double.IsNaN(p.PValue)), Is.False);
    }

    [Test]
    public void TooFewSamples_SaySo()
    {
        var x = Sample(4, 3, seed: 6);
        var (c, note) = PartialRankCorrelation.Compute(new PartialRankCorrelation.RankedInputs(x, [0, 1, 2, 3]), [1, 2, 3, 5]);
        Assert.That(note, Does.Contain("too few"));
    }
}
