using Simulation.Engine.Binding;

namespace Simulation.Engine.Checking;

/// <summary>
/// Orders elements so that each is computed after what it reads, for the two phases of a run, and
/// finds the loops that make an order impossible (Tarjan's strongly connected components).
/// </summary>
public sealed class DependencyGraph
{
    private readonly List<int>[] _edges;
    private readonly bool[] _isNode;

    private DependencyGraph(List<int>[] edges, bool[] isNode)
    {
        _edges = edges;
        _isNode = isNode;
    }

    /// <summary>Rates: auxiliaries and flows, each depending on the auxiliaries and flows it reads (stocks are known).</summary>
    public static DependencyGraph ForRates(IReadOnlyList<ModelElement> elements)
    {
        var isNode = elements.Select(e => e.Kind != ElementKind.Stock).ToArray();
        return new DependencyGraph(Edges(elements, Phase.Rates, isNode), isNode);
    }

    /// <summary>Initial values: every element, stocks depending on what their initial value reads.</summary>
    public static DependencyGraph ForInitial(IReadOnlyList<ModelElement> elements)
    {
        var isNode = elements.Select(_ => true).ToArray();
        return new DependencyGraph(Edges(elements, Phase.Initial, isNode), isNode);
    }

    /// <summary>Per node, the nodes its equation reads in the phase, each once, in the order first read.</summary>
    private static List<int>[] Edges(IReadOnlyList<ModelElement> elements, Phase phase, bool[] isNode)
    {
        var edges = new List<int>[elements.Count];
        var reads = new List<int>();
        var listedFor = new int[elements.Count]; // the node whose list holds an element already (+1, so 0 is none): no set per node
        for (int from = 0; from < edges.Length; from++)
        {
            edges[from] = new List<int>();
            if (!isNode[from]) continue;
            reads.Clear();
            if (elements[from].Equation is { } equation) References.Collect(equation, phase, reads);
            foreach (int to in reads)
                if (isNode[to] && listedFor[to] != from + 1)
                {
                    listedFor[to] = from + 1;
                    edges[from].Add(to);
                }
        }
        return edges;
    }

    public IReadOnlyList<int> DependenciesOf(int element) => _edges[element];

    /// <summary>A topological order (dependencies first), or the loops found when there is none.</summary>
    public (List<int>? Order, List<List<int>> Cycles) Sort()
    {
        var components = StronglyConnected();
        var cycles = components.Where(c => c.Count > 1 || _edges[c[0]].Contains(c[0])).Select(FindCycle).ToList();
        if (cycles.Count > 0) return (null, cycles);
        // Tarjan emits components in reverse topological order of the "depends on" edges: dependencies first.
        return (components.Select(c => c[0]).ToList(), cycles);
    }

    /// <summary>Tarjan's algorithm, iterative so that long dependency chains cannot overflow the stack.</summary>
    private List<List<int>> StronglyConnected()
    {
        int n = _edges.Length;
        var index = new int[n];
        var low = new int[n];
        var onStack = new bool[n];
        Array.Fill(index, -1);
        var stack = new Stack<int>();
        var result = new List<List<int>>();
        int counter = 0;
        var work = new Stack<(int Node, int Edge)>();
        for (int root = 0; root < n; root++)
        {
            if (!_isNode[root] || index[root] >= 0) continue;
            work.Push((root, 0));
            while (work.Count > 0)
            {
                var (v, e) = work.Pop();
                if (e == 0)
                {
                    index[v] = low[v] = counter++;
                    stack.Push(v);
                    onStack[v] = true;
                }
                var edges = _edges[v];
                if (e < edges.Count)
                {
                    work.Push((v, e + 1));
                    int w = edges[e];
                    if (index[w] < 0) work.Push((w, 0));
                    else if (onStack[w]) low[v] = Math.Min(low[v], index[w]);
                    continue;
                }
                foreach (int w in edges)
                    if (onStack[w] && index[w] > index[v]) low[v] = Math.Min(low[v], low[w]);
                    else if (onStack[w]) low[v] = Math.Min(low[v], index[w]);
                if (low[v] == index[v])
                {
                    var component = new List<int>();
                    int w;
                    do
                    {
                        w = stack.Pop();
                        onStack[w] = false;
                        component.Add(w);
                    } while (w != v);
                    result.Add(component);
                }
            }
        }
        return result;
    }

    /// <summary>One concrete loop a -> b -> ... -> a inside a strongly connected component.</summary>
    private List<int> FindCycle(List<int> component)
    {
        var members = component.ToHashSet();
        int start = component.Min();
        var parent = new Dictionary<int, int>();
        var queue = new Queue<int>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            int v = queue.Dequeue();
            foreach (int w in _edges[v])
            {
                if (!members.Contains(w)) continue;
                if (w == start)
                {
                    var path = new List<int> { start };
                    for (int x = v; x != start; x = parent[x]) path.Add(x);
                    path.Reverse(1, path.Count - 1);
                    path.Add(start);
                    return path;
                }
                if (parent.TryAdd(w, v)) queue.Enqueue(w);
            }
        }
        return [start, start];
    }
}
