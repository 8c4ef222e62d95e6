using Simulation.Engine;
using Simulation.Engine.Compilation;
using Simulation.Engine.Designs;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Levers;
using Simulation.Engine.Results;
using Simulation.Engine.Runtime;
using Simulation.Engine.Runtime.Batches;
using Simulation.Engine.Scenarios.Summary;

namespace Simulation.Tests.Levers;

/// <summary>Shared helpers for the levers app's tests: loading served models once, and the plain run `sim run --set` makes.</summary>
public static class LeverRuns
{
    private static readonly Dictionary<string, LeverModel> Loaded = new();

    /// <summary>The served model of a file under the repository (loaded once per test run: compiling is the slow part).</summary>
    public static LeverModel Load(params string[] path)
    {
        string full = TestModels.PathOf(path);
        lock (Loaded)
        {
            if (Loaded.TryGetValue(full, out var model)) return model;
            var diagnostics = new DiagnosticBag();
            model = LeverModel.Load(full, diagnostics, new LeverOptions { Threads = 2 })
                    ?? throw new AssertionException(DiagnosticRenderer.ToText(diagnostics.Items));
            return Loaded[full] = model;
        }
    }

    public static LeverResult Run(LeverModel model, LeverRequest request)
    {
        var result = model.Run(request, CancellationToken.None, out var problem);
        Assert.That(problem, Is.Null, () => $"{problem!.Field}: {problem.Message}");
        return result!;
    }

    /// <summary>What `sim run MODEL --set name=value ...` computes: the model alone, the named inputs as run parameters, on the reference evaluator.</summary>
    public static SimulationResult SimRun(string model, params (string Name, double Value)[] settings)
    {
        var diagnostics = new DiagnosticBag();
        var document = ModelPipeline.Read(TestModels.PathOf(model.Split('/')), diagnostics)!;
        var (bound, analysis) = ModelPipeline.Check(document, diagnostics);
        var elements = new List<int>();
        var values = new List<double>();
        foreach (var (name, value) in settings)
            foreach (int id in InputNames.Resolve(bound, analysis!, name).Elements)
            {
                elements.Add(id);
                values.Add(value);
            }
        var plan = PlanCompiler.Compile(bound, analysis!, elements);
        return Simulator.Run(plan, parameters: values.ToArray());
    }

    /// <summary>
    /// The statistics of <paramref name="actual"/> are <paramref name="expected"/>'s, number for number (the futures left
    /// out are compared by count, since a summary read back from JSON has its own lists).
    /// </summary>
    public static void AssertSameStatistics(Distribution? actual, Distribution? expected, string what)
    {
        Assert.That(actual is null, Is.EqualTo(expected is null), what);
        if (actual is null || expected is null) return;
        Assert.That(new[] { actual.Count, actual.Mean, actual.P5, actual.P25, actual.P50, actual.P75, actual.P95 },
            Is.EqualTo(new[] { expected.Count, expected.Mean, expected.P5, expected.P25, expected.P50, expected.P75, expected.P95 }), what);
        Assert.That(actual.LeftOut.Sum(e => e.Count), Is.EqualTo(expected.LeftOut.Sum(e => e.Count)), $"{what}: futures left out");
    }

    /// <summary>Two answers' outcomes are the same: names, point values and every statistic.</summary>
    public static void AssertSameOutcomes(IReadOnlyList<OutcomeResult> actual, IReadOnlyList<OutcomeResult> expected, string what)
    {
        Assert.That(actual.Select(o => (o.Outcome, o.Element, o.Value, o.Baseline)), Is.EqualTo(expected.Select(o => (o.Outcome, o.Element, o.Value, o.Baseline))), what);
        for (int c = 0; c < actual.Count; c++)
        {
            AssertSameStatistics(actual[c].Futures, expected[c].Futures, $"{what}: {actual[c].Outcome}");
            AssertSameStatistics(actual[c].BaselineFutures, expected[c].BaselineFutures, $"{what}: {actual[c].Outcome} (baseline)");
            AssertSameStatistics(actual[c].Difference, expected[c].Difference, $"{what}: {actual[c].Outcome} (difference)");
        }
    }
}
