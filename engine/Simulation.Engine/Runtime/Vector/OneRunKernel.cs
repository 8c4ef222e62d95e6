using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Simulation.Engine.Compilation;

namespace Simulation.Engine.Runtime.Vector;

/// <summary>
/// Runs one run of a <see cref="OneRunProgram"/>: the reference evaluator's arithmetic (the once-per-run sections and
/// the first evaluation on <see cref="PlanInterpreter"/>, the same stock updates), with the Rates section's step code
/// from the second evaluation on. The check for NaN and infinity sums the rows the step code stores, the stocks and the
/// delay outputs (<see cref="FiniteRows"/>, as the batch engine does); the first sum that is not finite stops the run,
/// which the caller then runs on the batch engine for the reference's report. Run it with <see cref="Run"/>.
/// Its per-step methods are compiled optimised at first call (AggressiveOptimization), as the step code is.
/// </summary>
public unsafe struct OneRunKernel : IStateKernel
{
    private readonly OneRunProgram _program;
    private readonly EvaluationPlan _plan;
    private readonly OneRunWorkspace _work;
    private readonly double[] _slots;
    private readonly RunState _state;
    private readonly int[] _recordSteps;
    private int _nextRecord;
    private int _checks;
    private bool _checkedOnce;
    private double _pendingSum;
    private TimeTable.Use _time;

    private OneRunKernel(OneRunWorkspace work, int[] recordSteps, ulong seed, ulong runIndex)
    {
        _program = work.Program;
        _plan = _program.Plan;
        _work = work;
        _slots = work.Slots;
        _recordSteps = recordSteps;
        _state = new RunState(_plan, seed, runIndex);
    }

    /// <summary>The run was stopped at a NaN or infinity (its recorded values are incomplete).</summary>
    public bool WentNonFinite { get; private set; }

    /// <summary>Runs the workspace's parameters from start to stop, recording at <paramref name="recordSteps"/>; false when it went NaN or infinite.</summary>
    public static bool Run(OneRunWorkspace work, int[] recordSteps, ulong seed, ulong runIndex)
    {
        var plan = work.Program.Plan;
        var kernel = new OneRunKernel(work, recordSteps, seed, runIndex);
        Integrator.Run(ref kernel, plan.Time, plan.StepCount, saveEvery: 1);
        if (kernel.WentNonFinite) return false;
        if (kernel._time.Making is { } made) work.Program.Time!.Publish(made);
        return true;
    }

    private readonly double* Slots => (double*)Unsafe.AsPointer(ref _slots[0]); // pinned at allocation

    private readonly Span<double> Stocks => _slots.AsSpan(_plan.StockBase, _plan.StockCount);

    private readonly Span<double> Rates => _slots.AsSpan(_plan.RateBase, _plan.StockCount);

    public void Initialize(double time)
    {
        Array.Clear(_slots);
        _slots[EvaluationPlan.TimeSlot] = time;
        PlanInterpreter.Execute(_plan.Setup, _slots, _plan, _work.Parameters, _state);
        PlanInterpreter.Execute(_plan.Initial, _slots, _plan, _work.Parameters, _state);
        foreach (var (row, sources) in _program.Rates.FixedRows.Concat(_program.Time?.Section.FixedRows ?? [])) // inputs fixed within the run, gathered once
            for (int lane = 0; lane < sources.Length; lane++) _slots[row + lane] = _slots[sources[lane]];
        if (_program.Time is { } table) _time = table.Begin(_slots);
    }

    /// <summary>The first evaluation runs on the interpreter, which stores every element for the first check.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void EvaluateRates(double time)
    {
        _slots[EvaluationPlan.TimeSlot] = time;
        if (_checkedOnce)
        {
            if (_program.Time is not null) _time.Step(Slots, time, _state.Step);
            _program.Rates.Run(Slots, time, 0);
            return;
        }
        PlanInterpreter.Execute(_plan.Rates, _slots, _plan, _work.Parameters, _state);
        if (_program.Time is not null) _time.Keep(Slots, _state.Step);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Capture()
    {
        if (_plan.Capture.Length > 0) PlanInterpreter.Execute(_plan.Capture, _slots, _plan, _work.Parameters, _state);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Commit()
    {
        if (_plan.Commit.Length > 0) PlanInterpreter.Execute(_plan.Commit, _slots, _plan, _work.Parameters, _state);
        _state.Step++;
        _pendingSum += Sum(_program.Finite.StepEnd);
    }

    /// <summary>stocks = stocks + dt * rates, as the reference evaluator rounds it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void EulerStep(double dt)
    {
        double* stocks = Slots + _plan.StockBase, rates = Slots + _plan.RateBase;
        var h = Vector256.Create(dt);
        int k = 0, n = _plan.StockCount;
        for (; k + 16 <= n; k += 16) // four vectors a turn: the loop's own count, compare and jump once per 16 stocks
        {
            (Vector256.Load(stocks + k) + h * Vector256.Load(rates + k)).Store(stocks + k);
            (Vector256.Load(stocks + k + 4) + h * Vector256.Load(rates + k + 4)).Store(stocks + k + 4);
            (Vector256.Load(stocks + k + 8) + h * Vector256.Load(rates + k + 8)).Store(stocks + k + 8);
            (Vector256.Load(stocks + k + 12) + h * Vector256.Load(rates + k + 12)).Store(stocks + k + 12);
        }
        for (; k + 4 <= n; k += 4) (Vector256.Load(stocks + k) + h * Vector256.Load(rates + k)).Store(stocks + k);
        for (; k < n; k++) stocks[k] += dt * rates[k];
    }

    public void BeginStages() => StageArithmetic.Begin(Stocks, _work.Saved, _work.Slope);

    public void Accumulate(double weight) => StageArithmetic.Accumulate(_work.Slope, Rates, weight);

    public void StageFromSaved(double h) => StageArithmetic.FromSaved(Stocks, _work.Saved, h, Rates);

    public void FinishStages(double h) => StageArithmetic.FromSaved(Stocks, _work.Saved, h, _work.Slope);

    /// <summary>Clamping could hide -infinity: the stocks are summed before.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ClampNonNegative()
    {
        var stocks = Stocks;
        foreach (int i in _plan.NonNegativeStocks)
        {
            _pendingSum += stocks[i];
            if (stocks[i] < 0) stocks[i] = 0;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Record(int step, double time)
    {
        if (_nextRecord >= _recordSteps.Length || _recordSteps[_nextRecord] != step) return;
        var recorded = _program.RecordedSlots;
        int first = _nextRecord * recorded.Count;
        for (int j = 0; j < recorded.Count; j++) _work.Recorded[first + j] = _slots[recorded[j]];
        _nextRecord++;
    }

    /// <summary>
    /// Every element is finite when the sum of what the step code stored, the stocks, the delay outputs and the clamped
    /// stocks is (the first check, after the interpreter's evaluation, sums every element). With Euler steps the stocks
    /// and net rates are summed at the last step only (<see cref="OneRunProgram.ChecksStateAtEnd"/>). A sum that is not
    /// finite stops the run.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool CheckFinite(double time)
    {
        var rows = _program.Finite;
        bool state = !OneRunProgram.ChecksStateAtEnd(_plan) || ++_checks > _plan.StepCount;
        double sum = !_checkedOnce ? Sum(rows.ElementRanges)
            : SumAlone(_program.CheckedAlone) + Sum(_program.CheckedBlocks) + _pendingSum + (state ? Sum(rows.Stocks) + Sum(_program.DeferredRates) : 0);
        _checkedOnce = true;
        _pendingSum = 0;
        if (double.IsFinite(sum)) return true;
        WentNonFinite = true;
        return false;
    }

    /// <summary>The sum of scattered rows, in four independent chains so that the additions overlap (only its finiteness is used).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private readonly double SumAlone(int[] rows)
    {
        double* slots = Slots;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int k = 0;
        for (; k + 4 <= rows.Length; k += 4)
        {
            s0 += slots[rows[k]];
            s1 += slots[rows[k + 1]];
            s2 += slots[rows[k + 2]];
            s3 += slots[rows[k + 3]];
        }
        for (; k < rows.Length; k++) s0 += slots[rows[k]];
        return (s0 + s1) + (s2 + s3);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private readonly double Sum(RowRange[] ranges)
    {
        double* slots = Slots;
        double sum = 0;
        foreach (var range in ranges) sum += FiniteWatch.Sum(slots + range.Start, range.Count);
        return sum;
    }
}
