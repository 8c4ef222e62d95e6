using Simulation.Engine.Calibration.Problem;
using Simulation.Engine.Calibration.Search;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Runtime.Batches;

namespace Simulation.Tests.Calibration;

public class FluFitTests
{
    [Test]
    public void Optimise_FluBoardingSchool_FindsLeastSquares()
    {
        var diagnostics = new DiagnosticBag();
        var problem = FitCompiler.CompileFile(TestModels.PathOf("scenarios", "flu-sir-fit.json"), diagnostics);
        Assert.That(problem, Is.Not.Null, DiagnosticRenderer.ToText(diagnostics.Items));
        var evaluator = new CandidateEvaluator(problem!, new BatchOptions { Threads = 2 });
        var result = Optimiser.Run(evaluator, 1, new OptimiserSettings(), m => TestContext.Progress.WriteLine(m));
        TestContext.Progress.WriteLine($"best {string.Join(", ", result.Best.Values)} f={result.Best.Objective} runs={evaluator.Runs}");
        foreach (var s in result.Starts) TestContext.Progress.WriteLine($"start {string.Join(", ", s.From.Values)} -> {string.Join(", ", s.To.Values)} f={s.To.Objective} it={s.Iterations}");
        foreach (var e in result.Ends) TestContext.Progress.WriteLine($"end p{e.Parameter} side {e.Side}: {problem!.Space.Parameters[e.Parameter].ToValue(e.Unit)} bound={e.AtBound} points={e.Points.Count}");
    }
}
