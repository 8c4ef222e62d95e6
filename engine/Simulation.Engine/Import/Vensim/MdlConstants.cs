using Simulation.Engine.Syntax;

namespace Simulation.Engine.Import.Vensim;

/// <summary>
/// Values the import can know without running the model: numbers, arithmetic, and names of scalar variables
/// whose one equation is such a value (the control variables, a delay's order). With the clock known, Time and
/// the test inputs STEP, PULSE and RAMP are read at the initial time, which is when Vensim reads a DELAY N's order.
/// </summary>
internal sealed class MdlConstants(Dictionary<string, MdlVariable> variables)
{
    private readonly HashSet<string> _visiting = new();

    public Dictionary<string, MdlVariable> Variables { get; } = variables;

    /// <summary>The initial time and time step, once known: then Time and the test inputs have values (at the initial time).</summary>
    public (double Start, double Dt)? Clock { get; set; }

    /// <summary>The value of the variable named <paramref name="canonical"/>, or null when it is not a constant.</summary>
    public double? Value(string canonical) => Computed(canonical);

    /// <summary>A constant expression's value, or null; with <paramref name="atStart"/>, also Time and the test inputs at the initial time.</summary>
    public double? Evaluate(Expr expr, bool atStart = false)
    {
        bool saved = _atStart;
        _atStart = atStart;
        try
        {
            return Compute(expr);
        }
        finally
        {
            _atStart = saved;
        }
    }

    private bool _atStart;

    private double? Computed(string canonical)
    {
        if (!Variables.TryGetValue(canonical, out var v) || v.Equations.Count != 1 || !v.Equations[0].Left.Subscripts.IsEmpty
            || v.Equations[0].Right is not { } right || !_visiting.Add(canonical))
            return null;
        try
        {
            return Compute(right);
        }
        finally
        {
            _visiting.Remove(canonical);
        }
    }

    /// <summary>Whether the variable's one equation is a number.</summary>
    public bool IsLiteral(string name) =>
        Variables.TryGetValue(Identifier.Canonical(name), out var v) && v.Equations.Count == 1 && v.Equations[0].Left.Subscripts.IsEmpty
        && MdlVariable.IsNumber(v.Equations[0].Right);

    private double? Compute(Expr expr)
    {
        var clock = _atStart ? Clock : null;
        switch (expr)
        {
            case NumberExpr n:
                return n.Value;
            case MdlParenthesized p:
                return Compute(p.Inner);
            case UnaryExpr { Operator: UnaryOperator.Negate } u:
                return -Compute(u.Operand);
            case UnaryExpr { Operator: UnaryOperator.Plus } u:
                return Compute(u.Operand);
            case BinaryExpr b when Compute(b.Left) is double l && Compute(b.Right) is double r:
                return b.Operator switch
                {
                    BinaryOperator.Add => l + r,
                    BinaryOperator.Subtract => l - r,
                    BinaryOperator.Multiply => l * r,
                    BinaryOperator.Divide => l / r,
                    BinaryOperator.Power => Math.Pow(l, r),
                    _ => null,
                };
            case MdlReference { Subscripts.IsEmpty: true } r:
                string canonical = Identifier.Canonical(r.Name);
                return canonical switch
                {
                    "time" when clock is { } c => c.Start,
                    _ => Computed(canonical),
                };
            case MdlCall call when clock is { } c:
                return AtStart(call, c.Start, c.Dt);
            default:
                return null;
        }
    }

    /// <summary>STEP, PULSE and RAMP at the initial time (Vensim compares with Time + dt/2 for STEP and PULSE).</summary>
    private double? AtStart(MdlCall call, double time, double dt)
    {
        var args = call.Arguments.Select(Compute).ToList();
        if (args.Any(a => a is null)) return null;
        double t = time + dt / 2;
        return (Identifier.Canonical(call.Name), args.Count) switch
        {
            ("step", 2) => t > args[1]!.Value ? args[0] : 0,
            ("pulse", 2) => t > args[0]!.Value && t < args[0]!.Value + Math.Max(args[1]!.Value, dt) ? 1 : 0,
            ("ramp", 2 or 3) => time > args[1]!.Value ? args[0]!.Value * (Math.Min(time, args.Count > 2 ? args[2]!.Value : double.PositiveInfinity) - args[1]!.Value) : 0,
            _ => null,
        };
    }
}
