using System.Collections.Immutable;
using Simulation.Engine.Binding;
using Simulation.Engine.Ops;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Compilation;

/// <summary>
/// Emits instructions for bound expressions. In rates code, every time-invariant subexpression is
/// hoisted to run once per run (Setup, or after Initial when it reads INIT), and a product's
/// invariant factors are grouped so that <c>P * a * b * c</c> costs one multiplication per step.
/// Constant subtrees are folded at compile time (<see cref="ConstantFolder"/>), by the operations' own meaning.
/// </summary>
internal sealed partial class ExpressionEmitter(CodeBuffer code, BoundModel model, int[] elementSlots, ElementStages stages)
{
    private readonly Dictionary<BoundExpr, int> _hoisted = new(BoundExprComparer.Instance);
    private readonly Dictionary<BoundExpr, int> _initSlots = new(BoundExprComparer.Instance);
    private readonly Dictionary<BoundExpr, int> _previousSlots = new(BoundExprComparer.Instance);

    /// <summary>
    /// Emits <paramref name="expr"/> so that its value ends up in <paramref name="target"/>. The target stays the caller's:
    /// a temporary target is not released here, so that the next temporary rented cannot overwrite it.
    /// </summary>
    public void EmitInto(BoundExpr expr, int target, EmitMode mode, List<Instruction> into)
    {
        int slot = Emit(expr, mode, into, target);
        if (slot == target) return;
        into.Add(new Instruction(Operations.Copy, target, slot));
        code.Release(slot);
    }

    /// <summary>Emits an expression and returns the slot holding its value (a temporary unless <paramref name="target"/> is given).</summary>
    private int Emit(BoundExpr expr, EmitMode mode, List<Instruction> into, int target = -1)
    {
        expr = ConstantFolder.FoldNode(expr, model);
        switch (expr)
        {
            case BConst c:
                return code.Constant(c.Value);
            case BRef r:
                return elementSlots[r.Element];
            case BTime t:
                return t.Quantity switch
                {
                    TimeQuantity.Time => EvaluationPlan.TimeSlot,
                    TimeQuantity.Dt => code.Constant(model.Time.Dt),
                    TimeQuantity.Start => code.Constant(model.Time.Start),
                    _ => code.Constant(model.Time.Stop),
                };
        }
        if (mode == EmitMode.Rates && stages.IsInvariant(expr)) return Hoist(expr);
        switch (expr)
        {
            case BUnary u when Operations.For(u.Operator) is { } unary:
                return Op(unary, [u.Operand], mode, into, target);
            case BUnary plus:
                return Emit(plus.Operand, mode, into, target);
            case BBinary { Operator: BinaryOperator.Multiply } m when mode == EmitMode.Rates:
                return EmitProduct(m, into, target);
            case BBinary b:
                return EmitChain(b, mode, into, target, productRegrouped: false);
            case BIf i:
                return Op(Operations.Select, [i.Condition, i.Then, i.Else], mode, into, target);
            case BCall call when call.Function.ReadsPool:
                return NAry(call.Function, call.Arguments, mode, into, target, first: null);
            case BCall call:
                return Op(call.Function, call.Arguments.ToArray(), mode, into, target);
            case BLookup l:
                return Op(l.Mode, [l.Input], mode, into, target, aux: l.Table);
            case BReduce r:
                return NAry(r.Operator, r.Items, mode, into, target, first: null);
            case BSelect s:
                return NAry(Operations.Choose, s.Items, mode, into, target, first: s.Index);
            case BInit init:
                return EmitInit(init, mode, into);
            case BPrevious p:
                return EmitPrevious(p, mode, into);
            case BActiveInitial a:
                return Emit(mode == EmitMode.Initial ? a.Initial : a.Active, mode, into, target);
            case BDelayFixed d:
                return EmitPipeline(d, mode, into);
            case BRandom r:
                return EmitRandom(r, mode, into);
            default:
                throw new InvalidOperationException($"cannot emit {expr.GetType().Name}");
        }
    }

    /// <summary>
    /// A binary operation, and the chain of them down its left operands, in a loop (see <see cref="BinaryChain"/>): each
    /// lower node that <see cref="Emit"/> would also emit as a plain operation joins the loop, so the instructions are
    /// those the recursion would give. Invariance is computed once up the spine, not once per node (quadratic).
    /// </summary>
    /// <param name="productRegrouped">
    /// The top is a product whose factors <see cref="EmitProduct"/> chose not to regroup: nor would it the products
    /// directly below it, whose factors are some of the top's.
    /// </param>
    private int EmitChain(BBinary top, EmitMode mode, List<Instruction> into, int target, bool productRegrouped)
    {
        var spine = BinaryChain.Spine(top, b => b.Left, out BoundExpr leftmost);
        bool rates = mode == EmitMode.Rates;
        var invariant = new bool[spine.Count];
        bool sofar = rates && stages.IsInvariant(leftmost);
        for (int k = 0; k < spine.Count; k++) invariant[k] = sofar = sofar && stages.IsInvariant(spine[k].Right);
        int lowest = spine.Count - 1; // the lowest node emitted here; the nodes below it make up its left operand
        bool productRun = productRegrouped;
        for (int k = spine.Count - 2; k >= 0; k--)
        {
            var b = spine[k];
            productRun = productRun && b.Operator == BinaryOperator.Multiply;
            bool plain = !invariant[k] && !(b.Left is BConst && b.Right is BConst)
                         && !(rates && b.Operator == BinaryOperator.Multiply && !productRun);
            if (!plain) break;
            lowest = k;
        }
        int left = Emit(lowest == 0 ? leftmost : spine[lowest - 1], mode, into);
        for (int k = lowest; k < spine.Count; k++)
        {
            int right = Emit(spine[k].Right, mode, into);
            code.Release(left, right);
            int dst = k == spine.Count - 1 && target >= 0 ? target : code.RentTemp();
            into.Add(new Instruction(Operations.For(spine[k].Operator), dst, left, right));
            left = dst;
        }
        return left;
    }

    private int Op(Operation op, BoundExpr[] operands, EmitMode mode, List<Instruction> into, int target, int aux = 0)
    {
        var slots = new int[3];
        for (int i = 0; i < operands.Length; i++) slots[i] = Emit(operands[i], mode, into);
        code.Release(slots.AsSpan(0, operands.Length));
        int dst = target >= 0 ? target : code.RentTemp();
        into.Add(new Instruction(op, dst, slots[0], slots[1], slots[2], aux));
        return dst;
    }

    private int NAry(Operation op, ImmutableArray<BoundExpr> items, EmitMode mode, List<Instruction> into, int target, BoundExpr? first)
    {
        int a = first is null ? 0 : Emit(first, mode, into);
        int start = PoolOperands(items, mode, into);
        code.Release(a);
        int dst = target >= 0 ? target : code.RentTemp();
        into.Add(new Instruction(op, dst, a, Aux: start, Count: items.Length));
        return dst;
    }

    /// <summary>Puts the operands of an n-ary instruction in the argument pool; returns where they start.</summary>
    private int PoolOperands(IReadOnlyList<BoundExpr> items, EmitMode mode, List<Instruction> into)
    {
        // Items are usually element references; anything else is computed into a slot that lives until the instruction.
        var slots = items.Select(item => ConstantFolder.FoldNode(item, model) is BRef or BConst or BTime ? Emit(item, mode, into) : Persist(item, mode, into)).ToList();
        return code.AddToPool(slots);
    }

    /// <summary>Computes an operand of an n-ary instruction into a slot of its own (temporaries could be overwritten by the next operand).</summary>
    private int Persist(BoundExpr item, EmitMode mode, List<Instruction> into)
    {
        if (mode == EmitMode.Rates && stages.IsInvariant(item)) return Hoist(item);
        int slot = code.NewSlot();
        EmitInto(item, slot, mode, into);
        return slot;
    }

    /// <summary>
    /// A product in rates code: factors that never change are multiplied once per run (in their
    /// written order) and the result joins the changing factors, so each step does fewer operations.
    /// </summary>
    private int EmitProduct(BBinary product, List<Instruction> into, int target)
    {
        var factors = new List<BoundExpr>();
        Flatten(product, factors);
        if (stages.Variants is { } variants) return EmitProductByVariant(product, factors, variants, into, target);
        var fixedFactors = factors.Where(stages.IsInvariant).ToList();
        if (fixedFactors.Count < 2 || fixedFactors.Count == factors.Count)
            return EmitChain(product, EmitMode.Rates, into, target, productRegrouped: true);
        var changing = factors.Where(f => !stages.IsInvariant(f)).ToList();
        BoundExpr hoisted = fixedFactors.Skip(1).Aggregate(fixedFactors[0], (a, b) => new BBinary(BinaryOperator.Multiply, a, b));
        BoundExpr result = changing.Skip(1).Aggregate(changing[0], (a, b) => new BBinary(BinaryOperator.Multiply, a, b));
        int left = Emit(result, EmitMode.Rates, into);
        int right = Hoist(hoisted);
        code.Release(left);
        int dst = target >= 0 ? target : code.RentTemp();
        into.Add(new Instruction(Operations.Mul, dst, left, right));
        return dst;
    }

    /// <summary>The factors of a product, left to right (with an explicit stack: a product may have 20,000 factors).</summary>
    private static void Flatten(BoundExpr product, List<BoundExpr> factors)
    {
        var pending = new Stack<BoundExpr>();
        pending.Push(product);
        while (pending.Count > 0)
        {
            var e = pending.Pop();
            if (e is BBinary { Operator: BinaryOperator.Multiply } m)
            {
                pending.Push(m.Right);
                pending.Push(m.Left);
            }
            else factors.Add(e);
        }
    }

    /// <summary>Computes a time-invariant expression once per run, in Setup or (when it reads INIT) right after Initial.</summary>
    private int Hoist(BoundExpr expr)
    {
        if (_hoisted.TryGetValue(expr, out int slot)) return slot;
        slot = code.NewSlot();
        bool afterInitial = stages.ReadsInitialValues(expr);
        EmitInto(expr, slot, afterInitial ? EmitMode.Initial : EmitMode.Setup, afterInitial ? code.AfterInitial : code.Setup);
        _hoisted[expr] = slot;
        return slot;
    }

    private int EmitInit(BInit init, EmitMode mode, List<Instruction> into)
    {
        if (!_initSlots.TryGetValue(init, out int slot))
        {
            slot = code.NewSlot();
            _initSlots[init] = slot;
        }
        if (mode == EmitMode.Initial) EmitInto(init.Inner, slot, EmitMode.Initial, into);
        return slot;
    }

    private int EmitPrevious(BPrevious previous, EmitMode mode, List<Instruction> into)
    {
        if (!_previousSlots.TryGetValue(previous, out int slot))
        {
            slot = code.NewSlot();
            _previousSlots[previous] = slot;
            int staged = code.NewSlot();
            EmitInto(previous.Inner, staged, EmitMode.Rates, code.Capture);
            code.Commit.Add(new Instruction(Operations.Copy, slot, staged));
        }
        if (mode == EmitMode.Initial) EmitInto(previous.Initial, slot, EmitMode.Initial, into);
        return slot;
    }
}
