using MathNet.Numerics.Distributions;
using Simulation.Engine.Analysis;
using Simulation.Engine.Analysis.Morris;
using Simulation.Engine.Analysis.Sobol;
using Simulation.Engine.Scenarios.Sampling;
using static Simulation.Tests.Scenarios.ExperimentFiles;

namespace Simulation.Tests.Analysis;

/// <summary>
/// Saltelli's and Morris's designs sample the centred distributions (PERT and split triangular by their median, the
/// lognormal by its median) through their quantile functions, as an experiment declares them: checked against the
/// distributions' closed forms, not against the quantile functions the designs call.
/// </summary>
public class CentredDistributionDesignTests
{
    private const double Sigma = 0.2;

    /// <summary>Rate: splitTriangular on its range [0.05, 0.2] with the model's 0.1 as median; Weight: lognormal of median 0.5.</summary>
    private static IReadOnlyList<InputDistribution> Declared()
    {
        using var files = new Scenarios.ExperimentFiles();
        var experiment = files.CompileOk(Experiment("\"uncertainty\": { \"design\": \"monteCarlo\", \"samples\": 10, \"inputs\": [ " +
            "{ \"input\": \"Rate\", \"distribution\": \"splitTriangular\" }, " +
            $"{{ \"input\": \"Weight\", \"distribution\": \"lognormal\", \"median\": 0.5, \"sigma\": {Sigma} }} ] }}"));
        return SampledInputs.Distributions(experiment, "Sobol' indices");
    }

    /// <summary>The split triangular's distribution function: a rising triangle's left half below the median, a falling one's right half above.</summary>
    private static double SplitTriangularCdf(double x, double min, double median, double max) =>
        x <= median ? 0.5 * Math.Pow((x - min) / (median - min), 2) : 1 - 0.5 * Math.Pow((max - x) / (max - median), 2);

    private static double LogNormalCdf(double x, double median) => Normal.CDF(0, 1, Math.Log(x / median) / Sigma);

    [Test]
    public void Saltelli_RowsOfAFollowTheDeclaredDistributions()
    {
        var design = new SaltelliDesign(1024, Declared(), secondOrder: false);
        var x = new double[2];
        var (rate, weight) = (new List<double>(), new List<double>());
        for (int j = 0; j < 1024; j++)
        {
            design.Fill(design.Layout.RowA(j), x);
            rate.Add(x[0]);
            weight.Add(x[1]);
        }
        Assert.That(KolmogorovDistance(rate, v => SplitTriangularCdf(v, 0.05, 0.1, 0.2)), Is.LessThan(0.01));
        Assert.That(KolmogorovDistance(weight, v => LogNormalCdf(v, 0.5)), Is.LessThan(0.01));
        Assert.That(rate, Has.All.InRange(0.05, 0.2));
        Assert.That(weight, Has.All.GreaterThan(0));
    }

    [Test]
    public void Morris_LevelsAreTheClosedFormQuantilesOfTheBinCentres()
    {
        var design = new MorrisDesign(10, 4, Declared(), seed: 3);
        var x = new double[2];
        var (rates, weights) = (new HashSet<double>(), new HashSet<double>());
        for (int row = 0; row < design.Count; row++)
        {
            design.Fill(row, x);
            rates.Add(Math.Round(x[0], 12));
            weights.Add(Math.Round(x[1], 12));
        }
        // Quantiles 1/8, 3/8, 5/8, 7/8. Split triangular: min + (median - min) sqrt(2u) below the median,
        // max - (max - median) sqrt(2 (1 - u)) above it. Lognormal: median exp(sigma z_u).
        double[] u = [0.125, 0.375, 0.625, 0.875];
        var expectedRates = u.Select(p => p < 0.5 ? 0.05 + 0.05 * Math.Sqrt(2 * p) : 0.2 - 0.1 * Math.Sqrt(2 * (1 - p)));
        var expectedWeights = u.Select(p => 0.5 * Math.Exp(Sigma * Normal.InvCDF(0, 1, p)));
        Assert.That(rates.Order(), Is.EqualTo(expectedRates.Select(v => Math.Round(v, 12))).Within(1e-9));
        Assert.That(weights.Order(), Is.EqualTo(expectedWeights.Select(v => Math.Round(v, 12))).Within(1e-9));
    }

    /// <summary>
    /// Y = X1 + X2 + X3 with X1 split triangular, X2 PERT placed by its median and X3 lognormal by its median:
    /// S1 = ST = Var(Xi) / ΣVar, with each variance in closed form.
    /// </summary>
    [Test]
    public void Sobol_LinearModelOverCentredInputs_MatchesTheirVariances()
    {
        var pert = PertDistribution.WithMedian(0, 2, 10);
        InputDistribution[] inputs = [new SplitTriangularDistribution(0, 1, 4), pert, new LogNormalDistribution(Math.Log(3), 0.5)];
        double a = 1, b = 3;  // the split triangular's half-widths below and above its median
        double splitVariance = (a * a + b * b) / 12 - Math.Pow(b - a, 2) / 36;
        double pertMean = (0 + 4 * pert.Mode + 10) / 6, pertVariance = (pertMean - 0) * (10 - pertMean) / 7;
        double logVariance = 9 * Math.Exp(0.25) * (Math.Exp(0.25) - 1);
        double[] variances = [splitVariance, pertVariance, logVariance];
        double total = variances.Sum();

        var design = new SaltelliDesign(4096, inputs, secondOrder: false);
        var y = new double[design.Count];
        var x = new double[3];
        for (int row = 0; row < design.Count; row++)
        {
            design.Fill(row, x);
            y[row] = x.Sum();
        }
        var result = SobolEstimator.Estimate(design.Layout, y, 1000, seed: 11);
        for (int i = 0; i < 3; i++)
        {
            double expected = variances[i] / total;
            Assert.That(expected, Is.InRange(result.S1[i].Low, result.S1[i].High), $"S1 of input {i}");
            Assert.That(expected, Is.InRange(result.ST[i].Low, result.ST[i].High), $"ST of input {i}");
            Assert.That(result.S1[i].Value, Is.EqualTo(expected).Within(0.03), $"S1 of input {i}");
        }
    }

    /// <summary>
    /// An arrayed input whose elements are centred on their own values (young 0.2 in [0.1, 0.6], old 0.7 in [0.4, 0.9]; the range gives the minima, then the maxima):
    /// Saltelli's design, as sim sensitivity builds it, samples one quantile level per run and each element follows its
    /// own split triangular.
    /// </summary>
    [Test]
    public void Sobol_ArrayedCentredInput_EachElementFollowsItsOwnDistribution()
    {
        using var files = new Scenarios.ExperimentFiles(Scenarios.ExperimentFiles.Model.Replace(
            "\"equation\": 0.5, \"input\": true }", "\"elements\": { \"young\": 0.2, \"old\": 0.7 }, \"input\": true, \"range\": [[0.1, 0.4], [0.6, 0.9]] }"));
        var experiment = files.CompileOk(Experiment("\"uncertainty\": { \"design\": \"monteCarlo\", \"samples\": 10, \"inputs\": [ " +
            "{ \"input\": \"Rate\" }, { \"input\": \"Weight\", \"distribution\": \"splitTriangular\" } ] }"));
        var designed = SobolAnalysis.Design(experiment, new SobolSettings(1024));
        var design = (SaltelliDesign)designed.Uncertainty.Design;
        var scenario = designed.Scenarios[0];
        var (sample, parameters) = (new double[2], new double[scenario.Plan.Parameters.Length]);
        var (young, old) = (new List<double>(), new List<double>());
        var weight = Enumerable.Range(0, scenario.ParameterColumns.Length).Where(k => scenario.ParameterColumns[k] == 1).ToArray();
        Assert.That(weight, Has.Length.EqualTo(2), "Weight's column sets young and old");
        for (int j = 0; j < 1024; j++)
        {
            design.Fill(design.Layout.RowB(j), sample);
            scenario.FillParameters(sample, parameters);
            young.Add(parameters[weight[0]]);
            old.Add(parameters[weight[1]]);
        }
        Assert.That(KolmogorovDistance(young, v => SplitTriangularCdf(v, 0.1, 0.2, 0.6)), Is.LessThan(0.01));
        Assert.That(KolmogorovDistance(old, v => SplitTriangularCdf(v, 0.4, 0.7, 0.9)), Is.LessThan(0.01));
        Assert.That(young.Zip(old).All(p => SplitTriangularCdf(p.First, 0.1, 0.2, 0.6) - SplitTriangularCdf(p.Second, 0.4, 0.7, 0.9) is > -1e-9 and < 1e-9),
            "one draw moves both elements: the same quantile level");
    }

    private static double KolmogorovDistance(List<double> sample, Func<double, double> cdf)
    {
        var sorted = sample.Order().ToArray();
        double d = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            double f = cdf(sorted[i]);
            d = Math.Max(d, Math.Max(Math.Abs(f - (double)i / sorted.Length), Math.Abs(f - (i + 1.0) / sorted.Length)));
        }
        return d;
    }
}
