using System.Collections.Immutable;
using Simulation.Engine.Ops;
using Simulation.Engine.Syntax;
using Simulation.Engine.Units;

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

    /// <summary>ACTIVE_INITIAL(active, initial).</summary>
    ActiveInitial,

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

    /// <summary>RANK(A, r [, B]): the index of the element of a given rank (XMILE).</summary>
    Rank,

    /// <summary>VECTOR_RANK(x[.., D], direction): each element's rank along D.</summary>
    VectorRank,

    /// <summary>VECTOR_SORT_ORDER(x[.., D], direction): at each position along D, the 0-based index of the element sorted there.</summary>
    VectorSortOrder,

    /// <summary>VECTOR_REORDER(x[.., D], order): the elements along D in the given order.</summary>
    VectorReorder,

    /// <summary>INVERT_MATRIX(m[.., D1, D2] [, n]): the inverse of the matrix over the last two dimensions.</summary>
    MatrixInverse,

    /// <summary>VECTOR_SELECT(selection, expression, missing, action, error): a summary of the selected elements.</summary>
    VectorSelect,

    /// <summary>VECTOR_ELM_MAP(x[..], offset): the element offset places after the one referenced.</summary>
    ElementMap,

    /// <summary>ALLOCATE_AVAILABLE(request[.., D], profiles[.., D, P], available): a supply shared by priority profiles.</summary>
    AllocateAvailable,

    /// <summary>ALLOCATE_BY_PRIORITY(request[.., D], priority[.., D], size, width, supply): the same with rectangular profiles of one width.</summary>
    AllocateByPriority,

    /// <summary>LOOKUP_AREA(f, a, b): the area under a graphical function between two inputs.</summary>
    LookupArea,
}

public sealed record BuiltinSignature(string Name, int MinArgs, int MaxArgs, BuiltinCategory Category, string Summary)
{
    /// <summary>For Math, Reduction, Lookup and Random builtins: the catalogue's operation (SIZE has none).</summary>
    public Operation? Operation { get; init; }

    /// <summary>Values of the operation's last operands when a call leaves them out (<see cref="Spelling.Defaults"/>).</summary>
    public ImmutableArray<double> Defaults { get; init; } = [];

    /// <summary>The reduction a one-argument call means instead (MIN(x[*]) is VMIN).</summary>
    public string? OneArgumentFold { get; init; }

    /// <summary>How the builtin treats units: the operation's rule for operations (<see cref="OpInfo.Units"/>), its own otherwise.</summary>
    public UnitRule? Units { get; init; }

    /// <summary>Arguments in which the result never decreases as they grow (the operation's for operations): for link polarities.</summary>
    public ImmutableArray<int> IncreasingIn { get; init; } = [];

    public TimeQuantity? Time { get; init; }
    public double? Value { get; init; }
    public MemorySpec? Memory { get; init; }

    public string ArityText => MinArgs == MaxArgs ? $"{MinArgs}" : MaxArgs == int.MaxValue ? $"{MinArgs} or more" : $"{MinArgs} to {MaxArgs}";
}

/// <summary>
/// Every builtin name the equation language knows, with its arity; docs/builtins.md describes each. The functions
/// that are operations (math, time functions, reductions, lookups, random draws) come from the operation catalogue,
/// <see cref="Operations"/>, under the names each operation gives; the rest are the binder's own constructs.
/// </summary>
public static class BuiltinCatalog
{
    private static readonly Dictionary<string, BuiltinSignature> ByName = Build();

    public static IEnumerable<BuiltinSignature> All => ByName.Values.Distinct();

    public static BuiltinSignature? Find(string name) => ByName.GetValueOrDefault(Identifier.Canonical(name));

    private static Dictionary<string, BuiltinSignature> Build()
    {
        var list = new List<(string[] Names, BuiltinSignature Signature)>();
        void Constant(string name, string summary, TimeQuantity? time = null, double? value = null, params string[] aliases) =>
            list.Add(([name, .. aliases], new BuiltinSignature(name, 0, 0, BuiltinCategory.Constant, summary)
            {
                Time = time,
                Value = value,
                Units = UnitRule.Of(time is null ? "() -> #" : "() -> time"),
            }));
        void Other(string name, int min, int max, BuiltinCategory category, string units, string summary, params string[] aliases) =>
            list.Add(([name, .. aliases], new BuiltinSignature(name, min, max, category, summary)
            {
                Units = UnitRule.Of(units),
                IncreasingIn = category switch
                {
                    BuiltinCategory.Conditional => [1, 2],
                    BuiltinCategory.ActiveInitial => [0, 1],
                    // these pass their first argument on, rearranged or later
                    BuiltinCategory.Transpose or BuiltinCategory.Init or BuiltinCategory.Previous or BuiltinCategory.Pipeline
                        or BuiltinCategory.ElementMap or BuiltinCategory.VectorReorder => [0],
                    _ => [],
                },
            }));

        Constant("TIME", "the current time", TimeQuantity.Time);
        Constant("DT", "the integration step", TimeQuantity.Dt);
        Constant("STARTTIME", "the initial time", TimeQuantity.Start, null, "INITIAL_TIME");
        Constant("STOPTIME", "the final time", TimeQuantity.Stop, null, "FINAL_TIME");
        Constant("PI", "3.14159...", null, System.Math.PI);
        Constant("INF", "positive infinity", null, double.PositiveInfinity);

        foreach (var operation in Operations.All)
            foreach (var spelling in operation.Info.Spellings)
                list.Add(([spelling.Name, .. spelling.Aliases], new BuiltinSignature(spelling.Name, spelling.MinArgs, spelling.MaxArgs,
                    CategoryOf(operation), spelling.Summary)
                {
                    Operation = operation,
                    Defaults = spelling.Defaults,
                    OneArgumentFold = spelling.OneArgumentFold,
                    Units = operation.Info.Units,
                    IncreasingIn = operation.Info.IncreasingIn,
                }));

        Other("TRANSPOSE", 1, 1, BuiltinCategory.Transpose, "(a) -> a", "TRANSPOSE(A), also written A': the array A with its dimensions in reverse order");
        Other("IF_THEN_ELSE", 3, 3, BuiltinCategory.Conditional, "(_, a, a) -> a", "IF_THEN_ELSE(condition, a, b)");
        Other("INIT", 1, 1, BuiltinCategory.Init, "(a) -> a", "INIT(x): the value x had at the initial time", "INITIAL");
        Other("ACTIVE_INITIAL", 2, 2, BuiltinCategory.ActiveInitial,
            "(a, a) -> a", "ACTIVE_INITIAL(active, initial): initial while initial values are computed, active from then on (Vensim's ACTIVE INITIAL)");
        Other("PREVIOUS", 1, 2, BuiltinCategory.Previous, "(a, a) -> a", "PREVIOUS(x [, initial]): x one step ago (initial, default x's initial value, in the first step)");
        Other("SIZE", 1, 1, BuiltinCategory.Reduction, "(_) -> 1", "number of elements of an array");
        Other("RANK", 2, 3, BuiltinCategory.Rank,
            "(_, _, _) -> 1", "RANK(A, r [, B]): the 1-based index (row-major) of A's element ranked r in ascending order, ties broken by B, then by index");
        Other("VECTOR_RANK", 2, 2, BuiltinCategory.VectorRank,
            "(_, _) -> 1", "VECTOR_RANK(x[.., D], direction): the rank (1 = first) of each element along D, ascending when direction > 0, else descending");
        Other("VECTOR_SORT_ORDER", 2, 2, BuiltinCategory.VectorSortOrder,
            "(_, _) -> 1", "VECTOR_SORT_ORDER(x[.., D], direction): at each position along D, the 0-based index of the element sorted there");
        Other("INVERT_MATRIX", 1, 2, BuiltinCategory.MatrixInverse,
            "(a, _) -> 1/a", "INVERT_MATRIX(m[.., D1, D2] [, n]): the inverse of the square matrix over the last two dimensions (up to 4 x 4; n, Vensim's size argument, is not needed)");
        Other("VECTOR_SELECT", 5, 5, BuiltinCategory.VectorSelect,
            "(_, _, _, _, _) -> ?", "VECTOR_SELECT(selection, expression, missing, action, error): over the elements whose selection is not 0, the sum (action 0), product (1), min (2), max (3) or mean (4) of selection x expression, the product of expression ^ selection (5), or 6-10 as 0-4 of the expression alone; missing when none is selected");
        Other("VECTOR_ELM_MAP", 2, 2, BuiltinCategory.ElementMap,
            "(a, _) -> a", "VECTOR_ELM_MAP(x[..], offset): the element of x offset places after the one referenced, through all of x's elements in row-major order; 0 outside");
        Other("VECTOR_REORDER", 2, 2, BuiltinCategory.VectorReorder,
            "(a, _) -> a", "VECTOR_REORDER(x[.., D], order): at each position i along D, the element order[i] (0-based) of x");

        Other("ALLOCATE_AVAILABLE", 3, 3, BuiltinCategory.AllocateAvailable, "(a, _, a) -> a",
            "ALLOCATE_AVAILABLE(request[.., D], profiles[.., D, P], available): the supply shared among the requests along D by their priority profiles (P: ptype, priority, width, extra), as Vensim's ALLOCATE AVAILABLE");
        Other("ALLOCATE_BY_PRIORITY", 5, 5, BuiltinCategory.AllocateByPriority, "(a, _, _, _, a) -> a",
            "ALLOCATE_BY_PRIORITY(request[.., D], priority[.., D], size, width, supply): the supply shared among the requests along D, highest priority first, priorities within the width sharing (Vensim's ALLOCATE BY PRIORITY)");

        Other("LOOKUP_AREA", 3, 3, BuiltinCategory.LookupArea, "(table, x, x) -> ?",
            "LOOKUP_AREA(f, a, b): the area under graphical function f from a to b, its points joined by straight lines and held flat beyond its ends (Vensim's LOOKUP AREA)");

        AddMemoryBuiltins(list);
        Other("DELAY", 2, 3, BuiltinCategory.Pipeline, "(a, time, a) -> a",
            "DELAY(input, delay time [, initial]): the input as it was delay time ago (a pipeline; Vensim DELAY FIXED)", "DELAY_FIXED");
        Other("DELAY_INFORMATION", 3, 3, BuiltinCategory.Pipeline, "(a, time, a) -> a",
            "DELAY_INFORMATION(input, delay time, initial): the input as it was delay time ago, the delay time read every step; a lengthening delay holds the output (Vensim's DELAY INFORMATION)");
        Other("DELAY_MATERIAL", 4, 4, BuiltinCategory.Pipeline, "(a, time, a, a) -> a",
            "DELAY_MATERIAL(input, delay time, initial, missing): each input leaves after the delay time it entered with, inputs leaving together adding up (material is conserved); initial while the first delay time lasts, then missing when nothing leaves (Vensim's DELAY MATERIAL)");

        var result = new Dictionary<string, BuiltinSignature>();
        foreach (var (names, signature) in list)
            foreach (var name in names)
                result[Identifier.Canonical(name)] = signature;
        return result;
    }

    private static BuiltinCategory CategoryOf(Operation operation) => operation.Kind switch
    {
        OperationKind.Fold => BuiltinCategory.Reduction,
        OperationKind.Lookup => BuiltinCategory.Lookup,
        OperationKind.Random => BuiltinCategory.Random,
        _ => BuiltinCategory.Math,
    };

    private static void AddMemoryBuiltins(List<(string[] Names, BuiltinSignature Signature)> list)
    {
        // Units: a smooth's output has its input's units; a material delay's input is a flow and so is its output (the
        // hidden stocks hold input x time); TREND is a fraction per time; the order n is a plain number.
        void Add(string[] names, int min, int max, MemorySpec spec, string units, string summary) =>
            list.Add((names, new BuiltinSignature(names[0], min, max, BuiltinCategory.Memory, summary)
            {
                Memory = spec,
                Units = UnitRule.Of(units),
                IncreasingIn = spec.Function is MemoryFunction.Smooth or MemoryFunction.Delay ? [0] : [],
            }));
        var smooth = MemoryFunction.Smooth;
        var delay = MemoryFunction.Delay;
        Add(["SMTH1", "SMOOTH"], 2, 3, new MemorySpec(smooth, 1), "(a, time, a) -> a", "SMTH1(input, averaging time [, initial]): first-order exponential smooth");
        Add(["SMOOTHI"], 3, 3, new MemorySpec(smooth, 1), "(a, time, a) -> a", "SMOOTHI(input, averaging time, initial): SMTH1 with its initial value (Vensim)");
        Add(["SMTH3", "SMOOTH3"], 2, 3, new MemorySpec(smooth, 3), "(a, time, a) -> a", "SMTH3(input, averaging time [, initial]): third-order exponential smooth");
        Add(["SMOOTH3I"], 3, 3, new MemorySpec(smooth, 3), "(a, time, a) -> a", "SMOOTH3I(input, averaging time, initial): SMTH3 with its initial value (Vensim)");
        Add(["SMTHN"], 3, 4, new MemorySpec(smooth, null, OrderArgument: 2, InitialArgument: 3), "(a, time, _, a) -> a",
            "SMTHN(input, averaging time, n [, initial]): n-th order exponential smooth (n a constant whole number)");
        Add(["SMOOTH_N"], 4, 4, new MemorySpec(smooth, null, OrderArgument: 3, InitialArgument: 2), "(a, time, a, _) -> a",
            "SMOOTH_N(input, averaging time, initial, n): SMTHN in Vensim's argument order");
        Add(["DELAY1"], 2, 3, new MemorySpec(delay, 1), "(a, time, a) -> a", "DELAY1(input, delay time [, initial]): first-order material delay");
        Add(["DELAY1I"], 3, 3, new MemorySpec(delay, 1), "(a, time, a) -> a", "DELAY1I(input, delay time, initial): DELAY1 with its initial value (Vensim)");
        Add(["DELAY3"], 2, 3, new MemorySpec(delay, 3), "(a, time, a) -> a", "DELAY3(input, delay time [, initial]): third-order material delay");
        Add(["DELAY3I"], 3, 3, new MemorySpec(delay, 3), "(a, time, a) -> a", "DELAY3I(input, delay time, initial): DELAY3 with its initial value (Vensim)");
        Add(["DELAYN"], 3, 4, new MemorySpec(delay, null, OrderArgument: 2, InitialArgument: 3), "(a, time, _, a) -> a",
            "DELAYN(input, delay time, n [, initial]): n-th order material delay (n a constant whole number)");
        Add(["DELAY_N"], 4, 4, new MemorySpec(delay, null, OrderArgument: 3, InitialArgument: 2), "(a, time, a, _) -> a",
            "DELAY_N(input, delay time, initial, n): DELAYN in Vensim's argument order");
        Add(["TREND"], 2, 3, new MemorySpec(MemoryFunction.Trend, 1), "(_, time, 1/time) -> 1/time",
            "TREND(input, averaging time [, initial trend]): fractional change of the input per unit time");
        Add(["FORCST", "FORECAST"], 3, 4, new MemorySpec(MemoryFunction.Forecast, 1, InitialArgument: 3, HorizonArgument: 2), "(a, time, time, 1/time) -> a",
            "FORCST(input, averaging time, horizon [, initial trend]): the input extrapolated along its trend over the horizon");
        Add(["NPV"], 4, 4, new MemorySpec(MemoryFunction.Npv, 1, InitialArgument: 2, HorizonArgument: 3), "(a, 1/time, a*time, 1) -> a*time",
            "NPV(stream, discount rate, initial, factor): net present value of the stream, discounted each step (Vensim's NPV)");
    }
}
