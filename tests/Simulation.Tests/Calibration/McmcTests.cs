using MathNet.Numerics.LinearAlgebra;
using Simulation.Engine.Calibration;
using Simulation.Engine.Calibration.Mcmc;
using Simulation.Engine.Calibration.Output;
using Simulation.Engine.Calibration.Problem;
using Simulation.Engine.Calibration.Search;

namespace Simulation.Tests.Calibration;

/// <summary>
/// The sampler against posteriors known in closed form: Linear(t) = Start - Slope t with normal errors is a linear
/// regression, whose posterior under flat priors is normal (known sd) or Student t (sd integrated out under 1/sd),
/// and normal again with a normal prior (conjugate).
/// </summary>
public class McmcTests
{
    private static readonly double[] Days = Enumerable.Range(1, 20).Select(t => (double)t).ToArray();

    private static CalibrationProblem Problem(FitFiles files, string parameters, string error, double noise = 3)
    {
        string fit = FitFiles.Fit($$"""
            "parameters": [ {{parameters}} ],
            "fit": [ { "variable": "Linear", "column": "level", {{error}} } ]
            """);
        var template = files.CompileOk(fit, FitFiles.Data(Days, ("level", Days.Select(_ => 1.0).ToList())));
        var drawn = SyntheticData.Draw(FitFiles.Evaluator(template), [100, 2], [noise], seed: 21);
        return files.CompileOk(fit, SyntheticData.AsCsv(template, drawn));
    }

    private static PosteriorSample Sample(CalibrationProblem problem, int threads = 2, int lanes = 16) =>
        new DifferentialEvolutionMcmc(FitFiles.Evaluator(problem, threads, lanes), new McmcSettings { Generations = 4000, BurnIn = 1000, Draws = 400 }, 5).Run();

    /// <summary>Posterior mean and covariance of (Start, Slope) for data y, design X = [1, -t], noise sd σ and a normal prior on Start (or none).</summary>
    private static (Vector<double> Mean, Matrix<double> Covariance) Conjugate(CalibrationProblem problem, double sd, (double Mean, double Sd)? startPrior = null)
    {
        var x = Matrix<double>.Build.Dense(Days.Length, 2, (i, j) => j == 0 ? 1 : -Days[i]);
        var y = Vector<double>.Build.DenseOfArray(problem.Observations.Select(o => o.Value).ToArray());
        var precision = x.Transpose() * x / (sd * sd);
        var b = x.Transpose() * y / (sd * sd);
        if (startPrior is var (m0, s0))
        {
            precision[0, 0] += 1 / (s0 * s0);
            b[0] += m0 / (s0 * s0);
        }
        var covariance = precision.Inverse();
        return (covariance * b, covariance);
    }

    private static void AssertMatches(PosteriorSample sample, Vector<double> mean, Matrix<double> covariance, double sdInflation = 1)
    {
        var convergence = sample.Convergence();
        for (int i = 0; i < 2; i++)
        {
            double sd = Math.Sqrt(covariance[i, i]) * sdInflation;
            TestContext.Progress.WriteLine($"{convergence[i].Coordinate}: mean {convergence[i].Mean:G6} (exact {mean[i]:G6}), sd {convergence[i].Sd:G4} (exact {sd:G4}), R-hat {convergence[i].RHat:F3}, ESS {convergence[i].Ess:F0}");
            Assert.That(convergence[i].RHat, Is.LessThan(1.02), "converged");
            Assert.That(convergence[i].Ess, Is.GreaterThan(800));
            Assert.That(convergence[i].Mean, Is.EqualTo(mean[i]).Within(0.1 * sd), "posterior mean");
            Assert.That(convergence[i].Sd, Is.EqualTo(sd).Within(8).Percent, "posterior sd");
        }
    }

    [TestCase("linear", 3)]
    [TestCase("log", 15)] // sampled in ln Slope: without the Jacobian the prior would be 1/Slope, shifting the mean by ~0.3 sd here
    public void Sample_KnownSdFlatPriors_IsTheNormalPosteriorOfLeastSquares(string slopeScale, double noise)
    {
        using var files = new FitFiles();
        var problem = Problem(files, $$"""{ "input": "Start", "min": 0, "max": 200 }, { "input": "Slope", "min": 0.01, "max": 20, "scale": "{{slopeScale}}" }""",
            $"\"error\": \"normal\", \"sd\": {noise}", noise);
        var (mean, covariance) = Conjugate(problem, noise);
        AssertMatches(Sample(problem), mean, covariance);
    }

    [Test]
    public void Sample_UnknownSd_IsTheStudentTPosterior()
    {
        // with the sd integrated out under the prior 1/sd, (Start, Slope) is Student t with n - p degrees of freedom around the
        // least-squares estimate, scale s² (XᵀX)⁻¹ with s² = SSE / (n - p): each sd is √(s² (XᵀX)⁻¹ᵢᵢ (n - p) / (n - p - 2))
        using var files = new FitFiles();
        var problem = Problem(files, """{ "input": "Start", "min": 50, "max": 150 }, { "input": "Slope", "min": 0, "max": 5 }""", "\"error\": \"normal\"");
        var (mean, unitCovariance) = Conjugate(problem, 1);
        var x = Matrix<double>.Build.Dense(Days.Length, 2, (i, j) => j == 0 ? 1 : -Days[i]);
        var y = Vector<double>.Build.DenseOfArray(problem.Observations.Select(o => o.Value).ToArray());
        int df = Days.Length - 2;
        double s2 = (y - x * mean).DotProduct(y - x * mean) / df;
        AssertMatches(Sample(problem), mean, unitCovariance * s2, Math.Sqrt(df / (df - 2.0)));
    }

    [Test]
    public void Sample_NormalPriorOnOneParameter_IsTheConjugatePosterior()
    {
        using var files = new FitFiles();
        var problem = Problem(files, """
            { "input": "Start", "min": 50, "max": 150, "prior": { "distribution": "normal", "mean": 96, "sd": 1.5 } }, { "input": "Slope", "min": 0, "max": 5 }
            """, "\"error\": \"normal\", \"sd\": 3");
        var (mean, covariance) = Conjugate(problem, 3, (96, 1.5));
        AssertMatches(Sample(problem), mean, covariance);
    }

    [Test]
    public void Sample_SameSeed_SameDrawsWhateverThreadsAndLanes()
    {
        using var files = new FitFiles();
        var problem = Problem(files, """{ "input": "Start", "min": 50, "max": 150 }, { "input": "Slope", "min": 0, "max": 5 }""", "\"error\": \"normal\"");
        var settings = new McmcSettings { Generations = 300, Draws = 100 };
        string Posterior(int threads, int lanes)
        {
            var evaluator = FitFiles.Evaluator(problem, threads, lanes);
            var sample = new DifferentialEvolutionMcmc(evaluator, settings, 9).Run();
            return CalibrationWriter.PosteriorCsv(CalibrationReport.FromPosterior(evaluator, sample, settings, 9), sample);
        }
        string one = Posterior(1, 4);
        Assert.That(Posterior(2, 16), Is.EqualTo(one));
        Assert.That(Posterior(3, 8), Is.EqualTo(one));
    }

    [Test]
    public void Sample_StartedWithinAnEarlierFitsIntervals_MatchesThePosteriorWhoseBoundsAreFarWider()
    {
        // bounds 1,000 and 100 times the posterior's sd: chains started across them would first have to find it
        using var files = new FitFiles();
        var problem = Problem(files, """{ "input": "Start", "min": 0, "max": 2000 }, { "input": "Slope", "min": 0, "max": 50 }""", "\"error\": \"normal\", \"sd\": 3");
        var evaluator = FitFiles.Evaluator(problem);
        var fit = Optimiser.Run(evaluator, 3, new OptimiserSettings());
        var estimates = EstimatesTable.Read(CalibrationWriter.EstimatesCsv(CalibrationReport.FromOptimisation(evaluator, fit, 3)));
        var box = StartingBox.FromEstimates(problem, estimates);
        var corner = box.Place([0, 0]);
        Assert.That(problem.Space.Parameters[0].ToValue(corner[0]), Is.EqualTo(estimates["Start"].Low).Within(1e-9), "the box is the interval");

        var sample = new DifferentialEvolutionMcmc(FitFiles.Evaluator(problem), new McmcSettings { Generations = 4000, BurnIn = 1000, Draws = 400, Start = box }, 5).Run();
        var (mean, covariance) = Conjugate(problem, 3);
        AssertMatches(sample, mean, covariance);
    }

    [Test]
    public void StartingBox_EarlierCalibrationOfAnotherFit_SaysWhichParameterItLacks()
    {
        using var files = new FitFiles();
        var problem = Problem(files, """{ "input": "Start", "min": 50, "max": 150 }, { "input": "Slope", "min": 0, "max": 5 }""", "\"error\": \"normal\", \"sd\": 3");
        var estimates = EstimatesTable.Read("parameter,estimate,low,high\nStart,100,99,101\nRate,0.1,,\n");
        var e = Assert.Throws<CalibrationException>(() => StartingBox.FromEstimates(problem, estimates));
        Assert.That(e!.Message, Does.Contain("no estimate of 'Slope'"));
    }
}
