using Simulation.Engine.Syntax;

namespace Simulation.Engine.Binding;

/// <summary>How the binder treats a builtin name.</summary>
public enum BuiltinCategory
{
    /// <summary>A name with no arguments: TIME, DT, PI, INF...</summary>
    Constant,

    /// <summary>A stateless function of its arguments (and maybe TIME), applied element by element.</summary>
    Math,

    /// <summary>IF_THEN_ELSE(c, a, b).</summary>
    Conditional,

    /// <summary>INIT(x).</summary>
    Init,

    /// <summary>PREVIOUS(x [, initial]).</summary>
    Previous,

    /// <summary>SUM, PROD, MEAN, STDDEV, SIZE, VMIN, VMAX (and MIN/MAX with one argument).</summary>
    Reduction,

    /// <summary>LOOKUP_FORWARD, LOOKUP_BACKWARD, LOOKUP_INVERT, LOOKUP: (graphical function, x).</summary>
    Lookup,

    /// <summary>SMOOTH, DELAY1/3/N, TREND, FORCST...: expanded into hidden stocks and flows.</summary>
    Memory,

    /// <summary>DELAY / DELAY FIXED: a pipeline with a ring buffer.</summary>
    Pipeline,

    /// <summary>Random draws from the run's stream.</summary>
    Random,

    /// <summary>TRANSPOSE(A), written A': an array with its dimensions reversed.</summary>
    Transpose,
}

public sealed record BuiltinSignature(string Name, int MinArgs, int MaxArgs, BuiltinCategory Category, string Summary)
{
    public BuiltinFunction? Function { get; init; }
    public TimeQuantity? Time { get; init; }
    public double? Value { get; init; }
    public ReduceOperator? Reduce { get; init; }
    public LookupMode? Lookup { get; init; }
    public MemorySpec? Memory { get; init; }
    public RandomDistribution? Random { get; init; }

    /// <summary>For a builtin that is another one with fixed extra arguments (PULSE_VENSIM): builds the bound call from the arguments.</summary>
    public Func<System.Collections.Immutable.ImmutableArray<BoundExpr>, BoundExpr>? Lower { get; init; }

    public string ArityText => MinArgs == MaxArgs ? $"{MinArgs}" : MaxArgs == int.MaxValue ? $"{MinArgs} or more" : $"{MinArgs} to {MaxArgs}";
}

/// <summary>Every builtin name the equation language knows, with its arity; docs/builtins.md describes each.</summary>
public static class BuiltinCatalog
{
    private static readonly Dictionary<string, BuiltinSignature> ByName = Build();

    public static IEnumerable<BuiltinSignature> All => ByName.Values.Distinct();

    public static BuiltinSignature? Find(string name) => ByName.GetValueOrDefault(Identifier.Canonical(name));

    private static Dictionary<string, BuiltinSignature> Build()
    {
        var list = new List<(string[] Names, BuiltinSignature Signature)>();
        void Math(string name, int min, int max, BuiltinFunction f, string summary, params string[] aliases) =>
            list.Add(([name, .. aliases], new BuiltinSignature(name, min, max, BuiltinCategory.Math, summary) { Function = f }));
        void Constant(string name, string summary, TimeQuantity? time = null, double? value = null, params string[] aliases) =>
            list.Add(([name, .. aliases], new BuiltinSignature(name, 0, 0, BuiltinCategory.Constant, summary) { Time = time, Value = value }));
        void Other(string name, int min, int max, BuiltinCategory category, string summary, params string[] aliases) =>
            list.Add(([name, .. aliases], new BuiltinSignature(name, min, max, category, summary)));

        Constant("TIME", "the current time", TimeQuantity.Time);
        Constant("DT", "the integration step", TimeQuantity.Dt);
        Constant("STARTTIME", "the initial time", TimeQuantity.Start, null, "INITIAL_TIME");
        Constant("STOPTIME", "the final time", TimeQuantity.Stop, null, "FINAL_TIME");
        Constant("PI", "3.14159...", null, System.Math.PI);
        Constant("INF", "positive infinity", null, double.PositiveInfinity);

        Math("ABS", 1, 1, BuiltinFunction.Abs, "absolute value");
        Math("EXP", 1, 1, BuiltinFunction.Exp, "e raised to x");
        Math("LN", 1, 1, BuiltinFunction.Ln, "natural logarithm");
        Math("LOG10", 1, 1, BuiltinFunction.Log10, "base-10 logarithm");
        Math("LOG", 2, 2, BuiltinFunction.Log, "LOG(x, base): logarithm in any base");
        Math("SQRT", 1, 1, BuiltinFunction.Sqrt, "square root");
        Math("SIN", 1, 1, BuiltinFunction.Sin, "sine (radians)");
        Math("COS", 1, 1, BuiltinFunction.Cos, "cosine (radians)");
        Math("TAN", 1, 1, BuiltinFunction.Tan, "tangent (radians)");
        Math("ARCSIN", 1, 1, BuiltinFunction.ArcSin, "inverse sine", "ASIN");
        Math("ARCCOS", 1, 1, BuiltinFunction.ArcCos, "inverse cosine", "ACOS");
        Math("ARCTAN", 1, 1, BuiltinFunction.ArcTan, "inverse tangent", "ATAN");
        Math("INT", 1, 1, BuiltinFunction.Int, "largest integer <= x", "INTEGER");
        Math("ROUND", 1, 1, BuiltinFunction.Round, "nearest integer, halves away from zero");
        Math("SIGN", 1, 1, BuiltinFunction.Sign, "-1, 0 or 1");
        Math("MOD", 2, 2, BuiltinFunction.Mod, "floored remainder (sign of the divisor)", "MODULO");
        Math("MIN", 1, 2, BuiltinFunction.Min, "smaller of two values, or the smallest element of an array");
        Math("MAX", 1, 2, BuiltinFunction.Max, "larger of two values, or the largest element of an array");
        Math("SAFEDIV", 2, 3, BuiltinFunction.SafeDiv, "SAFEDIV(a, b [, x]): a / b, or x (default 0) when b = 0");
        Math("XIDZ", 3, 3, BuiltinFunction.Xidz, "XIDZ(a, b, x): a / b, or x when b = 0");
        Math("ZIDZ", 2, 2, BuiltinFunction.Zidz, "ZIDZ(a, b): a / b, or 0 when b = 0");
        Math("STEP", 2, 2, BuiltinFunction.Step, "STEP(height, time): 0 before time, height from time on");
        Math("PULSE", 2, 3, BuiltinFunction.Pulse, "PULSE(magnitude, first [, interval]): magnitude/DT for one DT at first (and every interval)");
        Math("RAMP", 2, 3, BuiltinFunction.Ramp, "RAMP(slope, start [, end]): slope * (TIME - start) between start and end");
        Math("PULSE_TRAIN", 4, 4, BuiltinFunction.PulseTrain, "PULSE_TRAIN(start, duration, repeat, end): 1 during each pulse, else 0");

        list.Add((["PULSE_VENSIM"], new BuiltinSignature("PULSE_VENSIM", 2, 2, BuiltinCategory.Math,
            "PULSE_VENSIM(start, width): Vensim's PULSE, 1 from start for width (at least one DT), else 0")
        {
            Function = BuiltinFunction.PulseTrain,
            Lower = a => new BCall(BuiltinFunction.PulseTrain, [a[0], a[1], new BConst(0), new BConst(double.PositiveInfinity)]),
        }));

        Other("TRANSPOSE", 1, 1, BuiltinCategory.Transpose, "TRANSPOSE(A), also written A': the array A with its dimensions in reverse order");
        Other("IF_THEN_ELSE", 3, 3, BuiltinCategory.Conditional, "IF_THEN_ELSE(condition, a, b)");
        Other("INIT", 1, 1, BuiltinCategory.Init, "INIT(x): the value x had at the initial time", "INITIAL");
        Other("PREVIOUS", 1, 2, BuiltinCategory.Previous, "PREVIOUS(x [, initial]): x one step ago (initial, default x's initial value, in the first step)");

        list.Add((["SUM"], new BuiltinSignature("SUM", 1, 1, BuiltinCategory.Reduction, "sum of an array's elements") { Reduce = ReduceOperator.Sum }));
        list.Add((["PROD"], new BuiltinSignature("PROD", 1, 1, BuiltinCategory.Reduction, "product of an array's elements") { Reduce = ReduceOperator.Product }));
        list.Add((["MEAN"], new BuiltinSignature("MEAN", 1, int.MaxValue, BuiltinCategory.Reduction, "mean of an array's elements (or of the arguments)") { Reduce = ReduceOperator.Mean }));
        list.Add((["STDDEV"], new BuiltinSignature("STDDEV", 1, 1, BuiltinCategory.Reduction, "population standard deviation of an array's elements") { Reduce = ReduceOperator.StdDev }));
        list.Add((["VMIN"], new BuiltinSignature("VMIN", 1, 1, BuiltinCategory.Reduction, "smallest element of an array") { Reduce = ReduceOperator.Min }));
        list.Add((["VMAX"], new BuiltinSignature("VMAX", 1, 1, BuiltinCategory.Reduction, "largest element of an array") { Reduce = ReduceOperator.Max }));
        list.Add((["SIZE"], new BuiltinSignature("SIZE", 1, 1, BuiltinCategory.Reduction, "number of elements of an array")));

        list.Add((["LOOKUP", "WITH_LOOKUP"], new BuiltinSignature("LOOKUP", 2, 2, BuiltinCategory.Lookup, "LOOKUP(table, x): the graphical function at x") { Lookup = LookupMode.Table }));
        list.Add((["LOOKUP_FORWARD"], new BuiltinSignature("LOOKUP_FORWARD", 2, 2, BuiltinCategory.Lookup, "LOOKUP_FORWARD(table, x): y of the first point with x' >= x") { Lookup = LookupMode.Forward }));
        list.Add((["LOOKUP_BACKWARD"], new BuiltinSignature("LOOKUP_BACKWARD", 2, 2, BuiltinCategory.Lookup, "LOOKUP_BACKWARD(table, x): y of the last point with x' <= x") { Lookup = LookupMode.Backward }));
        list.Add((["LOOKUP_INVERT"], new BuiltinSignature("LOOKUP_INVERT", 2, 2, BuiltinCategory.Lookup, "LOOKUP_INVERT(table, y): the x where a monotone table reaches y") { Lookup = LookupMode.Invert }));

        AddMemoryBuiltins(list);
        AddRandomBuiltins(list);
        list.Add((["DELAY", "DELAY_FIXED"], new BuiltinSignature("DELAY", 2, 3, BuiltinCategory.Pipeline,
            "DELAY(input, delay time [, initial]): the input as it was delay time ago (a pipeline; Vensim DELAY FIXED)")));

        var result = new Dictionary<string, BuiltinSignature>();
        foreach (var (names, signature) in list)
            foreach (var name in names)
                result[Identifier.Canonical(name)] = signature;
        return result;
    }

    private static void AddMemoryBuiltins(List<(string[] Names, BuiltinSignature Signature)> list)
    {
        void Add(string[] names, int min, int max, MemorySpec spec, string summary) =>
            list.Add((names, new BuiltinSignature(names[0], min, max, BuiltinCategory.Memory, summary) { Memory = spec }));
        var smooth = MemoryFunction.Smooth;
        var delay = MemoryFunction.Delay;
        Add(["SMTH1", "SMOOTH"], 2, 3, new MemorySpec(smooth, 1), "SMTH1(input, averaging time [, initial]): first-order exponential smooth");
        Add(["SMOOTHI"], 3, 3, new MemorySpec(smooth, 1), "SMOOTHI(input, averaging time, initial): SMTH1 with its initial value (Vensim)");
        Add(["SMTH3", "SMOOTH3"], 2, 3, new MemorySpec(smooth, 3), "SMTH3(input, averaging time [, initial]): third-order exponential smooth");
        Add(["SMOOTH3I"], 3, 3, new MemorySpec(smooth, 3), "SMOOTH3I(input, averaging time, initial): SMTH3 with its initial value (Vensim)");
        Add(["SMTHN"], 3, 4, new MemorySpec(smooth, null, OrderArgument: 2, InitialArgument: 3),
            "SMTHN(input, averaging time, n [, initial]): n-th order exponential smooth (n a constant whole number)");
        Add(["SMOOTH_N"], 4, 4, new MemorySpec(smooth, null, OrderArgument: 3, InitialArgument: 2),
            "SMOOTH_N(input, averaging time, initial, n): SMTHN in Vensim's argument order");
        Add(["DELAY1"], 2, 3, new MemorySpec(delay, 1), "DELAY1(input, delay time [, initial]): first-order material delay");
        Add(["DELAY1I"], 3, 3, new MemorySpec(delay, 1), "DELAY1I(input, delay time, initial): DELAY1 with its initial value (Vensim)");
        Add(["DELAY3"], 2, 3, new MemorySpec(delay, 3), "DELAY3(input, delay time [, initial]): third-order material delay");
        Add(["DELAY3I"], 3, 3, new MemorySpec(delay, 3), "DELAY3I(input, delay time, initial): DELAY3 with its initial value (Vensim)");
        Add(["DELAYN"], 3, 4, new MemorySpec(delay, null, OrderArgument: 2, InitialArgument: 3),
            "DELAYN(input, delay time, n [, initial]): n-th order material delay (n a constant whole number)");
        Add(["DELAY_N"], 4, 4, new MemorySpec(delay, null, OrderArgument: 3, InitialArgument: 2),
            "DELAY_N(input, delay time, initial, n): DELAYN in Vensim's argument order");
        Add(["TREND"], 2, 3, new MemorySpec(MemoryFunction.Trend, 1),
            "TREND(input, averaging time [, initial trend]): fractional change of the input per unit time");
        Add(["FORCST", "FORECAST"], 3, 4, new MemorySpec(MemoryFunction.Forecast, 1, InitialArgument: 3, HorizonArgument: 2),
            "FORCST(input, averaging time, horizon [, initial trend]): the input extrapolated along its trend over the horizon");
    }

    private static void AddRandomBuiltins(List<(string[] Names, BuiltinSignature Signature)> list)
    {
        void Add(string[] names, int min, int max, RandomDistribution distribution, string summary) =>
            list.Add((names, new BuiltinSignature(names[0], min, max, BuiltinCategory.Random, summary) { Random = distribution }));
        Add(["RANDOM", "UNIFORM", "RANDOM_UNIFORM"], 2, 2, RandomDistribution.Uniform, "RANDOM(min, max): uniform on [min, max), drawn each step");
        Add(["NORMAL"], 2, 4, RandomDistribution.Normal, "NORMAL(mean, sd [, min, max]): normal, optionally truncated to [min, max], drawn each step");
        Add(["LOGNORMAL"], 2, 2, RandomDistribution.LogNormal, "LOGNORMAL(mean, sd): log-normal with this mean and standard deviation, drawn each step");
        Add(["EXPRND"], 1, 1, RandomDistribution.Exponential, "EXPRND(mean): exponential, drawn each step");
        Add(["POISSON"], 1, 1, RandomDistribution.Poisson, "POISSON(mean): Poisson count, drawn each step");
        Add(["TRIANGULAR"], 3, 3, RandomDistribution.Triangular, "TRIANGULAR(min, mode, max): triangular, drawn each step");
        Add(["BETA"], 2, 2, RandomDistribution.Beta, "BETA(alpha, beta): beta on [0, 1], drawn each step");
    }
}
