using System.Globalization;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Ops;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Binding;

/// <summary>Binding of the builtins that keep state: delays and smooths, the pipeline DELAY, and random draws.</summary>
internal sealed partial class ExpressionBinder
{
    /// <summary>Stages a DELAYN or SMTHN may have: each is a stock, and more than this is almost surely a mistake.</summary>
    public const int MaxOrder = 1000;

    /// <summary>SMTH1, DELAY3, TREND...: every element of the result gets its own hidden stocks and flows.</summary>
    private ArrayValue? BindMemory(CallExpr call, BuiltinSignature builtin)
    {
        var spec = builtin.Memory!;
        int order = spec.FixedOrder ?? 0;
        if (spec.FixedOrder is null)
        {
            if (ConstantOrder(call.Arguments[spec.OrderArgument], builtin) is not int n) return null;
            order = n;
        }
        var args = new List<ArrayValue>();
        for (int i = 0; i < call.Arguments.Length; i++)
        {
            var value = i == spec.OrderArgument ? ArrayValue.Scalar(new BConst(order)) : Bind(call.Arguments[i]);
            if (value is null) return null;
            args.Add(value);
        }
        var expander = new MemoryExpander(context, scope);
        return Zip(call, args, a => expander.Expand(spec, a, order));
    }

    /// <summary>The order of DELAYN or SMTHN: a whole number fixed when the model is built, because it decides how many stocks there are.</summary>
    private int? ConstantOrder(Expr argument, BuiltinSignature builtin)
    {
        var bound = BindScalar(argument, () => $"the order of {builtin.Name}");
        if (bound is null) return null;
        double? value = bound switch
        {
            BConst c => c.Value,
            BRef r => LiteralValue(context.Elements[r.Element]),
            _ => null,
        };
        string? problem = value switch
        {
            null => "must be a constant: a number, or a variable whose equation is a number (not an input)",
            double v when v != Math.Floor(v) || v < 1 => $"must be a whole number of at least 1, not {v.ToString(CultureInfo.InvariantCulture)}",
            > MaxOrder => $"is {value.Value.ToString(CultureInfo.InvariantCulture)}; at most {MaxOrder} stages are allowed",
            _ => null,
        };
        if (problem is null) return (int)value!.Value;
        context.Report(DiagnosticCodes.InvalidArgument, $"the order of {builtin.Name} {problem}", scope, argument.Span,
            "the order decides how many stocks the delay has, so it is fixed when the model is built");
        return null;
    }

    private static double? LiteralValue(ModelElement element)
    {
        if (element.IsHidden || element.Variable.Definition is not { } def) return null;
        if (def.Input is not null || def.Elements.Length > 0 || def.Equation is null) return null;
        return double.TryParse(def.Equation.Text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : null;
    }

    /// <summary>DELAY(input, delay time [, initial]): without an initial value, the input's own initial value fills the pipeline.</summary>
    private ArrayValue? BindPipeline(CallExpr call)
    {
        var args = BindAll(call.Arguments);
        if (args is null) return null;
        return Zip(call, args, a => new BDelayFixed(a[0], a[1], a.Length > 2 ? a[2] : a[0]));
    }

    /// <summary>RANDOM, NORMAL...: each element draws for itself (a new call site per element).</summary>
    private ArrayValue? BindRandom(CallExpr call, BuiltinSignature builtin)
    {
        var distribution = (RandomOperation)builtin.Operation!;
        if (distribution == Operations.RandomNormal && call.Arguments.Length == 3)
        {
            context.Report(DiagnosticCodes.WrongArgumentCount, "NORMAL takes 2 arguments (mean, sd) or 4 (mean, sd, min, max), but 3 are given",
                scope, call.Span, "give both bounds to truncate; there is no per-call seed: runs draw from the stream of --seed and the run number");
            return null;
        }
        if (distribution == Operations.RandomNormal && call.Arguments.Length == 4) distribution = Operations.RandomTruncatedNormal;
        var args = BindAll(call.Arguments);
        if (args is null) return null;
        return Zip(call, args, a => new BRandom(distribution, [.. a], context.NewRandomSite()));
    }
}
