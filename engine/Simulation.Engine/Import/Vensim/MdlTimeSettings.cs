using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Import.Vensim;

/// <summary>
/// The run's clock from Vensim's control variables: INITIAL TIME, FINAL TIME, TIME STEP (which
/// become the time settings; equations that name them read our STARTTIME, STOPTIME and DT) and
/// SAVEPER (the save period; it stays a variable too, as Vensim outputs it). Each must be a constant
/// (a number or an expression of constants): Vensim allows them to change during a run, which is
/// reported as not supported.
/// </summary>
internal static class MdlTimeSettings
{
    private const string Start = "initial_time", Stop = "final_time", Step = "time_step", Save = "saveper";

    public static TimeSettings Read(Dictionary<string, MdlVariable> variables, string? method, DiagnosticBag diagnostics)
    {
        foreach (var name in new[] { Start, Stop, Step })
            if (variables.TryGetValue(name, out var control)) control.Role = MdlRole.Control;
        var evaluator = new ConstantEvaluator(variables, diagnostics);
        double start = evaluator.Value(Start, "INITIAL TIME", required: false) ?? 0;
        double stop = evaluator.Value(Stop, "FINAL TIME", required: true) ?? start + 1;
        double dt = evaluator.Value(Step, "TIME STEP", required: true) ?? 1;
        double? save = evaluator.Value(Save, "SAVEPER", required: false);
        var stopRecord = variables.GetValueOrDefault(Stop)?.Equations[0].Record;
        return new TimeSettings
        {
            Start = start,
            Stop = stop,
            Dt = dt,
            SavePeriod = save is double s && s != dt ? s : null,
            Method = method switch
            {
                "rk4" => IntegrationMethod.RK4,
                "rk2" => IntegrationMethod.RK2,
                _ => IntegrationMethod.Euler,
            },
            Units = stopRecord is null || string.IsNullOrWhiteSpace(stopRecord.Units) ? null : stopRecord.Units.Trim(),
            Location = stopRecord?.Location,
            StopLocation = stopRecord?.Location,
            DtLocation = variables.GetValueOrDefault(Step)?.Equations[0].Record.Location,
            SavePeriodLocation = variables.GetValueOrDefault(Save)?.Equations[0].Record.Location,
        };
    }

    /// <summary>Values of constant scalar equations: numbers, arithmetic, and names of other such equations.</summary>
    private sealed class ConstantEvaluator(Dictionary<string, MdlVariable> variables, DiagnosticBag diagnostics)
    {
        private readonly HashSet<string> _visiting = new();

        public double? Value(string canonical, string display, bool required)
        {
            if (!variables.TryGetValue(canonical, out var variable))
            {
                if (required)
                    diagnostics.Error(DiagnosticCodes.MissingEquation, $"the model has no {display}, so the run's clock is not known", null, display,
                        $"add a record: {display} = <number> ~ <time unit> ~ |");
                return null;
            }
            var e = variable.Equations[0];
            if (variable.Equations.Count == 1 && e.Left.Subscripts.IsEmpty && e.Right is { } right && Evaluate(right, canonical) is double value)
                return value;
            diagnostics.InEquation(DiagnosticCodes.UnsupportedVensimFeature, Severity.Error,
                $"{display} must be a constant: a {display} that changes during the run is not supported", e.Record.Equation,
                e.Right?.Span ?? e.Left.NameSpan, display, "give it a number");
            return null;
        }

        private double? Evaluate(MdlExpr expr, string owner)
        {
            switch (expr)
            {
                case MdlNumber n:
                    return n.Value;
                case MdlParenthesized p:
                    return Evaluate(p.Inner, owner);
                case MdlUnary { Operator: UnaryOperator.Negate } u:
                    return -Evaluate(u.Operand, owner);
                case MdlUnary { Operator: UnaryOperator.Plus } u:
                    return Evaluate(u.Operand, owner);
                case MdlBinary b when Evaluate(b.Left, owner) is double l && Evaluate(b.Right, owner) is double r:
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
                    if (!_visiting.Add(owner)) return null;
                    try
                    {
                        return variables.TryGetValue(canonical, out var v) && v.Equations.Count == 1 && v.Equations[0].Left.Subscripts.IsEmpty
                               && v.Equations[0].Right is { } right
                            ? Evaluate(right, canonical)
                            : null;
                    }
                    finally
                    {
                        _visiting.Remove(owner);
                    }
                default:
                    return null;
            }
        }
    }
}
