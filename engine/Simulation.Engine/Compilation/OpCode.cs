namespace Simulation.Engine.Compilation;

/// <summary>
/// The plan's instruction set: three-address operations over numbered slots. Operand slots are
/// <c>A</c>, <c>B</c>, <c>C</c>; n-ary operations read <c>Count</c> slots from the plan's argument
/// pool starting at <c>Aux</c>. Time-dependent operations read the TIME slot and the plan's dt.
/// </summary>
public enum OpCode : byte
{
    /// <summary>dst = Imm</summary>
    Const,

    /// <summary>dst = A</summary>
    Copy,

    /// <summary>dst = this run's value of parameter number Aux (a scenario input)</summary>
    Param,

    Neg,
    Not,
    Add,
    Sub,
    Mul,
    Div,
    Pow,
    Mod,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    And,
    Or,

    /// <summary>dst = A != 0 ? B : C</summary>
    Select,

    Abs,
    Exp,
    Ln,
    Log10,
    Log,
    Sqrt,
    Sin,
    Cos,
    Tan,
    ArcSin,
    ArcCos,
    ArcTan,
    Floor,
    Round,
    Sign,
    Min,
    Max,

    /// <summary>dst = B == 0 ? C : A / B</summary>
    SafeDiv,

    /// <summary>dst = STEP(height A, start B)</summary>
    Step,

    /// <summary>dst = PULSE(magnitude A, first B, interval C)</summary>
    Pulse,

    /// <summary>dst = RAMP(slope A, start B, end C)</summary>
    Ramp,

    /// <summary>dst = PULSE TRAIN of the 4 pool slots at Aux (start, duration, repeat, end)</summary>
    PulseTrain,

    /// <summary>dst = graphical function number Aux at A (its own interpolation)</summary>
    Lookup,

    LookupForward,
    LookupBackward,
    LookupInvert,

    /// <summary>dst = sum of the Count pool slots at Aux, left to right</summary>
    Sum,

    Product,
    Mean,
    MinOf,
    MaxOf,
    StdDev,

    /// <summary>dst = pool slot number floor(A) (1-based) of the Count at Aux, or 0 outside</summary>
    Choose,

    /// <summary>
    /// Initial section. Starts the run's ring buffer number Aux for a DELAY: its length is
    /// n = max(1, round(s[A] / dt)) steps (A: the delay time, read once), every place holding s[B]
    /// (the initial value); dst (the delay's output) = s[B].
    /// </summary>
    PipelineStart,

    /// <summary>
    /// Capture section. Ring buffer Aux: write s[A] (this step's input) at the current place, advance
    /// the place by one (wrapping), dst = the value found there (the input of n steps ago). The Commit
    /// section then copies dst into the delay's output slot.
    /// </summary>
    PipelineShift,

    /// <summary>
    /// Random draws. dst = a draw from the run's stream with the Count parameters in the pool at Aux.
    /// A is not a slot but the random site number: a site draws at most once per step (the first time
    /// it runs in that step) and otherwise leaves dst, which holds the draw, alone.
    /// Parameters: (min, max).
    /// </summary>
    RandomUniform,

    /// <summary>(mean, sd)</summary>
    RandomNormal,

    /// <summary>(mean, sd, min, max)</summary>
    RandomTruncatedNormal,

    /// <summary>(mean, sd) of the log-normal variable itself</summary>
    RandomLogNormal,

    /// <summary>(mean)</summary>
    RandomExponential,

    /// <summary>(mean)</summary>
    RandomPoisson,

    /// <summary>(min, mode, max)</summary>
    RandomTriangular,

    /// <summary>(alpha, beta)</summary>
    RandomBeta,
}
