using Simulation.Engine.Compilation;

namespace Simulation.Engine.Runtime;

/// <summary>
/// The reference back end: one run, one double per slot, every instruction through
/// <see cref="PlanInterpreter"/>. Slow and plain on purpose; it is the oracle the vector engine is checked against.
/// </summary>
public struct ReferenceEvaluator : IStateKernel
{
    private readonly EvaluationPlan _plan;
    private readonly double[] _slots;
    private readonly double[] _saved;
    private readonly double[] _slope;
    private readonly double[] _parameters;
    private readonly IRunRecorder _recorder;
    private readonly bool _stopOnNonFinite;
    private readonly RunState _state;
    private bool _reportedNonFinite;

    /// <param name="seed">The experiment's random seed; with <paramref name="runIndex"/> it fixes the run's random stream.</param>
    public ReferenceEvaluator(EvaluationPlan plan, double[] parameters, IRunRecorder recorder, bool stopOnNonFinite = true,
        ulong seed = 0, ulong runIndex = 0)
    {
        _state = new RunState(plan, seed, runIndex);
        _plan = plan;
        _slots = new double[plan.SlotCount];
        _saved = new double[plan.StockCount];
        _slope = new double[plan.StockCount];
        _parameters = parameters;
        _recorder = recorder;
        _stopOnNonFinite = stopOnNonFinite;
        _reportedNonFinite = false;
    }

    public double[] Slots => _slots;

    private Span<double> Stocks => _slots.AsSpan(_plan.StockBase, _plan.StockCount);

    private Span<double> Rates => _slots.AsSpan(_plan.RateBase, _plan.StockCount);

    public void Initialize(double time)
    {
        _slots[EvaluationPlan.TimeSlot] = time;
        PlanInterpreter.Execute(_plan.Setup, _slots, _plan, _parameters, _state);
        PlanInterpreter.Execute(_plan.Initial, _slots, _plan, _parameters, _state);
    }

    public void EvaluateRates(double time)
    {
        _slots[EvaluationPlan.TimeSlot] = time;
        PlanInterpreter.Execute(_plan.Rates, _slots, _plan, _parameters, _state);
    }

    public void Capture() => PlanInterpreter.Execute(_plan.Capture, _slots, _plan, _parameters, _state);

    public void Commit()
    {
        PlanInterpreter.Execute(_plan.Commit, _slots, _plan, _parameters, _state);
        _state.Step++;
    }

    public void EulerStep(double dt)
    {
        var stocks = Stocks;
        var rates = Rates;
        for (int i = 0; i < stocks.Length; i++) stocks[i] += dt * rates[i];
    }

    public void BeginStages() => StageArithmetic.Begin(Stocks, _saved, _slope);

    public void Accumulate(double weight) => StageArithmetic.Accumulate(_slope, Rates, weight);

    public void StageFromSaved(double h) => StageArithmetic.FromSaved(Stocks, _saved, h, Rates);

    public void FinishStages(double h) => StageArithmetic.FromSaved(Stocks, _saved, h, _slope);

    public void ClampNonNegative()
    {
        var stocks = Stocks;
        foreach (int i in _plan.NonNegativeStocks)
            if (stocks[i] < 0) stocks[i] = 0;
    }

    public void Record(int step, double time) => _recorder.Record(step, time, _slots);

    public bool CheckFinite(double time)
    {
        if (_reportedNonFinite) return true;
        // Every element, not only the state: an auxiliary that no stock reads can still go bad.
        foreach (int slot in _plan.ElementSlots)
            if (!double.IsFinite(_slots[slot]))
            {
                _reportedNonFinite = true;
                _recorder.NonFinite(time, NonFiniteLocator.FirstNonFinite(_plan, _slots));
                return !_stopOnNonFinite;
            }
        return true;
    }
}
