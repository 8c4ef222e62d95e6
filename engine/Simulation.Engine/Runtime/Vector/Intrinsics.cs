using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using OpCode = Simulation.Engine.Compilation.OpCode;

namespace Simulation.Engine.Runtime.Vector;

/// <summary>
/// IL for the operations that are a few SIMD instructions, as AVX hardware intrinsics. These are
/// always expanded in place; the portable <c>Vector256</c> helpers are expanded through the JIT's
/// inliner, whose budget runs out in methods as large as generated kernels, leaving real calls.
/// Each sequence computes, lane by lane, the bits of the matching <see cref="LaneMath"/> method
/// (the tests hold both to the scalar evaluator). Operands are on the IL stack in order; the
/// result is left there. Constants come from the kernel's constant table through
/// <paramref name="constant"/> (it pushes the value in all four lanes).
/// </summary>
internal sealed class Intrinsics(ILGenerator il, Action<double> constant, Func<LocalBuilder> rent, Action<LocalBuilder> giveBack)
{
    private static readonly Type V = typeof(Vector256<double>);

    /// <summary>The bit pattern with only the sign bit set, and its complement, as doubles for the constant table.</summary>
    private static readonly double SignBit = -0.0;
    private static readonly double AllButSign = BitConverter.Int64BitsToDouble(long.MaxValue);

    /// <summary>The compiled kernel needs AVX; elsewhere the vector interpreter runs the steps.</summary>
    public static bool Supported => Avx.IsSupported;

    public static readonly MethodInfo Load = typeof(Avx).GetMethod(nameof(Avx.LoadVector256), [typeof(double*)])!;
    public static readonly MethodInfo Store = typeof(Avx).GetMethod(nameof(Avx.Store), [typeof(double*), V])!;

    /// <summary>Emits <paramref name="op"/> if it is one of the intrinsic operations; false leaves the IL untouched.</summary>
    public bool TryEmit(OpCode op)
    {
        switch (op)
        {
            case OpCode.Add: Avx2(nameof(Avx.Add)); return true;
            case OpCode.Sub: Avx2(nameof(Avx.Subtract)); return true;
            case OpCode.Mul: Avx2(nameof(Avx.Multiply)); return true;
            case OpCode.Div: Avx2(nameof(Avx.Divide)); return true;
            case OpCode.Sqrt: Avx1(nameof(Avx.Sqrt)); return true;
            case OpCode.Floor: Avx1(nameof(Avx.RoundToNegativeInfinity)); return true;
            case OpCode.Neg:
                constant(SignBit);
                Avx2(nameof(Avx.Xor));
                return true;
            case OpCode.Abs:
                constant(AllButSign);
                Avx2(nameof(Avx.And));
                return true;
            case OpCode.Min or OpCode.Max:
                MinMax(op == OpCode.Min);
                return true;
            case OpCode.Eq: Truth(nameof(Avx.CompareEqual)); return true;
            case OpCode.Lt: Truth(nameof(Avx.CompareLessThan)); return true;
            case OpCode.Le: Truth(nameof(Avx.CompareLessThanOrEqual)); return true;
            case OpCode.Gt: Truth(nameof(Avx.CompareGreaterThan)); return true;
            case OpCode.Ge: Truth(nameof(Avx.CompareGreaterThanOrEqual)); return true;
            case OpCode.Ne:
                Avx2(nameof(Avx.CompareEqual));
                OneWhereClear();
                return true;
            case OpCode.Not:
                IsZero();
                constant(1.0);
                Avx2(nameof(Avx.And));
                return true;
            case OpCode.And or OpCode.Or:
            {
                // And: 1 unless either is zero; Or: 1 unless both are (NaN counts as true)
                var b = Stash();
                IsZero();
                il.Emit(OpCodes.Ldloc, b);
                IsZero();
                Avx2(op == OpCode.And ? nameof(Avx.Or) : nameof(Avx.And));
                OneWhereClear();
                giveBack(b);
                return true;
            }
            case OpCode.Select:
            {
                // a != 0 ? b : c: blend picks its second operand where the mask (a == 0) is set
                var c = Stash();
                var then = Stash();
                IsZero();
                BlendByMaskOnStack(then, c);
                return true;
            }
            case OpCode.SafeDiv:
            {
                // b == 0 ? c : a / b
                var c = Stash();
                var divisor = Stash();
                il.Emit(OpCodes.Ldloc, divisor);
                Avx2(nameof(Avx.Divide));
                il.Emit(OpCodes.Ldloc, c);
                il.Emit(OpCodes.Ldloc, divisor);
                IsZero();
                Blend();
                giveBack(c);
                giveBack(divisor);
                return true;
            }
            default:
                return false;
        }
    }

    /// <summary>Emits an operation that must have an intrinsic form.</summary>
    public void Emit(OpCode op)
    {
        if (!TryEmit(op)) throw new InvalidOperationException($"{op} has no intrinsic form");
    }

    /// <summary>floor(a) - 1: the zero-based CHOOSE index.</summary>
    public void ChooseIndex()
    {
        Avx1(nameof(Avx.RoundToNegativeInfinity));
        constant(1.0);
        Avx2(nameof(Avx.Subtract));
    }

    /// <summary>Stack: index, item, sofar -> (index == k ? item : sofar).</summary>
    public void ChooseStep(int k)
    {
        var sofar = Stash();
        var item = Stash();
        constant(k);
        Avx2(nameof(Avx.CompareEqual));
        BlendByMaskOnStack(sofar, item);
    }

    /// <summary>
    /// Math.Min / Math.Max (IEEE 754:2019 minimum/maximum): x where x is NaN, or x beats y, or they
    /// are equal and the sign says so (Min: x negative; Max: y negative), else y. Blend reads only
    /// each lane's top bit, so the sign test is the operand itself.
    /// </summary>
    private void MinMax(bool min)
    {
        var y = Stash();
        var x = Stash();
        il.Emit(OpCodes.Ldloc, x);
        il.Emit(OpCodes.Ldloc, x);
        Avx2(nameof(Avx.CompareUnordered));
        il.Emit(OpCodes.Ldloc, x);
        il.Emit(OpCodes.Ldloc, y);
        Avx2(min ? nameof(Avx.CompareLessThan) : nameof(Avx.CompareGreaterThan));
        Avx2(nameof(Avx.Or));
        il.Emit(OpCodes.Ldloc, x);
        il.Emit(OpCodes.Ldloc, y);
        Avx2(nameof(Avx.CompareEqual));
        il.Emit(OpCodes.Ldloc, min ? x : y);
        Avx2(nameof(Avx.And));
        Avx2(nameof(Avx.Or));
        BlendByMaskOnStack(y, x);
    }

    /// <summary>Stack: mask -> <paramref name="set"/> where the mask's top bit is set, else <paramref name="clear"/>; gives both locals back.</summary>
    private void BlendByMaskOnStack(LocalBuilder clear, LocalBuilder set)
    {
        var mask = Stash();
        il.Emit(OpCodes.Ldloc, clear);
        il.Emit(OpCodes.Ldloc, set);
        il.Emit(OpCodes.Ldloc, mask);
        Blend();
        giveBack(clear);
        giveBack(set);
        giveBack(mask);
    }

    /// <summary>Stack: left, right, mask -> right where the mask's top bit is set, else left.</summary>
    private void Blend() => il.Emit(OpCodes.Call, typeof(Avx).GetMethod(nameof(Avx.BlendVariable), [V, V, V])!);

    private void Avx1(string name) => il.Emit(OpCodes.Call, typeof(Avx).GetMethod(name, [V])!);

    private void Avx2(string name) => il.Emit(OpCodes.Call, typeof(Avx).GetMethod(name, [V, V])!);

    /// <summary>A comparison as 1.0 / 0.0.</summary>
    private void Truth(string compare)
    {
        Avx2(compare);
        constant(1.0);
        Avx2(nameof(Avx.And));
    }

    /// <summary>Stack: mask -> 1.0 where the mask is clear, 0.0 where set (AVX and-not complements its first operand).</summary>
    private void OneWhereClear()
    {
        constant(1.0);
        Avx2(nameof(Avx.AndNot));
    }

    /// <summary>Stack: a -> (a == 0) mask.</summary>
    private void IsZero()
    {
        constant(0.0);
        Avx2(nameof(Avx.CompareEqual));
    }

    /// <summary>Pops the top of the stack into a scratch local.</summary>
    private LocalBuilder Stash()
    {
        var local = rent();
        il.Emit(OpCodes.Stloc, local);
        return local;
    }
}
