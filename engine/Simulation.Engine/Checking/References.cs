using Simulation.Engine.Binding;
using Simulation.Engine.Ops;

namespace Simulation.Engine.Checking;

/// <summary>When a reference is needed: during each step's rates, or only while initialising.</summary>
public enum Phase
{
    /// <summary>Every step: references inside INIT(...) and PREVIOUS(...) do not count (they hold saved values).</summary>
    Rates,

    /// <summary>At the initial time: everything except the value inside PREVIOUS (whose first value is its initial argument).</summary>
    Initial,
}

/// <summary>Finds the elements an expression reads, for dependency ordering.</summary>
public static class References
{
    public static void Collect(BoundExpr expr, Phase phase, List<int> into)
    {
        switch (expr)
        {
            case BRef r:
                into.Add(r.Element);
                break;
            case BUnary u:
                Collect(u.Operand, phase, into);
                break;
            case BBinary b:
                foreach (var operand in Operands(b)) Collect(operand, phase, into);
                break;
            case BIf i:
                Collect(i.Condition, phase, into);
                Collect(i.Then, phase, into);
                Collect(i.Else, phase, into);
                break;
            case BCall c:
                foreach (var a in c.Arguments) Collect(a, phase, into);
                break;
            case BLookup l:
                Collect(l.Input, phase, into);
                break;
            case BReduce r:
                foreach (var a in r.Items) Collect(a, phase, into);
                break;
            case BSelect s:
                Collect(s.Index, phase, into);
                foreach (var a in s.Items) Collect(a, phase, into);
                break;
            case BInit init:
                if (phase == Phase.Initial) Collect(init.Inner, phase, into);
                break;
            case BPrevious p:
                if (phase == Phase.Initial) Collect(p.Initial, phase, into);
                break;
            case BDelayFixed d: // like PREVIOUS: each step reads the buffer, filled after the step's rates
                if (phase == Phase.Initial)
                {
                    Collect(d.DelayTime, phase, into);
                    Collect(d.Initial, phase, into);
                }
                break;
            case BRandom random:
                foreach (var a in random.Arguments) Collect(a, phase, into);
                break;
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

    public static List<int> Of(BoundExpr? expr, Phase phase)
    {
        var list = new List<int>();
        if (expr is not null) Collect(expr, phase, list);
        return list;
    }

    /// <summary>True when the expression reads TIME (directly or through a time function).</summary>
    public static bool ReadsTime(BoundExpr expr) => expr switch
    {
        BTime t => t.Quantity == TimeQuantity.Time,
        BCall c => c.Function.Kind == OperationKind.Timed || c.Arguments.Any(ReadsTime),
        BUnary u => ReadsTime(u.Operand),
        BBinary b => Operands(b).Any(ReadsTime),
        BIf i => ReadsTime(i.Condition) || ReadsTime(i.Then) || ReadsTime(i.Else),
        BLookup l => ReadsTime(l.Input),
        BReduce r => r.Items.Any(ReadsTime),
        BSelect s => ReadsTime(s.Index) || s.Items.Any(ReadsTime),
        BPrevious or BDelayFixed or BRandom => true,
        _ => false,
    };
}
