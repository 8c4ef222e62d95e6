using Simulation.Engine.Model;
using Simulation.Engine.Structure;

namespace Simulation.Reporting.Diagrams;

/// <summary>A point in the drawing's coordinates: x to the right, y down, in pixels.</summary>
public readonly record struct Pt(double X, double Y)
{
    public static Pt operator +(Pt a, Pt b) => new(a.X + b.X, a.Y + b.Y);
    public static Pt operator -(Pt a, Pt b) => new(a.X - b.X, a.Y - b.Y);
    public static Pt operator *(double k, Pt a) => new(k * a.X, k * a.Y);

    public double Length => Math.Sqrt(X * X + Y * Y);

    /// <summary>This direction with length 1 (zero stays zero).</summary>
    public Pt Unit => Length > 1e-12 ? (1 / Length) * this : this;

    public override string ToString() => FormattableString.Invariant($"({X:0.##}, {Y:0.##})");
}

/// <summary>A path from <see cref="Start"/>: each segment one point (a straight line to it) or three (a cubic Bézier).</summary>
public sealed record CurvePath(Pt Start, IReadOnlyList<Pt[]> Segments)
{
    public Pt End => Segments.Count == 0 ? Start : Segments[^1][^1];

    /// <summary>The same path followed by a straight line to <paramref name="point"/>.</summary>
    public CurvePath LineTo(Pt point) => new(Start, [.. Segments, [point]]);

    public CurvePath Moved(Pt by) => new(Start + by, [.. Segments.Select(s => s.Select(p => p + by).ToArray())]);

    /// <summary>A straight line from <paramref name="point"/> to this path's start, then this path.</summary>
    public CurvePath From(Pt point) => new(point, [[Start], .. Segments]);
}

/// <summary>An arrowhead: a triangle from its base's middle to its tip.</summary>
public sealed record Arrowhead(Pt Base, Pt Tip)
{
    public Arrowhead Moved(Pt by) => new(Base + by, Tip + by);
}

/// <summary>A box of the drawing, by its centre and size: a variable, or a cloud (<see cref="Node"/> -1).</summary>
public sealed record PlacedNode(int Node, double X, double Y, double Width, double Height)
{
    public Pt Centre => new(X, Y);
    public double Left => X - Width / 2;
    public double Top => Y - Height / 2;

    public PlacedNode Moved(Pt by) => this with { X = X + by.X, Y = Y + by.Y };
}

/// <summary>A flow's pipe: from its source (a stock or a cloud) to the valve, and from the valve to its target.</summary>
public sealed record PlacedPipe(Pipe Pipe, CurvePath Path, Pt Valve, double ValveAngle, Arrowhead Head);

/// <summary>An information link (or a stock's initial-value link): a thin curve with its arrowhead.</summary>
public sealed record PlacedLink(StructureLink Link, CurvePath Path, Arrowhead Head);

/// <summary>
/// A laid-out stock-and-flow diagram: where every node, pipe and link goes, in pixels (the layout's output, before any
/// SVG is written). Clouds are nodes of index -1, listed with the pipe ends they stand for.
/// </summary>
public sealed record DiagramGeometry(
    DiagramParts Parts,
    double Width,
    double Height,
    IReadOnlyList<PlacedNode> Nodes,
    IReadOnlyList<PlacedNode> Clouds,
    IReadOnlyList<PlacedPipe> Pipes,
    IReadOnlyList<PlacedLink> Links)
{
    public VariableKind KindOf(PlacedNode node) => Parts.Graph.Nodes[node.Node].Kind;
}
