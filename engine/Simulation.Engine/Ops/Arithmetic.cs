using Simulation.Engine.Units;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using V = System.Runtime.Intrinsics.Vector256<double>;

namespace Simulation.Engine.Ops;

// Arithmetic, comparisons and logic. What SIMD does exactly (add, subtract, multiply, divide, square root, floor,
// abs, IEEE min/max, comparisons as 1.0/0.0) runs in SIMD, and inline in the step code as AVX; the rest calls the
// scalar meaning once per lane. Truth values are 1.0 and 0.0, and any value other than 0 (NaN included) is true.

public readonly struct NegOp : IUnaryOp<NegOp>
{
    public static OpInfo Info { get; } = new("Neg", FiniteReach.AllOperands) { Units = UnitRule.Of("(a) -> a") };
    public static double Invoke(double a) => -a;
    public static V Invoke(V a) => -a;

    public static bool TryEmit(AvxEmitter il)
    {
        il.Constant(-0.0); // the sign bit
        il.TwoOperands(nameof(Avx.Xor));
        return true;
    }
}

public readonly struct NotOp : IUnaryOp<NotOp>
{
    public static OpInfo Info { get; } = new("Not") { Units = UnitRule.Of("(_) -> 1") };
    public static double Invoke(double a) => Truth.Of(a == 0);
    public static V Invoke(V a) => Truth.Of(Truth.IsZero(a));

    public static bool TryEmit(AvxEmitter il)
    {
        il.IsZero();
        il.Constant(1.0);
        il.TwoOperands(nameof(Avx.And));
        return true;
    }
}

public readonly struct AddOp : IBinaryOp<AddOp>
{
    public static OpInfo Info { get; } = new("Add", FiniteReach.AllOperands) { Units = UnitRule.Of("(a, a) -> a"), IncreasingIn = [0, 1] };
    public static double Invoke(double a, double b) => a + b;
    public static V Invoke(V a, V b) => a + b;
    public static bool TryEmit(AvxEmitter il) => Emit(il, nameof(Avx.Add));
    internal static bool Emit(AvxEmitter il, string method)
    {
        il.TwoOperands(method);
        return true;
    }
}

public readonly struct SubOp : IBinaryOp<SubOp>
{
    public static OpInfo Info { get; } = new("Sub", FiniteReach.AllOperands) { Units = UnitRule.Of("(a, a) -> a") };
    public static double Invoke(double a, double b) => a - b;
    public static V Invoke(V a, V b) => a - b;
    public static bool TryEmit(AvxEmitter il) => AddOp.Emit(il, nameof(Avx.Subtract));
}

public readonly struct MulOp : IBinaryOp<MulOp>
{
    public static OpInfo Info { get; } = new("Mul", FiniteReach.AllOperands) { Units = UnitRule.Of("(a, b) -> a*b") };
    public static double Invoke(double a, double b) => a * b;
    public static V Invoke(V a, V b) => a * b;
    public static bool TryEmit(AvxEmitter il) => AddOp.Emit(il, nameof(Avx.Multiply));
}

public readonly struct DivOp : IBinaryOp<DivOp>
{
    public static OpInfo Info { get; } = new("Div", FiniteReach.FirstOperand) { Units = UnitRule.Of("(a, b) -> a/b") };
    public static double Invoke(double a, double b) => a / b;
    public static V Invoke(V a, V b) => a / b;
    public static bool TryEmit(AvxEmitter il) => AddOp.Emit(il, nameof(Avx.Divide));
}

public readonly struct PowOp : IBinaryOp<PowOp>
{
    public static OpInfo Info { get; } = new("Pow") { Units = UnitRule.Power };
    public static double Invoke(double a, double b) => Math.Pow(a, b);
}

/// <summary>Floored modulo (the sign of the divisor), as XMILE defines MOD.</summary>
public readonly struct ModOp : IBinaryOp<ModOp>
{
    public static OpInfo Info { get; } = new("Mod", FiniteReach.None,
        new Spelling("MOD", 2, 2, "floored remainder (sign of the divisor)") { Aliases = ["MODULO"] }) { Units = UnitRule.Of("(a, a) -> a") };

    public static double Invoke(double a, double b)
    {
        double r = a % b;
        return r != 0 && (r < 0) != (b < 0) ? r + b : r;
    }
}

public readonly struct EqOp : IBinaryOp<EqOp>
{
    public static OpInfo Info { get; } = new("Eq") { Units = UnitRule.Of("(a, a) -> 1") };
    public static double Invoke(double a, double b) => Truth.Of(a == b);
    public static V Invoke(V a, V b) => Truth.Of(Vector256.Equals(a, b));
    public static bool TryEmit(AvxEmitter il) => Truth.Emit(il, nameof(Avx.CompareEqual));
}

/// <summary>a != b, true when either is NaN (as in C#).</summary>
public readonly struct NeOp : IBinaryOp<NeOp>
{
    public static OpInfo Info { get; } = new("Ne") { Units = UnitRule.Of("(a, a) -> 1") };
    public static double Invoke(double a, double b) => Truth.Of(a != b);
    public static V Invoke(V a, V b) => Vector256.AndNot(Truth.One, Vector256.Equals(a, b));

    public static bool TryEmit(AvxEmitter il)
    {
        il.TwoOperands(nameof(Avx.CompareEqual));
        il.OneWhereClear();
        return true;
    }
}

public readonly struct LtOp : IBinaryOp<LtOp>
{
    public static OpInfo Info { get; } = new("Lt") { Units = UnitRule.Of("(a, a) -> 1") };
    public static double Invoke(double a, double b) => Truth.Of(a < b);
    public static V Invoke(V a, V b) => Truth.Of(Vector256.LessThan(a, b));
    public static bool TryEmit(AvxEmitter il) => Truth.Emit(il, nameof(Avx.CompareLessThan));
}

public readonly struct LeOp : IBinaryOp<LeOp>
{
    public static OpInfo Info { get; } = new("Le") { Units = UnitRule.Of("(a, a) -> 1") };
    public static double Invoke(double a, double b) => Truth.Of(a <= b);
    public static V Invoke(V a, V b) => Truth.Of(Vector256.LessThanOrEqual(a, b));
    public static bool TryEmit(AvxEmitter il) => Truth.Emit(il, nameof(Avx.CompareLessThanOrEqual));
}

public readonly struct GtOp : IBinaryOp<GtOp>
{
    public static OpInfo Info { get; } = new("Gt") { Units = UnitRule.Of("(a, a) -> 1") };
    public static double Invoke(double a, double b) => Truth.Of(a > b);
    public static V Invoke(V a, V b) => Truth.Of(Vector256.GreaterThan(a, b));
    public static bool TryEmit(AvxEmitter il) => Truth.Emit(il, nameof(Avx.CompareGreaterThan));
}

public readonly struct GeOp : IBinaryOp<GeOp>
{
    public static OpInfo Info { get; } = new("Ge") { Units = UnitRule.Of("(a, a) -> 1") };
    public static double Invoke(double a, double b) => Truth.Of(a >= b);
    public static V Invoke(V a, V b) => Truth.Of(Vector256.GreaterThanOrEqual(a, b));
    public static bool TryEmit(AvxEmitter il) => Truth.Emit(il, nameof(Avx.CompareGreaterThanOrEqual));
}

/// <summary>a AND b: 1 unless either is zero (NaN counts as true).</summary>
public readonly struct AndOp : IBinaryOp<AndOp>
{
    public static OpInfo Info { get; } = new("And") { Units = UnitRule.Of("(_, _) -> 1") };
    public static double Invoke(double a, double b) => Truth.Of(a != 0 && b != 0);
    public static V Invoke(V a, V b) => Vector256.AndNot(Truth.One, Truth.IsZero(a) | Truth.IsZero(b));
    public static bool TryEmit(AvxEmitter il) => Truth.EmitLogic(il, nameof(Avx.Or));
}

/// <summary>a OR b: 1 unless both are zero.</summary>
public readonly struct OrOp : IBinaryOp<OrOp>
{
    public static OpInfo Info { get; } = new("Or") { Units = UnitRule.Of("(_, _) -> 1") };
    public static double Invoke(double a, double b) => Truth.Of(a != 0 || b != 0);
    public static V Invoke(V a, V b) => Vector256.AndNot(Truth.One, Truth.IsZero(a) & Truth.IsZero(b));
    public static bool TryEmit(AvxEmitter il) => Truth.EmitLogic(il, nameof(Avx.And));
}

/// <summary>IF a THEN b ELSE c, with both branches already computed: a != 0 ? b : c.</summary>
public readonly struct SelectOp : ITernaryOp<SelectOp>
{
    public static OpInfo Info { get; } = new("Select") { Units = UnitRule.Of("(_, a, a) -> a") };
    public static double Invoke(double a, double b, double c) => a != 0 ? b : c;
    public static V Invoke(V a, V b, V c) => Vector256.ConditionalSelect(Truth.IsZero(a), c, b);

    public static bool TryEmit(AvxEmitter il)
    {
        // blend picks its second operand where the mask (a == 0) is set
        var c = il.Stash();
        var then = il.Stash();
        il.IsZero();
        il.BlendByMask(then, c);
        return true;
    }
}

/// <summary>b == 0 ? c : a / b (SAFEDIV, XIDZ, ZIDZ).</summary>
public readonly struct SafeDivOp : ITernaryOp<SafeDivOp>
{
    public static OpInfo Info { get; } = new("SafeDiv", FiniteReach.None,
        new Spelling("SAFEDIV", 2, 3, "SAFEDIV(a, b [, x]): a / b, or x (default 0) when b = 0") { Defaults = [0] },
        new Spelling("XIDZ", 3, 3, "XIDZ(a, b, x): a / b, or x when b = 0"),
        new Spelling("ZIDZ", 2, 2, "ZIDZ(a, b): a / b, or 0 when b = 0") { Defaults = [0] }) { Units = UnitRule.Of("(a, b, a/b) -> a/b") };

    public static double Invoke(double a, double b, double c) => b == 0 ? c : a / b;
    public static V Invoke(V a, V b, V c) => Vector256.ConditionalSelect(Truth.IsZero(b), c, a / b);

    public static bool TryEmit(AvxEmitter il)
    {
        var c = il.Stash();
        var divisor = il.Stash();
        il.Push(divisor);
        il.TwoOperands(nameof(Avx.Divide));
        il.Push(c);
        il.Push(divisor);
        il.IsZero();
        il.Blend();
        il.Release(c);
        il.Release(divisor);
        return true;
    }
}

public readonly struct AbsOp : IUnaryOp<AbsOp>
{
    public static OpInfo Info { get; } = new("Abs", FiniteReach.AllOperands, new Spelling("ABS", 1, 1, "absolute value")) { Units = UnitRule.Of("(a) -> a") };
    public static double Invoke(double a) => Math.Abs(a);
    public static V Invoke(V a) => Vector256.Abs(a);

    public static bool TryEmit(AvxEmitter il)
    {
        il.Constant(BitConverter.Int64BitsToDouble(long.MaxValue)); // every bit but the sign
        il.TwoOperands(nameof(Avx.And));
        return true;
    }
}

public readonly struct SqrtOp : IUnaryOp<SqrtOp>
{
    public static OpInfo Info { get; } = new("Sqrt", FiniteReach.AllOperands, new Spelling("SQRT", 1, 1, "square root")) { Units = UnitRule.Of("(a^2) -> a"), IncreasingIn = [0] };
    public static double Invoke(double a) => Math.Sqrt(a);
    public static V Invoke(V a) => Vector256.Sqrt(a);

    public static bool TryEmit(AvxEmitter il)
    {
        il.OneOperand(nameof(Avx.Sqrt));
        return true;
    }
}

/// <summary>INT: the largest whole number at or below x.</summary>
public readonly struct FloorOp : IUnaryOp<FloorOp>
{
    public static OpInfo Info { get; } = new("Floor", FiniteReach.None, new Spelling("INT", 1, 1, "largest integer <= x") { Aliases = ["INTEGER"] }) { Units = UnitRule.Of("(a) -> a"), IncreasingIn = [0] };
    public static double Invoke(double a) => Math.Floor(a);
    public static V Invoke(V a) => Vector256.Floor(a);

    public static bool TryEmit(AvxEmitter il)
    {
        il.OneOperand(nameof(Avx.RoundToNegativeInfinity));
        return true;
    }
}

/// <summary>Math.Min: NaN if either is NaN, and -0 below +0 (IEEE 754:2019 minimum, which Vector256.Min implements).</summary>
public readonly struct MinOp : IBinaryOp<MinOp>
{
    public static OpInfo Info { get; } = new("Min", FiniteReach.None,
        new Spelling("MIN", 1, 2, "smaller of two values, or the smallest element of an array") { OneArgumentFold = "VMIN" }) { Units = UnitRule.Of("(a, a) -> a"), IncreasingIn = [0, 1] };

    public static double Invoke(double a, double b) => Math.Min(a, b);
    public static V Invoke(V a, V b) => Vector256.Min(a, b);

    public static bool TryEmit(AvxEmitter il)
    {
        il.MinMax(min: true);
        return true;
    }
}

public readonly struct MaxOp : IBinaryOp<MaxOp>
{
    public static OpInfo Info { get; } = new("Max", FiniteReach.None,
        new Spelling("MAX", 1, 2, "larger of two values, or the largest element of an array") { OneArgumentFold = "VMAX" }) { Units = UnitRule.Of("(a, a) -> a"), IncreasingIn = [0, 1] };

    public static double Invoke(double a, double b) => Math.Max(a, b);
    public static V Invoke(V a, V b) => Vector256.Max(a, b);

    public static bool TryEmit(AvxEmitter il)
    {
        il.MinMax(min: false);
        return true;
    }
}

/// <summary>Truth values: 1.0 for true, 0.0 for false; any value but 0 (NaN included) counts as true.</summary>
public static class Truth
{
    public static V One => Vector256.Create(1.0);

    public static double Of(bool b) => b ? 1.0 : 0.0;

    public static bool IsTrue(double x) => x != 0.0;

    /// <summary>A comparison's mask turned into 1.0 / 0.0.</summary>
    public static V Of(V mask) => mask & One;

    public static V IsZero(V a) => Vector256.Equals(a, V.Zero);

    internal static bool Emit(AvxEmitter il, string compare)
    {
        il.Truth(compare);
        return true;
    }

    /// <summary>And (<paramref name="combine"/> = Or of the zero masks) and Or (And of them): 1 where the combined mask is clear.</summary>
    internal static bool EmitLogic(AvxEmitter il, string combine)
    {
        var b = il.Stash();
        il.IsZero();
        il.Push(b);
        il.IsZero();
        il.TwoOperands(combine);
        il.OneWhereClear();
        il.Release(b);
        return true;
    }
}
