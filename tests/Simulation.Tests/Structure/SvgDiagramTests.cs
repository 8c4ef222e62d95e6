using System.Xml.Linq;
using Simulation.Engine.Model;
using Simulation.Engine.Structure;
using Simulation.Reporting.Diagrams;
using Simulation.Tests.Cli;

namespace Simulation.Tests.Structure;

/// <summary>
/// <c>sim graph --format svg</c>: the geometry MSAGL lays out is checked as geometry (every pipe and link ends on the
/// node it names, no two boxes overlap, everything within the picture), and the SVG drawn from it as XML.
/// </summary>
public class SvgDiagramTests
{
    internal static StructureGraph GraphOf(string model) => FeedbackLoopTests.GraphOf(TestModels.PathOf("models", model));

    private static DiagramGeometry Lay(string model, IReadOnlySet<int>? only = null)
    {
        var graph = GraphOf(model);
        return StockFlowLayout.Lay(new DiagramParts(graph, only ?? Enumerable.Range(0, graph.Nodes.Length).ToHashSet()));
    }

    private static PlacedNode NodeNamed(DiagramGeometry d, string name) => d.Nodes.Single(n => d.Parts.Graph.Nodes[n.Node].Name == name);

    /// <summary>How far a point is from a box's outline (0 on it).</summary>
    private static double FromOutline(PlacedNode box, Pt p)
    {
        double dx = Math.Abs(p.X - box.X) - box.Width / 2, dy = Math.Abs(p.Y - box.Y) - box.Height / 2;
        return dx <= 0 && dy <= 0 ? -Math.Max(dx, dy) : Math.Sqrt(Math.Pow(Math.Max(dx, 0), 2) + Math.Pow(Math.Max(dy, 0), 2));
    }

    /// <summary>How far a point is from where a link may end on a node: its outline, or a flow's valve.</summary>
    private static double FromEnd(DiagramGeometry d, PlacedNode node, Pt p) =>
        d.KindOf(node) == VariableKind.Flow ? Math.Abs((p - node.Centre).Length - StockFlowLayout.ValveRadius) : FromOutline(node, p);

    private static bool Inside(PlacedNode inner, PlacedNode outer) =>
        inner.Node == -1 && inner.Left >= outer.Left - 0.01 && inner.Left + inner.Width <= outer.Left + outer.Width + 0.01
        && inner.Top >= outer.Top - 0.01 && inner.Top + inner.Height <= outer.Top + outer.Height + 0.01;

    [TestCase("sir.json")]
    [TestCase("teacup.json")]
    [TestCase("hospital-beds.json")]
    [TestCase("ageing-chain.json")]
    public void Layout_EveryLinkAndPipeEndsOnItsNodes_NoBoxesOverlap_AllWithinThePicture(string model)
    {
        var d = Lay(model);
        var byIndex = d.Nodes.ToDictionary(n => n.Node);
        Assert.Multiple(() =>
        {
            Assert.That(d.Nodes, Has.Count.EqualTo(d.Parts.Graph.Nodes.Length));
            Assert.That(d.Links, Has.Count.EqualTo(d.Parts.InformationLinks.Count));
            Assert.That(d.Pipes, Has.Count.EqualTo(d.Parts.Graph.Nodes.Count(n => n.Kind == VariableKind.Flow)));
            foreach (var link in d.Links)
            {
                string what = $"{d.Parts.Graph.Nodes[link.Link.From].Name} -> {d.Parts.Graph.Nodes[link.Link.To].Name}";
                Assert.That(FromEnd(d, byIndex[link.Link.From], link.Path.Start), Is.LessThan(2.5), what + " starts on its cause");
                Assert.That(FromEnd(d, byIndex[link.Link.To], link.Head.Tip), Is.LessThan(2.5), what + " points at its effect");
                Assert.That((link.Head.Tip - link.Path.End).Length, Is.InRange(4, 12), what + ": an arrowhead where the curve ends");
            }
            foreach (var pipe in d.Pipes)
            {
                var flow = byIndex[pipe.Pipe.Flow];
                Assert.That((pipe.Valve - flow.Centre).Length, Is.LessThan(0.01), "the valve is the flow's node");
                Assert.That(pipe.Path.Segments.SelectMany(s => s).Any(p => (p - pipe.Valve).Length < 0.01), "the pipe runs through its valve");
                var source = pipe.Pipe.Source is int s ? byIndex[s] : d.Clouds.MinBy(c => (c.Centre - pipe.Path.Start).Length)!;
                var target = pipe.Pipe.Target is int t ? byIndex[t] : d.Clouds.MinBy(c => (c.Centre - pipe.Head.Tip).Length)!;
                Assert.That(FromOutline(source, pipe.Path.Start), Is.LessThan(1.5), $"{d.Parts.Graph.Nodes[pipe.Pipe.Flow].Name} starts on its source");
                Assert.That(FromOutline(target, pipe.Head.Tip), Is.LessThan(1.5), $"{d.Parts.Graph.Nodes[pipe.Pipe.Flow].Name} ends on its target");
            }
            var boxes = d.Nodes.Concat(d.Clouds).ToList();
            for (int a = 0; a < boxes.Count; a++)
            {
                Assert.That(boxes[a].Left, Is.GreaterThanOrEqualTo(0));
                Assert.That(boxes[a].Top, Is.GreaterThanOrEqualTo(0));
                Assert.That(boxes[a].Left + boxes[a].Width, Is.LessThanOrEqualTo(d.Width));
                Assert.That(boxes[a].Top + boxes[a].Height, Is.LessThanOrEqualTo(d.Height));
                for (int b = a + 1; b < boxes.Count; b++)
                {
                    // a flow's box keeps room beside its valve for its clouds
                    if (boxes[a].Node >= 0 && Inside(boxes[b], boxes[a]) && d.KindOf(boxes[a]) == VariableKind.Flow) continue;
                    bool apart = boxes[a].Left + boxes[a].Width <= boxes[b].Left + 0.5 || boxes[b].Left + boxes[b].Width <= boxes[a].Left + 0.5
                        || boxes[a].Top + boxes[a].Height <= boxes[b].Top + 0.5 || boxes[b].Top + boxes[b].Height <= boxes[a].Top + 0.5;
                    Assert.That(apart, $"boxes {boxes[a]} and {boxes[b]} overlap");
                }
            }
            var drawn = d.Links.SelectMany(l => l.Path.Segments.SelectMany(s => s).Prepend(l.Path.Start))
                .Concat(d.Pipes.SelectMany(p => p.Path.Segments.SelectMany(s => s)));
            Assert.That(drawn.All(p => p.X >= 0 && p.Y >= 0 && p.X <= d.Width && p.Y <= d.Height), "curves within the picture");
        });
    }

    [Test]
    public void Sir_TheMainChainIsOneStraightRow()
    {
        var d = Lay("sir.json");
        var chain = new[] { "Susceptible", "Infection", "Infected", "Recovery", "Recovered" }.Select(n => NodeNamed(d, n)).ToList();
        Assert.That(chain.Select(n => n.Y - chain[0].Y), Is.All.EqualTo(0).Within(0.01), "one row");
        Assert.That(chain.Select(n => n.X), Is.Ordered.Ascending, "left to right, as the people move");
        foreach (var pipe in d.Pipes)
            Assert.That(pipe.Path.Segments.All(s => s.Length == 1 && Math.Abs(s[0].Y - pipe.Valve.Y) < 0.01), "a straight pipe");
    }

    [Test]
    public void Svg_Sir_IsWellFormed_WithItsStocksValvesAndSignedLinks()
    {
        var graph = GraphOf("sir.json");
        var svg = XDocument.Parse(SvgDiagram.Of(graph, "SIR"));
        XNamespace ns = "http://www.w3.org/2000/svg";
        var groups = svg.Descendants(ns + "g").ToList();
        string[] Named(string kind) => [.. groups.Where(g => (string?)g.Attribute("class") == kind).Select(g => (string)g.Attribute("data-variable")!)];
        Assert.Multiple(() =>
        {
            Assert.That(svg.Root!.Element(ns + "title")!.Value, Is.EqualTo("SIR"));
            Assert.That(Named("stock"), Is.EqualTo(new[] { "Susceptible", "Infected", "Recovered" }));
            Assert.That(Named("flow"), Is.EqualTo(new[] { "Infection", "Recovery" }));
            Assert.That(svg.Descendants(ns + "path").Count(p => (string?)p.Attribute("class") == "valve"), Is.EqualTo(2));
            Assert.That(svg.Descendants(ns + "path").Count(p => (string?)p.Attribute("class") == "cloud"), Is.Zero, "SIR is closed");
            var titles = svg.Descendants(ns + "title").Select(t => t.Value).ToList();
            Assert.That(titles, Does.Contain("Duration of Illness \u2192 Recovery (information, -)"));
            Assert.That(titles, Does.Contain("Population \u2192 Susceptible (initial value, +)"));
            int signed = graph.Links.Count(l => l.Kind != LinkKind.Flow && l.Polarity is Polarity.Positive or Polarity.Negative);
            Assert.That(svg.Descendants(ns + "text").Count(t => (string?)t.Attribute("class") == "polarity"), Is.EqualTo(signed));
        });
    }

    [Test]
    public void Svg_ArraysAreOneStackedNodeWithTheirDimensions_CloudsAtOpenEnds()
    {
        var svg = XDocument.Parse(SvgDiagram.Of(GraphOf("ageing-chain.json"), "ageing chain"));
        XNamespace ns = "http://www.w3.org/2000/svg";
        var population = svg.Descendants(ns + "g").Single(g => (string?)g.Attribute("data-variable") == "Population");
        Assert.That(population.Elements(ns + "rect").Count(), Is.EqualTo(2), "an array is drawn as a stack");
        Assert.That(population.Elements(ns + "text").Select(t => t.Value), Is.EqualTo(new[] { "Population", "[Age, Deprivation]" }));
        int clouds = svg.Descendants(ns + "path").Count(p => (string?)p.Attribute("class") == "cloud");
        Assert.That(clouds, Is.EqualTo(4), "births from, deaths and ageing to and from outside the model");
    }

    [Test]
    public void Svg_IsTheSameEveryTime()
    {
        var graph = GraphOf("hospital-beds.json");
        Assert.That(SvgDiagram.Of(graph, "beds"), Is.EqualTo(SvgDiagram.Of(graph, "beds")));
    }

    [Test]
    public void Cli_Svg_ToAFile_FocusedAndStocksAndFlowsOnly()
    {
        string file = Path.Combine(Path.GetTempPath(), $"sim-graph-{Guid.NewGuid():N}.svg");
        try
        {
            var r = SimProcess.Run("graph", "models/hospital-beds.json", "--format", "svg", "--stocks-and-flows", "--output", file);
            Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
            var svg = XDocument.Load(file);
            var names = svg.Descendants().Select(e => (string?)e.Attribute("data-variable")).OfType<string>().ToList();
            Assert.That(names, Does.Contain("Acute Patients").And.Contain("Admissions").And.Not.Contain("Bed Base"), "no auxiliaries");
            Assert.That(r.Stderr, Does.Contain($"to {file}"));

            r = SimProcess.Run("graph", "models/sir.json", "--format", "svg", "--focus", "Recovery", "--depth", "1");
            Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
            Assert.That(r.Stdout, Does.StartWith("<svg ").And.Contain("data-variable=\"Duration of Illness\"").And.Not.Contain("data-variable=\"Contact Rate\""));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void Cli_GraphvizLayout_WhenDotIsInstalled()
    {
        var r = SimProcess.Run("graph", "models/sir.json", "--format", "svg", "--layout", "graphviz");
        if (r.ExitCode == 2 && r.Stderr.Contains("not installed")) Assert.Ignore("Graphviz's dot is not installed: the optional layout is not tested");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(r.Stdout, Does.Contain("<svg").And.Contain("Susceptible").And.Contain("Generated by graphviz"));
    }

    [TestCase("--format", "mermaid", "--layout", "graphviz")]
    [TestCase("--format", "svg", "--layout", "circles")]
    public void Cli_LayoutMisuse_ExitsTwo(params string[] options)
    {
        var r = SimProcess.Run(["graph", "models/sir.json", .. options]);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stdout + r.Stderr);
        Assert.That(r.Stderr, Does.Contain("--layout").And.Not.Contain("   at "));
    }
}
