using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Simulation.Engine.Compilation;
using V = System.Runtime.Intrinsics.Vector256<double>;

namespace Simulation.Engine.Runtime.Vector;

/// <summary>
/// The vector back end of the <see cref="Integrator"/>: one batch of runs in lock-step, every
/// stage operation a pass over whole slot rows. The once-per-run sections go through the vector
/// interpreter; the Rates section through the program's compiled code. Runs never stop early: a
/// run whose stocks or rates become NaN or infinite is noted (time and element, as the reference
/// evaluator reports them) and carries on, like the reference evaluator with --continue.
/// The passes over the state are compiled fully optimised from the first call
/// (<see cref="MethodImplOptions.AggressiveOptimization"/>): a batch calls them a few thousand
/// times, too few for tiered compilation to promote them in time.
/// </summary>
public unsafe struct VectorKernel : IStateKernel
{
    private readonly VectorProgram _program;
    private readonly EvaluationPlan _plan;
    private readonly BatchWorkspace _work;
    private readonly int[] _recordSteps;
    private readonly int _stateLength;
    private int _nextRecord;

    /// <summary>The slots of the current time (the workspace's two slot buffers trade places when the step code takes the Euler step).</summary>
    private LaneBuffer _buffer;

    /// <summary>The buffer the step code writes the next step's stocks into, or null when it does not take the step.</summary>
    private LaneBuffer? _nextBuffer;

    private double* _slots;
    private double* _stocks;
    private double* _rates;

    /// <summary>Bytes from <see cref="_slots"/> to <see cref="_nextBuffer"/>.</summary>
    private nint _next;

    /// <summary>The last evaluation of the rates also stored stocks + dt * rates in <see cref="_nextBuffer"/>.</summary>
    private bool _stocksAdvanced;

    /// <summary>Sum of every stock written by the last stock update: finite when they all are (or it overflowed).</summary>
    private double _stockSum;

    /// <summary>Sum of the element rows written at the end of the last step (delay outputs).</summary>
    private double _stepEndSum;

    /// <summary>
    /// False until the first check. The first evaluation runs on the interpreter, which stores every
    /// slot, and the first check sums every element row (constants and initial values included).
    /// </summary>
    private bool _checkedOnce;

    /// <summary>
    /// When the step code takes the Euler step, the stocks are not checked step by step (see <see cref="CheckFinite"/>):
    /// what the checks would have seen is summed into <see cref="_uncheckedSum"/>, which <see cref="NeedsExactRun"/> reads.
    /// </summary>
    private readonly bool _defersChecks;

    private double _uncheckedSum;

    /// <param name="recordSteps">Steps (0 = start) at which to record the program's recorded slots, ascending.</param>
    /// <param name="exactChecks">Check every element at every step, so that a NaN or infinity is reported at the time it
    /// appears (for the run after <see cref="NeedsExactRun"/>); otherwise the stocks' checks may be deferred.</param>
    public VectorKernel(BatchWorkspace work, int[] recordSteps, bool exactChecks = false)
    {
        _program = work.Program;
        _plan = _program.Plan;
        _work = work;
        _recordSteps = recordSteps;
        _stateLength = _plan.StockCount * _program.Layout.Stride;
        _buffer = work.Slots;
        _nextBuffer = work.NextSlots;
        PointInto(_buffer);
        _nextRecord = 0;
        _stockSum = 0;
        _stepEndSum = 0;
        _checkedOnce = false;
        _stocksAdvanced = false;
        _defersChecks = !exactChecks && _program.UpdatesStocks;
        _uncheckedSum = 0;
    }

    private void PointInto(LaneBuffer buffer)
    {
        int stride = _program.Layout.Stride;
        _slots = buffer.Pointer;
        _stocks = _slots + _plan.StockBase * stride;
        _rates = _slots + _plan.RateBase * stride;
        _next = _nextBuffer is null ? 0 : (nint)((byte*)_nextBuffer.Pointer - (byte*)_slots);
    }

    /// <summary>The next step's stocks, written by the step code, become the current slots.</summary>
    private void TradeBuffers()
    {
        (_buffer, _nextBuffer) = (_nextBuffer!, _buffer);
        PointInto(_buffer);
    }

    public void Initialize(double time)
    {
        _buffer.Clear();
        _work.ProblemTimes.AsSpan().Fill(double.NaN);
        if (_work.States is { } states)
            for (int lane = 0; lane < states.Length; lane++) states[lane] = new RunState(_plan, _work.Seed, (ulong)_work.RunIndices[lane]);
        SetTime(time);
        Interpret(_plan.Setup, time);
        Interpret(_plan.Initial, time);
        if (_nextBuffer is not null) _buffer.All.CopyTo(_nextBuffer.All); // what Setup and Initial computed, for when the buffers trade places
    }

    private void Interpret(System.Collections.Immutable.ImmutableArray<Instruction> code, double time) =>
        VectorInterpreter.Execute(code.AsSpan(), _plan, _buffer, _work.Parameters, time, _work.States);

    public void EvaluateRates(double time)
    {
        SetTime(time);
        _stocksAdvanced = false;
        if (_program.Rates is { } compiled && _checkedOnce)
        {
            compiled.Run(_slots, time, _next);
            _stocksAdvanced = compiled.UpdatesStocks;
        }
        else Interpret(_plan.Rates, time);
    }

    public void Capture()
    {
        if (_plan.Capture.Length > 0) Interpret(_plan.Capture, _slots[EvaluationPlan.TimeSlot]);
    }

    public void Commit()
    {
        if (_plan.Commit.Length > 0) Interpret(_plan.Commit, _slots[EvaluationPlan.TimeSlot]);
        if (_work.States is { } states)
            foreach (var state in states) state.Step++;
        if (_program.StepEndRows.Length > 0) _stepEndSum = SumRanges(_slots, _program.StepEndRows);
    }

    /// <summary>stocks = stocks + dt * rates, as the reference evaluator rounds it (or the step code did it already).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void EulerStep(double dt)
    {
        if (_stocksAdvanced)
        {
            TradeBuffers();
            return;
        }
        var h = Vector256.Create(dt);
        _stockSum = Update(_stocks, h, _rates);
    }

    /// <summary>
    /// stocks = from + h * slope over the state, returning the sum of the new stocks (for the finiteness check).
    /// The state's length is a multiple of 4 lanes; 16 at a time, the sum is kept in four independent chains so
    /// that the additions do not wait for each other.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double Update(double* from, V h, double* slope)
    {
        V s0 = V.Zero, s1 = V.Zero, s2 = V.Zero, s3 = V.Zero;
        int k = 0;
        for (; k + 16 <= _stateLength; k += 16)
        {
            var n0 = Vector256.Load(from + k) + h * Vector256.Load(slope + k);
            var n1 = Vector256.Load(from + k + 4) + h * Vector256.Load(slope + k + 4);
            var n2 = Vector256.Load(from + k + 8) + h * Vector256.Load(slope + k + 8);
            var n3 = Vector256.Load(from + k + 12) + h * Vector256.Load(slope + k + 12);
            n0.Store(_stocks + k);
            n1.Store(_stocks + k + 4);
            n2.Store(_stocks + k + 8);
            n3.Store(_stocks + k + 12);
            s0 += n0;
            s1 += n1;
            s2 += n2;
            s3 += n3;
        }
        for (; k < _stateLength; k += 4)
        {
            var next = Vector256.Load(from + k) + h * Vector256.Load(slope + k);
            next.Store(_stocks + k);
            s0 += next;
        }
        return Vector256.Sum((s0 + s1) + (s2 + s3));
    }

    public void BeginStages()
    {
        new Span<double>(_stocks, _stateLength).CopyTo(_work.Saved.All);
        _work.Slope.Clear();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Accumulate(double weight)
    {
        var w = Vector256.Create(weight);
        double* slope = _work.Slope.Pointer;
        for (int k = 0; k < _stateLength; k += 4)
            (Vector256.Load(slope + k) + w * Vector256.Load(_rates + k)).Store(slope + k);
    }

    public void StageFromSaved(double h) => FromSaved(h, _rates);

    public void FinishStages(double h) => FromSaved(h, _work.Slope.Pointer);

    /// <summary>stocks = saved + h * slope.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FromSaved(double h, double* slope)
    {
        _stockSum = Update(_work.Saved.Pointer, Vector256.Create(h), slope);
    }

    /// <summary>Sets negative stocks marked non-negative to zero; when checks are deferred, first adds them to the unchecked sum (clamping would hide -infinity).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ClampNonNegative()
    {
        int stride = _program.Layout.Stride;
        var sum = V.Zero;
        foreach (int stock in _plan.NonNegativeStocks)
        {
            double* row = _stocks + stock * stride;
            for (int k = 0; k < stride; k += 4)
            {
                var v = Vector256.Load(row + k);
                sum += v;
                Vector256.ConditionalSelect(Vector256.LessThan(v, V.Zero), V.Zero, v).Store(row + k);
            }
        }
        if (_defersChecks) _uncheckedSum += Vector256.Sum(sum);
    }

    public void Record(int step, double time)
    {
        if (_nextRecord >= _recordSteps.Length || _recordSteps[_nextRecord] != step) return;
        var recorded = _program.RecordedSlots;
        int first = _nextRecord * recorded.Count;
        for (int j = 0; j < recorded.Count; j++)
            _buffer.Row(recorded[j]).CopyTo(_work.Recorded.Row(first + j));
        _nextRecord++;
    }

    /// <summary>
    /// Like the reference evaluator, checks every element. A sum of values is finite exactly when
    /// they all are, unless it overflows: the stock updates sum the stocks they write, Commit sums the
    /// delay outputs it writes, and the check sums the rows the compiled step code stored (the net
    /// rates and stored elements), so a step's check is one pass over those rows; only when a sum is
    /// not finite are the lanes checked one by one (an overflow, or a lane that already went bad,
    /// falls through there). When the step code took the Euler step, the next stocks stand for the stocks
    /// and net rates: stock + dt * rate is finite only if both are (dt is finite and positive), so the
    /// check sums those instead. The first check of a batch, and every check without compiled code, sums
    /// every element row. (The step code itself does not sum: running sums held in registers for the
    /// whole step left too few registers for the equations, and the code spilled.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool CheckFinite(double time)
    {
        if (_defersChecks && _stocksAdvanced)
        {
            _uncheckedSum += SumRanges(_slots, _program.CheckedRows);
            return true;
        }
        double total = !_checkedOnce || _program.Rates is null ? SumRanges(_slots, _program.ElementRanges)
            : _stocksAdvanced ? NextStocksSum() + SumRanges(_slots, _program.CheckedRows)
            : _stockSum + _stepEndSum + SumRanges(_slots, _program.CheckedRows);
        _checkedOnce = true;
        if (!double.IsFinite(total)) LocateNonFinite(time);
        return true;
    }

    /// <summary>
    /// After a run with deferred checks: true when a NaN or infinity may have appeared, and the batch must run again
    /// with exact checks to find when and where. Without the Euler step's own pass, summing the stocks at every step
    /// would be a tenth of the step's time; instead the run checks them once, at the end. That suffices because
    /// Euler steps keep a NaN or infinity: once a stock or net rate is not finite, every later stock + dt * rate of
    /// that stock is not finite either (inf + x is inf or NaN, NaN + x is NaN). Only clamping to zero could hide one
    /// (-infinity becomes 0), so the clamped stocks are summed before clamping; the stored elements, which can go NaN
    /// and come back, are summed at every step.
    /// </summary>
    public bool NeedsExactRun()
    {
        if (!_defersChecks) return false;
        double total = _uncheckedSum;
        if (_stocksAdvanced) total += NextStocksSum(); // the last evaluation's stock + dt * rate
        return !double.IsFinite(total);
    }

    /// <summary>The sum of the stocks the step code wrote into the next buffer.</summary>
    private double NextStocksSum() => SumRanges((double*)((byte*)_slots + _next), _program.StockRows);

    /// <summary>The sum of blocks of adjacent rows, each block as one stretch of memory (the net rates are one block).</summary>
    private double SumRanges(double* slots, RowRange[] ranges)
    {
        double sum = 0;
        int stride = _program.Layout.Stride;
        foreach (var range in ranges) sum += Sum(slots + range.Start * stride, range.Count * stride);
        return sum;
    }

    /// <summary>The sum of a block (a multiple of 4 doubles), 16 at a time in four independent chains so that the additions overlap.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Sum(double* block, int length)
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
        for (; k < length; k += 4) s0 += Vector256.Load(block + k);
        return Vector256.Sum((s0 + s1) + (s2 + s3));
    }

    /// <summary>Finds the lanes (not yet reported) with a non-finite element, and the first such element of each, as the reference does.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void LocateNonFinite(double time)
    {
        // The compiled code keeps most values in registers: recompute every slot (the same bits) first.
        if (_program.Rates is not null) Interpret(_plan.Rates, time);
        int stride = _program.Layout.Stride;
        var laneSums = _work.LaneSums;
        Array.Clear(laneSums);
        foreach (int row in _program.ElementRows)
            for (int lane = 0; lane < laneSums.Length; lane++) laneSums[lane] += _slots[row * stride + lane];
        for (int lane = 0; lane < _work.ActiveLanes; lane++)
        {
            if (!double.IsNaN(_work.ProblemTimes[lane]) || double.IsFinite(laneSums[lane])) continue;
            bool bad = false;
            foreach (int row in _program.ElementRows)
                bad |= !double.IsFinite(_slots[row * stride + lane]);
            if (!bad) continue; // the sum overflowed
            var laneSlots = _work.LaneSlots;
            for (int s = 0; s < laneSlots.Length; s++) laneSlots[s] = _slots[s * stride + lane];
            _work.ProblemTimes[lane] = time;
            _work.ProblemElements[lane] = NonFiniteLocator.FirstNonFinite(_plan, laneSlots);
        }
    }

    private void SetTime(double time) => _buffer.Row(EvaluationPlan.TimeSlot).Fill(time);
}
