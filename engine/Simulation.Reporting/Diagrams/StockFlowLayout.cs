using Microsoft.Msagl.Core.Geometry;
using Microsoft.Msagl.Core.Geometry.Curves;
using Microsoft.Msagl.Core.Layout;
using Microsoft.Msagl.Layout.Layered;
using Microsoft.Msagl.Miscellaneous;
using Simulation.Engine.Model;
using Simulation.Engine.Structure;
using MsaglArrowhead = Microsoft.Msagl.Core.Layout.Arrowhead;

namespace Simulation.Reporting.Diagrams;

/// <summary>
/// Lays out a stock-and-flow diagram with Microsoft's MSAGL (its layered, Sugiyama-style layout, left to right, with
/// spline-routed edges): every shown variable is a node sized to its label; every pipe half between a flow and a
/// stock, and every information link, is an edge. Only the geometry comes from MSAGL; <see cref="SvgDiagram"/> draws
/// it. Pipes weigh more than links and are kept straight where they can be (a chain of stocks and flows on one row);
/// a cloud is drawn beside its valve, in room the flow's box keeps for it; a link between two nodes of one row arcs
/// over it rather than run along the pipe. The layout is deterministic (a fixed seed for the ordering), so a
/// checked-in diagram can be compared with a fresh one.
/// </summary>
public static class StockFlowLayout
{
    internal const double StockFont = 13, SmallFont = 11, LineHeight = 15, SmallLineHeight = 13;
    internal const double ValveRadius = 8, ArrayShadow = 5, Margin = 12;
    private const double CloudWidth = 34, CloudHeight = 22, CloudGap = 26, PipeWeight = 4;
    private const double LinkArrow = 8, PipeArrow = 12;

    public static DiagramGeometry Lay(DiagramParts parts)
    {
        var graph = new GeometryGraph();
        var nodes = new Dictionary<int, Node>();
        var withCloud = parts.Pipes.Where(p => p.Source is null || p.Target is null).Select(p => p.Flow).ToHashSet();
        foreach (int i in parts.Shown)
        {
            var (w, h) = SizeOf(parts.Graph.Nodes[i], withCloud.Contains(i));
            var boundary = parts.Graph.Nodes[i].Kind is VariableKind.Auxiliary or VariableKind.Graphical
                ? CurveFactory.CreateRectangleWithRoundedCorners(w, h, 8, 8, new Point())
                : CurveFactory.CreateRectangle(w, h, new Point());
            graph.Nodes.Add(nodes[i] = new Node(boundary, i));
        }
        // a pipe half to a stock is an edge; a cloud is drawn beside its valve, in room the flow's box keeps for it
        var halves = new Dictionary<(int Flow, bool In), Edge>();
        foreach (var pipe in parts.Pipes)
        {
            if (pipe.Source is int source) halves[(pipe.Flow, true)] = AddEdge(graph, nodes[source], nodes[pipe.Flow], arrow: 0, PipeWeight);
            if (pipe.Target is int target) halves[(pipe.Flow, false)] = AddEdge(graph, nodes[pipe.Flow], nodes[target], PipeArrow, PipeWeight);
        }
        var linkEdges = parts.InformationLinks.Select(l => (Link: l, Edge: AddEdge(graph, nodes[l.From], nodes[l.To], LinkArrow, 1))).ToList();

        var settings = new SugiyamaLayoutSettings
        {
            // layers run top to bottom in MSAGL; turned a quarter, they run left to right as stock-and-flow chains do
            Transformation = PlaneTransformation.Rotation(Math.PI / 2),
            LayerSeparation = 36,
            NodeSeparation = 18,
            RandomSeedForOrdering = 1,
        };
        foreach (var (upstream, downstream) in StraightPipes(halves.Values))
            settings.AddUpDownVerticalConstraint(upstream, downstream);
        LayoutHelpers.CalculateLayout(graph, settings, null, null);

        // MSAGL's y runs up, the drawing's down
        static Pt Map(Point p) => new(p.X, -p.Y);
        var placed = parts.Shown.Select(i => new PlacedNode(i, nodes[i].Center.X, -nodes[i].Center.Y, nodes[i].Width, nodes[i].Height)).ToList();
        var byIndex = placed.ToDictionary(p => p.Node);

        var clouds = new List<PlacedNode>();
        var pipes = parts.Pipes.Select(pipe => PipeOf(pipe, byIndex, halves, Map, clouds)).ToList();
        var links = new List<PlacedLink>();
        var sameRow = parts.InformationLinks.Where(l => Math.Abs(byIndex[l.From].Y - byIndex[l.To].Y) < 1).Select(l => (l.From, l.To)).ToHashSet();
        foreach (var (link, edge) in linkEdges)
        {
            if (sameRow.Contains((link.From, link.To)))
            {
                // MSAGL would run it along the row, over the pipe: an arc above (below for the second of a pair)
                bool below = sameRow.Contains((link.To, link.From)) && byIndex[link.To].X < byIndex[link.From].X;
                links.Add(Arc(link, byIndex[link.From], byIndex[link.To], parts, below));
                continue;
            }
            var path = PathOf(edge, Map);
            var head = HeadOf(edge, Map, path);
            // a flow's box holds its valve and its name: links start and end at the valve, as pipes do
            if (parts.Graph.Nodes[link.From].Kind == VariableKind.Flow) path = path.From(OnValve(byIndex[link.From].Centre, path.Start));
            if (parts.Graph.Nodes[link.To].Kind == VariableKind.Flow)
            {
                var tip = OnValve(byIndex[link.To].Centre, path.End);
                var @base = tip + LinkArrow * (path.End - tip).Unit;
                if ((path.End - tip).Length > LinkArrow) path = path.LineTo(@base);
                head = new Arrowhead(@base, tip);
            }
            links.Add(new PlacedLink(link, path, head));
        }
        return Framed(new DiagramGeometry(parts, 0, 0, placed, clouds, pipes, links));
    }

    /// <summary>
    /// A pipe: the routed half from its source stock (or a straight stub from a cloud beside the valve), the valve, and
    /// the routed half to its target stock (or a stub to a cloud). A cloud goes on the side of the valve away from the
    /// pipe's other end, so the pipe runs straight through.
    /// </summary>
    private static PlacedPipe PipeOf(Pipe pipe, Dictionary<int, PlacedNode> byIndex, Dictionary<(int, bool), Edge> halves, Func<Point, Pt> map, List<PlacedNode> clouds)
    {
        var valve = byIndex[pipe.Flow].Centre;
        double Away(int? other, double otherwise) => other is int o ? (byIndex[o].X > valve.X ? -1 : 1) : otherwise;
        CurvePath first;
        if (pipe.Source is int source)
            first = SameRow(byIndex[source], valve) ? new CurvePath(Side(byIndex[source], valve), [[valve]]) : PathOf(halves[(pipe.Flow, true)], map).LineTo(valve);
        else
        {
            var cloud = CloudBeside(valve, Away(pipe.Target, -1));
            clouds.Add(cloud);
            first = new CurvePath(new Pt(cloud.X - Math.Sign(cloud.X - valve.X) * cloud.Width / 2, valve.Y), [[valve]]);
        }
        CurvePath path;
        Arrowhead head;
        if (pipe.Target is int target && SameRow(byIndex[target], valve))
        {
            var tip = Side(byIndex[target], valve);
            var @base = tip + PipeArrow * (valve - tip).Unit;
            path = first.LineTo(@base);
            head = new Arrowhead(@base, tip);
        }
        else if (pipe.Target is not null)
        {
            var edge = halves[(pipe.Flow, false)];
            var second = PathOf(edge, map);
            path = new CurvePath(first.Start, [.. first.Segments, [second.Start], .. second.Segments]);
            head = HeadOf(edge, map, second);
        }
        else
        {
            var cloud = CloudBeside(valve, Away(pipe.Source, 1));
            clouds.Add(cloud);
            var tip = new Pt(cloud.X - Math.Sign(cloud.X - valve.X) * cloud.Width / 2, valve.Y);
            var @base = tip + PipeArrow * (valve - tip).Unit;
            path = first.LineTo(@base);
            head = new Arrowhead(@base, tip);
        }
        int at = first.Segments.Count;
        var before = at >= 2 ? first.Segments[at - 2][^1] : first.Start;
        var after = path.Segments.Count > at ? path.Segments[at][^1] : head.Tip;
        var direction = after - before;
        double angle = Math.Atan2(direction.Y, direction.X) * 180 / Math.PI;
        return new PlacedPipe(pipe, path, valve, angle, head);
    }

    /// <summary>The diagram moved so that everything drawn (arcs over a row included) is within the margins, and sized to it.</summary>
    private static DiagramGeometry Framed(DiagramGeometry d)
    {
        var boxes = d.Nodes.Concat(d.Clouds).SelectMany(n => new[] { new Pt(n.Left, n.Top), new Pt(n.Left + n.Width, n.Top + n.Height) });
        // a Bézier curve lies within its control points; arrowheads and polarity signs reach a little beyond the tips
        var curves = d.Pipes.Select(p => p.Path).Concat(d.Links.Select(l => l.Path)).SelectMany(c => c.Segments.SelectMany(s => s).Prepend(c.Start));
        var heads = d.Pipes.Select(p => p.Head.Tip).Concat(d.Links.Select(l => l.Head.Tip));
        var all = boxes.Concat(curves).Concat(heads).ToList();
        double left = all.Min(p => p.X) - Margin, top = all.Min(p => p.Y) - Margin;
        var by = new Pt(-left, -top);
        return d with
        {
            Width = all.Max(p => p.X) + Margin - left,
            Height = all.Max(p => p.Y) + Margin - top,
            Nodes = [.. d.Nodes.Select(n => n.Moved(by))],
            Clouds = [.. d.Clouds.Select(n => n.Moved(by))],
            Pipes = [.. d.Pipes.Select(p => p with { Path = p.Path.Moved(by), Valve = p.Valve + by, Head = p.Head.Moved(by) })],
            Links = [.. d.Links.Select(l => l with { Path = l.Path.Moved(by), Head = l.Head.Moved(by) })],
        };
    }

    private static bool SameRow(PlacedNode node, Pt valve) => Math.Abs(node.Y - valve.Y) < 1;

    /// <summary>Where a straight pipe along a row meets a stock: the middle of the side facing the valve.</summary>
    private static Pt Side(PlacedNode stock, Pt valve) => new(stock.X + Math.Sign(valve.X - stock.X) * stock.Width / 2, stock.Y);

    private static PlacedNode CloudBeside(Pt valve, double side) =>
        new(-1, valve.X + side * (ValveRadius + CloudGap + CloudWidth / 2), valve.Y, CloudWidth, CloudHeight);

    /// <summary>A link between two nodes on one row, as an arc over (or under) the row.</summary>
    private static PlacedLink Arc(StructureLink link, PlacedNode from, PlacedNode to, DiagramParts parts, bool below)
    {
        double dir = below ? 1 : -1, dx = to.X - from.X, sign = Math.Sign(dx);
        Pt End(PlacedNode node, double towards) => parts.Graph.Nodes[node.Node].Kind == VariableKind.Flow
            ? node.Centre + ValveRadius * new Pt(0.5 * towards, dir).Unit
            : new Pt(node.X + towards * Math.Min(node.Width / 4, 20), node.Y + dir * node.Height / 2);
        var start = End(from, sign);
        var tip = End(to, -sign);
        double rise = 22 + 0.18 * Math.Abs(dx);
        var c1 = start + new Pt(0.2 * dx, dir * rise);
        var c2 = tip + new Pt(-0.2 * dx, dir * rise);
        var @base = tip + LinkArrow * (c2 - tip).Unit;
        return new PlacedLink(link, new CurvePath(start, [[c1, c2, @base]]), new Arrowhead(@base, tip));
    }

    /// <summary>The box a variable's drawing needs: its label's lines with padding; a flow's valve sits in the middle, its name below.</summary>
    internal static (double Width, double Height) SizeOf(StructureNode node, bool withCloud = false)
    {
        var lines = DiagramParts.LabelLines(node);
        double shadow = lines.Count > 1 ? ArrayShadow : 0;
        switch (node.Kind)
        {
            case VariableKind.Stock:
                double text = Math.Max(TextWidth.Of(lines[0], StockFont), lines.Count > 1 ? TextWidth.Of(lines[1], SmallFont) : 0);
                return (Math.Max(64, text + 24) + shadow, 18 + LineHeight + (lines.Count - 1) * SmallLineHeight + shadow);
            case VariableKind.Flow:
                double label = lines.Max(l => TextWidth.Of(l, SmallFont));
                double half = ValveRadius + 4 + lines.Count * SmallLineHeight;
                double room = withCloud ? 2 * (ValveRadius + CloudGap + CloudWidth) : 2 * ValveRadius + 8;
                return (Math.Max(room, label + 6), 2 * half);
            default:
                return (lines.Max(l => TextWidth.Of(l, SmallFont)) + 16, lines.Count * SmallLineHeight + 10);
        }
    }

    /// <summary>
    /// The pipe halves to draw straight, each node on at most one straight chain through it (one pipe in, one out) and
    /// no chain closing on itself (MSAGL cannot align a cycle): the first pipes in model order win.
    /// </summary>
    private static IEnumerable<(Node Upstream, Node Downstream)> StraightPipes(IEnumerable<Edge> halves)
    {
        var hasIn = new HashSet<Node>();
        var hasOut = new HashSet<Node>();
        var chain = new Dictionary<Node, Node>();
        Node Root(Node n) => chain.TryGetValue(n, out var up) && up != n ? chain[n] = Root(up) : n;
        foreach (var half in halves)
        {
            if (hasOut.Contains(half.Source) || hasIn.Contains(half.Target) || Root(half.Source) == Root(half.Target)) continue;
            hasOut.Add(half.Source);
            hasIn.Add(half.Target);
            chain[Root(half.Target)] = Root(half.Source);
            yield return (half.Source, half.Target);
        }
    }

    private static Edge AddEdge(GeometryGraph graph, Node from, Node to, double arrow, double weight)
    {
        var edge = new Edge(from, to) { Weight = (int)weight };
        if (arrow > 0) edge.EdgeGeometry.TargetArrowhead = new MsaglArrowhead { Length = arrow };
        graph.Edges.Add(edge);
        return edge;
    }

    /// <summary>An edge's route as our path; a straight line between the nodes' boundaries if MSAGL gave none.</summary>
    private static CurvePath PathOf(Edge edge, Func<Point, Pt> map)
    {
        if (edge.Curve is not { } curve) return new CurvePath(map(edge.Source.Center), [[map(edge.Target.Center)]]);
        var segments = new List<Pt[]>();
        Add(curve);
        return new CurvePath(map(curve.Start), segments);

        void Add(ICurve piece)
        {
            switch (piece)
            {
                case Curve joined:
                    foreach (var part in joined.Segments) Add(part);
                    break;
                case LineSegment line:
                    segments.Add([map(line.End)]);
                    break;
                case CubicBezierSegment bezier:
                    segments.Add([map(bezier.B(1)), map(bezier.B(2)), map(bezier.B(3))]);
                    break;
                default:
                    // any other curve (an arc, a polyline) as short straight pieces
                    for (int k = 1; k <= 16; k++) segments.Add([map(piece[piece.ParStart + (piece.ParEnd - piece.ParStart) * k / 16])]);
                    break;
            }
        }
    }

    private static Arrowhead HeadOf(Edge edge, Func<Point, Pt> map, CurvePath path) =>
        edge.EdgeGeometry.TargetArrowhead is { } head && edge.Curve is not null
            ? new Arrowhead(path.End, map(head.TipPosition))
            : new Arrowhead(path.End, path.End);

    /// <summary>The point of a valve's circle facing <paramref name="towards"/>.</summary>
    private static Pt OnValve(Pt valve, Pt towards) => valve + ValveRadius * (towards - valve).Unit;
}
