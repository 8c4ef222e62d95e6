using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Simulation.Engine.Binding;

namespace Simulation.Engine.Runtime.Vector;

/// <summary>
/// The meaning of every plan operation on four runs at once (one <see cref="Vector256{T}"/> of
/// doubles, one lane per run). Each method computes, lane by lane, exactly the bits that
/// <see cref="PlanInterpreter"/> computes for one run: IEEE add, subtract, multiply, divide, square
/// root, floor, abs, min and max are exact in SIMD, comparisons become 1.0 or 0.0 through a mask,
/// and everything else (transcendental functions, MOD, ROUND, the time functions, lookups) calls the
/// same scalar function once per lane. The vector interpreter calls these methods and the kernel
/// compiler emits calls to them, so there is one definition of each operation for the vector engine.
/// </summary>
public static class LaneMath
{
    private static Vector256<double> One => Vector256.Create(1.0);

    // ---- memory -------------------------------------------------------------------------------
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe Vector256<double> Load(double* p) => Vector256.Load(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Store(Vector256<double> v, double* p) => v.Store(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Broadcast(double x) => Vector256.Create(x);

    // ---- arithmetic (exact in SIMD) -----------------------------------------------------------
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Neg(Vector256<double> a) => -a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Add(Vector256<double> a, Vector256<double> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Sub(Vector256<double> a, Vector256<double> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Mul(Vector256<double> a, Vector256<double> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Div(Vector256<double> a, Vector256<double> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Sqrt(Vector256<double> a) => Vector256.Sqrt(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Abs(Vector256<double> a) => Vector256.Abs(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Floor(Vector256<double> a) => Vector256.Floor(a);

    /// <summary>Math.Min: NaN if either is NaN, and -0 below +0 (IEEE 754:2019 minimum, which Vector256.Min implements).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Min(Vector256<double> a, Vector256<double> b) => Vector256.Min(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Max(Vector256<double> a, Vector256<double> b) => Vector256.Max(a, b);

    // ---- logic: masks turned into 1.0 / 0.0 ---------------------------------------------------
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Bool(Vector256<double> mask) => mask & One;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> IsZero(Vector256<double> a) => Vector256.Equals(a, Vector256<double>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Not(Vector256<double> a) => Bool(IsZero(a));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Eq(Vector256<double> a, Vector256<double> b) => Bool(Vector256.Equals(a, b));

    /// <summary>a != b, true when either is NaN (as in C#).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Ne(Vector256<double> a, Vector256<double> b) => Vector256.AndNot(One, Vector256.Equals(a, b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Lt(Vector256<double> a, Vector256<double> b) => Bool(Vector256.LessThan(a, b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Le(Vector256<double> a, Vector256<double> b) => Bool(Vector256.LessThanOrEqual(a, b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Gt(Vector256<double> a, Vector256<double> b) => Bool(Vector256.GreaterThan(a, b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Ge(Vector256<double> a, Vector256<double> b) => Bool(Vector256.GreaterThanOrEqual(a, b));

    /// <summary>a != 0 AND b != 0 (NaN counts as true, as in the scalar evaluator).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> And(Vector256<double> a, Vector256<double> b) => Vector256.AndNot(One, IsZero(a) | IsZero(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Or(Vector256<double> a, Vector256<double> b) => Vector256.AndNot(One, IsZero(a) & IsZero(b));

    /// <summary>a != 0 ? b : c, lane by lane (both b and c are already computed in the plan).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Select(Vector256<double> a, Vector256<double> b, Vector256<double> c) => Vector256.ConditionalSelect(IsZero(a), c, b);

    /// <summary>b == 0 ? c : a / b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> SafeDiv(Vector256<double> a, Vector256<double> b, Vector256<double> c) =>
        Vector256.ConditionalSelect(IsZero(b), c, a / b);

    /// <summary>One step of CHOOSE: <paramref name="item"/> where the zero-based index equals <paramref name="k"/>, else <paramref name="sofar"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ChooseStep(Vector256<double> zeroBasedIndex, double k, Vector256<double> item, Vector256<double> sofar) =>
        Vector256.ConditionalSelect(Vector256.Equals(zeroBasedIndex, Vector256.Create(k)), item, sofar);

    /// <summary>The zero-based CHOOSE index: floor(a) - 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ChooseIndex(Vector256<double> a) => Vector256.Floor(a) - One;

    // ---- one scalar call per lane -------------------------------------------------------------
    public static Vector256<double> Exp(Vector256<double> a) => Vector256.Create(Math.Exp(a[0]), Math.Exp(a[1]), Math.Exp(a[2]), Math.Exp(a[3]));

    public static Vector256<double> Ln(Vector256<double> a) => Vector256.Create(Math.Log(a[0]), Math.Log(a[1]), Math.Log(a[2]), Math.Log(a[3]));

    public static Vector256<double> Log10(Vector256<double> a) =>
        Vector256.Create(Math.Log10(a[0]), Math.Log10(a[1]), Math.Log10(a[2]), Math.Log10(a[3]));

    public static Vector256<double> Log(Vector256<double> a, Vector256<double> b) => Vector256.Create(
        Math.Log(a[0]) / Math.Log(b[0]), Math.Log(a[1]) / Math.Log(b[1]), Math.Log(a[2]) / Math.Log(b[2]), Math.Log(a[3]) / Math.Log(b[3]));

    public static Vector256<double> Sin(Vector256<double> a) => Vector256.Create(Math.Sin(a[0]), Math.Sin(a[1]), Math.Sin(a[2]), Math.Sin(a[3]));

    public static Vector256<double> Cos(Vector256<double> a) => Vector256.Create(Math.Cos(a[0]), Math.Cos(a[1]), Math.Cos(a[2]), Math.Cos(a[3]));

    public static Vector256<double> Tan(Vector256<double> a) => Vector256.Create(Math.Tan(a[0]), Math.Tan(a[1]), Math.Tan(a[2]), Math.Tan(a[3]));

    public static Vector256<double> ArcSin(Vector256<double> a) =>
        Vector256.Create(Math.Asin(a[0]), Math.Asin(a[1]), Math.Asin(a[2]), Math.Asin(a[3]));

    public static Vector256<double> ArcCos(Vector256<double> a) =>
        Vector256.Create(Math.Acos(a[0]), Math.Acos(a[1]), Math.Acos(a[2]), Math.Acos(a[3]));

    public static Vector256<double> ArcTan(Vector256<double> a) =>
        Vector256.Create(Math.Atan(a[0]), Math.Atan(a[1]), Math.Atan(a[2]), Math.Atan(a[3]));

    public static Vector256<double> Round(Vector256<double> a) =>
        Vector256.Create(ScalarMath.Round(a[0]), ScalarMath.Round(a[1]), ScalarMath.Round(a[2]), ScalarMath.Round(a[3]));

    /// <summary>ScalarMath.Sign lane by lane (NaN stays NaN).</summary>
    public static Vector256<double> Sign(Vector256<double> a) =>
        Vector256.Create(ScalarMath.Sign(a[0]), ScalarMath.Sign(a[1]), ScalarMath.Sign(a[2]), ScalarMath.Sign(a[3]));

    public static Vector256<double> Pow(Vector256<double> a, Vector256<double> b) =>
        Vector256.Create(Math.Pow(a[0], b[0]), Math.Pow(a[1], b[1]), Math.Pow(a[2], b[2]), Math.Pow(a[3], b[3]));

    public static Vector256<double> Mod(Vector256<double> a, Vector256<double> b) =>
        Vector256.Create(ScalarMath.Mod(a[0], b[0]), ScalarMath.Mod(a[1], b[1]), ScalarMath.Mod(a[2], b[2]), ScalarMath.Mod(a[3], b[3]));

    // ---- time functions (TIME and dt are the same in every lane) ------------------------------
    public static Vector256<double> Step(Vector256<double> height, Vector256<double> start, double time, double dt) => Vector256.Create(
        ScalarMath.Step(height[0], start[0], time, dt), ScalarMath.Step(height[1], start[1], time, dt),
        ScalarMath.Step(height[2], start[2], time, dt), ScalarMath.Step(height[3], start[3], time, dt));

    public static Vector256<double> Pulse(Vector256<double> magnitude, Vector256<double> first, Vector256<double> interval, double time, double dt) =>
        Vector256.Create(
            ScalarMath.Pulse(magnitude[0], first[0], interval[0], time, dt), ScalarMath.Pulse(magnitude[1], first[1], interval[1], time, dt),
            ScalarMath.Pulse(magnitude[2], first[2], interval[2], time, dt), ScalarMath.Pulse(magnitude[3], first[3], interval[3], time, dt));

    public static Vector256<double> Ramp(Vector256<double> slope, Vector256<double> start, Vector256<double> end, double time) => Vector256.Create(
        ScalarMath.Ramp(slope[0], start[0], end[0], time), ScalarMath.Ramp(slope[1], start[1], end[1], time),
        ScalarMath.Ramp(slope[2], start[2], end[2], time), ScalarMath.Ramp(slope[3], start[3], end[3], time));

    public static Vector256<double> PulseTrain(Vector256<double> start, Vector256<double> duration, Vector256<double> repeat, Vector256<double> end,
        double time, double dt) => Vector256.Create(
        ScalarMath.PulseTrain(start[0], duration[0], repeat[0], end[0], time, dt), ScalarMath.PulseTrain(start[1], duration[1], repeat[1], end[1], time, dt),
        ScalarMath.PulseTrain(start[2], duration[2], repeat[2], end[2], time, dt), ScalarMath.PulseTrain(start[3], duration[3], repeat[3], end[3], time, dt));

    // ---- graphical functions ------------------------------------------------------------------
    public static Vector256<double> Lookup(Vector256<double> x, LookupTable t) => Vector256.Create(
        ScalarMath.Lookup(t.X.AsSpan(), t.Y.AsSpan(), t.Interpolation, x[0]), ScalarMath.Lookup(t.X.AsSpan(), t.Y.AsSpan(), t.Interpolation, x[1]),
        ScalarMath.Lookup(t.X.AsSpan(), t.Y.AsSpan(), t.Interpolation, x[2]), ScalarMath.Lookup(t.X.AsSpan(), t.Y.AsSpan(), t.Interpolation, x[3]));

    public static Vector256<double> LookupForward(Vector256<double> x, LookupTable t) => Vector256.Create(
        ScalarMath.LookupForward(t.X.AsSpan(), t.Y.AsSpan(), x[0]), ScalarMath.LookupForward(t.X.AsSpan(), t.Y.AsSpan(), x[1]),
        ScalarMath.LookupForward(t.X.AsSpan(), t.Y.AsSpan(), x[2]), ScalarMath.LookupForward(t.X.AsSpan(), t.Y.AsSpan(), x[3]));

    public static Vector256<double> LookupBackward(Vector256<double> x, LookupTable t) => Vector256.Create(
        ScalarMath.LookupBackward(t.X.AsSpan(), t.Y.AsSpan(), x[0]), ScalarMath.LookupBackward(t.X.AsSpan(), t.Y.AsSpan(), x[1]),
        ScalarMath.LookupBackward(t.X.AsSpan(), t.Y.AsSpan(), x[2]), ScalarMath.LookupBackward(t.X.AsSpan(), t.Y.AsSpan(), x[3]));

    public static Vector256<double> LookupInvert(Vector256<double> x, LookupTable t) => Vector256.Create(
        ScalarMath.LookupInvert(t.X.AsSpan(), t.Y.AsSpan(), x[0]), ScalarMath.LookupInvert(t.X.AsSpan(), t.Y.AsSpan(), x[1]),
        ScalarMath.LookupInvert(t.X.AsSpan(), t.Y.AsSpan(), x[2]), ScalarMath.LookupInvert(t.X.AsSpan(), t.Y.AsSpan(), x[3]));
}
