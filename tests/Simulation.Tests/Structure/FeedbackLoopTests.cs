using Simulation.Engine;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Structure;

namespace Simulation.Tests.Structure;

/// <summary>Feedback loops (Johnson's elementary circuits) and their polarity, on models whose loops are known.</summary>
public class FeedbackLoopTests
{
    /// <summary>The structure of a model file, which must check clean.</summary>
    internal static StructureGraph GraphOf(string path)
    {
        var diagnostics = new DiagnosticBag();
        var document = ModelPipeline.Read(path, diagnostics)!;
        var (bound, analysis) = ModelPipeline.Check(document, diagnostics);
        Assert.That(analysis, Is.Not.Null, DiagnosticRenderer.ToText(diagnostics.Items));
        return StructureGraph.Build(bound);
    }

    private static StructureGraph GraphOfJson(string variables) =>
        StructureGraph.Build(TestModels.Bind(TestModels.Model(variables)));

    private static List<string> Describe(StructureGraph graph, LoopSearch search) =>
        [.. search.Loops.Select(l => $"{l.PolarityName}: {string.Join(" -> ", l.Nodes.Select(i => graph.Nodes[i].Name))}").Order()];

    [Test]
    public void Sir_ThreeLoops_OneReinforcingTwoBalancing()
    {
        var graph = GraphOf(TestModels.PathOf("models", "sir.json"));
        var search = FeedbackLoops.Find(graph);
        Assert.That(search.Capped, Is.False);
        Assert.That(Describe(graph, search), Is.EqualTo(new[]
        {
            "balancing: Infected -> Recovery",
            "balancing: Susceptible -> Infection",
            "reinforcing: Infected -> Infection",
        }));
    }

    [Test]
    public void Teacup_OneBalancingLoop()
    {
        var graph = GraphOf(TestModels.PathOf("models", "teacup.json"));
        Assert.That(Describe(graph, FeedbackLoops.Find(graph)), Is.EqualTo(new[] { "balancing: Teacup Temperature -> Heat Loss to Room" }));
    }

    [Test]
    public void CompleteGraph_CountsEveryElementaryCircuit()
    {
        // Every node reads every other: the elementary circuits of the complete digraph on n nodes number
        // sum over k = 2..n of C(n, k) (k - 1)!, 84 for n = 5 (an independent count).
        string[] names = ["a", "b", "c", "d", "e"];
        var variables = names.Select(n => $$"""{ "name": "{{n}}", "kind": "auxiliary", "equation": "{{string.Join(" + ", names.Where(m => m != n).Select(m => $"PREVIOUS({m}, 1)"))}}" }""");
        var graph = GraphOfJson(string.Join(", ", variables));
        var search = FeedbackLoops.Find(graph);
        Assert.That(search.Loops, Has.Length.EqualTo(84));
        Assert.That(search.Loops.Select(l => string.Join(",", l.Nodes)).Distinct().Count(), Is.EqualTo(84), "no circuit twice");
        Assert.That(search.Loops.All(l => l.Polarity == Polarity.Positive), Is.True, "sums of PREVIOUS only: every link positive");
    }

    [Test]
    public void Cap_StopsAndSaysSo()
    {
        string[] names = ["a", "b", "c", "d", "e"];
        var variables = names.Select(n => $$"""{ "name": "{{n}}", "kind": "auxiliary", "equation": "{{string.Join(" + ", names.Where(m => m != n).Select(m => $"PREVIOUS({m}, 1)"))}}" }""");
        var search = FeedbackLoops.Find(GraphOfJson(string.Join(", ", variables)), cap: 10);
        Assert.That(search.Capped, Is.True);
        Assert.That(search.Loops, Has.Length.EqualTo(10));
    }

    [Test]
    public void StockInitialValue_IsNotALoop()
    {
        var graph = GraphOfJson("""
            { "name": "s", "kind": "stock", "initial": "k", "inflows": ["f"] },
            { "name": "f", "kind": "flow", "equation": "k" },
            { "name": "k", "kind": "auxiliary", "equation": "2" }
            """);
        Assert.That(FeedbackLoops.Find(graph).Loops, Is.Empty);
    }

    [TestCase("s * r", "reinforcing")]
    [TestCase("(goal - s) / t", "balancing")]
    [TestCase("r / (1 + 1 / s)", "reinforcing")]
    [TestCase("t / s", "balancing")]
    [TestCase("SMTH1(s, t) * r", "reinforcing")]
    [TestCase("MAX(0, goal - s) / t", "balancing")]
    [TestCase("IF_THEN_ELSE(s > goal, 1, 2)", "unknown")]
    [TestCase("rises(s)", "reinforcing")]
    [TestCase("falls(s)", "balancing")]
    [TestCase("humps(s)", "unknown")]
    [TestCase("s * -2", "balancing")]
    [TestCase("s ^ 2", "reinforcing")]
    [TestCase("SIN(s)", "unknown")]
    public void InflowPolarity_FromTheEquationsSigns(string inflow, string polarity)
    {
        var graph = GraphOfJson($$"""
            { "name": "s", "kind": "stock", "initial": 1, "inflows": ["f"] },
            { "name": "f", "kind": "flow", "equation": "{{inflow}}" },
            { "name": "r", "kind": "auxiliary", "equation": 0.1 },
            { "name": "t", "kind": "auxiliary", "equation": 5 },
            { "name": "goal", "kind": "auxiliary", "equation": 10 },
            { "name": "rises", "kind": "graphical", "graph": { "x": [0, 1, 2], "y": [0, 1, 1] } },
            { "name": "falls", "kind": "graphical", "graph": { "x": [0, 1, 2], "y": [3, 1, 0] } },
            { "name": "humps", "kind": "graphical", "graph": { "x": [0, 1, 2], "y": [0, 1, 0] } }
            """);
        var loop = FeedbackLoops.Find(graph).Loops.Single();
        Assert.That(loop.PolarityName, Is.EqualTo(polarity));
    }

    [Test]
    public void OutflowDrainingItsStock_IsBalancing()
    {
        var graph = GraphOfJson("""
            { "name": "s", "kind": "stock", "initial": 1, "outflows": ["f"] },
            { "name": "f", "kind": "flow", "equation": "s / 4" }
            """);
        Assert.That(FeedbackLoops.Find(graph).Loops.Single().PolarityName, Is.EqualTo("balancing"));
    }
}
