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
/// An equation with memory of its own (INIT, PREVIOUS, DELAY FIXED, a random draw) cannot say what one input's change
/// alone would have done: its single input, if it has one, takes the whole change; with several, its links score NaN.
/// </summary>
public sealed class LinkScorer(ElementGraph graph)
{
    private readonly EquationEvaluator _evaluator = new(graph.Model);
    private readonly bool[] _evaluable = graph.Model.Elements.Select(e => e.Equation is { } q && EquationEvaluator.CanEvaluate(q)).ToArray();

    private readonly double[] _was = new double[graph.Count];
    private readonly bool[] _wasKnown = new bool[graph.Count];

    /// <summary>
    /// The scores of <paramref name="links"/> (cause, effect) over the step from values <paramref name="before"/> (at
    /// <paramref name="time"/>) to <paramref name="after"/>, into <paramref name="scores"/>. An effect's equation "as it
    /// was" is evaluated once for the step, however many of its links are scored.
    /// </summary>
    public void ScoreStep(IReadOnlyList<(int From, int To)> links, double[] before, double[] after, double time, double[] scores)
    {
        Array.Clear(_wasKnown);
        for (int k = 0; k < links.Count; k++) scores[k] = Score(links[k].From, links[k].To, before, after, time);
    }

    private double Score(int from, int to, double[] before, double[] after, double time)
    {
        var effect = graph.Model.Elements[to];
        if (effect.Kind == ElementKind.Stock) return FlowScore(graph.Link(from, to), effect, before, after);
        double dz = after[to] - before[to], dx = after[from] - before[from];
        if (dz == 0 || dx == 0) return 0;
        double partial;
        if (_evaluable[to])
            partial = _evaluator.Evaluate(effect.Equation!, e => e == from ? after[e] : before[e], time) - Was(to, before, time);
        else if (graph.Inputs[to].Length == 1) partial = dz;
        else return double.NaN;
        double ratio = partial / dx;
        return double.IsNaN(ratio) ? double.NaN : Math.Abs(partial / dz) * Math.Sign(ratio);
    }

    /// <summary>The effect's equation at the values before the step (computed once a step).</summary>
    private double Was(int to, double[] before, double time)
    {
        if (!_wasKnown[to])
        {
            _was[to] = _evaluator.Evaluate(graph.Model.Elements[to].Equation!, e => before[e], time);
            _wasKnown[to] = true;
        }
        return _was[to];
    }

    private static double FlowScore(ElementLink link, ModelElement stock, double[] before, double[] after)
    {
        double net = stock.Inflows.Sum(f => after[f] - before[f]) - stock.Outflows.Sum(f => after[f] - before[f]);
        if (net == 0) return 0;
        double share = Math.Abs((after[link.From] - before[link.From]) / net);
        return link.IsOutflow ? -share : share;
    }
}
