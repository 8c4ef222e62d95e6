using Simulation.Engine.Units;
namespace Simulation.Engine.Ops;

// Functions of one or two values that SIMD does not compute exactly: the vector engine calls these once per lane
// (the interfaces' default vector meaning), so every lane has the bits of the reference evaluator.

public readonly struct ExpOp : IUnaryOp<ExpOp>
{
    public static OpInfo Info { get; } = new("Exp", FiniteReach.None, new Spelling("EXP", 1, 1, "e raised to x")) { Units = UnitRule.Of("(1) -> 1"), IncreasingIn = [0] };
    public static double Invoke(double a) => Math.Exp(a);
}

public readonly struct LnOp : IUnaryOp<LnOp>
{
    public static OpInfo Info { get; } = new("Ln", FiniteReach.None, new Spelling("LN", 1, 1, "natural logarithm")) { Units = UnitRule.Of("(1) -> 1"), IncreasingIn = [0] };
    public static double Invoke(double a) => Math.Log(a);
}

public readonly struct Log10Op : IUnaryOp<Log10Op>
{
    public static OpInfo Info { get; } = new("Log10", FiniteReach.None, new Spelling("LOG10", 1, 1, "base-10 logarithm")) { Units = UnitRule.Of("(1) -> 1"), IncreasingIn = [0] };
    public static double Invoke(double a) => Math.Log10(a);
}

public readonly struct LogOp : IBinaryOp<LogOp>
{
    public static OpInfo Info { get; } = new("Log", FiniteReach.None, new Spelling("LOG", 2, 2, "LOG(x, base): logarithm in any base")) { Units = UnitRule.Of("(1, 1) -> 1") };
    public static double Invoke(double a, double b) => Math.Log(a) / Math.Log(b);
}

public readonly struct SinOp : IUnaryOp<SinOp>
{
    public static OpInfo Info { get; } = new("Sin", FiniteReach.None, new Spelling("SIN", 1, 1, "sine (radians)")) { Units = UnitRule.Of("(1) -> 1") };
    public static double Invoke(double a) => Math.Sin(a);
}

public readonly struct CosOp : IUnaryOp<CosOp>
{
    public static OpInfo Info { get; } = new("Cos", FiniteReach.None, new Spelling("COS", 1, 1, "cosine (radians)")) { Units = UnitRule.Of("(1) -> 1") };
    public static double Invoke(double a) => Math.Cos(a);
}

public readonly struct TanOp : IUnaryOp<TanOp>
{
    public static OpInfo Info { get; } = new("Tan", FiniteReach.None, new Spelling("TAN", 1, 1, "tangent (radians)")) { Units = UnitRule.Of("(1) -> 1") };
    public static double Invoke(double a) => Math.Tan(a);
}

public readonly struct ArcSinOp : IUnaryOp<ArcSinOp>
{
    public static OpInfo Info { get; } = new("ArcSin", FiniteReach.None, new Spelling("ARCSIN", 1, 1, "inverse sine") { Aliases = ["ASIN"] }) { Units = UnitRule.Of("(1) -> 1"), IncreasingIn = [0] };
    public static double Invoke(double a) => Math.Asin(a);
}

public readonly struct ArcCosOp : IUnaryOp<ArcCosOp>
{
    public static OpInfo Info { get; } = new("ArcCos", FiniteReach.None, new Spelling("ARCCOS", 1, 1, "inverse cosine") { Aliases = ["ACOS"] }) { Units = UnitRule.Of("(1) -> 1") };
    public static double Invoke(double a) => Math.Acos(a);
}

public readonly struct ArcTanOp : IUnaryOp<ArcTanOp>
{
    public static OpInfo Info { get; } = new("ArcTan", FiniteReach.None, new Spelling("ARCTAN", 1, 1, "inverse tangent") { Aliases = ["ATAN"] }) { Units = UnitRule.Of("(1) -> 1"), IncreasingIn = [0] };
    public static double Invoke(double a) => Math.Atan(a);
}

/// <summary>The nearest whole number, halves away from zero.</summary>
public readonly struct RoundOp : IUnaryOp<RoundOp>
{
    public static OpInfo Info { get; } = new("Round", FiniteReach.None, new Spelling("ROUND", 1, 1, "nearest integer, halves away from zero")) { Units = UnitRule.Of("(a) -> a"), IncreasingIn = [0] };
    public static double Invoke(double a) => Math.Round(a, MidpointRounding.AwayFromZero);
}

/// <summary>-1, 0 or 1; NaN stays NaN (Math.Sign would throw).</summary>
public readonly struct SignOp : IUnaryOp<SignOp>
{
    public static OpInfo Info { get; } = new("Sign", FiniteReach.None, new Spelling("SIGN", 1, 1, "-1, 0 or 1")) { Units = UnitRule.Of("(_) -> 1") };
    public static double Invoke(double a) => a > 0 ? 1.0 : a < 0 ? -1.0 : a == 0 ? 0.0 : double.NaN;
}

public readonly struct SinhOp : IUnaryOp<SinhOp>
{
    public static OpInfo Info { get; } = new("Sinh", FiniteReach.None, new Spelling("SINH", 1, 1, "hyperbolic sine")) { Units = UnitRule.Of("(1) -> 1"), IncreasingIn = [0] };
    public static double Invoke(double a) => Math.Sinh(a);
}

public readonly struct CoshOp : IUnaryOp<CoshOp>
{
    public static OpInfo Info { get; } = new("Cosh", FiniteReach.None, new Spelling("COSH", 1, 1, "hyperbolic cosine")) { Units = UnitRule.Of("(1) -> 1") };
    public static double Invoke(double a) => Math.Cosh(a);
}

/// <summary>1 − Φ(z), the standard normal's upper tail (no name in the language: the allocation profiles use it).</summary>
public readonly struct NormalUpperTailOp : IUnaryOp<NormalUpperTailOp>
{
    public static OpInfo Info { get; } = new("NormalUpperTail", FiniteReach.None) { Units = UnitRule.Of("(1) -> 1") };
    public static double Invoke(double a) => 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(a / Math.Sqrt(2));
}

public readonly struct TanhOp : IUnaryOp<TanhOp>
{
    public static OpInfo Info { get; } = new("Tanh", FiniteReach.None, new Spelling("TANH", 1, 1, "hyperbolic tangent")) { Units = UnitRule.Of("(1) -> 1"), IncreasingIn = [0] };
    public static double Invoke(double a) => Math.Tanh(a);
}
