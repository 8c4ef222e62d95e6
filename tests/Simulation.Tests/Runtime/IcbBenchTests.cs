using Simulation.Engine.Designs;
using Simulation.Engine;
using Simulation.Engine.Compilation;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Runtime;
using Simulation.Engine.Runtime.Batches;

namespace Simulation.Tests.Runtime;

/// <summary>
/// The benchmark model against the cross-check values of ../shared/bench/icb-bench.md (1e-9
/// relative), on both back ends: the reference evaluator for the three cross-check runs, and the
/// vector engine for the whole 1,000-row design table (benchmarks/icb-bench/icb-bench-scenarios.csv).
/// </summary>
public class IcbBenchTests
{
    private static readonly Lazy<(EvaluationPlan Plan, DesignInputs Design, BatchResults Results)> Sweep = new(RunSweep);

    [TestCase(0, 0.0, 0.5, 860591.61145481793, 2236.6136206278011, 1348.5454611914979, 5660284560.1980705)]
    [TestCase(7, 0.16311896062463216, 0.9262154955902733, 862824.94799167057, 1652.3946137047776, 2297.9146133861186, 5014758608.5843678)]
    [TestCase(999, 0.20797738057251536, 0.6841828706690194, 863443.64222428971, 1899.041741827552, 1712.733116791969, 5241357727.3013353)]
    public void Run_CrossCheckScenario_MatchesSpecification(int run, double e, double c, double totalPop, double b, double cc, double k)
    {
        var diagnostics = new DiagnosticBag();
        var document = ModelPipeline.Read(TestModels.PathOf("benchmarks", "icb-bench", "icb-bench.json"), diagnostics)!;
        var (bound, analysis) = ModelPipeline.Check(document, diagnostics);
        Assert.That(analysis, Is.Not.Null, DiagnosticRenderer.ToText(diagnostics.Items));
        var parameters = new[] { bound.FindVariable("prevention effect")!.Elements[0], bound.FindVariable("community capacity")!.Elements[0] };
        var plan = PlanCompiler.Compile(bound, analysis!, parameters);
        var (outputs, _) = Simulator.SelectOutputs(plan, ["total pop", "B", "C", "K"]);
        var result = Simulator.Run(plan, outputs, [e, c]);
        var final = result.Rows[^1];
        Assert.Multiple(() =>
        {
            Assert.That(result.Times[^1], Is.EqualTo(10).Within(1e-9));
            AssertMatches(final, totalPop, b, cc, k);
        });
    }

    [TestCase(0, 0.0, 0.5, 860591.61145481793, 2236.6136206278011, 1348.5454611914979, 5660284560.1980705)]
    [TestCase(7, 0.16311896062463216, 0.9262154955902733, 862824.94799167057, 1652.3946137047776, 2297.9146133861186, 5014758608.5843678)]
    [TestCase(999, 0.20797738057251536, 0.6841828706690194, 863443.64222428971, 1899.041741827552, 1712.733116791969, 5241357727.3013353)]
    public void DesignTable_ThousandRunsOnVectorEngine_MatchesSpecification(int run, double e, double c, double totalPop, double b, double cc, double k)
    {
        var (plan, design, results) = Sweep.Value;
        Assert.Multiple(() =>
        {
            Assert.That(design.RunCount, Is.EqualTo(1000));
            Assert.That(design.Table.Ids![run], Is.EqualTo(run.ToString()));
            Assert.That(design.Table.Value(run, 0), Is.EqualTo(e), "prevention effect as read from the table");
            Assert.That(design.Table.Value(run, 1), Is.EqualTo(c), "community capacity as read from the table");
            Assert.That(results.Problems[run], Is.Null);
            AssertMatches(results.Values[run], totalPop, b, cc, k);
        });
        // The same operations in the same order as the reference evaluator: the same bits.
        var (outputs, _) = Simulator.SelectOutputs(plan, ["total pop", "B", "C", "K"]);
        var reference = Simulator.Run(plan, outputs, [e, c]).Rows[^1];
        Assert.That(results.Values[run], Is.EqualTo(reference), "vector engine against the reference evaluator, bit for bit");
    }

    private static void AssertMatches(IReadOnlyList<double> final, double totalPop, double b, double cc, double k)
    {
        Assert.That(final[0], Is.EqualTo(totalPop).Within(1e-7).Percent);
        Assert.That(final[1], Is.EqualTo(b).Within(1e-7).Percent);
        Assert.That(final[2], Is.EqualTo(cc).Within(1e-7).Percent);
        Assert.That(final[3], Is.EqualTo(k).Within(1e-7).Percent);
    }

    private static (EvaluationPlan, DesignInputs, BatchResults) RunSweep()
    {
        var diagnostics = new DiagnosticBag();
        var document = ModelPipeline.Read(TestModels.PathOf("benchmarks", "icb-bench", "icb-bench.json"), diagnostics)!;
        var (bound, analysis) = ModelPipeline.Check(document, diagnostics);
        string tablePath = TestModels.PathOf("benchmarks", "icb-bench", "icb-bench-scenarios.csv");
        var table = DesignTable.Read(new SourceFile(tablePath, File.ReadAllText(tablePath)), diagnostics);
        var design = table?.Bind(bound, analysis!, diagnostics);
        if (design is null) throw new AssertionException(DiagnosticRenderer.ToText(diagnostics.Items));
        var plan = PlanCompiler.Compile(bound, analysis!, design.Parameters);
        var (outputs, _) = Simulator.SelectOutputs(plan, ["total pop", "B", "C", "K"]);
        var runner = new BatchRunner(plan, RecordRequest.FinalValues(plan, outputs!), new BatchOptions { Threads = 2 });
        return (plan, design, BatchResults.Collect(runner, design));
    }
}
