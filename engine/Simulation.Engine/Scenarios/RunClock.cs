using Simulation.Engine.Model;
using Simulation.Engine.Runtime;

namespace Simulation.Engine.Scenarios;

/// <summary>
/// The steps of a run as the integrator counts them: step i is at start + i * dt, for i = 0..StepCount.
/// A time names a step when it lies within a millionth of dt of one (the tolerance STEP uses).
/// </summary>
public sealed class RunClock(TimeSettings time)
{
    public TimeSettings Time => time;

    public int StepCount { get; } = (int)Math.Round((time.Stop - time.Start) / time.Dt);

    public int SaveEvery { get; } = Math.Max(1, (int)Math.Round(time.EffectiveSavePeriod / time.Dt));

    public double TimeOf(int step) => time.Start + step * time.Dt;

    public bool TryStepOf(double t, out int step)
    {
        step = -1;
        if (!double.IsFinite(t)) return false;
        double exact = (t - time.Start) / time.Dt, nearest = Math.Round(exact);
        if (Math.Abs(exact - nearest) > Ops.StepOp.TimeTolerance || nearest < 0 || nearest > StepCount) return false;
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
