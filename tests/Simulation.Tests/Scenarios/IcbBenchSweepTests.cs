using Simulation.Engine.Diagnostics;
using Simulation.Engine.Scenarios;
using Simulation.Engine.Scenarios.Running;

namespace Simulation.Tests.Scenarios;

/// <summary>
/// The icb-bench 1,000-run sweep as an experiment (benchmarks/icb-bench/icb-bench-sweep.json): a table design over the
/// spec's design table, final values as outcomes, on the vector engine, against the spec's cross-check values.
/// </summary>
public class IcbBenchSweepTests
{
    [Test]
    public void IcbBenchExperiment_OnTheVectorEngine_MatchesTheSpecificationsCrossChecks()
    {
        var diagnostics = new DiagnosticBag();
        var experiment = ExperimentCompiler.CompileFile(TestModels.PathOf("benchmarks", "icb-bench", "icb-bench-sweep.json"), diagnostics);
        Assert.That(experiment, Is.Not.Null, DiagnosticRenderer.ToText(diagnostics.Items));
        Assert.That(experiment!.Runs, Is.EqualTo(1000));
        string folder = Path.Combine(Path.GetTempPath(), "sim-icb-" + Guid.NewGuid().ToString("N"));
        try
        {
            Assert.That(SweepTestRuns.Sweep(experiment, folder, engine: new VectorSweepEngine(threads: 2)), Is.EqualTo(SweepStatus.Completed));
            var o = SweepTestRuns.Outcomes(folder);
            (int Run, double TotalPop, double B, double C, double K)[] checks =
            [
                (0, 860591.61145481793, 2236.6136206278011, 1348.5454611914979, 5660284560.1980705),
                (7, 862824.94799167057, 1652.3946137047776, 2297.9146133861186, 5014758608.5843678),
                (999, 863443.64222428971, 1899.041741827552, 1712.733116791969, 5241357727.3013353),
            ];
            foreach (var (run, totalPop, b, c, k) in checks)
            {
                Assert.That(o[(run, "total pop", "")], Is.EqualTo(totalPop).Within(1e-9 * totalPop), $"run {run}");
                Assert.That(o[(run, "B", "")], Is.EqualTo(b).Within(1e-9 * b), $"run {run}");
                Assert.That(o[(run, "C", "")], Is.EqualTo(c).Within(1e-9 * c), $"run {run}");
                Assert.That(o[(run, "K", "")], Is.EqualTo(k).Within(1e-9 * k), $"run {run}");
            }
            var runs = SweepTestRuns.ReadTable(Path.Combine(folder, "runs.parquet"));
            Assert.That(runs[7]["prevention_effect"], Is.EqualTo(0.16311896062463216), "the table's values, by column name as written");
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, true);
        }
    }
}
