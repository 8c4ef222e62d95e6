namespace Simulation.Engine.Runtime;

/// <summary>
/// What the integrator asks of a back end. The scalar reference evaluator implements it for one
/// run; the vector engine for a batch of runs at once. Stocks and their net rates are the state;
/// the kernel owns how they are stored.
/// </summary>
public interface IStateKernel
{
    /// <summary>Runs the plan's Setup and Initial sections at the start time.</summary>
    void Initialize(double time);

    /// <summary>Sets TIME and runs the Rates section: every auxiliary, flow and net rate at the current state.</summary>
    void EvaluateRates(double time);

    /// <summary>Runs the Capture section (after the first evaluation of a step).</summary>
    void Capture();

    /// <summary>Runs the Commit section (at the end of a step) and advances the run's step counter (<see cref="RunState.Step"/>).</summary>
    void Commit();

    /// <summary>
    /// stocks += dt * rates, the rates of the last evaluation. A back end may have computed the sum during that
    /// evaluation (the vector engine's step code stores stocks + dt * rates as it goes, for its plan's dt) and then only
    /// adopts it here; the <paramref name="dt"/> given here decides either way.
    /// </summary>
    void EulerStep(double dt);

    /// <summary>Remembers the stocks as the start of a multi-stage step and clears the accumulated slope.</summary>
    void BeginStages();

    /// <summary>accumulated slope += weight * rates.</summary>
    void Accumulate(double weight);

    /// <summary>stocks = saved stocks + h * rates (the state for the next stage).</summary>
    void StageFromSaved(double h);

    /// <summary>stocks = saved stocks + h * accumulated slope (the end of the step).</summary>
    void FinishStages(double h);

    /// <summary>Stocks marked non-negative are set to zero where they went below.</summary>
    void ClampNonNegative();

    /// <summary>Called at every saved step, after the rates at that time are evaluated.</summary>
    void Record(int step, double time);

    /// <summary>Called once per step after the first evaluation: false stops the run (a value became NaN or infinite).</summary>
    bool CheckFinite(double time);
}
