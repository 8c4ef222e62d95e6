using Simulation.Engine.Units;
namespace Simulation.Engine.Ops;

// Vensim's rounding functions, which differ from XMILE's for negative numbers: Vensim truncates towards zero where
// XMILE floors. They keep Vensim's names (with _VENSIM where XMILE already uses the name for its own meaning), so a
// model imported from Vensim computes what Vensim computes, and a reader of the imported model sees which is meant.

/// <summary>INTEGER_VENSIM(x): x truncated towards zero (Vensim's INTEGER): -9.9 gives -9, where INT gives -10.</summary>
public readonly struct TruncateOp : IUnaryOp<TruncateOp>
{
    public static OpInfo Info { get; } = new("Truncate", FiniteReach.None,
        new Spelling("INTEGER_VENSIM", 1, 1, "INTEGER_VENSIM(x): x truncated towards zero (Vensim's INTEGER; INT floors)")) { Units = UnitRule.Of("(a) -> a"), IncreasingIn = [0] };

    public static double Invoke(double a) => Math.Truncate(a);
}

/// <summary>MODULO_VENSIM(a, b): a - b * truncate(a / b), the remainder with the sign of a (C's fmod; Vensim's MODULO). MOD floors.</summary>
public readonly struct RemainderOp : IBinaryOp<RemainderOp>
{
    public static OpInfo Info { get; } = new("Remainder", FiniteReach.None,
        new Spelling("MODULO_VENSIM", 2, 2, "MODULO_VENSIM(a, b): the remainder of a / b with the sign of a (Vensim's MODULO; MOD floors)")) { Units = UnitRule.Of("(a, a) -> a") };

    public static double Invoke(double a, double b) => a % b; // C#'s % is fmod: the sign of the dividend
}

/// <summary>QUANTUM(a, q): a truncated to a whole multiple of q, towards zero; a itself when q is not positive (Vensim).</summary>
public readonly struct QuantumOp : IBinaryOp<QuantumOp>
{
    public static OpInfo Info { get; } = new("Quantum", FiniteReach.None,
        new Spelling("QUANTUM", 2, 2, "QUANTUM(a, q): q * INTEGER_VENSIM(a / q), or a when q <= 0 (Vensim)")) { Units = UnitRule.Of("(a, a) -> a"), IncreasingIn = [0] };

    public static double Invoke(double a, double q) => q > 0 ? q * Math.Truncate(a / q) : a;
}
