using Simulation.Engine.Binding;

namespace Simulation.Engine.Compilation;

/// <summary>
/// The equality records give bound expressions (same node types, same fields; lists of operands the same list), with
/// explicit stacks instead of the records' recursion, which a long chain (<c>a + b + c ...</c>, 20,000 deep) would take
/// past the end of the stack. The emitter keys hoisted expressions by it.
/// </summary>
internal sealed class BoundExprComparer : IEqualityComparer<BoundExpr>
{
    public static readonly BoundExprComparer Instance = new();

    public bool Equals(BoundExpr? x, BoundExpr? y)
    {
        var pending = new Stack<(BoundExpr? X, BoundExpr? Y)>();
        pending.Push((x, y));
        while (pending.Count > 0)
        {
            var (a, b) = pending.Pop();
            if (ReferenceEquals(a, b)) continue;
            if (a is null || b is null || a.GetType() != b.GetType()) return false;
            switch (a, b)
            {
                case (BConst p, BConst q) when p.Value.Equals(q.Value):
                case (BRef p2, BRef q2) when p2.Element == q2.Element:
                case (BTime p3, BTime q3) when p3.Quantity == q3.Quantity:
                    continue;
                case (BUnary p, BUnary q) when p.Operator == q.Operator:
                    pending.Push((p.Operand, q.Operand));
                    continue;
                case (BBinary p, BBinary q) when p.Operator == q.Operator:
                    pending.Push((p.Right, q.Right));
                    pending.Push((p.Left, q.Left));
                    continue;
                case (BIf p, BIf q):
                    pending.Push((p.Else, q.Else));
                    pending.Push((p.Then, q.Then));
                    pending.Push((p.Condition, q.Condition));
                    continue;
                case (BCall p, BCall q) when p.Function == q.Function && p.Arguments == q.Arguments:
                case (BReduce p2, BReduce q2) when p2.Operator == q2.Operator && p2.Items == q2.Items:
                case (BRandom p3, BRandom q3) when p3.Distribution == q3.Distribution && p3.Site == q3.Site && p3.Arguments == q3.Arguments:
                    continue;
                case (BLookup p, BLookup q) when p.Table == q.Table && p.Mode == q.Mode:
                    pending.Push((p.Input, q.Input));
                    continue;
                case (BSelect p, BSelect q) when p.Items == q.Items:
                    pending.Push((p.Index, q.Index));
                    continue;
                case (BInit p, BInit q):
                    pending.Push((p.Inner, q.Inner));
                    continue;
                case (BPrevious p, BPrevious q):
                    pending.Push((p.Initial, q.Initial));
                    pending.Push((p.Inner, q.Inner));
                    continue;
                case (BActiveInitial p, BActiveInitial q):
                    pending.Push((p.Initial, q.Initial));
                    pending.Push((p.Active, q.Active));
                    continue;
                case (BDelayFixed p, BDelayFixed q) when p.Varying == q.Varying && (p.Missing is null) == (q.Missing is null):
                    if (p.Missing is not null) pending.Push((p.Missing, q.Missing!));
                    pending.Push((p.Initial, q.Initial));
                    pending.Push((p.DelayTime, q.DelayTime));
                    pending.Push((p.Input, q.Input));
                    continue;
                default:
                    return false;
            }
        }
        return true;
    }

    public int GetHashCode(BoundExpr expr)
    {
        var hash = new HashCode();
        var pending = new Stack<BoundExpr>();
        pending.Push(expr);
        while (pending.Count > 0)
        {
            var e = pending.Pop();
            hash.Add(e.GetType());
            switch (e)
            {
                case BConst c: hash.Add(c.Value); break;
                case BRef r: hash.Add(r.Element); break;
                case BTime t: hash.Add(t.Quantity); break;
                case BUnary u: hash.Add(u.Operator); pending.Push(u.Operand); break;
                case BBinary b: hash.Add(b.Operator); pending.Push(b.Right); pending.Push(b.Left); break;
                case BIf i: pending.Push(i.Else); pending.Push(i.Then); pending.Push(i.Condition); break;
                case BCall c: hash.Add(c.Function); hash.Add(c.Arguments); break;
                case BReduce r: hash.Add(r.Operator); hash.Add(r.Items); break;
                case BRandom r: hash.Add(r.Distribution); hash.Add(r.Site); hash.Add(r.Arguments); break;
                case BLookup l: hash.Add(l.Table); hash.Add(l.Mode); pending.Push(l.Input); break;
                case BSelect s: hash.Add(s.Items); pending.Push(s.Index); break;
                case BInit i: pending.Push(i.Inner); break;
                case BPrevious p: pending.Push(p.Initial); pending.Push(p.Inner); break;
                case BActiveInitial a: pending.Push(a.Initial); pending.Push(a.Active); break;
                case BDelayFixed d: hash.Add(d.Varying); if (d.Missing is not null) pending.Push(d.Missing); pending.Push(d.Initial); pending.Push(d.DelayTime); pending.Push(d.Input); break;
            }
        }
        return hash.ToHashCode();
    }
}
