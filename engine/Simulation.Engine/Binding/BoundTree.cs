using System.Buffers;

namespace Simulation.Engine.Binding;

/// <summary>When a reference is needed: during each step's rates, or only while initialising.</summary>
public enum Phase
{
    /// <summary>Every step: references inside INIT(...) and PREVIOUS(...) do not count (they hold saved values).</summary>
    Rates,

    /// <summary>At the initial time: everything except the value inside PREVIOUS (whose first value is its initial argument).</summary>
    Initial,
}

/// <summary>
/// The shape of bound expressions in one place: which operands each kind of node has, and which of them a phase
/// reads. Every walk over a bound expression (references, uses, time invariance, INIT) goes through here, so a new
/// kind of node is added once.
/// </summary>
public static class BoundTree
{
    /// <summary>
    /// Calls <paramref name="visit"/> for each operand of <paramref name="expr"/>, in evaluation order: every operand, or
    /// (given a <paramref name="phase"/>) those the node reads in that phase: at the rates, nothing inside INIT, PREVIOUS
    /// or DELAY (they hold saved values); at the initial time, INIT's value, PREVIOUS's initial value and DELAY's delay
    /// time and initial value. The state is passed along so that a static lambda allocates nothing.
    /// </summary>
    public static void ForEachChild<TState>(BoundExpr expr, Phase? phase, TState state, Action<BoundExpr, TState> visit)
    {
        switch (expr)
        {
            case BUnary u:
                visit(u.Operand, state);
                break;
            case BBinary { Left: not BBinary } b: // the common case: no chain to walk
                visit(b.Left, state);
                visit(b.Right, state);
                break;
            case BBinary b:
                VisitChain(b, state, visit);
                break;
            case BIf i:
                visit(i.Condition, state);
                visit(i.Then, state);
                visit(i.Else, state);
                break;
            case BCall c:
                foreach (var a in c.Arguments) visit(a, state);
                break;
            case BLookup l:
                visit(l.Input, state);
                break;
            case BReduce r:
                foreach (var a in r.Items) visit(a, state);
                break;
            case BSelect s:
                visit(s.Index, state);
                foreach (var a in s.Items) visit(a, state);
                break;
            case BRandom random:
                foreach (var a in random.Arguments) visit(a, state);
                break;
            case BInit init when phase is null or Phase.Initial:
                visit(init.Inner, state);
                break;
            case BPrevious p:
                if (phase is null) visit(p.Inner, state);
                if (phase is null or Phase.Initial) visit(p.Initial, state);
                break;
            case BActiveInitial a: // each phase reads its own side: an initial value can break a loop of initial values
                if (phase is null or Phase.Rates) visit(a.Active, state);
                if (phase is null or Phase.Initial) visit(a.Initial, state);
                break;
            case BDelayFixed d: // like PREVIOUS: each step reads the buffer, filled after the step's rates
                if (phase is null)
                {
                    visit(d.Input, state);
                    if (d.Missing is { } missing) visit(missing, state);
                }
                if (phase is null or Phase.Initial)
                {
                    visit(d.DelayTime, state);
                    visit(d.Initial, state);
                }
                break;
        }
    }

    /// <summary>
    /// The operands of a chain, as <see cref="Operands"/> gives them, with its nodes held in a pooled array: every walk
    /// visits every node of the model, and an array per node was a good part of what checking a model allocated.
    /// </summary>
    private static void VisitChain<TState>(BBinary top, TState state, Action<BoundExpr, TState> visit)
    {
        int depth = 1;
        var leftmost = top.Left;
        for (; leftmost is BBinary inner; leftmost = inner.Left) depth++;
        var spine = ArrayPool<BBinary>.Shared.Rent(depth); // innermost first
        var node = top;
        for (int i = depth - 1; i > 0; i--, node = (BBinary)node.Left) spine[i] = node;
        spine[0] = node;
        try
        {
            visit(leftmost, state);
            for (int i = 0; i < depth; i++) visit(spine[i].Right, state);
        }
        finally
        {
            Array.Clear(spine, 0, depth);
            ArrayPool<BBinary>.Shared.Return(spine);
        }
    }

    /// <summary>The operands of a node (see <see cref="ForEachChild{TState}"/>), as a list.</summary>
    public static List<BoundExpr> Children(BoundExpr expr, Phase? phase = null)
    {
        var children = new List<BoundExpr>();
        ForEachChild(expr, phase, children, static (child, list) => list.Add(child));
        return children;
    }

    /// <summary>
    /// True when <paramref name="expr"/> or a node below it (those <see cref="ForEachChild{TState}"/> visits, given a
    /// <paramref name="phase"/> or not) is one that <paramref name="match"/> accepts.
    /// </summary>
    public static bool Any(BoundExpr expr, Func<BoundExpr, bool> match, Phase? phase = null)
    {
        var search = new Search(match, phase);
        search.Visit(expr);
        return search.Found;
    }

    private sealed class Search(Func<BoundExpr, bool> match, Phase? phase)
    {
        public bool Found { get; private set; }

        public void Visit(BoundExpr expr)
        {
            if (Found) return; // the rest of the siblings: nothing more to learn
            if (match(expr)) Found = true;
            else ForEachChild(expr, phase, this, static (child, search) => search.Visit(child));
        }
    }

    /// <summary>
    /// The operands of a binary operation and of the chain of them down its left operands, in evaluation order:
    /// walks recurse into these, so a long chain (a + b + c ...) costs no stack (see <see cref="Syntax.BinaryChain"/>).
    /// </summary>
    public static BoundExpr[] Operands(BBinary top)
    {
        if (top.Left is not BBinary) return [top.Left, top.Right];
        var spine = Syntax.BinaryChain.Spine(top, b => b.Left, out BoundExpr leftmost);
        var operands = new BoundExpr[spine.Count + 1];
        operands[0] = leftmost;
        for (int i = 0; i < spine.Count; i++) operands[i + 1] = spine[i].Right;
        return operands;
    }
}
