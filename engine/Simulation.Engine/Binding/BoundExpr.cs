using System.Collections.Immutable;
using Simulation.Engine.Ops;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Binding;

/// <summary>
/// A scalar expression for one element of one variable, with every name resolved to a model
/// element id and every array subscript resolved to a fixed element. Arrays never survive binding:
/// apply-to-all equations are bound once per element, and reductions list their operands.
/// </summary>
public abstract record BoundExpr;

public sealed record BConst(double Value) : BoundExpr;

/// <summary>The current value of model element <see cref="Element"/>.</summary>
public sealed record BRef(int Element) : BoundExpr;

/// <summary>TIME, DT, STARTTIME or STOPTIME.</summary>
public sealed record BTime(TimeQuantity Quantity) : BoundExpr;

public enum TimeQuantity
{
    Time,
    Dt,
    Start,
    Stop,
}

public sealed record BUnary(UnaryOperator Operator, BoundExpr Operand) : BoundExpr;

public sealed record BBinary(BinaryOperator Operator, BoundExpr Left, BoundExpr Right) : BoundExpr;

public sealed record BIf(BoundExpr Condition, BoundExpr Then, BoundExpr Else) : BoundExpr;

/// <summary>
/// A call of a stateless operation (a pure or timed one of the catalogue; everything with memory is expanded into
/// hidden elements), with every operand given: the binder fills in left-out arguments' defaults.
/// </summary>
public sealed record BCall(Operation Function, ImmutableArray<BoundExpr> Arguments) : BoundExpr;

/// <summary>A graphical function (table <see cref="Table"/>) read at <see cref="Input"/>, as <see cref="Mode"/> reads tables (<see cref="Operations.Lookup"/>: its own interpolation).</summary>
public sealed record BLookup(int Table, BoundExpr Input, Operation Mode) : BoundExpr;

/// <summary>SUM, PROD, MEAN, MIN, MAX, STDDEV over a list of elements.</summary>
public sealed record BReduce(FoldOperation Operator, ImmutableArray<BoundExpr> Items) : BoundExpr;

/// <summary>INIT(x): the value <see cref="Inner"/> had at the initial time, constant afterwards.</summary>
public sealed record BInit(BoundExpr Inner) : BoundExpr;

/// <summary>ACTIVE_INITIAL(active, initial): <see cref="Initial"/> while initial values are computed, <see cref="Active"/> from then on.</summary>
public sealed record BActiveInitial(BoundExpr Active, BoundExpr Initial) : BoundExpr;

/// <summary>PREVIOUS(x, initial): x as it was one step ago; <see cref="Initial"/> in the first step.</summary>
public sealed record BPrevious(BoundExpr Inner, BoundExpr Initial) : BoundExpr;

/// <summary>Dynamic subscript: element <see cref="Index"/> (1-based, rounded down) of <see cref="Items"/>, 0 outside.</summary>
public sealed record BSelect(BoundExpr Index, ImmutableArray<BoundExpr> Items) : BoundExpr;

/// <summary>
/// DELAY(input, delay time, initial) — Vensim's DELAY FIXED: the input as it was a whole number of
/// steps ago, max(1, round(delay time / dt)) steps, the delay time read once at the initial time.
/// Runs through a ring buffer that the runtime owns (see <see cref="Operations.PipelineStart"/>).
/// </summary>
public sealed record BDelayFixed(BoundExpr Input, BoundExpr DelayTime, BoundExpr Initial) : BoundExpr
{
    /// <summary>
    /// DELAY_INFORMATION (Vensim's DELAY INFORMATION): the delay time is read every step, not once; each step's output
    /// is the input of max(1, round(delay time / dt)) steps before, the delay time being that of the step before (the
    /// output is fixed at the end of a step); never an older input than the last one given, so a lengthening delay
    /// holds the output and a shortening one skips inputs.
    /// </summary>
    public bool Varying { get; init; }

    /// <summary>
    /// DELAY_MATERIAL (Vensim's DELAY MATERIAL), when set: what a step gives when nothing is due. Each input leaves
    /// max(1, round(delay time / dt)) steps after it entered, the delay time being the one it entered with; inputs due at
    /// the same step add up, none is lost or repeated (material is conserved). <see cref="Varying"/> is then true too.
    /// </summary>
    public BoundExpr? Missing { get; init; }
}

/// <summary>
/// A draw from the run's random stream. <see cref="Site"/> numbers the call site (one per call per
/// element), so that two calls with the same arguments are still independent draws; a site draws
/// once per step and holds its value through the step's Runge-Kutta stages.
/// </summary>
public sealed record BRandom(RandomOperation Distribution, ImmutableArray<BoundExpr> Arguments, int Site) : BoundExpr
{
    /// <summary>
    /// The call's own seed (a trailing seed argument), or null for the run's stream. Sites with a seed draw from a
    /// stream of that seed alone, the same in every run, shared by the sites that give the same seed.
    /// </summary>
    public ulong? Seed { get; init; }
}
