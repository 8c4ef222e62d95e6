using System.Globalization;
using System.Text;
using Simulation.Engine.Model;

namespace Simulation.Engine.Structure;

/// <summary>
/// Writes a <see cref="StructureGraph"/> (or the part of it around a focus) as a stock-and-flow diagram for Mermaid
/// or Graphviz: stocks as boxes, flows as valves on thick arrows from the stock they drain (or a cloud) to the stock
/// they fill (or a cloud), auxiliaries as rounded nodes, graphical functions as parallelograms, information links as
/// dotted arrows labelled + or - where their polarity is known. An arrayed variable is one node with its dimensions.
/// </summary>
public static class DiagramWriter
{
    public static string Mermaid(StructureGraph graph, IReadOnlySet<int>? only = null)
    {
        var text = new StringBuilder("flowchart LR\n");
        var shown = Shown(graph, only);
        foreach (int i in shown)
        {
            var node = graph.Nodes[i];
            string label = Escape(Label(node, "<br/>"));
            text.Append("  ").Append(Id(i)).Append(node.Kind switch
            {
                VariableKind.Stock => $"[\"{label}\"]",
                VariableKind.Flow => $"{{{{\"{label}\"}}}}",
                VariableKind.Graphical => $"[/\"{label}\"/]",
                _ => $"(\"{label}\")",
            }).Append('\n');
        }
        foreach (var cloud in Clouds(graph, shown)) text.Append($"  {cloud}((\" \"))\n");
        foreach (var (from, flow, to) in Pipes(graph, shown)) text.Append($"  {from} ==> {Id(flow)} ==> {to}\n");
        foreach (var link in InformationLinks(graph, shown))
            text.Append($"  {Id(link.From)} -.->{(Sign(link.Polarity) is { } s ? $"|\"{s}\"|" : "")} {Id(link.To)}\n");
        foreach (var (kind, ids) in ClassesOf(graph, shown)) text.Append($"  class {string.Join(",", ids)} {kind}\n");
        text.Append("  classDef stock fill:#dbe9f6,stroke:#2b5d8a,stroke-width:2px\n");
        text.Append("  classDef flow fill:#fff,stroke:#2b5d8a\n");
        return text.ToString();
    }

    public static string Dot(StructureGraph graph, string title, IReadOnlySet<int>? only = null)
    {
        var text = new StringBuilder();
        text.Append($"digraph \"{DotEscape(title)}\" {{\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=11];\n  edge [fontname=\"Helvetica\", fontsize=10];\n");
        var shown = Shown(graph, only);
        foreach (int i in shown)
        {
            var node = graph.Nodes[i];
            string shape = node.Kind switch
            {
                VariableKind.Stock => "shape=box, style=filled, fillcolor=\"#dbe9f6\", penwidth=2",
                VariableKind.Flow => "shape=hexagon",
                VariableKind.Graphical => "shape=parallelogram",
                _ => "shape=ellipse",
            };
            text.Append($"  {Id(i)} [label=\"{DotEscape(Label(node, "\n"))}\", {shape}];\n");
        }
        foreach (var cloud in Clouds(graph, shown)) text.Append($"  {cloud} [label=\"\", shape=circle, style=dashed, width=0.3];\n");
        foreach (var (from, flow, to) in Pipes(graph, shown))
        {
            text.Append($"  {from} -> {Id(flow)} [penwidth=3, arrowhead=none];\n");
            text.Append($"  {Id(flow)} -> {to} [penwidth=3];\n");
        }
        foreach (var link in InformationLinks(graph, shown))
            text.Append($"  {Id(link.From)} -> {Id(link.To)} [style=dashed{(Sign(link.Polarity) is { } s ? $", label=\"{s}\"" : "")}];\n");
        return text.Append("}\n").ToString();
    }

    private static List<int> Shown(StructureGraph graph, IReadOnlySet<int>? only) =>
        [.. Enumerable.Range(0, graph.Nodes.Length).Where(i => only is null || only.Contains(i))];

    /// <summary>Each shown flow as source -> flow -> target, a cloud standing for a missing or hidden stock.</summary>
    private static IEnumerable<(string From, int Flow, string To)> Pipes(StructureGraph graph, List<int> shown)
    {
        foreach (int f in shown.Where(i => graph.Nodes[i].Kind == VariableKind.Flow))
        {
            var (source, target) = graph.Ends(f);
            yield return (source is int s && shown.Contains(s) ? Id(s) : $"cloud_in_{f}", f, target is int t && shown.Contains(t) ? Id(t) : $"cloud_out_{f}");
        }
    }

    private static IEnumerable<string> Clouds(StructureGraph graph, List<int> shown) =>
        Pipes(graph, shown).SelectMany(p => new[] { p.From, p.To }).Where(id => id.StartsWith("cloud", StringComparison.Ordinal));

    /// <summary>Information and initial-value links between shown nodes, except a flow's own pipe.</summary>
    private static IEnumerable<StructureLink> InformationLinks(StructureGraph graph, List<int> shown) =>
        graph.Links.Where(l => l.Kind != LinkKind.Flow && shown.Contains(l.From) && shown.Contains(l.To) && l.From != l.To);

    private static IEnumerable<(string Kind, List<string> Ids)> ClassesOf(StructureGraph graph, List<int> shown)
    {
        foreach (var (kind, name) in new[] { (VariableKind.Stock, "stock"), (VariableKind.Flow, "flow") })
        {
            var ids = shown.Where(i => graph.Nodes[i].Kind == kind).Select(Id).ToList();
            if (ids.Count > 0) yield return (name, ids);
        }
    }

    private static string Label(StructureNode node, string newline) =>
        node.Dimensions.IsEmpty ? node.Name : $"{node.Name}{newline}[{string.Join(", ", node.Dimensions)}]";

    private static string? Sign(Polarity p) => p switch
    {
        Polarity.Positive => "+",
        Polarity.Negative => "-",
        _ => null,
    };

    private static string Id(int node) => "n" + node.ToString(CultureInfo.InvariantCulture);

    /// <summary>Mermaid labels in double quotes: a double quote becomes #quot;, and &lt; &gt; their entities (HTML labels).</summary>
    private static string Escape(string text) =>
        text.Replace("\"", "#quot;").Replace("<br/>", "\u0001").Replace("<", "#lt;").Replace(">", "#gt;").Replace("\u0001", "<br/>");

    private static string DotEscape(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");
}
