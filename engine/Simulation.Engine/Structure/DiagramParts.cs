using Simulation.Engine.Model;

namespace Simulation.Engine.Structure;

/// <summary>A flow drawn as a pipe from the stock it drains to the stock it fills; a null end is a cloud.</summary>
public sealed record Pipe(int Flow, int? Source, int? Target);

/// <summary>
/// What a stock-and-flow diagram draws of a <see cref="StructureGraph"/>: the nodes shown (all, or those around a
/// focus), each shown flow as a pipe between shown stocks or clouds (a stock not shown is a cloud), and the
/// information and initial-value links between shown nodes. One home for the choice, whatever draws it (Mermaid,
/// Graphviz or SVG).
/// </summary>
public sealed class DiagramParts
{
    private readonly HashSet<int> _shown;

    public DiagramParts(StructureGraph graph, IReadOnlySet<int>? only = null)
    {
        Graph = graph;
        Shown = [.. Enumerable.Range(0, graph.Nodes.Length).Where(i => only is null || only.Contains(i))];
        _shown = [.. Shown];
        Pipes = [.. Shown.Where(i => graph.Nodes[i].Kind == VariableKind.Flow).Select(PipeOf)];
        InformationLinks = [.. graph.Links.Where(l => l.Kind != LinkKind.Flow && _shown.Contains(l.From) && _shown.Contains(l.To) && l.From != l.To)];
    }

    public StructureGraph Graph { get; }

    /// <summary>The node indices drawn, in model order.</summary>
    public IReadOnlyList<int> Shown { get; }

    public IReadOnlyList<Pipe> Pipes { get; }

    /// <summary>Information and initial-value links between shown nodes (a flow's own pipe is not one).</summary>
    public IReadOnlyList<StructureLink> InformationLinks { get; }

    /// <summary>The stocks and flows only, without auxiliaries or graphical functions: a model's main chains.</summary>
    public static IReadOnlySet<int> StocksAndFlows(StructureGraph graph) =>
        Enumerable.Range(0, graph.Nodes.Length).Where(i => graph.Nodes[i].Kind is VariableKind.Stock or VariableKind.Flow).ToHashSet();

    /// <summary>A node's name and, for an array, its dimensions on a second line.</summary>
    public static IReadOnlyList<string> LabelLines(StructureNode node) =>
        node.Dimensions.IsEmpty ? [node.Name] : [node.Name, $"[{string.Join(", ", node.Dimensions)}]"];

    private Pipe PipeOf(int flow)
    {
        var (source, target) = Graph.Ends(flow);
        return new Pipe(flow, source is int s && _shown.Contains(s) ? s : null, target is int t && _shown.Contains(t) ? t : null);
    }
}
