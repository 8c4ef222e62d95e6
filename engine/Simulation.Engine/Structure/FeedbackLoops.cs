using System.Collections.Immutable;

namespace Simulation.Engine.Structure;

/// <summary>A feedback loop: the nodes in causal order (each affects the next, the last the first) and its polarity.</summary>
public sealed record FeedbackLoop(ImmutableArray<int> Nodes, Polarity Polarity)
{
    /// <summary>"reinforcing" (an even number of negative links), "balancing" (odd), or "unknown" (a link of unknown sign).</summary>
    public string PolarityName => Polarity switch
    {
        Polarity.Positive => "reinforcing",
        Polarity.Negative => "balancing",
        _ => "unknown",
    };
}

/// <summary>The loops found, and whether the search stopped at the cap.</summary>
public sealed record LoopSearch(ImmutableArray<FeedbackLoop> Loops, bool Capped, int Cap);

/// <summary>
/// The feedback loops of a model: the elementary circuits of its causal graph (information and flow links; a stock's
/// initial value is not a loop), found by Johnson's algorithm (D. B. Johnson, "Finding all the elementary circuits of a
/// directed graph", SIAM J. Comput. 4(1), 1975), which takes time linear in the number of circuits. A model can have
/// exponentially many, so the search stops at a cap and says so. Each loop's polarity is the product of its links'.
/// </summary>
public static class FeedbackLoops
{
    public static LoopSearch Find(StructureGraph graph, int cap = 10_000)
    {
        int n = graph.Nodes.Length;
        var causal = graph.Links.Where(l => l.Kind != LinkKind.Initial).ToList();
        var successors = Enumerable.Range(0, n).Select(i => causal.Where(l => l.From == i).Select(l => l.To).Distinct().OrderBy(t => t).ToArray()).ToArray();
        var polarity = new Dictionary<(int, int), Polarity>();
        foreach (var link in causal)
            polarity[(link.From, link.To)] = polarity.TryGetValue((link.From, link.To), out var had) && had != link.Polarity ? Polarity.Unknown : link.Polarity;
        var (circuits, capped) = Circuits(successors, cap);
        return new LoopSearch([.. circuits.Select(c => Loop(c, polarity))], capped, cap);
    }

    /// <summary>
    /// The elementary circuits of the graph whose node i links to each of <paramref name="successors"/>[i] (sorted,
    /// distinct), each from its lowest node, at most <paramref name="cap"/> of them; whether the search stopped there.
    /// </summary>
    public static (List<int[]> Circuits, bool Capped) Circuits(int[][] successors, int cap)
    {
        int n = successors.Length;
        var loops = new List<int[]>();
        bool capped = false;
        var blocked = new bool[n];
        var blockedBy = Enumerable.Range(0, n).Select(_ => new HashSet<int>()).ToArray();
        var path = new List<int>();

        void Unblock(int u)
        {
            var stack = new Stack<int>();
            stack.Push(u);
            while (stack.Count > 0)
            {
                int v = stack.Pop();
                if (!blocked[v]) continue;
                blocked[v] = false;
                foreach (int w in blockedBy[v]) stack.Push(w);
                blockedBy[v].Clear();
            }
        }

        // Circuits through start, using only nodes >= start; an explicit stack so a long chain costs no call stack.
        void CircuitsThrough(int start)
        {
            var frames = new Stack<(int Node, int Next, bool Found)>();
            blocked[start] = true;
            path.Add(start);
            frames.Push((start, 0, false));
            while (frames.Count > 0 && !capped)
            {
                var (v, next, found) = frames.Pop();
                var succ = successors[v];
                while (next < succ.Length && succ[next] < start) next++;
                if (next < succ.Length)
                {
                    int w = succ[next];
                    if (w == start)
                    {
                        loops.Add([.. path]);
                        capped = loops.Count >= cap;
                        frames.Push((v, next + 1, true));
                    }
                    else if (!blocked[w])
                    {
                        frames.Push((v, next + 1, found));
                        blocked[w] = true;
                        path.Add(w);
                        frames.Push((w, 0, false));
                    }
                    else frames.Push((v, next + 1, found));
                    continue;
                }
                // all successors done: leave v
                if (found) Unblock(v);
                else
                    foreach (int w in succ)
                        if (w >= start) blockedBy[w].Add(v);
                path.RemoveAt(path.Count - 1);
                if (found && frames.Count > 0) frames.Push(frames.Pop() with { Found = true });
            }
        }

        for (int start = 0; start < n && !capped; start++)
        {
            for (int i = start; i < n; i++)
            {
                blocked[i] = false;
                blockedBy[i].Clear();
            }
            path.Clear();
            CircuitsThrough(start);
        }
        return (loops, capped);
    }

    private static FeedbackLoop Loop(int[] path, Dictionary<(int, int), Polarity> polarity)
    {
        var p = Polarity.Positive;
        for (int i = 0; i < path.Length; i++)
            p = LinkPolarity.Times(p, polarity[(path[i], path[(i + 1) % path.Length])]);
        return new FeedbackLoop([.. path], p);
    }
}
