using FsCheck;
using FsCheck.Fluent;
using Simulation.Engine.Scenarios;
using Simulation.Engine.Scenarios.Running;
using static Simulation.Tests.Scenarios.ExperimentFiles;
using static Simulation.Tests.Scenarios.SweepTestRuns;
using FsProperty = FsCheck.NUnit.PropertyAttribute;

namespace Simulation.Tests.Scenarios;

/// <summary>
/// The same seed gives byte-identical outputs whatever the engine (vector or reference), thread count or batch size;
/// and every scenario faces the same random futures (common random numbers), replications differ.
/// </summary>
public class SweepDeterminismProperties
{
    /// <summary>A stock fed by noise: RANDOM draws each step from the run's stream.</summary>
    private const string NoisyModel = """
        { "name": "noisy", "time": { "start": 0, "stop": 20, "dt": 0.25, "units": "years" },
          "variables": [
            { "name": "Level", "kind": "stock", "initial": 10, "inflows": ["Noise In"], "outflows": ["Decay"] },
            { "name": "Noise In", "kind": "flow", "equation": "Inflow Scale * RANDOM(0, 2)" },
            { "name": "Decay", "kind": "flow", "equation": "Level * Decay Rate" },
            { "name": "Inflow Scale", "kind": "auxiliary", "equation": 1, "input": true, "range": [0.5, 1.5] },
            { "name": "Decay Rate", "kind": "auxiliary", "equation": 0.1, "input": true, "range": [0.05, 0.2] },
            { "name": "Unrelated", "kind": "auxiliary", "equation": 1, "input": true }
          ] }
        """;

    private static string NoisyExperiment(int chunk) => Experiment(
        "\"seed\": 77, \"scenarios\": [ { \"name\": \"a\" }, { \"name\": \"b\", \"set\": { \"Decay Rate\": 0.15 } }, { \"name\": \"c\", \"set\": { \"Unrelated\": 5 } } ], " +
        "\"uncertainty\": { \"design\": \"latinHypercube\", \"samples\": 7, \"replications\": 3, \"inputs\": [ { \"input\": \"Inflow Scale\" } ] }, " +
        "\"outcomes\": [ { \"name\": \"final\", \"value\": \"Level\" }, { \"name\": \"total in\", \"total\": \"Noise In\" }, { \"name\": \"saved\", \"avoided\": \"final\" } ], " +
        $"\"outputs\": {{ \"series\": [\"Level\"], \"csv\": true, \"chunk\": {chunk} }}");

    private static Dictionary<string, byte[]> Files(string folder) =>
        Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);

    private static readonly Lazy<(CompiledExperiment Experiment, Dictionary<string, byte[]> Files)> Reference = new(() =>
    {
        using var files = new ExperimentFiles(NoisyModel);
        var experiment = files.CompileOk(NoisyExperiment(chunk: 5));
        string folder = files.PathOf("reference");
        Sweep(experiment, folder, engine: new ReferenceSweepEngine(threads: 1));
        return (experiment, Files(folder));
    });

    [FsProperty(MaxTest = 12)]
    public Property Sweep_AnyEngineThreadsAndBatchSize_WritesTheSameBytes() =>
        Prop.ForAll(Gen.Choose(1, 4).ToArbitrary(), Gen.Elements(4, 8, 16, 64, 0, 3).ToArbitrary(), (threads, lanes) =>
        {
            // lanes 0 and 3 stand for the reference engine with blocks of 1 and 3 runs per thread
            ISweepEngine engine = lanes % 4 == 0 && lanes > 0 ? new VectorSweepEngine(threads, lanes) : new ReferenceSweepEngine(threads, Math.Max(1, lanes));
            var (experiment, expected) = Reference.Value;
            string folder = Path.Combine(Path.GetTempPath(), "sim-det-" + Guid.NewGuid().ToString("N"));
            try
            {
                Sweep(experiment, folder, engine: engine);
                var actual = Files(folder);
                Assert.That(actual.Keys, Is.EquivalentTo(expected.Keys));
                foreach (var (name, bytes) in expected)
                    Assert.That(actual[name], Is.EqualTo(bytes), $"{name} on {engine.GetType().Name} with {threads} threads, batches of {lanes}");
            }
            finally
            {
                if (Directory.Exists(folder)) Directory.Delete(folder, true);
            }
        });

    [Test]
    public void Reference_WritesEveryTable()
    {
        Assert.That(Reference.Value.Files.Keys, Is.EquivalentTo(new[]
        {
            "runs.parquet", "outcomes.parquet", "series.parquet", "runs.csv", "outcomes.csv", "series.csv", "summary.csv", "summary.json", "sweep.json", ".sweep.lock",
        }));
    }

    [Test]
    public void CommonRandomNumbers_SameFutureSameNoise_ReplicationsDiffer()
    {
        var experiment = Reference.Value.Experiment;
        var a = Record(experiment, 0);
        var c = Record(experiment, 2);
        Assert.That(Record(experiment, 0, vector: true), Is.EqualTo(a), "the vector engine draws the same streams");
        for (int f = 0; f < experiment.Futures; f++)
            Assert.That(Series(experiment, c[f], "Level"), Is.EqualTo(Series(experiment, a[f], "Level")),
                $"future {f}: a scenario changing nothing that matters sees the very same random path");
        Assert.That(Series(experiment, a[1], "Level"), Is.Not.EqualTo(Series(experiment, a[0], "Level")), "replications of a sample draw different streams");
        var b = Record(experiment, 1);
        Assert.That(Series(experiment, b[0], "Level"), Is.Not.EqualTo(Series(experiment, a[0], "Level")));
    }

    [Test]
    public void Seed_ChangesTheOutputs()
    {
        using var files = new ExperimentFiles(NoisyModel);
        var other = files.CompileOk(NoisyExperiment(chunk: 5).Replace("\"seed\": 77", "\"seed\": 78"));
        string folder = files.PathOf("other");
        Sweep(other, folder);
        Assert.That(File.ReadAllBytes(Path.Combine(folder, "outcomes.parquet")), Is.Not.EqualTo(Reference.Value.Files["outcomes.parquet"]));
    }
}
