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
        var parts = new DiagramParts(graph, only);
        foreach (int i in parts.Shown)
        {
            var node = graph.Nodes[i];
            string label = Escape(string.Join("<br/>", DiagramParts.LabelLines(node)));
            text.Append("  ").Append(Id(i)).Append(node.Kind switch
            {
                VariableKind.Stock => $"[\"{label}\"]",
                VariableKind.Flow => $"{{{{\"{label}\"}}}}",
                VariableKind.Graphical => $"[/\"{label}\"/]",
                _ => $"(\"{label}\")",
            }).Append('\n');
        }
        foreach (var cloud in Clouds(parts)) text.Append($"  {cloud}((\" \"))\n");
        foreach (var pipe in parts.Pipes) text.Append($"  {From(pipe)} ==> {Id(pipe.Flow)} ==> {To(pipe)}\n");
        foreach (var link in parts.InformationLinks)
            text.Append($"  {Id(link.From)} -.->{(Sign(link.Polarity) is { } s ? $"|\"{s}\"|" : "")} {Id(link.To)}\n");
        foreach (var (kind, ids) in ClassesOf(parts)) text.Append($"  class {string.Join(",", ids)} {kind}\n");
        text.Append("  classDef stock fill:#dbe9f6,stroke:#2b5d8a,stroke-width:2px\n");
        text.Append("  classDef flow fill:#fff,stroke:#2b5d8a\n");
        return text.ToString();
    }

    public static string Dot(StructureGraph graph, string title, IReadOnlySet<int>? only = null)
    {
        var text = new StringBuilder();
        text.Append($"digraph \"{DotEscape(title)}\" {{\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=11];\n  edge [fontname=\"Helvetica\", fontsize=10];\n");
        var parts = new DiagramParts(graph, only);
        foreach (int i in parts.Shown)
        {
            var node = graph.Nodes[i];
            string shape = node.Kind switch
            {
                VariableKind.Stock => "shape=box, style=filled, fillcolor=\"#dbe9f6\", penwidth=2",
                VariableKind.Flow => "shape=hexagon",
                VariableKind.Graphical => "shape=parallelogram",
                _ => "shape=ellipse",
            };
            text.Append($"  {Id(i)} [label=\"{DotEscape(string.Join("\n", DiagramParts.LabelLines(node)))}\", {shape}];\n");
        }
        foreach (var cloud in Clouds(parts)) text.Append($"  {cloud} [label=\"\", shape=circle, style=dashed, width=0.3];\n");
        foreach (var pipe in parts.Pipes)
        {
            text.Append($"  {From(pipe)} -> {Id(pipe.Flow)} [penwidth=3, arrowhead=none];\n");
            text.Append($"  {Id(pipe.Flow)} -> {To(pipe)} [penwidth=3];\n");
        }
        foreach (var link in parts.InformationLinks)
            text.Append($"  {Id(link.From)} -> {Id(link.To)} [style=dashed{(Sign(link.Polarity) is { } s ? $", label=\"{s}\"" : "")}];\n");
        return text.Append("}\n").ToString();
    }

    private static string From(Pipe pipe) => pipe.Source is int s ? Id(s) : $"cloud_in_{pipe.Flow}";

    private static string To(Pipe pipe) => pipe.Target is int t ? Id(t) : $"cloud_out_{pipe.Flow}";

    private static IEnumerable<string> Clouds(DiagramParts parts) =>
        parts.Pipes.SelectMany(p => new[] { From(p), To(p) }).Where(id => id.StartsWith("cloud", StringComparison.Ordinal));

    private static IEnumerable<(string Kind, List<string> Ids)> ClassesOf(DiagramParts parts)
    {
        foreach (var (kind, name) in new[] { (VariableKind.Stock, "stock"), (VariableKind.Flow, "flow") })
        {
            var ids = parts.Shown.Where(i => parts.Graph.Nodes[i].Kind == kind).Select(Id).ToList();
            if (ids.Count > 0) yield return (name, ids);
        }
    }

    /// <summary>+ or - for a link of known polarity, null otherwise.</summary>
    public static string? Sign(Polarity p) => p switch
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
