using System.Collections.Immutable;
using System.Reflection;
using Simulation.Engine.Units;
using V = System.Runtime.Intrinsics.Vector256<double>;

namespace Simulation.Engine.Ops;

/// <summary>How a plan instruction of an operation finds its operands, and so how each back end runs it.</summary>
public enum OperationKind
{
    /// <summary>dst = Imm.</summary>
    Const,

    /// <summary>dst = A.</summary>
    Copy,

    /// <summary>dst = this run's value of parameter number Aux (a scenario input).</summary>
    Param,

    /// <summary>dst = f(A[, B[, C]]); an operation of four operands reads them from the pool at Aux.</summary>
    Pure,

    /// <summary>dst = f(operands, TIME, dt): the time functions (STEP, PULSE, RAMP, PULSE TRAIN).</summary>
    Timed,

    /// <summary>dst = graphical function number Aux read at A.</summary>
    Lookup,

    /// <summary>dst = a fold of the Count pool slots at Aux (SUM, PROD, MEAN, VMIN, VMAX, STDDEV): sums in <see cref="SumOrder"/>'s order, the rest left to right.</summary>
    Fold,

    /// <summary>dst = pool slot number floor(A) (1-based) of the Count at Aux, or 0 outside.</summary>
    Choose,

    /// <summary>A DELAY's ring buffer, which the run owns (see <c>EvaluationPlan</c>).</summary>
    Pipeline,

    /// <summary>A draw from the run's random stream; A is the call site, not a slot.</summary>
    Random,
}

/// <summary>Which operands' NaN or infinity always shows in the result (the vector engine's finiteness check relies on it).</summary>
public enum FiniteReach
{
    /// <summary>A NaN or infinity in an operand can vanish (a comparison, MIN, a lookup's clamp, x / infinity...).</summary>
    None,

    /// <summary>Every operand's: +, -, *, negation, ABS, SQRT, copies, SUM, MEAN, PROD.</summary>
    AllOperands,

    /// <summary>The first operand's only (the numerator of /).</summary>
    FirstOperand,
}

/// <summary>
/// One name of an operation in the equation language, with its arity. Arguments left out take
/// <see cref="Defaults"/>, which fill the operation's last operands (SAFEDIV(a, b) is SafeDiv(a, b, 0)).
/// </summary>
public sealed record Spelling(string Name, int MinArgs, int MaxArgs, string Summary)
{
    public ImmutableArray<string> Aliases { get; init; } = [];

    /// <summary>Values of the operation's last operands, for calls that leave them out.</summary>
    public ImmutableArray<double> Defaults { get; init; } = [];

    /// <summary>Called with one argument, the function is this fold over its elements instead (MIN(x[*]) is VMIN).</summary>
    public string? OneArgumentFold { get; init; }
}

/// <summary>
/// What an operation says about itself: its name in plan listings, the builtin names that call it, and how
/// NaN and infinity pass through it, and how it treats units.
/// </summary>
public sealed record OpInfo(string Name, FiniteReach Reach = FiniteReach.None)
{
    public ImmutableArray<Spelling> Spellings { get; init; } = [];

    /// <summary>
    /// The units of its result from those of its operands, and what the operands' units must be (<c>(a, time) -> a</c>);
    /// null for the plan's own instructions (Const, Copy, Param, the DELAY pipeline, the dynamic subscript).
    /// </summary>
    public UnitRule? Units { get; init; }

    /// <summary>
    /// The arguments in which the result never decreases as the argument grows, the others held (for the polarity of
    /// links in feedback loops: <c>sim loops</c>); in the others its direction is not known.
    /// </summary>
    public ImmutableArray<int> IncreasingIn { get; init; } = [];

    public OpInfo(string name, FiniteReach reach, params Spelling[] spellings) : this(name, reach) => Spellings = [.. spellings];
}

/// <summary>
/// One operation of the engine, described once: its names, its operands, its meaning on one value
/// (<see cref="Apply(double, double, double, double, double, double)"/>, the reference semantics), on four
/// runs at once (<see cref="Apply(V, V, V, V, double, double)"/>, the same bits lane by lane), the method the
/// generated step code calls, and optionally a short AVX sequence the step code inlines instead. The binder
/// finds builtins here by name, the plan compiler emits these, the reference interpreter, the vector
/// interpreter and the step-code generator run them, and constant folding evaluates them the way the
/// interpreter does. <see cref="Operations"/> lists them all.
/// </summary>
public abstract class Operation
{
    protected Operation(OpInfo info, OperationKind kind, int arity)
    {
        Info = info;
        Kind = kind;
        Arity = arity;
    }

    public OpInfo Info { get; }

    /// <summary>The name in plan listings and the step code's schedule (<c>Add</c>, <c>Exp</c>, <c>MinOf</c>).</summary>
    public string Name => Info.Name;

    public OperationKind Kind { get; }

    /// <summary>Operands of a <see cref="OperationKind.Pure"/> or <see cref="OperationKind.Timed"/> operation (time excluded).</summary>
    public int Arity { get; }

    public FiniteReach Reach => Info.Reach;

    /// <summary>An operation of four operands reads them from the argument pool (A, B and C hold three).</summary>
    public bool ReadsPool => Arity > 3 || Kind is OperationKind.Fold or OperationKind.Choose or OperationKind.Random;

    /// <summary>The reference meaning of a pure or timed operation (unused operands are ignored).</summary>
    public virtual double Apply(double a, double b, double c, double d, double time, double dt) => throw NotMine();

    /// <summary>The same on four runs at once: lane by lane, exactly the bits of the scalar meaning.</summary>
    public virtual V Apply(V a, V b, V c, V d, double time, double dt) => throw NotMine();

    /// <summary>A lookup's meaning.</summary>
    public virtual double Apply(LookupTable table, double x) => throw NotMine();

    public virtual V Apply(LookupTable table, V x) => throw NotMine();

    /// <summary>
    /// The static method the generated step code calls, its operands on the stack: (V, ...) -> V for pure operations,
    /// (V a, V b, V c, V d, double time, double dt) -> V for timed ones, (V x, LookupTable t) -> V for lookups.
    /// </summary>
    public virtual MethodInfo? VectorMethod => null;

    /// <summary>
    /// The same on one value, which a one-run program's step code calls for a lone value: (double, ...) -> double,
    /// (double a, b, c, d, time, dt) -> double for timed ones, (double x, LookupTable t) -> double for lookups.
    /// </summary>
    public virtual MethodInfo? ScalarMethod => null;

    /// <summary>Emits the operation inline as a few AVX instructions (operands on the stack, result left there); false when it has no such form.</summary>
    public virtual bool TryEmitIntrinsic(AvxEmitter il) => false;

    public override string ToString() => Name;

    private NotSupportedException NotMine() => new($"{Name} is a {Kind} operation");
}
