using Simulation.Engine.Units;
using Simulation.Engine.Model;

namespace Simulation.Engine.Ops;

// The time functions: each reads TIME and dt, the same in every lane. Time comparisons forgive a millionth of dt
// (TimeTolerance), so a step at 0.3 fires at t = 0.1 * 3 = 0.30000000000000004 and at 0.29999999999999998 alike.

/// <summary>STEP(height, start): 0 before start, height from start on.</summary>
public readonly struct StepOp : ITimedOp<StepOp>
{
    public static OpInfo Info { get; } = new("Step", FiniteReach.None, new Spelling("STEP", 2, 2, "STEP(height, time): 0 before time, height from time on")) { Units = UnitRule.Of("(a, time) -> a"), IncreasingIn = [0] };
    public static int Arity => 2;

    public static double Invoke(double height, double start, double c, double d, double time, double dt) =>
        time + dt * StepClock.TimeTolerance >= start ? height : 0.0;
}

/// <summary>PULSE(magnitude, first [, interval]): magnitude/DT during the one step at first (and every interval after, when interval > 0).</summary>
public readonly struct PulseOp : ITimedOp<PulseOp>
{
    public static OpInfo Info { get; } = new("Pulse", FiniteReach.None,
        new Spelling("PULSE", 2, 3, "PULSE(magnitude, first [, interval]): magnitude/DT for one DT at first (and every interval)") { Defaults = [0] }) { Units = UnitRule.Of("(a, time, time) -> a/time"), IncreasingIn = [0] };

    public static int Arity => 3;

    public static double Invoke(double magnitude, double first, double interval, double d, double time, double dt)
    {
        double eps = dt * StepClock.TimeTolerance;
        if (time + eps < first) return 0.0;
        double since = time - first;
        if (interval > 0) since -= Math.Floor((since + eps) / interval) * interval;
        return since + eps < dt ? magnitude / dt : 0.0;
    }
}

/// <summary>RAMP(slope, start [, end]): 0 before start, slope * (TIME - start) until end, then held.</summary>
public readonly struct RampOp : ITimedOp<RampOp>
{
    public static OpInfo Info { get; } = new("Ramp", FiniteReach.None,
        new Spelling("RAMP", 2, 3, "RAMP(slope, start [, end]): slope * (TIME - start) between start and end") { Defaults = [double.PositiveInfinity] }) { Units = UnitRule.Of("(a/time, time, time) -> a"), IncreasingIn = [0] };

    public static int Arity => 3;

    public static double Invoke(double slope, double start, double end, double d, double time, double dt)
    {
        if (time <= start) return 0.0;
        return slope * (Math.Min(time, end) - start);
    }
}

/// <summary>PULSE TRAIN(start, duration, repeat, end): 1 within each [start + k*repeat, + duration), until end.</summary>
public readonly struct PulseTrainOp : ITimedOp<PulseTrainOp>
{
    public static OpInfo Info { get; } = new("PulseTrain", FiniteReach.None,
        new Spelling("PULSE_TRAIN", 4, 4, "PULSE_TRAIN(start, duration, repeat, end): 1 during each pulse, else 0"),
        new Spelling("PULSE_VENSIM", 2, 2, "PULSE_VENSIM(start, width): Vensim's PULSE, 1 from start for width (at least one DT), else 0")
        {
            Defaults = [0, double.PositiveInfinity],
        }) { Units = UnitRule.Of("(time, time, time, time) -> 1") };

    public static int Arity => 4;

    public static double Invoke(double start, double duration, double repeat, double end, double time, double dt)
    {
        double eps = dt * StepClock.TimeTolerance;
        if (time + eps < start || time > end + eps) return 0.0;
        double since = time - start;
        if (repeat > 0) since -= Math.Floor((since + eps) / repeat) * repeat;
        return since + eps < Math.Max(duration, dt) ? 1.0 : 0.0;
    }
}
