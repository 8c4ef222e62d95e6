using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Simulation.Engine.Compilation;
using V = System.Runtime.Intrinsics.Vector256<double>;

namespace Simulation.Engine.Runtime.Vector;

/// <summary>
/// The slot rows the vector engine's check for NaN and infinity reads, fixed for a program. The reference evaluator
/// checks every element after each evaluation; the vector engine sums rows instead (a sum of values is finite exactly
/// when they all are, unless it overflows, and then the lanes are searched one by one anyway).
/// </summary>
internal sealed class FiniteRows
{
    /// <param name="checkedRows">The rows the compiled step code stores and the check reads after each evaluation; empty without compiled code.</param>
    public FiniteRows(EvaluationPlan plan, int[] checkedRows)
    {
        var elements = new List<int>(plan.ElementSlots.Length);
        foreach (int slot in plan.ElementSlots) elements.Add(slot);
        ElementRows = SortedDistinct(elements);
        ElementRanges = RowRange.Runs(ElementRows);
        Checked = RowRange.Runs(checkedRows);
        Stocks = [new RowRange(plan.StockBase, plan.StockCount)];
        var writtenAfterCheck = new HashSet<int>();
        foreach (var instruction in plan.Capture) writtenAfterCheck.Add(instruction.Dst);
        foreach (var instruction in plan.Commit) writtenAfterCheck.Add(instruction.Dst);
        var stepEnd = new List<int>();
        foreach (int row in ElementRows)
            if (writtenAfterCheck.Contains(row)) stepEnd.Add(row);
        StepEnd = RowRange.Runs(stepEnd);
    }

    /// <summary>The slot rows of every model element (what the reference evaluator checks).</summary>
    public int[] ElementRows { get; }

    /// <summary><see cref="ElementRows"/> as blocks of adjacent rows, for summing.</summary>
    public RowRange[] ElementRanges { get; }

    /// <summary>
    /// The rows the compiled step code stores that are checked after each evaluation: the net rates and the stored
    /// elements. Elements the code keeps in registers only are not checked themselves: each reaches a checked value
    /// through operations that keep a NaN or infinity non-finite, so it shows there; elements that could hide one on
    /// the way are stored and checked (<see cref="NonFiniteReach"/>).
    /// </summary>
    public RowRange[] Checked { get; }

    /// <summary>The stocks' rows, one block.</summary>
    public RowRange[] Stocks { get; }

    /// <summary>Element rows that Capture or Commit write (delay outputs): summed after each step.</summary>
    public RowRange[] StepEnd { get; }

    /// <summary>
    /// The rows to check in a compiled section: the elements it defines, and the net rates (or, when it takes the Euler
    /// step, the next stocks, which are finite only if the stocks and net rates are), among the slots it stores.
    /// Elements whose NaN or infinity could go unseen in registers are added to <paramref name="observed"/> first.
    /// </summary>
    public static int[] CheckedBy(EvaluationPlan plan, HashSet<int> observed, bool takesEulerStep)
    {
        var elements = new HashSet<int>();
        foreach (int slot in plan.ElementSlots) elements.Add(slot);
        observed.UnionWith(NonFiniteReach.Unreached(plan.Rates.AsSpan(), plan.ArgumentPool.AsSpan(), elements, observed));
        var rows = new List<int>();
        foreach (var instruction in plan.Rates)
            if (elements.Contains(instruction.Dst) && observed.Contains(instruction.Dst)) rows.Add(instruction.Dst);
        if (!takesEulerStep)
            for (int row = plan.RateBase; row < plan.RateBase + plan.StockCount; row++)
                if (observed.Contains(row)) rows.Add(row);
        return SortedDistinct(rows);
    }

    /// <summary>
    /// The rows once each, ascending. Loops rather than LINQ's Distinct and Order: the step code's generation runs
    /// this once a shard, and LINQ's instantiations over ints are missing from the precompiled (composite) build, so
    /// each would be JIT-compiled at first use.
    /// </summary>
    private static int[] SortedDistinct(List<int> rows)
    {
        var distinct = new HashSet<int>(rows);
        var sorted = new int[distinct.Count];
        distinct.CopyTo(sorted);
        Array.Sort(sorted);
        return sorted;
    }
}

/// <summary>
/// Watches one batch run for NaN and infinity, as cheaply as the results allow: it keeps the sums the checks need
/// and decides when they run. The stock updates hand it the sum of the stocks they write, Commit the delay outputs it
/// writes, and after each evaluation it sums the rows the step code stored; only a sum that is not finite sends the
/// kernel to find which lanes and elements went bad. When the step code takes the Euler step, the stocks are checked
/// once, at the end of the batch (<see cref="NeedsExactRun"/>), not at every step: Euler steps keep a NaN or infinity
/// (once a stock or net rate is not finite, every later stock + dt * rate of that stock is not finite), so the last
/// evaluation's next stocks show whether any went bad. Clamping to zero could hide -infinity, so clamped stocks are
/// summed before clamping; the stored elements, which can go NaN and come back, are summed at every step.
/// </summary>
internal unsafe struct FiniteWatch(FiniteRows rows, int stride, bool defers)
{
    private double _stockSum;
    private double _stepEndSum;
    private double _uncheckedSum;

    /// <summary>False until the first check, which sums every element row (the first evaluation stores every slot).</summary>
    public bool CheckedOnce { get; private set; }

    /// <summary>The stock update wrote stocks summing to <paramref name="sum"/>.</summary>
    public void StocksWritten(double sum) => _stockSum = sum;

    /// <summary>A step ended (Commit wrote the delay outputs).</summary>
    public void StepEnded(double* slots)
    {
        if (rows.StepEnd.Length > 0) _stepEndSum = Sum(slots, rows.StepEnd);
    }

    /// <summary>Stocks about to be clamped at zero summed to <paramref name="sum"/>.</summary>
    public void Clamping(double sum)
    {
        if (defers) _uncheckedSum += sum;
    }

    /// <summary>
    /// After an evaluation: false when every checked value is surely finite. <paramref name="next"/> holds the next
    /// stocks when the step code took the Euler step (<paramref name="stocksAdvanced"/>): they stand for the stocks and
    /// net rates, since stock + dt * rate is finite only if both are.
    /// </summary>
    public bool MayBeNonFinite(double* slots, double* next, bool compiled, bool stocksAdvanced)
    {
        if (defers && stocksAdvanced)
        {
            _uncheckedSum += Sum(slots, rows.Checked);
            return false;
        }
        double total = !CheckedOnce || !compiled ? Sum(slots, rows.ElementRanges)
            : stocksAdvanced ? Sum(next, rows.Stocks) + Sum(slots, rows.Checked)
            : _stockSum + _stepEndSum + Sum(slots, rows.Checked);
        CheckedOnce = true;
        return !double.IsFinite(total);
    }

    /// <summary>
    /// After a run whose checks were deferred: true when a NaN or infinity may have appeared, and the batch must run
    /// again with exact checks to find when and where (<paramref name="next"/>: the last evaluation's next stocks).
    /// </summary>
    public bool NeedsExactRun(double* next, bool stocksAdvanced)
    {
        if (!defers) return false;
        double total = _uncheckedSum;
        if (stocksAdvanced) total += Sum(next, rows.Stocks);
        return !double.IsFinite(total);
    }

    /// <summary>The sum of blocks of adjacent rows, each block as one stretch of memory (the net rates are one block).</summary>
    private readonly double Sum(double* slots, RowRange[] ranges)
    {
        double sum = 0;
        foreach (var range in ranges) sum += Sum(slots + range.Start * stride, range.Count * stride);
        return sum;
    }

    /// <summary>
    /// The sum of a block of doubles, 16 at a time in four independent chains so that the additions overlap (a batch's
    /// blocks are multiples of 4; a one-run program's need not be, hence the tail). Only its finiteness is used.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double Sum(double* block, int length)
    {
        V s0 = V.Zero, s1 = V.Zero, s2 = V.Zero, s3 = V.Zero;
        int k = 0;
        for (; k + 16 <= length; k += 16)
        {
            s0 += Vector256.Load(block + k);
            s1 += Vector256.Load(block + k + 4);
            s2 += Vector256.Load(block + k + 8);
            s3 += Vector256.Load(block + k + 12);
        }
        for (; k + 4 <= length; k += 4) s0 += Vector256.Load(block + k);
        double tail = 0;
        for (; k < length; k++) tail += block[k];
        return Vector256.Sum((s0 + s1) + (s2 + s3)) + tail;
    }
}
