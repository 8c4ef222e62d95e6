using Simulation.Engine.Binding;

namespace Simulation.Engine.Structure.Dominance;

/// <summary>
/// Link scores over one step of a run, as the Loops that Matter method defines them (Schoenberg, Davidsen and Eberlein
/// 2020, "Understanding model behavior using the Loops that Matter method", System Dynamics Review 36(2)):
/// <list type="bullet">
/// <item>into an auxiliary or flow z = f(x, y, ...): LS(x→z) = |Δₓz / Δz| · sign(Δₓz / Δx), where Δz is z's change over
/// the step and Δₓz the change z would have had if x alone had changed (f at the new x and every other input as it
/// was, less f as it was); 0 when z or x did not change;</item>
/// <item>from a flow into its stock: LS(i→s) = |Δi / Δnet| for an inflow and -|Δo / Δnet| for an outflow, where Δnet is
/// the change of the stock's net flow (in less out) over the step; 0 when it did not change.</item>
/// </list>
/// Each link is scored once a step, however many loops it is in, and each effect's equation "as it was" evaluated once.
/// INIT(x) is a value fixed for the run (<see cref="EquationEvaluator"/>). An equation with a memory that changes
/// (PREVIOUS, DELAY FIXED, a random draw) cannot say what one input's change alone would have done: when only one of
/// its inputs changed over the step, that input takes the whole change; when several did, their scores are unknown (NaN).
/// </summary>
public sealed class LinkScorer
{
    private enum Kind { Inflow, Outflow, Partial, Memory }

    private readonly ElementGraph _graph;
    private readonly EquationEvaluator _evaluator;
    private readonly int[] _from, _to;
    private readonly Kind[] _kind;
    private readonly Func<int, double> _oneChanged, _asItWas, _wasOf, _netFlowChange, _changedInputs;

    // Per element, what a step computes once however many links need it, stamped with the step it belongs to.
    private readonly double[] _cache;
    private readonly int[] _stamp;
    private int _step;

    private double[] _before = [], _after = [];
    private int _changing;
    private double _time;

    public LinkScorer(ElementGraph graph, IReadOnlyList<(int From, int To)> links)
    {
        _graph = graph;
        _evaluator = new EquationEvaluator(graph.Model);
        _from = links.Select(l => l.From).ToArray();
        _to = links.Select(l => l.To).ToArray();
        var evaluable = graph.Model.Elements.Select(e => e.Equation is { } q && EquationEvaluator.CanEvaluate(q)).ToArray();
        _kind = links.Select(l => graph.Model.Elements[l.To].Kind == ElementKind.Stock
            ? graph.Link(l.From, l.To).IsOutflow ? Kind.Outflow : Kind.Inflow
            : evaluable[l.To] ? Kind.Partial : Kind.Memory).ToArray();
        _cache = new double[graph.Count];
        _stamp = new int[graph.Count];
        _oneChanged = e => e == _changing ? _after[e] : _before[e];
        _asItWas = e => _before[e];
        _wasOf = e => _evaluator.Evaluate(_graph.Model.Elements[e].Equation!, _asItWas, _time);
        _netFlowChange = NetFlowChange;
        _changedInputs = ChangedInputs;
    }

    public int Count => _from.Length;

    /// <summary>The elements' values when the run started: what INIT reads.</summary>
    public void Start(double[] values) => _evaluator.Start(values);

    /// <summary>
    /// The scores of the links over the step from values <paramref name="before"/> (at <paramref name="time"/>) to
    /// <paramref name="after"/>, into <paramref name="scores"/> (one per link, in the order the links were given).
    /// </summary>
    public void Score(double[] before, double[] after, double time, double[] scores)
    {
        _before = before;
        _after = after;
        _time = time;
        _step++;
        for (int k = 0; k < _from.Length; k++) scores[k] = Score(k);
    }

    private double Score(int k)
    {
        int from = _from[k], to = _to[k];
        double dx = _after[from] - _before[from];
        switch (_kind[k])
        {
            case Kind.Inflow:
            case Kind.Outflow:
                double net = Cached(to, _netFlowChange);
                if (net == 0) return 0;
                double share = Math.Abs(dx / net);
                return _kind[k] == Kind.Outflow ? -share : share;
        }
        double dz = _after[to] - _before[to];
        if (dz == 0 || dx == 0) return 0;
        double partial;
        if (_kind[k] == Kind.Partial)
        {
            _changing = from;
            partial = _evaluator.Evaluate(_graph.Model.Elements[to].Equation!, _oneChanged, _time) - Cached(to, _wasOf);
        }
        else if (Cached(to, _changedInputs) == 1) partial = dz;
        else return double.NaN;
        double ratio = partial / dx;
        return double.IsNaN(ratio) ? double.NaN : Math.Abs(partial / dz) * Math.Sign(ratio);
    }

    /// <summary>What <paramref name="compute"/> gives for element e, computed once a step.</summary>
    private double Cached(int e, Func<int, double> compute)
    {
        if (_stamp[e] != _step)
        {
            _cache[e] = compute(e);
            _stamp[e] = _step;
        }
        return _cache[e];
    }

    /// <summary>The change of a stock's net flow over the step.</summary>
    private double NetFlowChange(int stock)
    {
        var s = _graph.Model.Elements[stock];
        double net = 0;
        foreach (int f in s.Inflows) net += _after[f] - _before[f];
        foreach (int f in s.Outflows) net -= _after[f] - _before[f];
        return net;
    }

    /// <summary>How many of an element's inputs changed over the step.</summary>
    private double ChangedInputs(int e)
    {
        int n = 0;
        foreach (var link in _graph.Inputs[e]) n += _after[link.From] != _before[link.From] ? 1 : 0;
        return n;
    }
}
