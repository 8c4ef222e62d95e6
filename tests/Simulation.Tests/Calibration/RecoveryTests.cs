using MathNet.Numerics.LinearAlgebra;
using Simulation.Engine.Calibration;
using Simulation.Engine.Calibration.Output;
using Simulation.Engine.Calibration.Problem;
using Simulation.Engine.Calibration.Search;

namespace Simulation.Tests.Calibration;

/// <summary>Inputs recovered from data made up with known values: estimates, intervals, and the intervals' coverage over many data sets.</summary>
public class RecoveryTests
{
    private static readonly double[] Days = Enumerable.Range(1, 20).Select(t => (double)t).ToArray();

    /// <summary>Data drawn from the fit's model at <paramref name="values"/>, written as data.csv, and the fit compiled against it.</summary>
    private static CalibrationProblem Synthesize(FitFiles files, string fit, string[] columns, double[] values, double[] scales, ulong seed)
    {
        var template = files.CompileOk(fit, FitFiles.Data(Days, columns.Select(c => (c, (IReadOnlyList<double>)Days.Select(_ => 1.0).ToList())).ToArray()));
        var drawn = SyntheticData.Draw(FitFiles.Evaluator(template), values, scales, seed);
        return files.CompileOk(fit, SyntheticData.AsCsv(template, drawn));
    }

    private static CalibrationReport Optimise(CalibrationProblem problem, int generations = 100)
    {
        var evaluator = FitFiles.Evaluator(problem);
        var result = Optimiser.Run(evaluator, 11, new OptimiserSettings { MaxGenerations = generations });
        return CalibrationReport.FromOptimisation(evaluator, result, 11);
    }

    [TestCase("\"error\": \"normal\", \"sd\": 2", false)]
    [TestCase("\"error\": \"sse\"", true)]
    public void Optimise_LinearModel_EstimatesAndProfileIntervalsAreTheExactLeastSquaresOnes(string error, bool sdEstimated)
    {
        // Linear(t) = Start - Slope t is linear in the parameters, so the profile-likelihood interval is exactly the
        // classical one: estimate ± z sd √((XᵀX)⁻¹) with X = [1, -t] for a known sd, and estimate ± t(n - p) s √((XᵀX)⁻¹)
        // with s² = SSE / (n - p) when the sd is estimated
        using var files = new FitFiles();
        string fit = FitFiles.Fit($$"""
            "parameters": [ { "input": "Start", "min": 50, "max": 150 }, { "input": "Slope", "min": 0, "max": 5 } ],
            "fit": [ { "variable": "Linear", "column": "level", {{error}} } ]
            """);
        var problem = Synthesize(files, fit, ["level"], [100, 2], [2], seed: 5);
        var report = Optimise(problem);

        var x = Matrix<double>.Build.Dense(Days.Length, 2, (i, j) => j == 0 ? 1 : -Days[i]);
        var y = Vector<double>.Build.DenseOfArray(problem.Observations.Select(o => o.Value).ToArray());
        var xtxInverse = (x.Transpose() * x).Inverse();
        var ols = xtxInverse * x.Transpose() * y;
        double sse = (y - x * ols).DotProduct(y - x * ols);
        double scale = sdEstimated ? MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, Days.Length - 2, 0.975) * Math.Sqrt(sse / (Days.Length - 2)) : 1.959963984540054 * 2;
        for (int i = 0; i < 2; i++)
        {
            double half = scale * Math.Sqrt(xtxInverse[i, i]);
            var e = report.Estimates[i];
            Assert.That(e.Estimate, Is.EqualTo(ols[i]).Within(1e-6), e.Parameter);
            Assert.That(e.Low, Is.EqualTo(ols[i] - half).Within(2e-3 * half), $"{e.Parameter} low");
            Assert.That(e.High, Is.EqualTo(ols[i] + half).Within(2e-3 * half), $"{e.Parameter} high");
        }
    }

    [Test]
    public void Optimise_DecayCountedOverIntervals_RecoversTheValuesWithinTheirIntervals()
    {
        // Poisson counts of the outflow over each 2-day interval (a total), and a log-normal level
        using var files = new FitFiles();
        string fit = FitFiles.Fit("""
            "parameters": [ { "input": "Start", "min": 50, "max": 150 }, { "input": "Rate", "min": 0.01, "max": 0.5, "scale": "log" } ],
            "fit": [ { "total": "Loss", "column": "losses", "interval": 1, "error": "poisson" },
                     { "variable": "Decay", "column": "level", "error": "lognormal" } ]
            """);
        var problem = Synthesize(files, fit, ["losses", "level"], [100, 0.1], [double.NaN, 0.1], seed: 3);
        var report = Optimise(problem);
        Assert.That(report.Estimates[0].Low, Is.LessThan(100).And.Not.NaN);
        Assert.That(report.Estimates[0].High, Is.GreaterThan(100));
        Assert.That(report.Estimates[1].Low, Is.LessThan(0.1));
        Assert.That(report.Estimates[1].High, Is.GreaterThan(0.1));
        Assert.That(report.Estimates[1].Estimate, Is.EqualTo(0.1).Within(10).Percent);
        Assert.That(report.Scales.Single().Name, Is.EqualTo("sd of ln(level)"));
        Assert.That(report.Scales.Single().Value, Is.EqualTo(0.1).Within(40).Percent);
    }

    [Test]
    public void Optimise_ArrayWithElementRangesAndAFactor_RecoversPositionAndFactor()
    {
        // Weight moves across its elements' ranges with one number (its position); a factor scales Rate
        using var files = new FitFiles();
        string fit = FitFiles.Fit("""
            "parameters": [ { "input": "Weight" }, { "input": "Rate", "apply": "multiply", "min": 0.5, "max": 2 } ],
            "fit": [ { "variable": "Weighted[old]", "column": "old", "error": "normal", "sd": 1 }, { "variable": "Weighted[young]", "column": "young", "error": "normal", "sd": 1 } ]
            """);
        var problem = Synthesize(files, fit, ["old", "young"], [0.25, 1.5], [1, 1], seed: 8);
        Assert.That(problem.Space.Parameters.Select(p => p.Label), Is.EqualTo(new[] { "Weight (quantile)", "Rate (factor)" }));
        var report = Optimise(problem);
        Assert.That(report.Estimates[0].Estimate, Is.EqualTo(0.25).Within(0.03));
        Assert.That(report.Estimates[1].Estimate, Is.EqualTo(1.5).Within(0.05));
        foreach (var (e, truth) in report.Estimates.Zip(new[] { 0.25, 1.5 }))
            Assert.That(truth, Is.InRange(e.Low, e.High), e.Parameter);
    }

    [Test]
    public void Optimise_RepeatedDataSets_NinetyFivePercentIntervalsCoverTheTruth()
    {
        // a nonlinear model with an unknown sd: over 60 data sets, each 95% interval should hold the true value about
        // 57 times (binomial sd 1.7); 50 or fewer would mean the intervals are too narrow (300 sets gave 93.3% and 93.0%)
        const int sets = 60;
        using var files = new FitFiles();
        string fit = FitFiles.Fit("""
            "parameters": [ { "input": "Start", "min": 50, "max": 150 }, { "input": "Rate", "min": 0.01, "max": 0.5 } ],
            "fit": [ { "variable": "Decay", "column": "level", "error": "normal" } ]
            """);
        int[] covered = new int[2];
        double[] widths = new double[2];
        for (ulong seed = 0; seed < sets; seed++)
        {
            var problem = Synthesize(files, fit, ["level"], [100, 0.1], [4], seed);
            var report = Optimise(problem, generations: 40);
            for (int i = 0; i < 2; i++)
            {
                double truth = i == 0 ? 100 : 0.1;
                if (truth >= report.Estimates[i].Low && truth <= report.Estimates[i].High) covered[i]++;
                widths[i] += (report.Estimates[i].High - report.Estimates[i].Low) / sets;
            }
        }
        TestContext.Progress.WriteLine($"coverage {covered[0]}/{sets} and {covered[1]}/{sets}; mean widths {widths[0]:G4}, {widths[1]:G4}");
        Assert.That(covered[0], Is.GreaterThan(50));
        Assert.That(covered[1], Is.GreaterThan(50));
        Assert.That(covered[0] + covered[1], Is.LessThan(2 * sets), "intervals that always cover are too wide to be 95% intervals");
    }
}
