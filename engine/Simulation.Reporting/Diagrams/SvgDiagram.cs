using System.Globalization;
using System.Text;
using Simulation.Engine.Model;
using Simulation.Engine.Structure;
using static Simulation.Reporting.Diagrams.StockFlowLayout;

namespace Simulation.Reporting.Diagrams;

/// <summary>
/// Draws a laid-out stock-and-flow diagram as a standalone SVG file, in the conventions of system-dynamics tools:
/// stocks are boxes, flows thick pipes with a valve (and an arrowhead into the stock they fill) between stocks or
/// clouds, information links thin curved arrows signed + or - where the polarity is known (a stock's initial-value
/// link dashed), auxiliaries rounded boxes (graphical functions dashed). An arrayed variable is one node drawn as a
/// stack, with its dimensions under its name. Each node and link has a tooltip. Nothing outside the file is loaded.
/// </summary>
public static class SvgDiagram
{
    private const string Style = """
        text { font-size: 11px; fill: #1d2b38; }
        .stock rect { fill: #dbe9f6; stroke: #2b5d8a; stroke-width: 2; }
        .stock text.name { font-size: 13px; }
        .auxiliary rect, .graphical rect { fill: #ffffff; stroke: #a3b1be; stroke-width: 1; }
        .graphical rect { stroke-dasharray: 4 2; }
        text.dims { font-style: italic; fill: #5a6b7b; }
        .cloud { fill: #ffffff; stroke: #7a8896; stroke-width: 1.2; }
        .pipe { fill: none; stroke: #2b5d8a; stroke-width: 8; stroke-linejoin: round; }
        .pipe-core { fill: none; stroke: #ffffff; stroke-width: 3.5; stroke-linejoin: round; }
        .pipe-head { fill: #2b5d8a; }
        .valve { fill: #ffffff; stroke: #2b5d8a; stroke-width: 1.5; }
        .link { fill: none; stroke: #9c4a3c; stroke-width: 1.2; }
        .link.initial { stroke: #8c8c8c; stroke-dasharray: 4 3; }
        .link-head { fill: #9c4a3c; }
        .link-head.initial { fill: #8c8c8c; }
        .polarity { font-size: 12px; font-weight: bold; fill: #9c4a3c; }
        """;

    /// <summary>The diagram of <paramref name="graph"/> (or of the variables in <paramref name="only"/>), laid out and drawn.</summary>
    public static string Of(StructureGraph graph, string title, IReadOnlySet<int>? only = null) =>
        Write(StockFlowLayout.Lay(new DiagramParts(graph, only)), title);

    public static string Write(DiagramGeometry diagram, string title)
    {
        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{N(diagram.Width)}\" height=\"{N(diagram.Height)}\" ");
        svg.Append($"viewBox=\"0 0 {N(diagram.Width)} {N(diagram.Height)}\" font-family=\"Helvetica, Arial, 'Liberation Sans', sans-serif\" role=\"img\">\n");
        svg.Append($"<title>{Xml(title)}</title>\n<style>\n{Style}\n</style>\n");
        svg.Append("<g class=\"links\">\n");
        foreach (var link in diagram.Links) Link(svg, diagram.Parts.Graph, link);
        svg.Append("</g>\n<g class=\"pipes\">\n");
        foreach (var pipe in diagram.Pipes) PipeOf(svg, pipe);
        svg.Append("</g>\n<g class=\"nodes\">\n");
        foreach (var cloud in diagram.Clouds) Cloud(svg, cloud);
        foreach (var node in diagram.Nodes) Node(svg, diagram.Parts.Graph.Nodes[node.Node], node);
        svg.Append("</g>\n</svg>\n");
        return svg.ToString();
    }

    private static void Link(StringBuilder svg, StructureGraph graph, PlacedLink placed)
    {
        string kind = placed.Link.Kind == LinkKind.Initial ? "link initial" : "link";
        string sign = DiagramWriter.Sign(placed.Link.Polarity) ?? "";
        string what = placed.Link.Kind == LinkKind.Initial ? "initial value" : "information";
        svg.Append($"<g><title>{Xml(graph.Nodes[placed.Link.From].Name)} \u2192 {Xml(graph.Nodes[placed.Link.To].Name)} ({what}{(sign == "" ? "" : ", " + sign)})</title>");
        svg.Append($"<path class=\"{kind}\" d=\"{PathData(placed.Path)}\"/>");
        svg.Append($"<path class=\"{kind.Replace("link", "link-head")}\" d=\"{Triangle(placed.Head, 7)}\"/>");
        if (sign != "")
        {
            var along = (placed.Head.Tip - placed.Head.Base).Unit;
            var across = new Pt(along.Y, -along.X);
            var at = placed.Head.Base - 6 * along + 8 * across;
            svg.Append($"<text class=\"polarity\" x=\"{N(at.X)}\" y=\"{N(at.Y + 4)}\" text-anchor=\"middle\">{(sign == "-" ? "\u2212" : "+")}</text>");
        }
        svg.Append("</g>\n");
    }

    private static void PipeOf(StringBuilder svg, PlacedPipe pipe)
    {
        string d = PathData(pipe.Path);
        svg.Append($"<g><path class=\"pipe\" d=\"{d}\"/><path class=\"pipe-core\" d=\"{d}\"/>");
        svg.Append($"<path class=\"pipe-head\" d=\"{Triangle(pipe.Head, 16)}\"/>");
        // a valve: two triangles meeting on the pipe, across it
        double r = ValveRadius;
        svg.Append($"<path class=\"valve\" transform=\"translate({N(pipe.Valve.X)} {N(pipe.Valve.Y)}) rotate({N(pipe.ValveAngle)})\" ");
        svg.Append($"d=\"M {N(-r)} {N(-r)} L {N(r)} {N(r)} L {N(r)} {N(-r)} L {N(-r)} {N(r)} Z\"/></g>\n");
    }

    private static void Cloud(StringBuilder svg, PlacedNode cloud)
    {
        // three bumps over a flat base, scaled to the cloud's box
        double x = cloud.Left, y = cloud.Top, w = cloud.Width, h = cloud.Height;
        svg.Append($"<path class=\"cloud\" d=\"M {N(x + 0.15 * w)} {N(y + 0.85 * h)} ");
        svg.Append($"A {N(0.17 * w)} {N(0.25 * h)} 0 0 1 {N(x + 0.22 * w)} {N(y + 0.38 * h)} ");
        svg.Append($"A {N(0.22 * w)} {N(0.32 * h)} 0 0 1 {N(x + 0.62 * w)} {N(y + 0.28 * h)} ");
        svg.Append($"A {N(0.2 * w)} {N(0.3 * h)} 0 0 1 {N(x + 0.88 * w)} {N(y + 0.55 * h)} ");
        svg.Append($"A {N(0.12 * w)} {N(0.2 * h)} 0 0 1 {N(x + 0.85 * w)} {N(y + 0.85 * h)} Z\"><title>a cloud: outside the model's boundary</title></path>\n");
    }

    private static void Node(StringBuilder svg, StructureNode node, PlacedNode placed)
    {
        string kind = node.Kind switch
        {
            VariableKind.Stock => "stock",
            VariableKind.Flow => "flow",
            VariableKind.Graphical => "graphical",
            _ => "auxiliary",
        };
        var lines = DiagramParts.LabelLines(node);
        svg.Append($"<g class=\"{kind}\" data-variable=\"{Xml(node.Name)}\"><title>{Xml(node.Name)} ({(node.Kind == VariableKind.Graphical ? "graphical function" : kind)}");
        svg.Append(lines.Count > 1 ? $", {Xml(lines[1])}" : "").Append(")</title>");
        double shadow = lines.Count > 1 ? ArrayShadow : 0;
        double w = placed.Width - shadow, h = placed.Height - shadow;
        if (node.Kind == VariableKind.Flow)
        {
            // the valve is drawn with the pipe; the name goes under it
            double y = placed.Y + ValveRadius + 4;
            for (int k = 0; k < lines.Count; k++)
                Text(svg, lines[k], placed.X, y + (k + 1) * SmallLineHeight - 3, k == 0 ? "name" : "dims");
        }
        else
        {
            double rx = node.Kind == VariableKind.Stock ? 0 : 8;
            if (shadow > 0) svg.Append($"<rect x=\"{N(placed.Left + shadow)}\" y=\"{N(placed.Top + shadow)}\" width=\"{N(w)}\" height=\"{N(h)}\" rx=\"{N(rx)}\"/>");
            svg.Append($"<rect x=\"{N(placed.Left)}\" y=\"{N(placed.Top)}\" width=\"{N(w)}\" height=\"{N(h)}\" rx=\"{N(rx)}\"/>");
            double first = node.Kind == VariableKind.Stock ? LineHeight : SmallLineHeight;
            double textHeight = first + (lines.Count - 1) * SmallLineHeight;
            double top = placed.Top + (h - textHeight) / 2;
            for (int k = 0; k < lines.Count; k++)
                Text(svg, lines[k], placed.Left + w / 2, top + first + k * SmallLineHeight - 4, k == 0 ? "name" : "dims");
        }
        svg.Append("</g>\n");
    }

    private static void Text(StringBuilder svg, string text, double x, double baseline, string kind) =>
        svg.Append($"<text class=\"{kind}\" x=\"{N(x)}\" y=\"{N(baseline)}\" text-anchor=\"middle\">{Xml(text)}</text>");

    private static string PathData(CurvePath path)
    {
        var d = new StringBuilder($"M {N(path.Start.X)} {N(path.Start.Y)}");
        foreach (var segment in path.Segments)
        {
            d.Append(segment.Length == 3 ? " C" : " L");
            foreach (var p in segment) d.Append(' ').Append(N(p.X)).Append(' ').Append(N(p.Y));
        }
        return d.ToString();
    }

    /// <summary>An arrowhead's triangle, <paramref name="width"/> across at its base.</summary>
    private static string Triangle(Arrowhead head, double width)
    {
        var along = head.Tip - head.Base;
        var across = (width / 2) * new Pt(-along.Unit.Y, along.Unit.X);
        var (a, b) = (head.Base + across, head.Base - across);
        return $"M {N(a.X)} {N(a.Y)} L {N(head.Tip.X)} {N(head.Tip.Y)} L {N(b.X)} {N(b.Y)} Z";
    }

    /// <summary>A coordinate to a tenth of a pixel, the same text on every machine.</summary>
    private static string N(double value) => (Math.Round(value, 1) + 0.0).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Xml(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");
}
