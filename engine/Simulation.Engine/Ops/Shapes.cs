using System.Runtime.CompilerServices;
using System.Reflection;
using System.Runtime.Intrinsics;
using V = System.Runtime.Intrinsics.Vector256<double>;

namespace Simulation.Engine.Ops;

// An operation is a struct with static members, in the spirit of TensorPrimitives' operator structs: its scalar
// meaning, its vector meaning (by default the scalar one lane by lane) and optionally an inline AVX form. Generic code
// instantiated over the struct calls them directly, so the generated step code and the interpreters pay no dispatch
// inside an operation. Each shape below wraps such a struct as an Operation.
// The vector meanings and the methods the step code calls are compiled optimised at their first call
// (AggressiveOptimization): a run calls them thousands of times, and a server's first requests would otherwise run
// them unoptimised until the runtime's tiered compilation catches up.

/// <summary>What every operation struct gives: its description, and optionally its inline AVX form.</summary>
public interface IOp<TSelf> where TSelf : IOp<TSelf>
{
    static abstract OpInfo Info { get; }

    /// <summary>Emits the operation as AVX instructions; false (the default) when it has no such form and is called instead.</summary>
    static virtual bool TryEmit(AvxEmitter il) => false;
}

public interface IUnaryOp<TSelf> : IOp<TSelf> where TSelf : IUnaryOp<TSelf>
{
    static abstract double Invoke(double a);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static virtual V Invoke(V a) => SameLanes.All(a)
        ? Vector256.Create(TSelf.Invoke(a[0]))
        : Vector256.Create(TSelf.Invoke(a[0]), TSelf.Invoke(a[1]), TSelf.Invoke(a[2]), TSelf.Invoke(a[3]));
}

public interface IBinaryOp<TSelf> : IOp<TSelf> where TSelf : IBinaryOp<TSelf>
{
    static abstract double Invoke(double a, double b);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static virtual V Invoke(V a, V b) => SameLanes.All(a, b)
        ? Vector256.Create(TSelf.Invoke(a[0], b[0]))
        : Vector256.Create(TSelf.Invoke(a[0], b[0]), TSelf.Invoke(a[1], b[1]), TSelf.Invoke(a[2], b[2]), TSelf.Invoke(a[3], b[3]));
}

public interface ITernaryOp<TSelf> : IOp<TSelf> where TSelf : ITernaryOp<TSelf>
{
    static abstract double Invoke(double a, double b, double c);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static virtual V Invoke(V a, V b, V c) => SameLanes.All(a, b) && SameLanes.All(c)
        ? Vector256.Create(TSelf.Invoke(a[0], b[0], c[0]))
        : Vector256.Create(TSelf.Invoke(a[0], b[0], c[0]), TSelf.Invoke(a[1], b[1], c[1]), TSelf.Invoke(a[2], b[2], c[2]), TSelf.Invoke(a[3], b[3], c[3]));
}

/// <summary>A function of up to four operands and of TIME and dt (the same in every lane); unused operands are ignored.</summary>
public interface ITimedOp<TSelf> : IOp<TSelf> where TSelf : ITimedOp<TSelf>
{
    /// <summary>How many of the four operands it reads.</summary>
    static abstract int Arity { get; }

    static abstract double Invoke(double a, double b, double c, double d, double time, double dt);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static virtual V Invoke(V a, V b, V c, V d, double time, double dt) => SameLanes.All(a, b) && SameLanes.All(c, d)
        ? Vector256.Create(TSelf.Invoke(a[0], b[0], c[0], d[0], time, dt))
        : Vector256.Create(TSelf.Invoke(a[0], b[0], c[0], d[0], time, dt), TSelf.Invoke(a[1], b[1], c[1], d[1], time, dt),
            TSelf.Invoke(a[2], b[2], c[2], d[2], time, dt), TSelf.Invoke(a[3], b[3], c[3], d[3], time, dt));
}

/// <summary>A graphical function read at x.</summary>
public interface ILookupOp<TSelf> : IOp<TSelf> where TSelf : ILookupOp<TSelf>
{
    static abstract double Invoke(LookupTable table, double x);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static virtual V Invoke(V x, LookupTable table) => SameLanes.All(x)
        ? Vector256.Create(TSelf.Invoke(table, x[0]))
        : Vector256.Create(TSelf.Invoke(table, x[0]), TSelf.Invoke(table, x[1]), TSelf.Invoke(table, x[2]), TSelf.Invoke(table, x[3]));
}

/// <summary>
/// Whether every lane holds the same bits. The lane-by-lane vector meanings above then call the scalar meaning once and
/// broadcast it: a single run fills all four lanes of its group (lanes past a batch's last run repeat its first run), and
/// some values are the same in every run (a table read at TIME), so these cost one call instead of four. Each scalar
/// meaning is a pure function of its operands, so the same bits in give the same bits out in every lane.
/// </summary>
internal static class SameLanes
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool All(V a)
    {
        var bits = a.AsUInt64();
        return Vector256.EqualsAll(bits, Vector256.Create(bits.ToScalar()));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool All(V a, V b) => All(a) && All(b);
}

/// <summary>The methods the generated step code calls: each forwards to its operation struct, so the JIT compiles it for that struct alone.</summary>
public static class StepCodeCalls
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static V Unary<T>(V a) where T : IUnaryOp<T> => T.Invoke(a);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static V Binary<T>(V a, V b) where T : IBinaryOp<T> => T.Invoke(a, b);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static V Ternary<T>(V a, V b, V c) where T : ITernaryOp<T> => T.Invoke(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static V Timed<T>(V a, V b, V c, V d, double time, double dt) where T : ITimedOp<T> => T.Invoke(a, b, c, d, time, dt);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static V Lookup<T>(V x, LookupTable table) where T : ILookupOp<T> => T.Invoke(x, table);

    // The same operations on one value: a one-run program's lone values (not array elements in lanes) are plain doubles.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double ScalarUnary<T>(double a) where T : IUnaryOp<T> => T.Invoke(a);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double ScalarBinary<T>(double a, double b) where T : IBinaryOp<T> => T.Invoke(a, b);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double ScalarTernary<T>(double a, double b, double c) where T : ITernaryOp<T> => T.Invoke(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double ScalarTimed<T>(double a, double b, double c, double d, double time, double dt) where T : ITimedOp<T> =>
        T.Invoke(a, b, c, d, time, dt);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double ScalarLookup<T>(double x, LookupTable table) where T : ILookupOp<T> => T.Invoke(table, x);

    internal static MethodInfo For(string shape, Type op) =>
        typeof(StepCodeCalls).GetMethod(shape, BindingFlags.Public | BindingFlags.Static)!.MakeGenericMethod(op);
}

internal sealed class UnaryOperation<T>() : Operation(T.Info, OperationKind.Pure, 1) where T : IUnaryOp<T>
{
    public override double Apply(double a, double b, double c, double d, double time, double dt) => T.Invoke(a);

    public override V Apply(V a, V b, V c, V d, double time, double dt) => T.Invoke(a);

    public override MethodInfo VectorMethod { get; } = StepCodeCalls.For(nameof(StepCodeCalls.Unary), typeof(T));

    public override MethodInfo ScalarMethod { get; } = StepCodeCalls.For(nameof(StepCodeCalls.ScalarUnary), typeof(T));

    public override bool TryEmitIntrinsic(AvxEmitter il) => T.TryEmit(il);
}

internal sealed class BinaryOperation<T>() : Operation(T.Info, OperationKind.Pure, 2) where T : IBinaryOp<T>
{
    public override double Apply(double a, double b, double c, double d, double time, double dt) => T.Invoke(a, b);

    public override V Apply(V a, V b, V c, V d, double time, double dt) => T.Invoke(a, b);

    public override MethodInfo VectorMethod { get; } = StepCodeCalls.For(nameof(StepCodeCalls.Binary), typeof(T));

    public override MethodInfo ScalarMethod { get; } = StepCodeCalls.For(nameof(StepCodeCalls.ScalarBinary), typeof(T));

    public override bool TryEmitIntrinsic(AvxEmitter il) => T.TryEmit(il);
}

internal sealed class TernaryOperation<T>() : Operation(T.Info, OperationKind.Pure, 3) where T : ITernaryOp<T>
{
    public override double Apply(double a, double b, double c, double d, double time, double dt) => T.Invoke(a, b, c);

    public override V Apply(V a, V b, V c, V d, double time, double dt) => T.Invoke(a, b, c);

    public override MethodInfo VectorMethod { get; } = StepCodeCalls.For(nameof(StepCodeCalls.Ternary), typeof(T));

    public override MethodInfo ScalarMethod { get; } = StepCodeCalls.For(nameof(StepCodeCalls.ScalarTernary), typeof(T));

    public override bool TryEmitIntrinsic(AvxEmitter il) => T.TryEmit(il);
}

internal sealed class TimedOperation<T>() : Operation(T.Info, OperationKind.Timed, T.Arity) where T : ITimedOp<T>
{
    public override double Apply(double a, double b, double c, double d, double time, double dt) => T.Invoke(a, b, c, d, time, dt);

    public override V Apply(V a, V b, V c, V d, double time, double dt) => T.Invoke(a, b, c, d, time, dt);

    public override MethodInfo VectorMethod { get; } = StepCodeCalls.For(nameof(StepCodeCalls.Timed), typeof(T));

    public override MethodInfo ScalarMethod { get; } = StepCodeCalls.For(nameof(StepCodeCalls.ScalarTimed), typeof(T));
}

internal sealed class LookupOperation<T>() : Operation(T.Info, OperationKind.Lookup, 1) where T : ILookupOp<T>
{
    public override double Apply(LookupTable table, double x) => T.Invoke(table, x);

    public override V Apply(LookupTable table, V x) => T.Invoke(x, table);

    public override MethodInfo VectorMethod { get; } = StepCodeCalls.For(nameof(StepCodeCalls.Lookup), typeof(T));

    public override MethodInfo ScalarMethod { get; } = StepCodeCalls.For(nameof(StepCodeCalls.ScalarLookup), typeof(T));
}

/// <summary>An instruction that only moves values (Const, Copy, Param), or whose meaning the runtime owns (pipeline delays).</summary>
internal sealed class StructuralOperation(OpInfo info, OperationKind kind, int arity) : Operation(info, kind, arity);
