using Simulation.Engine.Model;

namespace Simulation.Engine.Runtime;

/// <summary>
/// The exact meaning of every builtin and lookup, on one value at a time. The reference evaluator
/// calls these; the vector engine must compute the same numbers (see docs/builtins.md).
/// </summary>
public static class ScalarMath
{
    /// <summary>Time comparisons forgive this fraction of dt, so a step at 0.3 fires at t = 0.1 * 3 = 0.30000000000000004 and at 0.29999999999999998 alike.</summary>
    public const double TimeTolerance = 1e-6;

    public static double Bool(bool b) => b ? 1.0 : 0.0;

    public static bool Truth(double x) => x != 0.0;

    /// <summary>Floored modulo (the sign of the divisor), as XMILE defines MOD.</summary>
    public static double Mod(double a, double b)
    {
        double r = a % b;
        return r != 0 && (r < 0) != (b < 0) ? r + b : r;
    }

    public static double Round(double x) => Math.Round(x, MidpointRounding.AwayFromZero);

    /// <summary>-1, 0 or 1; NaN stays NaN (Math.Sign would throw).</summary>
    public static double Sign(double x) => x > 0 ? 1.0 : x < 0 ? -1.0 : x == 0 ? 0.0 : double.NaN;

    public static double SafeDiv(double a, double b, double fallback) => b == 0 ? fallback : a / b;

    public static double Step(double height, double start, double time, double dt) =>
        time + dt * TimeTolerance >= start ? height : 0.0;

    /// <summary>PULSE(magnitude, first [, interval]): magnitude/DT during the one step at first (and every interval after, when interval > 0).</summary>
    public static double Pulse(double magnitude, double first, double interval, double time, double dt)
    {
        double eps = dt * TimeTolerance;
        if (time + eps < first) return 0.0;
        double since = time - first;
        if (interval > 0) since -= Math.Floor((since + eps) / interval) * interval;
        return since + eps < dt ? magnitude / dt : 0.0;
    }

    /// <summary>RAMP(slope, start [, end]): 0 before start, slope * (TIME - start) until end, then held.</summary>
    public static double Ramp(double slope, double start, double end, double time)
    {
        if (time <= start) return 0.0;
        return slope * (Math.Min(time, end) - start);
    }

    /// <summary>PULSE TRAIN(start, duration, repeat, end): 1 within each [start + k*repeat, + duration), until end.</summary>
    public static double PulseTrain(double start, double duration, double repeat, double end, double time, double dt)
    {
        double eps = dt * TimeTolerance;
        if (time + eps < start || time > end + eps) return 0.0;
        double since = time - start;
        if (repeat > 0) since -= Math.Floor((since + eps) / repeat) * repeat;
        return since + eps < Math.Max(duration, dt) ? 1.0 : 0.0;
    }

    public static double Lookup(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, GraphInterpolation interpolation, double x)
    {
        int n = xs.Length;
        if (double.IsNaN(x)) return double.NaN;
        if (n == 1) return ys[0];
        if (x <= xs[0])
            return interpolation == GraphInterpolation.Extrapolate && x < xs[0]
                ? ys[0] + (ys[1] - ys[0]) / (xs[1] - xs[0]) * (x - xs[0])
                : ys[0];
        if (x >= xs[n - 1])
            return interpolation == GraphInterpolation.Extrapolate && x > xs[n - 1]
                ? ys[n - 1] + (ys[n - 1] - ys[n - 2]) / (xs[n - 1] - xs[n - 2]) * (x - xs[n - 1])
                : ys[n - 1];
        int i = UpperIndex(xs, x); // xs[i - 1] < x <= xs[i]
        if (xs[i] == x) return ys[i];
        if (interpolation == GraphInterpolation.Discrete) return ys[i - 1];
        return ys[i - 1] + (ys[i] - ys[i - 1]) / (xs[i] - xs[i - 1]) * (x - xs[i - 1]);
    }

    /// <summary>LOOKUP_FORWARD: the y of the first point whose x is at or after the input.</summary>
    public static double LookupForward(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, double x)
    {
        if (x >= xs[^1]) return ys[^1];
        if (x <= xs[0]) return ys[0];
        return ys[UpperIndex(xs, x)];
    }

    /// <summary>LOOKUP_BACKWARD: the y of the last point whose x is at or before the input.</summary>
    public static double LookupBackward(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, double x)
    {
        if (x <= xs[0]) return ys[0];
        if (x >= xs[^1]) return ys[^1];
        int i = UpperIndex(xs, x);
        return xs[i] == x ? ys[i] : ys[i - 1];
    }

    /// <summary>LOOKUP_INVERT: the x at which a monotone table reaches y (linear between points, clamped).</summary>
    public static double LookupInvert(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, double y)
    {
        int n = xs.Length;
        if (n == 1) return xs[0];
        bool increasing = ys[n - 1] >= ys[0];
        if (increasing ? y <= ys[0] : y >= ys[0]) return xs[0];
        if (increasing ? y >= ys[n - 1] : y <= ys[n - 1]) return xs[n - 1];
        for (int i = 1; i < n; i++)
        {
            bool reached = increasing ? ys[i] >= y : ys[i] <= y;
            if (!reached) continue;
            if (ys[i] == ys[i - 1]) return xs[i];
            return xs[i - 1] + (xs[i] - xs[i - 1]) * (y - ys[i - 1]) / (ys[i] - ys[i - 1]);
        }
        return xs[n - 1];
    }

    /// <summary>The smallest i with xs[i] >= x (for xs[0] &lt; x &lt;= xs[^1]).</summary>
    private static int UpperIndex(ReadOnlySpan<double> xs, double x)
    {
        int lo = 1, hi = xs.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (xs[mid] >= x) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }
}
