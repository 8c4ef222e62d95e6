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
/// evaluator reports them) and carries on, like the reference evaluator with --continue; its
/// <see cref="FiniteWatch"/> decides how cheaply. Run a batch with <see cref="Run"/>.
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
    private SlotBuffers _buffers;
    private FiniteWatch _watch;

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
        _buffers = new SlotBuffers(_plan, work.Slots, work.NextSlots);
        _nextRecord = 0;
        _watch = new FiniteWatch(_program.Finite, _program.Layout.Stride, defers: !exactChecks && _program.UpdatesStocks);
    }

    /// <summary>
    /// Runs the workspace's batch from start to stop. When the checks were deferred and a NaN or infinity may have
    /// appeared, runs it again with exact checks, which report the time and element as the reference evaluator does.
    /// </summary>
    public static void Run(BatchWorkspace work, int[] recordSteps)
    {
        var plan = work.Program.Plan;
        var kernel = new VectorKernel(work, recordSteps);
        Integrator.Run(ref kernel, plan.Time, plan.StepCount, saveEvery: 1);
        if (!kernel.NeedsExactRun()) return;
        kernel = new VectorKernel(work, recordSteps, exactChecks: true);
        Integrator.Run(ref kernel, plan.Time, plan.StepCount, saveEvery: 1);
    }

    public void Initialize(double time)
    {
        _buffers.Current.Clear();
        _work.ProblemTimes.AsSpan().Fill(double.NaN);
        if (_work.States is { } states)
            for (int lane = 0; lane < states.Length; lane++) states[lane] = new RunState(_plan, _work.Seed, (ulong)_work.RunIndices[lane]);
        SetTime(time);
        Interpret(_plan.Setup, time);
        Interpret(_plan.Initial, time);
        _buffers.CopyToNext();
    }

    private void Interpret(System.Collections.Immutable.ImmutableArray<Instruction> code, double time) =>
        VectorInterpreter.Execute(code.AsSpan(), _plan, _buffers.Current, _work.Parameters, time, _work.States);

    /// <summary>
    /// The step code runs from the second evaluation on (the first runs on the interpreter, which stores every slot for
    /// the first check). Where it takes the Euler step, it also stores stocks + dt * rates for <see cref="EulerStep"/>.
    /// </summary>
    public void EvaluateRates(double time)
    {
        SetTime(time);
        _buffers.Advanced = false;
        if (_program.Rates is { } compiled && _watch.CheckedOnce)
        {
            compiled.Run(_buffers.Slots, time, _buffers.ToNext);
            _buffers.Advanced = compiled.UpdatesStocks;
        }
        else Interpret(_plan.Rates, time);
    }

    public void Capture()
    {
        if (_plan.Capture.Length > 0) Interpret(_plan.Capture, _buffers.Slots[EvaluationPlan.TimeSlot]);
    }

    public void Commit()
    {
        if (_plan.Commit.Length > 0) Interpret(_plan.Commit, _buffers.Slots[EvaluationPlan.TimeSlot]);
        if (_work.States is { } states)
            foreach (var state in states) state.Step++;
        _watch.StepEnded(_buffers.Slots);
    }

    /// <summary>
    /// stocks = stocks + dt * rates, as the reference evaluator rounds it. When the last evaluation's step code took
    /// this very step (the same dt), its next stocks are adopted; any other dt takes the step here, from net rates the
    /// interpreter computes again (the step code stored next stocks instead of them).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void EulerStep(double dt)
    {
        if (_buffers.Advanced)
        {
            if (dt == _program.Rates!.StepDt)
            {
                _buffers.Trade();
                return;
            }
            Interpret(_plan.Rates, _buffers.Slots[EvaluationPlan.TimeSlot]);
        }
        _watch.StocksWritten(Update(_buffers.Stocks, Vector256.Create(dt), _buffers.Rates));
    }

    /// <summary>
    /// stocks = from + h * slope over the state, returning the sum of the new stocks (for the finiteness check).
    /// The state's length is a multiple of 4 lanes; 16 at a time, the sum is kept in four independent chains so
    /// that the additions do not wait for each other.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double Update(double* from, V h, double* slope)
    {
        double* stocks = _buffers.Stocks;
        V s0 = V.Zero, s1 = V.Zero, s2 = V.Zero, s3 = V.Zero;
        int k = 0;
        for (; k + 16 <= _stateLength; k += 16)
        {
            var n0 = Vector256.Load(from + k) + h * Vector256.Load(slope + k);
            var n1 = Vector256.Load(from + k + 4) + h * Vector256.Load(slope + k + 4);
            var n2 = Vector256.Load(from + k + 8) + h * Vector256.Load(slope + k + 8);
            var n3 = Vector256.Load(from + k + 12) + h * Vector256.Load(slope + k + 12);
            n0.Store(stocks + k);
            n1.Store(stocks + k + 4);
            n2.Store(stocks + k + 8);
            n3.Store(stocks + k + 12);
            s0 += n0;
            s1 += n1;
            s2 += n2;
            s3 += n3;
        }
        for (; k < _stateLength; k += 4)
        {
            var next = Vector256.Load(from + k) + h * Vector256.Load(slope + k);
            next.Store(stocks + k);
            s0 += next;
        }
        return Vector256.Sum((s0 + s1) + (s2 + s3));
    }

    public void BeginStages()
    {
        new Span<double>(_buffers.Stocks, _stateLength).CopyTo(_work.Saved.All);
        _work.Slope.Clear();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Accumulate(double weight)
    {
        var w = Vector256.Create(weight);
        double* slope = _work.Slope.Pointer, rates = _buffers.Rates;
        for (int k = 0; k < _stateLength; k += 4)
            (Vector256.Load(slope + k) + w * Vector256.Load(rates + k)).Store(slope + k);
    }

    public void StageFromSaved(double h) => FromSaved(h, _buffers.Rates);

    public void FinishStages(double h) => FromSaved(h, _work.Slope.Pointer);

    /// <summary>stocks = saved + h * slope.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FromSaved(double h, double* slope) => _watch.StocksWritten(Update(_work.Saved.Pointer, Vector256.Create(h), slope));

    /// <summary>Sets negative stocks marked non-negative to zero, telling the watch what they summed to before (clamping would hide -infinity).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ClampNonNegative()
    {
        int stride = _program.Layout.Stride;
        var sum = V.Zero;
        foreach (int stock in _plan.NonNegativeStocks)
        {
            double* row = _buffers.Stocks + stock * stride;
            for (int k = 0; k < stride; k += 4)
            {
                var v = Vector256.Load(row + k);
                sum += v;
                Vector256.ConditionalSelect(Vector256.LessThan(v, V.Zero), V.Zero, v).Store(row + k);
            }
        }
        _watch.Clamping(Vector256.Sum(sum));
    }

    public void Record(int step, double time)
    {
        if (_nextRecord >= _recordSteps.Length || _recordSteps[_nextRecord] != step) return;
        var recorded = _program.RecordedSlots;
        int first = _nextRecord * recorded.Count;
        for (int j = 0; j < recorded.Count; j++)
            _buffers.Current.Row(recorded[j]).CopyTo(_work.Recorded.Row(first + j));
        _nextRecord++;
    }

    /// <summary>
    /// Like the reference evaluator, checks every element, through the <see cref="FiniteWatch"/>'s sums: only when one
    /// is not finite are the lanes checked one by one (an overflow, or a lane that already went bad, falls through
    /// there). Never stops the batch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool CheckFinite(double time)
    {
        if (_watch.MayBeNonFinite(_buffers.Slots, _buffers.Next, _program.Rates is not null, _buffers.Advanced)) LocateNonFinite(time);
        return true;
    }

    /// <summary>After a run with deferred checks: true when it must run again with exact checks (see <see cref="FiniteWatch"/>).</summary>
    public bool NeedsExactRun() => _watch.NeedsExactRun(_buffers.Next, _buffers.Advanced);

    /// <summary>Finds the lanes (not yet reported) with a non-finite element, and the first such element of each, as the reference does.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void LocateNonFinite(double time)
    {
        // The compiled code keeps most values in registers: recompute every slot (the same bits) first.
        if (_program.Rates is not null) Interpret(_plan.Rates, time);
        int stride = _program.Layout.Stride;
        double* slots = _buffers.Slots;
        var elementRows = _program.Finite.ElementRows;
        var laneSums = _work.LaneSums;
        Array.Clear(laneSums);
        foreach (int row in elementRows)
            for (int lane = 0; lane < laneSums.Length; lane++) laneSums[lane] += slots[row * stride + lane];
        for (int lane = 0; lane < _work.ActiveLanes; lane++)
        {
            if (!double.IsNaN(_work.ProblemTimes[lane]) || double.IsFinite(laneSums[lane])) continue;
            bool bad = false;
            foreach (int row in elementRows)
                bad |= !double.IsFinite(slots[row * stride + lane]);
            if (!bad) continue; // the sum overflowed
            var laneSlots = _work.LaneSlots;
            for (int s = 0; s < laneSlots.Length; s++) laneSlots[s] = slots[s * stride + lane];
            _work.ProblemTimes[lane] = time;
            _work.ProblemElements[lane] = NonFiniteLocator.FirstNonFinite(_plan, laneSlots);
        }
    }

    private void SetTime(double time) => _buffers.Current.Row(EvaluationPlan.TimeSlot).Fill(time);
}
