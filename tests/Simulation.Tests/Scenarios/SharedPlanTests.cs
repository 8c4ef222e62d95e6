using Simulation.Engine.Diagnostics;
using Simulation.Engine.Scenarios;
using Simulation.Engine.Scenarios.Running;
using static Simulation.Tests.Scenarios.ExperimentFiles;

namespace Simulation.Tests.Scenarios;

/// <summary>
/// Scenarios that only intervene share one plan and one step code (ExperimentCompiler.CompileShared), and every run gives
/// the bits its scenario's own plan gives: checked against each scenario compiled alone, on both engines.
/// </summary>
public class SharedPlanTests
{
    /// <summary>The experiment with every scenario compiled into a plan of its own, as before plans were shared.</summary>
    private static CompiledExperiment OwnPlans(CompiledExperiment shared)
    {
        var diagnostics = new DiagnosticBag();
        var resolved = ExperimentCompiler.Resolve(shared.Document, diagnostics)!;
        var own = resolved.Scenarios.Select(s => ExperimentCompiler.CompileScenario(resolved, s, resolved.Names.Fork(), diagnostics)!).ToList();
        Assert.That(diagnostics.HasErrors, Is.False, DiagnosticRenderer.ToText(diagnostics.Items));
        return shared with { Scenarios = [.. own] };
    }

    private static List<(long[] Bits, FutureProblem? Problem)> Record(CompiledExperiment experiment, int scenario, int futures, ISweepEngine engine)
    {
        var sink = new Sink();
        engine.Run(experiment, experiment.Scenarios[scenario], 0, futures, sink, CancellationToken.None);
        return sink.Rows;
    }

    private static void AssertSameBits(CompiledExperiment shared, int futures, bool reference = true)
    {
        var own = OwnPlans(shared);
        var engines = new List<Func<ISweepEngine>> { () => new VectorSweepEngine(threads: 1, lanes: 4) };
        if (reference) engines.Add(() => new ReferenceSweepEngine());
        foreach (var engine in engines)
            for (int s = 0; s < shared.Scenarios.Length; s++)
            {
                var expected = Record(own, s, futures, engine());
                var actual = Record(shared, s, futures, engine());
                for (int f = 0; f < futures; f++)
                {
                    Assert.That(actual[f].Bits, Is.EqualTo(expected[f].Bits), $"scenario '{shared.Scenarios[s].Name}', future {f}, {engine().GetType().Name}");
                    Assert.That(actual[f].Problem?.Time, Is.EqualTo(expected[f].Problem?.Time), $"scenario '{shared.Scenarios[s].Name}', future {f}: the problem");
                }
            }
    }

    internal static CompiledExperiment Bundled(string name, string samples, string fewer)
    {
        string text = File.ReadAllText(TestModels.PathOf("scenarios", name)).Replace(samples, fewer).Replace("\"../models/", $"\"{TestModels.PathOf("models")}/");
        var diagnostics = new DiagnosticBag();
        var experiment = ExperimentCompiler.Compile(Engine.Scenarios.Format.ExperimentJsonReader.Read(new SourceFile(TestModels.PathOf("scenarios", name), text), diagnostics)!, diagnostics);
        Assert.That(experiment, Is.Not.Null, DiagnosticRenderer.ToText(diagnostics.Items));
        return experiment!;
    }

    [TestCase("illness-to-prevention.json", "\"samples\": 200", "\"samples\": 8", 8, 10)]
    [TestCase("hospital-beds.json", "\"samples\": 100", "\"samples\": 8", 8, 3)]
    [TestCase("ageing-chain.json", "\"samples\": 100", "\"samples\": 8", 8, 4)]
    public void BundledExperiment_SharedPlan_GivesEveryScenarioTheBitsOfItsOwnPlan(string name, string samples, string fewer, int futures, int sharing)
    {
        var shared = Bundled(name, samples, fewer);
        Assert.That(shared.Scenarios.GroupBy(s => s.Plan).Max(g => g.Count()), Is.EqualTo(sharing), "scenarios that only intervene share one plan");
        AssertSameBits(shared, futures);
    }

    [Test]
    public void HospitalToCommunity_SharedPlan_GivesEveryScenarioTheBitsOfItsOwnPlan()
    {
        var shared = Bundled("hospital-to-community.json", "\"samples\": 100", "\"samples\": 4");
        Assert.That(shared.Scenarios.GroupBy(s => s.Plan).Max(g => g.Count()), Is.GreaterThan(1));
        AssertSameBits(shared, futures: 4, reference: false);
    }

    /// <summary>
    /// Out = Stock * X * A * B with X, A and B constant in the baseline: its own plan multiplies X * A * B once and the
    /// stock by that; a scenario changing X at time 5 multiplies (Stock * X) by A * B, one changing A at 5 (Stock * A)
    /// by X * B. The shared plan computes each of these groupings and the scenario chooses; grouped any one way, some
    /// scenario's bits would differ (checked here: the groupings give different trajectories for these values).
    /// </summary>
    [Test]
    public void Products_AreGroupedAsEachScenariosOwnPlanGroupsThem()
    {
        const string model = """
            { "name": "products", "time": { "start": 0, "stop": 10, "dt": 0.5 },
              "variables": [
                { "name": "Stock", "kind": "stock", "initial": 100, "outflows": ["Out"] },
                { "name": "Out", "kind": "flow", "equation": "Stock * X * A * B" },
                { "name": "X", "kind": "auxiliary", "equation": 0.1, "input": true },
                { "name": "A", "kind": "auxiliary", "equation": 0.33, "input": true },
                { "name": "B", "kind": "auxiliary", "equation": 0.7, "input": true } ] }
            """;
        using var files = new ExperimentFiles(model);
        var shared = files.CompileOk(Experiment("""
            "scenarios": [ { "name": "baseline" },
              { "name": "x later", "interventions": [ { "input": "X", "at": 5, "set": 0.2 } ] },
              { "name": "a later", "interventions": [ { "input": "A", "at": 5, "multiply": 1.5 } ] } ],
            "outcomes": [ { "name": "left", "value": "Stock" } ], "outputs": { "series": ["Stock", "Out"] }
            """));
        Assert.That(shared.Scenarios.Select(s => s.Plan).Distinct().Count(), Is.EqualTo(1));
        AssertSameBits(shared, futures: 1);

        double Euler(Func<double, double> outflow)
        {
            double stock = 100;
            for (int i = 0; i < 20; i++) stock += 0.5 * -outflow(stock);
            return stock;
        }
        double plain = Euler(s => s * 0.1 * 0.33 * 0.7);
        Assert.That(new[] { Euler(s => s * (0.1 * 0.33 * 0.7)), Euler(s => s * 0.1 * (0.33 * 0.7)) }, Has.None.EqualTo(plain),
            "the test can fail: these groupings give other bits");
    }

    [Test]
    public void ScenarioThatOverridesADefinition_KeepsItsOwnPlan()
    {
        using var files = new ExperimentFiles();
        var experiment = files.CompileOk(Experiment("""
            "scenarios": [ { "name": "baseline" }, { "name": "later", "interventions": [ { "input": "Rate", "at": 5, "set": 0.2 } ] },
              { "name": "faster", "set": { "Rate": 0.15 } } ]
            """));
        Assert.That(experiment.Scenarios[0].Plan, Is.SameAs(experiment.Scenarios[1].Plan));
        Assert.That(experiment.Scenarios[2].Plan, Is.Not.SameAs(experiment.Scenarios[0].Plan));
        Assert.That(experiment.Scenarios[2].Variant, Is.Null);
        AssertSameBits(experiment, futures: 1);
    }

    /// <summary>Random draws are numbered by call site in the order the plan computes them: a model that draws keeps a plan per scenario.</summary>
    [Test]
    public void ModelThatDrawsRandomNumbers_KeepsAPlanPerScenario()
    {
        using var files = new ExperimentFiles(Model.Replace("\"equation\": \"Out * 10\"", "\"equation\": \"Out * RANDOM(0, 10)\""));
        var experiment = files.CompileOk(Experiment("""
            "scenarios": [ { "name": "baseline" }, { "name": "later", "interventions": [ { "input": "Rate", "at": 5, "set": 0.2 } ] } ]
            """));
        Assert.That(experiment.Scenarios[1].Plan, Is.Not.SameAs(experiment.Scenarios[0].Plan));
        Assert.That(experiment.Scenarios.Select(s => s.Variant), Is.All.Null);
    }

    private sealed class Sink : IFutureSink
    {
        public List<(long[], FutureProblem?)> Rows { get; } = new();

        public void Accept(int future, ReadOnlySpan<double> values, FutureProblem? problem) =>
            Rows.Add((values.ToArray().Select(BitConverter.DoubleToInt64Bits).ToArray(), problem));
    }
}
