using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using Simulation.Engine.Calibration.Output;
using Simulation.Engine.Calibration.Problem;
using Simulation.Engine.Calibration.Search;
using Simulation.Engine.Diagnostics;

namespace Simulation.Tests.Calibration;

/// <summary>
/// The bundled example (boarding-school influenza, BMJ 1978;1:587) against a second implementation that shares no
/// code with the engine: a plain RK4 loop of the SIR equations, its sum of squares minimised by MathNet's Nelder-Mead.
/// </summary>
public class FluFitTests
{
    private static readonly double[] InBed = [3, 8, 26, 76, 225, 298, 258, 233, 189, 128, 68, 29, 14, 4];

    /// <summary>Σ (in bed - I(day))² with I from RK4 at dt = 1/16, as the model file says (763 pupils, one infected at day 0).</summary>
    private static double SumOfSquares(double beta, double gamma)
    {
        const double n = 763, dt = 0.0625;
        double s = n - 1, i = 1, sum = 0;
        (double, double) Rates(double s0, double i0) => (-beta * s0 * i0 / n, beta * s0 * i0 / n - gamma * i0);
        for (int step = 1; step <= 14 * 16; step++)
        {
            var (ds1, di1) = Rates(s, i);
            var (ds2, di2) = Rates(s + dt / 2 * ds1, i + dt / 2 * di1);
            var (ds3, di3) = Rates(s + dt / 2 * ds2, i + dt / 2 * di2);
            var (ds4, di4) = Rates(s + dt * ds3, i + dt * di3);
            s += dt / 6 * (ds1 + 2 * ds2 + 2 * ds3 + ds4);
            i += dt / 6 * (di1 + 2 * di2 + 2 * di3 + di4);
            if (step % 16 == 0) sum += (InBed[step / 16 - 1] - i) * (InBed[step / 16 - 1] - i);
        }
        return sum;
    }

    [Test]
    public void Optimise_FluBoardingSchool_MatchesAnIndependentLeastSquaresFit()
    {
        var diagnostics = new DiagnosticBag();
        var problem = FitCompiler.CompileFile(TestModels.PathOf("scenarios", "calibration", "flu-sir.json"), diagnostics);
        Assert.That(problem, Is.Not.Null, DiagnosticRenderer.ToText(diagnostics.Items));
        var evaluator = FitFiles.Evaluator(problem!);
        var report = CalibrationReport.FromOptimisation(evaluator, Optimiser.Run(evaluator, 1, new OptimiserSettings()), 1);

        var reference = NelderMeadSimplex.Minimum(ObjectiveFunction.Value(v => SumOfSquares(v[0], v[1])), Vector<double>.Build.DenseOfArray([1.5, 0.5]), 1e-14, 20000);
        Assert.That(report.Estimates[0].Estimate, Is.EqualTo(reference.MinimizingPoint[0]).Within(1e-5), "Beta");
        Assert.That(report.Estimates[1].Estimate, Is.EqualTo(reference.MinimizingPoint[1]).Within(1e-5), "Gamma");
        Assert.That(report.Scales[0].Value, Is.EqualTo(Math.Sqrt(reference.FunctionInfoAtMinimum.Value / 14)).Within(1e-6), "sd = √(SSE / n)");
        Assert.That(report.Estimates[0].Estimate, Is.EqualTo(1.669).Within(0.001), "as published fits of these data find");
    }

    [Test]
    public void Optimise_SameSeed_SameResultWhateverThreadsAndLanes()
    {
        var problem = FitCompiler.CompileFile(TestModels.PathOf("scenarios", "calibration", "flu-sir.json"), new DiagnosticBag())!;
        string Estimates(int threads, int lanes)
        {
            var evaluator = FitFiles.Evaluator(problem, threads, lanes);
            var report = CalibrationReport.FromOptimisation(evaluator, Optimiser.Run(evaluator, 4, new OptimiserSettings()), 4);
            return CalibrationWriter.EstimatesCsv(report) + CalibrationWriter.ProfilesCsv(report) + CalibrationWriter.FitCsv(report);
        }
        string one = Estimates(1, 4);
        Assert.That(Estimates(2, 16), Is.EqualTo(one));
        Assert.That(Estimates(3, 8), Is.EqualTo(one));
    }
}
