using Simulation.Engine.Structure;
using Simulation.Tests.Cli;

namespace Simulation.Tests.Structure;

/// <summary><c>sim graph</c> and <c>sim loops</c> from the command line, and the diagrams they write.</summary>
public class DiagramTests
{
    [Test]
    public void Graph_Sir_Mermaid_StocksFlowsAndSignedLinks()
    {
        var r = SimProcess.Run("graph", "models/sir.json");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        var lines = r.Stdout.Split('\n');
        Assert.That(lines[0], Is.EqualTo("flowchart LR"));
        Assert.That(lines, Does.Contain("  n0[\"Susceptible\"]"), "a stock is a box");
        Assert.That(lines, Does.Contain("  n3{{\"Infection\"}}"), "a flow is a valve");
        Assert.That(lines, Does.Contain("  n0 ==> n3 ==> n1"), "Infection drains Susceptible into Infected");
        Assert.That(lines, Does.Not.Contain("  n2 ==> n4 ==> n2"), "no pipe from a stock to itself");
        Assert.That(lines, Does.Contain("  n1 ==> n4 ==> n2"));
        Assert.That(lines, Does.Contain("  n9 -.->|\"-\"| n4"), "Recovery falls as Duration of Illness grows");
        Assert.That(lines, Does.Contain("  n1 -.->|\"+\"| n3"));
    }

    [Test]
    public void Graph_Dot_ArraysAreOneNodeWithTheirDimensions_CloudsAtOpenEnds()
    {
        var r = SimProcess.Run("graph", "models/ageing-chain.json", "--format", "dot");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(r.Stdout, Does.StartWith("digraph \""));
        Assert.That(r.Stdout, Does.Contain("[label=\"Population\\n[Age, Deprivation]\", shape=box"));
        Assert.That(r.Stdout, Does.Contain("cloud_in_").And.Contain("shape=circle, style=dashed"), "births come from a cloud");
        Assert.That(r.Stdout.TrimEnd(), Does.EndWith("}"));
    }

    [Test]
    public void Graph_FocusAndDepth_DrawOnlyTheNeighbourhood_ToAFile()
    {
        string file = Path.Combine(Path.GetTempPath(), $"sim-graph-{Guid.NewGuid():N}.mmd");
        try
        {
            var r = SimProcess.Run("graph", "models/sir.json", "--focus", "Recovery", "--depth", "1", "--output", file);
            Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
            string text = File.ReadAllText(file);
            Assert.That(text, Does.Contain("\"Recovery\"").And.Contain("\"Infected\"").And.Contain("\"Recovered\"").And.Contain("\"Duration of Illness\""));
            Assert.That(text, Does.Not.Contain("\"Susceptible\"").And.Not.Contain("\"Contact Rate\""));
            Assert.That(r.Stderr, Does.Contain($"to {file}"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestCase("graph", "models/sir.json", "--format", "png")]
    [TestCase("graph", "models/sir.json", "--focus", "Nobody")]
    [TestCase("loops", "models/sir.json", "--max", "0")]
    [TestCase("loops", "models/sir.json", "--format", "xml")]
    [TestCase("loops", "models/sir.json", "--format", "csv")]
    [TestCase("loops", "models/sir.json", "--dominance", "--format", "xml")]
    [TestCase("loops", "models/sir.json", "--output", "loops.svg")]
    [TestCase("loops", "models/sir.json", "--set", "Contact Rate=8")]
    [TestCase("loops", "models/sir.json", "--dominance", "--set", "Nobody=8")]
    [TestCase("loops", "models/sir.json", "--dominance", "--format", "csv", "--output", "loops.png")]
    public void Graph_And_Loops_UsageErrors_ExitTwo(params string[] args)
    {
        var r = SimProcess.Run(args);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stdout + r.Stderr);
        Assert.That(r.Stderr, Does.Not.Contain("   at "));
    }

    [Test]
    public void Loops_Sir_Text()
    {
        var r = SimProcess.Run("loops", "models/sir.json");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(r.Stdout, Does.Contain("reinforcing  Infected -> Infection -> Infected"));
        Assert.That(r.Stdout, Does.Contain("3 feedback loops (2 balancing, 1 reinforcing)"));
    }

    [Test]
    public void Loops_Json_TheIssuesShape()
    {
        var r = SimProcess.Run("loops", "models/teacup.json", "--format", "json");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        var json = Newtonsoft.Json.Linq.JObject.Parse(r.Stdout);
        var loop = json["loops"]!.Single();
        Assert.That(loop["variables"]!.Select(v => (string?)v), Is.EqualTo(new[] { "Teacup Temperature", "Heat Loss to Room" }));
        Assert.That((string?)loop["polarity"], Is.EqualTo("balancing"));
        Assert.That((bool)json["capped"]!, Is.False);
    }

    [TestCase("hospital-to-community.json")]
    [TestCase("illness-to-prevention.json")]
    public void Loops_NhsModels_FoundWithinTheCap(string model)
    {
        var diagnostics = new Simulation.Engine.Diagnostics.DiagnosticBag();
        var document = Simulation.Engine.ModelPipeline.Read(TestModels.PathOf("models", model), diagnostics)!;
        var (bound, _) = Simulation.Engine.ModelPipeline.Check(document, diagnostics);
        var graph = StructureGraph.Build(bound);
        var search = FeedbackLoops.Find(graph);
        Assert.That(search.Loops, Is.Not.Empty);
        Assert.That(search.Loops.All(l => l.Nodes.Distinct().Count() == l.Nodes.Length), Is.True, "elementary: no variable twice");
        TestContext.Out.WriteLine($"{model}: {search.Loops.Length} loops, capped {search.Capped}, "
            + string.Join(", ", search.Loops.GroupBy(l => l.PolarityName).Select(g => $"{g.Count()} {g.Key}")));
    }
}
