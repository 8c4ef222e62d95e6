using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Simulation.Engine.Ops;

/// <summary>
/// Writes IL for the operations that are a few SIMD instructions, as AVX hardware intrinsics; operations use it in
/// their <see cref="IOp{TSelf}.TryEmit"/>. Intrinsics are always expanded in place, where the portable
/// <c>Vector256</c> helpers go through the JIT's inliner, whose budget runs out in methods as large as the
/// generated step code. Operands are on the IL stack in order; the result is left there. Constants come from the
/// step code's constant table through <see cref="Constant"/> (the value in all four lanes).
/// </summary>
public sealed class AvxEmitter(ILGenerator il, Action<double> constant, Func<LocalBuilder> rent, Action<LocalBuilder> giveBack)
{
    private static readonly Type V = typeof(Vector256<double>);

    /// <summary>The generated step code needs AVX; elsewhere the vector interpreter runs the steps.</summary>
    public static bool Supported => Avx.IsSupported;

    private static readonly MethodInfo BlendByByte = typeof(Avx).GetMethod(nameof(Avx.Blend), [V, V, typeof(byte)])!;

    /// <summary>
    /// Avx's methods over vectors, by name and operand count, looked up once: the step code of a large model calls them
    /// some 20,000 times, and each reflection lookup allocated its candidates and argument types anew.
    /// Keyed by name within a table per operand count (string keys, not tuples: a tuple key's comparer is a generic
    /// instantiation over a value type that the precompiled (composite) build lacks, JIT-compiled at first use).
    /// </summary>
    private static readonly ConcurrentDictionary<string, MethodInfo>[] Methods = [new(), new(), new(), new()];

    private static MethodInfo OnVectors(string method, int operands) => Methods[operands].GetOrAdd(method, name =>
    {
        var types = new Type[operands];
        Array.Fill(types, V);
        return typeof(Avx).GetMethod(name, types)!;
    });

    /// <summary>Pushes a constant in all four lanes.</summary>
    public void Constant(double value) => constant(value);

    /// <summary>Stack: a -> Avx.<paramref name="method"/>(a).</summary>
    public void OneOperand(string method) => il.Emit(OpCodes.Call, OnVectors(method, 1));

    /// <summary>Stack: a, b -> Avx.<paramref name="method"/>(a, b).</summary>
    public void TwoOperands(string method) => il.Emit(OpCodes.Call, OnVectors(method, 2));

    /// <summary>Stack: a, b -> the comparison as 1.0 / 0.0.</summary>
    public void Truth(string compare)
    {
        TwoOperands(compare);
        constant(1.0);
        TwoOperands(nameof(Avx.And));
    }

    /// <summary>Stack: mask -> 1.0 where the mask is clear, 0.0 where set (AVX and-not complements its first operand).</summary>
    public void OneWhereClear()
    {
        constant(1.0);
        TwoOperands(nameof(Avx.AndNot));
    }

    /// <summary>Stack: a -> the (a == 0) mask.</summary>
    public void IsZero()
    {
        constant(0.0);
        TwoOperands(nameof(Avx.CompareEqual));
    }

    /// <summary>Pops the top of the stack into a scratch local (give it back with <see cref="Release"/>).</summary>
    public LocalBuilder Stash()
    {
        var local = rent();
        il.Emit(OpCodes.Stloc, local);
        return local;
    }

    public void Push(LocalBuilder local) => il.Emit(OpCodes.Ldloc, local);

    public void Release(LocalBuilder local) => giveBack(local);

    /// <summary>Stack: left, right, mask -> right where the mask's top bit is set, else left.</summary>
    public void Blend() => il.Emit(OpCodes.Call, OnVectors(nameof(Avx.BlendVariable), 3));

    /// <summary>Stack: left, right -> lane i from right where bit i of <paramref name="control"/> is set, else from left.</summary>
    public void Blend(byte control)
    {
        il.Emit(OpCodes.Ldc_I4, (int)control);
        il.Emit(OpCodes.Call, BlendByByte);
    }

    /// <summary>Stack: mask -> <paramref name="set"/> where the mask's top bit is set, else <paramref name="clear"/>; releases both locals.</summary>
    public void BlendByMask(LocalBuilder clear, LocalBuilder set)
    {
        var mask = Stash();
        Push(clear);
        Push(set);
        Push(mask);
        Blend();
        Release(clear);
        Release(set);
        Release(mask);
    }

    /// <summary>
    /// Stack: x, y -> Math.Min / Math.Max (IEEE 754:2019 minimum/maximum): x where x is NaN, or x beats y, or they
    /// are equal and the sign says so (Min: x negative; Max: y negative), else y. Blend reads only each lane's top
    /// bit, so the sign test is the operand itself.
    /// </summary>
    public void MinMax(bool min)
    {
        var y = Stash();
        var x = Stash();
        Push(x);
        Push(x);
        TwoOperands(nameof(Avx.CompareUnordered));
        Push(x);
        Push(y);
        TwoOperands(min ? nameof(Avx.CompareLessThan) : nameof(Avx.CompareGreaterThan));
        TwoOperands(nameof(Avx.Or));
        Push(x);
        Push(y);
        TwoOperands(nameof(Avx.CompareEqual));
        Push(min ? x : y);
        TwoOperands(nameof(Avx.And));
        TwoOperands(nameof(Avx.Or));
        BlendByMask(y, x);
    }
}
