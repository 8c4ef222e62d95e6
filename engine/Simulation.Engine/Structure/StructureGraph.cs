using System.Collections.Immutable;
using Simulation.Engine.Binding;
using Simulation.Engine.Model;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Structure;

/// <summary>One variable of the diagram; an arrayed variable is one node with its dimensions.</summary>
public sealed record StructureNode(string Name, VariableKind Kind, ImmutableArray<string> Dimensions)
{
    public string Canonical { get; } = Identifier.Canonical(Name);
}

public enum LinkKind
{
    /// <summary>The effect's equation reads the cause.</summary>
    Information,

    /// <summary>A flow fills (positive) or drains (negative) a stock.</summary>
    Flow,

    /// <summary>A stock's initial value reads the cause: drawn, but not part of any feedback loop.</summary>
    Initial,
}

/// <summary>A cause-to-effect link between two nodes (by index), with its polarity.</summary>
public sealed record StructureLink(int From, int To, LinkKind Kind, Polarity Polarity);

/// <summary>
/// The stock-flow-auxiliary graph of a model: its variables as nodes, and the links by which each is computed from
/// others (information links from the variables an equation reads, flow links from a flow to the stocks it fills or
/// drains). The links other than <see cref="LinkKind.Initial"/> are the causal graph in which feedback loops are
/// found (<see cref="FeedbackLoops"/>); <c>sim graph</c> draws all of them.
/// </summary>
public sealed class StructureGraph
{
    private StructureGraph(ImmutableArray<StructureNode> nodes, ImmutableArray<StructureLink> links)
    {
        Nodes = nodes;
        Links = links;
    }

    public ImmutableArray<StructureNode> Nodes { get; }
    public ImmutableArray<StructureLink> Links { get; }

    /// <summary>The node index of a variable, by any spelling of its name; -1 when there is none.</summary>
    public int IndexOf(string name)
    {
        string canonical = Identifier.Canonical(name);
        for (int i = 0; i < Nodes.Length; i++)
            if (Nodes[i].Canonical == canonical) return i;
        return -1;
    }

    /// <summary>The stock a flow drains (its source) and the stock it fills (its target); null for a cloud.</summary>
    public (int? Source, int? Target) Ends(int flow)
    {
        int? source = null, target = null;
        foreach (var link in Links.Where(l => l.Kind == LinkKind.Flow && l.From == flow))
            if (link.Polarity == Polarity.Negative) source ??= link.To;
            else target ??= link.To;
        return (source, target);
    }

    public static StructureGraph Build(BoundModel model)
    {
        var variables = model.Variables.Where(v => v.Definition is not null).ToList();
        var nodes = variables.Select(v => new StructureNode(v.Name, v.Definition!.Kind, [.. v.Dimensions.Select(d => d.Name)])).ToImmutableArray();
        var index = new Dictionary<string, int>();
        for (int i = 0; i < nodes.Length; i++) index[nodes[i].Canonical] = i;
        var shapes = variables.ToDictionary(v => v.Canonical, v => ShapeOf(v.Definition!));
        var polarity = new LinkPolarity(name => shapes.GetValueOrDefault(name));

        var links = new List<StructureLink>();
        for (int to = 0; to < variables.Count; to++)
        {
            var def = variables[to].Definition!;
            var equations = VariableEquations.Parsed(def).Select(e => e.Expr).ToList();
            var kind = def.Kind == VariableKind.Stock ? LinkKind.Initial : LinkKind.Information;
            // a variable with both an equation and a graph is the graph applied to the equation's value
            var applied = def.Kind != VariableKind.Graphical && shapes[variables[to].Canonical] is { } own ? own.AsPolarity() : Polarity.Positive;
            var causes = equations.SelectMany(e => ExprWalk.Names(e)).Select(n => n.Canonical).Where(index.ContainsKey).Distinct();
            foreach (var cause in causes.OrderBy(c => index[c]))
            {
                if (index[cause] == to && kind == LinkKind.Initial) continue;
                var p = Polarity.None;
                foreach (var e in equations) p = Merge(p, polarity.Of(e, cause));
                p = LinkPolarity.Times(p, applied);
                links.Add(new StructureLink(index[cause], to, kind, p == Polarity.None ? Polarity.Unknown : p));
            }
            foreach (var (flows, sign) in new[] { (def.Inflows, Polarity.Positive), (def.Outflows, Polarity.Negative) })
                foreach (var flow in flows)
                    if (index.TryGetValue(Identifier.Canonical(flow.Name), out int from))
                        links.Add(new StructureLink(from, to, LinkKind.Flow, sign));
        }
        return new StructureGraph(nodes, [.. links]);
    }

    /// <summary>Equations of different elements agree on a link's polarity, or it is unknown (an element without the link does not count).</summary>
    private static Polarity Merge(Polarity a, Polarity b) => a == Polarity.None ? b : b == Polarity.None || a == b ? a : Polarity.Unknown;

    private static GraphShape? ShapeOf(VariableDefinition def)
    {
        var graphs = new[] { def.Graph }.Concat(def.Elements.Select(e => e.Graph)).OfType<GraphDefinition>().ToList();
        if (graphs.Count == 0) return null;
        return GraphShape.Merge(graphs.Select(g => GraphShape.Of(g.Y)));
    }

    /// <summary>
    /// The nodes within <paramref name="depth"/> links of <paramref name="focus"/>, following links either way, through
    /// the nodes of <paramref name="within"/> only when it is given (the stocks and flows, say).
    /// </summary>
    public IReadOnlySet<int> Around(int focus, int depth, IReadOnlySet<int>? within = null)
    {
        var seen = new HashSet<int> { focus };
        var frontier = new List<int> { focus };
        for (int d = 0; d < depth && frontier.Count > 0; d++)
        {
            var next = new List<int>();
            foreach (var link in Links)
                foreach (var (a, b) in new[] { (link.From, link.To), (link.To, link.From) })
                    if (frontier.Contains(a) && (within is null || within.Contains(b)) && seen.Add(b)) next.Add(b);
            frontier = next;
        }
        return seen;
    }
}
