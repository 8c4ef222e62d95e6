using Simulation.Engine.Units;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using V = System.Runtime.Intrinsics.Vector256<double>;

namespace Simulation.Engine.Ops;

/// <summary>
/// SUM, PROD, MEAN, VMIN, VMAX: the items folded from <see cref="Start"/> with <see cref="Step"/> (MEAN then divides by
/// the count). The sums (SUM, MEAN: <see cref="Additive"/>) add their items in <see cref="SumOrder"/>'s order; PROD, VMIN
/// and VMAX fold left to right. Every back end folds in these orders with these parts (the vector interpreter with
/// <see cref="Step"/>'s vector meaning, the step code with its AVX form), so they all get the same bits; the step code
/// may cut a long fold into parts, each continuing the accumulator of the part before (a long sum: each lane's items).
/// </summary>
public class FoldOperation(OpInfo info, double start, Operation step, bool dividesByCount) : Operation(info, OperationKind.Fold, 0)
{
    public double Start { get; } = start;

    /// <summary>The binary operation that takes the accumulator and the next item.</summary>
    public Operation Step { get; } = step;

    /// <summary>MEAN: the folded sum divided by the number of items.</summary>
    public bool DividesByCount { get; } = dividesByCount;

    /// <summary>
    /// A sum (SUM, MEAN), whose items are added in <see cref="SumOrder"/>'s order. PROD, VMIN and VMAX keep the left-to-right
    /// fold: the lead's decision covers sums, where vector hardware and accuracy both favour the striped order; a product
    /// is rare in models and the same order argument would change its bits for no measured gain, and VMIN/VMAX give the
    /// same value in any order but for which of two NaNs or signed zeros comes out.
    /// </summary>
    public bool Additive => ReferenceEquals(Step, Operations.Add);

    public virtual double Apply(ReadOnlySpan<double> items)
    {
        if (Additive)
        {
            double sum = SumOrder.Sum(items, Start);
            return DividesByCount ? sum / items.Length : sum;
        }
        double acc = Start;
        foreach (double x in items) acc = Step.Apply(acc, x, 0, 0, 0, 0);
        return DividesByCount ? acc / items.Length : acc;
    }
}

/// <summary>
/// STDDEV: the population standard deviation, sqrt(sum((x - mean)^2) / n), the mean folded as MEAN folds it, then the
/// squares summed in <see cref="SumOrder"/>'s order, as every sum is (the vector interpreter and the step code spell out
/// the same operations).
/// </summary>
public sealed class StdDevOperation() : FoldOperation(
    new OpInfo("StdDev", FiniteReach.None, new Spelling("STDDEV", 1, 1, "population standard deviation of an array's elements"))
    {
        Units = UnitRule.Of("(a) -> a"),
    },
    0, Operations.Add, dividesByCount: false)
{
    public override double Apply(ReadOnlySpan<double> items)
    {
        double mean = Operations.Mean.Apply(items);
        Span<double> squares = items.Length <= 256 ? stackalloc double[items.Length] : new double[items.Length];
        for (int k = 0; k < items.Length; k++) squares[k] = (items[k] - mean) * (items[k] - mean);
        return Math.Sqrt(SumOrder.Sum(squares, 0) / items.Length);
    }
}

/// <summary>
/// x[index] with an index computed during the run: item floor(index) (1-based) of the pool items, or 0 outside.
/// The vector form compares the zero-based index with each item's position and keeps the match.
/// </summary>
public sealed class ChooseOperation() : Operation(new OpInfo("Choose"), OperationKind.Choose, 0)
{
    /// <summary>The zero-based position of the item chosen among <paramref name="count"/>, or null when the index is outside (the value is then 0).</summary>
    public static int? Position(double index, int count)
    {
        double k = Math.Floor(index) - 1;
        return k >= 0 && k < count ? (int)k : null;
    }

    /// <summary>The zero-based index: floor(a) - 1.</summary>
    public static V ZeroBasedIndex(V a) => Vector256.Floor(a) - Truth.One;

    /// <summary>One item of the choice: <paramref name="item"/> where the zero-based index equals <paramref name="k"/>, else <paramref name="sofar"/>.</summary>
    public static V Step(V zeroBasedIndex, int k, V item, V sofar) =>
        Vector256.ConditionalSelect(Vector256.Equals(zeroBasedIndex, Vector256.Create((double)k)), item, sofar);

    /// <summary><see cref="ZeroBasedIndex"/> as AVX: stack a -> floor(a) - 1.</summary>
    public static void EmitZeroBasedIndex(AvxEmitter il)
    {
        il.OneOperand(nameof(Avx.RoundToNegativeInfinity));
        il.Constant(1.0);
        il.TwoOperands(nameof(Avx.Subtract));
    }

    /// <summary><see cref="Step"/> as AVX: stack index, item, sofar -> (index == k ? item : sofar).</summary>
    public static void EmitStep(AvxEmitter il, int k)
    {
        var sofar = il.Stash();
        var item = il.Stash();
        il.Constant(k);
        il.TwoOperands(nameof(Avx.CompareEqual));
        il.BlendByMask(sofar, item);
    }
}
