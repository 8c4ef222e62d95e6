namespace Simulation.Engine.Model;

/// <summary>
/// The steps of a run as the integrator counts them: step i is at start + i * dt (never t += dt), for i = 0..StepCount,
/// and values are saved every SaveEvery steps and at the last. A time names a step when it lies within a millionth of
/// dt of one (<see cref="TimeTolerance"/>, the tolerance STEP and PULSE use too). Every part of the engine that turns
/// times into steps asks this clock (<see cref="TimeSettings.Clock"/>).
/// </summary>
public sealed class StepClock(TimeSettings time)
{
    /// <summary>The fraction of dt that time comparisons forgive, so a step at 0.3 is at t = 0.1 * 3 = 0.30000000000000004.</summary>
    public const double TimeTolerance = 1e-6;

    public TimeSettings Time => time;

    public int StepCount { get; } = (int)Math.Round((time.Stop - time.Start) / time.Dt);

    public int SaveEvery { get; } = Math.Max(1, (int)Math.Round(time.EffectiveSavePeriod / time.Dt));

    /// <summary>The time of a step, counted in whole steps.</summary>
    public double TimeOf(int step) => time.Start + step * time.Dt;

    /// <summary>The step at <paramref name="t"/>: within the run, and within a millionth of dt of start + step * dt.</summary>
    public bool TryStepOf(double t, out int step)
    {
        step = -1;
        if (!double.IsFinite(t)) return false;
        double exact = (t - time.Start) / time.Dt, nearest = Math.Round(exact);
        if (Math.Abs(exact - nearest) > TimeTolerance || nearest < 0 || nearest > StepCount) return false;
        step = (int)nearest;
        return true;
    }

    /// <summary>The saved steps: every SaveEvery steps, and the last.</summary>
    public IEnumerable<int> SavedSteps()
    {
        for (int i = 0; i <= StepCount; i++)
            if (i % SaveEvery == 0 || i == StepCount) yield return i;
    }
}
