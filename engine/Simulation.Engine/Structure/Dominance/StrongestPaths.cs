namespace Simulation.Engine.Structure.Dominance;

/// <summary>
/// The loops that matter when a model has too many loops to list (an arrayed model's element graph has astronomically
/// many), after Eberlein and Schoenberg's strongest-path search (R. L. Eberlein and W. Schoenberg, "Finding the Loops
/// that Matter", Proceedings of the 2020 International System Dynamics Conference). At a time of the run, with every
/// link scored, it looks from each stock for the strongest loop through it: best-first, each element settled at the
/// strongest path found to it (the largest product of link scores in size: Dijkstra's algorithm on -log |score|), then
/// the strongest link back to the stock closes the loop. Every feedback loop passes through a stock. Where no link score
/// exceeds 1 in size this is exact; a larger one (inputs whose effects partly cancel) can make it miss a loop, as the
/// published depth-first search can: it is a heuristic. Searching at many times collects the loops that matter at any
/// of them. Only links inside a strongly connected component of the graph can be in a loop; they alone are scored.
/// </summary>
public sealed class StrongestPaths
{
    private readonly int[][] _out;      // per element, its outgoing links (indices into Links) inside its component
    private readonly int[] _to;
    private readonly int[] _starts;
    private readonly double[] _best;
    private readonly bool[] _settled;
    private readonly int[] _from;
    private readonly PriorityQueue<int, double> _queue = new();
    private readonly Dictionary<string, int> _seen = new();
    private readonly Dictionary<int, double> _found = new(); // this search's loops and their strengths

    /// <param name="through">When given, only loops through these elements are looked for (from each of them); else from every stock.</param>
    public StrongestPaths(ElementGraph graph, IReadOnlySet<int>? through = null)
    {
        var successors = graph.Successors();
        var component = Components(successors);
        var links = new List<(int From, int To)>();
        _out = new int[graph.Count][];
        for (int e = 0; e < graph.Count; e++)
        {
            var mine = new List<int>();
            foreach (int w in successors[e])
                if (component[w] == component[e] && w != e)
                {
                    mine.Add(links.Count);
                    links.Add((e, w));
                }
            _out[e] = [.. mine];
        }
        Links = links;
        _to = links.Select(l => l.To).ToArray();
        _starts = Enumerable.Range(0, graph.Count)
            .Where(e => _out[e].Length > 0 && (through?.Contains(e) ?? graph.Model.Elements[e].Kind == Binding.ElementKind.Stock)).ToArray();
        _best = new double[graph.Count];
        _settled = new bool[graph.Count];
        _from = new int[graph.Count];
    }

    /// <summary>The links that can be in a loop (both ends in one strongly connected component): the ones to score.</summary>
    public IReadOnlyList<(int From, int To)> Links { get; }

    /// <summary>The loops found so far, each from its lowest element (as <see cref="FeedbackLoops.Circuits"/> lists them), in order found.</summary>
    public List<int[]> Loops { get; } = new();

    /// <summary>How many elements a search starts from: the stocks in a loop, or the elements asked for that are in one.</summary>
    public int StartCount => _starts.Length;

    /// <summary>
    /// Per loop found, the largest share it had, at a time searched, of the strengths (scores in size) of the loops found
    /// then: how much it matters.
    /// </summary>
    public List<double> Share { get; } = new();

    /// <summary>Searches from every stock with the links scored <paramref name="scores"/> (one per <see cref="Links"/>); returns how many loops were new.</summary>
    public int Search(double[] scores)
    {
        int before = Loops.Count;
        var order = _out.Select(links => links.Where(k => double.IsFinite(scores[k]) && scores[k] != 0).ToArray()).ToArray();
        _found.Clear();
        foreach (int start in _starts) SearchFrom(start, order, scores);
        double total = _found.Values.Sum();
        foreach (var (loop, strength) in _found) Share[loop] = Math.Max(Share[loop], strength / total);
        return Loops.Count - before;
    }

    /// <summary>The <paramref name="n"/> loops found that matter most (largest <see cref="Share"/> first).</summary>
    public List<int[]> Strongest(int n) =>
        Enumerable.Range(0, Loops.Count).OrderByDescending(l => Share[l]).ThenBy(l => l).Take(n).Select(l => Loops[l]).ToList();

    /// <summary>
    /// The strongest loop through <paramref name="stock"/>: best-first from it, each element settled at the strongest
    /// path found to it (Dijkstra's algorithm on -log |score|), then the strongest link back to the stock closes the loop.
    /// </summary>
    private void SearchFrom(int stock, int[][] order, double[] scores)
    {
        var touched = new List<int> { stock };
        _best[stock] = 1;
        _queue.Enqueue(stock, -1.0);
        double strongest = 0;
        int closing = -1;
        while (_queue.TryDequeue(out int v, out double priority))
        {
            if (-priority <= strongest) break; // no path left is stronger than the loop found (when no score exceeds 1 in size)
            if (_settled[v]) continue;
            _settled[v] = true;
            foreach (int link in order[v])
            {
                int w = _to[link];
                double through = _best[v] * Math.Abs(scores[link]);
                if (w == stock)
                {
                    if (through > strongest) (strongest, closing) = (through, v);
                }
                else if (!_settled[w] && through > _best[w])
                {
                    if (_best[w] == 0) touched.Add(w);
                    _best[w] = through;
                    _from[w] = v;
                    _queue.Enqueue(w, -through);
                }
            }
        }
        _queue.Clear();
        if (closing >= 0)
        {
            var path = new List<int>();
            for (int e = closing; e != stock; e = _from[e]) path.Add(e);
            path.Add(stock);
            path.Reverse();
            Record(path, strongest);
        }
        foreach (int e in touched) (_best[e], _settled[e]) = (0, false);
    }

    private void Record(List<int> path, double strength)
    {
        int start = 0;
        for (int i = 1; i < path.Count; i++) if (path[i] < path[start]) start = i;
        var loop = new int[path.Count];
        for (int i = 0; i < loop.Length; i++) loop[i] = path[(start + i) % path.Count];
        string key = string.Join(',', loop);
        if (!_seen.TryGetValue(key, out int index))
        {
            _seen[key] = index = Loops.Count;
            Loops.Add(loop);
            Share.Add(0);
        }
        _found[index] = strength;
    }

    /// <summary>Tarjan's strongly connected components, with an explicit stack (a long chain costs no call stack).</summary>
    private static int[] Components(int[][] successors)
    {
        int n = successors.Length, counter = 0, components = 0;
        var index = new int[n];
        var low = new int[n];
        var component = new int[n];
        var onStack = new bool[n];
        var stack = new Stack<int>();
        Array.Fill(index, -1);
        var frames = new Stack<(int Node, int Next)>();
        for (int root = 0; root < n; root++)
        {
            if (index[root] >= 0) continue;
            frames.Push((root, 0));
            index[root] = low[root] = counter++;
            stack.Push(root);
            onStack[root] = true;
            while (frames.Count > 0)
            {
                var (v, next) = frames.Pop();
                if (next < successors[v].Length)
                {
                    frames.Push((v, next + 1));
                    int w = successors[v][next];
                    if (index[w] < 0)
                    {
                        index[w] = low[w] = counter++;
                        stack.Push(w);
                        onStack[w] = true;
                        frames.Push((w, 0));
                    }
                    else if (onStack[w]) low[v] = Math.Min(low[v], index[w]);
                    continue;
                }
                if (frames.Count > 0) low[frames.Peek().Node] = Math.Min(low[frames.Peek().Node], low[v]);
                if (low[v] != index[v]) continue;
                int u;
                do
                {
                    u = stack.Pop();
                    onStack[u] = false;
                    component[u] = components;
                } while (u != v);
                components++;
            }
        }
        return component;
    }
}
