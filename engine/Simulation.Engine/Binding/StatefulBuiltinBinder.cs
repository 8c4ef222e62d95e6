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
        if (!FixedNumber(argument, $"the order of {builtin.Name}", out double? value)) return null;
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

    /// <summary>
    /// An argument fixed when the model is built: a number, or a variable whose equation is a number (not an input);
    /// <paramref name="value"/> is null when it is not one. False when the argument does not bind (already reported).
    /// </summary>
    private bool FixedNumber(Expr argument, string what, out double? value)
    {
        value = null;
        var bound = BindScalar(argument, () => what);
        if (bound is null) return false;
        value = bound switch
        {
            BConst c => c.Value,
            BRef r => LiteralValue(context.Elements[r.Element]),
            _ => null,
        };
        return true;
    }

    private static double? LiteralValue(ModelElement element)
    {
        if (element.IsHidden || element.Variable.Definition is not { } def) return null;
        if (def.Input is not null || def.Elements.Length > 0 || def.Equation is null) return null;
        return double.TryParse(def.Equation.Text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : null;
    }

    /// <summary>
    /// DELAY(input, delay time [, initial]): without an initial value, the input's own initial value fills the pipeline.
    /// DELAY_INFORMATION(input, delay time, initial): the same with a delay time read every step; DELAY_MATERIAL(input,
    /// delay time, initial, missing): each input leaving after the delay time it entered with.
    /// </summary>
    private ArrayValue? BindPipeline(CallExpr call, BuiltinSignature builtin)
    {
        var args = BindAll(call.Arguments);
        if (args is null) return null;
        bool material = builtin.Name == "DELAY_MATERIAL";
        bool varying = material || builtin.Name == "DELAY_INFORMATION";
        return Zip(call, args, a => new BDelayFixed(a[0], a[1], a.Length > 2 ? a[2] : a[0]) { Varying = varying, Missing = material ? a[3] : null });
    }

    /// <summary>
    /// RANDOM, NORMAL...: each element draws for itself (a new call site per element). One argument more than the
    /// distribution's parameters is the call's own seed (NORMAL: 3 or 5 arguments; 4 are mean, sd, min, max).
    /// </summary>
    private ArrayValue? BindRandom(CallExpr call, BuiltinSignature builtin)
    {
        var distribution = (RandomOperation)builtin.Operation!;
        int n = call.Arguments.Length;
        bool normal = distribution == Operations.RandomNormal;
        bool seeded = normal ? n is 3 or 5 : n > builtin.MinArgs;
        if (normal && n >= 4) distribution = Operations.RandomTruncatedNormal;
        int parameters = seeded ? n - 1 : n;
        ulong? seed = null;
        if (seeded)
        {
            if (ConstantSeed(call.Arguments[n - 1], builtin) is not ulong s) return null;
            seed = s;
        }
        if (distribution == Operations.RandomLookupBounded) return BindRandomLookup(call, parameters, seed);
        var args = BindAll(call.Arguments.Take(parameters));
        if (args is null) return null;
        return Zip(call, args, a => new BRandom(distribution, [.. a], context.NewRandomSite()) { Seed = seed });
    }

    /// <summary>
    /// RANDOM_LOOKUP(table, min, max, shift, stretch [, seed]): the table's points are known when the model is built, so
    /// its density is built then, once per call (<see cref="BoundedDraws.LookupOver"/>); each draw takes the four numbers.
    /// </summary>
    private ArrayValue? BindRandomLookup(CallExpr call, int parameters, ulong? seed)
    {
        var tables = BindTables(call.Arguments[0]);
        var args = BindAll(call.Arguments.Take(parameters).Skip(1));
        if (tables is null || args is null) return null;
        return Zip(call, [tables, .. args], a =>
        {
            var table = context.Tables[(int)((BConst)a[0]).Value];
            var draw = Operations.RandomLookupBounded.Over(BoundedDraws.LookupOver([.. table.X], [.. table.Y]));
            return new BRandom(draw, [.. a.Skip(1)], context.NewRandomSite()) { Seed = seed };
        });
    }

    /// <summary>A random call's own seed: a whole number from 0 to 2^32 - 1 (XMILE's range), fixed when the model is built.</summary>
    private ulong? ConstantSeed(Expr argument, BuiltinSignature builtin)
    {
        if (!FixedNumber(argument, $"the seed of {builtin.Name}", out double? value)) return null;
        if (value is double v && v == Math.Floor(v) && v >= 0 && v <= uint.MaxValue) return (ulong)v;
        context.Report(DiagnosticCodes.InvalidArgument,
            $"the seed of {builtin.Name} must be a whole number from 0 to 4294967295 written as a number (or a variable whose equation is one), not an expression or an input",
            scope, argument.Span, "a call with a seed draws the same numbers in every run; leave the seed out to draw from the run's stream (sim run --seed)");
        return null;
    }
}
