using System.Runtime.CompilerServices;
using Simulation.Engine.Units;
using Simulation.Engine.Model;

namespace Simulation.Engine.Ops;

// Graphical functions read at x: f(x) and LOOKUP(f, x) as the table's own interpolation says, and the three ways
// of reading a table that Vensim adds. The vector engine reads each lane's x on its own.

/// <summary>LOOKUP(table, x): linear between points (clamped at the ends, or extrapolated), or stepwise for a discrete table.</summary>
public readonly struct LookupOp : ILookupOp<LookupOp>
{
    public static OpInfo Info { get; } = new("Lookup", FiniteReach.None,
        new Spelling("LOOKUP", 2, 2, "LOOKUP(table, x): the graphical function at x") { Aliases = ["WITH_LOOKUP"] }) { Units = UnitRule.Of("(table, x) -> y") };

    public static double Invoke(LookupTable table, double x) => Read(table, x, table.Interpolation);

    /// <summary>The table at x, read with <paramref name="interpolation"/> whatever the table's own.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double Read(LookupTable table, double x, GraphInterpolation interpolation)
    {
        ReadOnlySpan<double> xs = table.X.AsSpan(), ys = table.Y.AsSpan();
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

    /// <summary>The smallest i with xs[i] >= x (for xs[0] &lt; x &lt;= xs[^1]).</summary>
    internal static int UpperIndex(ReadOnlySpan<double> xs, double x)
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

/// <summary>LOOKUP_EXTRAPOLATE (Vensim): linear between points, and beyond the ends along the first and last segments, whatever the table's own interpolation.</summary>
public readonly struct LookupExtrapolateOp : ILookupOp<LookupExtrapolateOp>
{
    public static OpInfo Info { get; } = new("LookupExtrapolate", FiniteReach.None,
        new Spelling("LOOKUP_EXTRAPOLATE", 2, 2, "LOOKUP_EXTRAPOLATE(table, x): the table at x, extended along its end segments outside its x range")) { Units = UnitRule.Of("(table, x) -> y") };

    public static double Invoke(LookupTable table, double x) => LookupOp.Read(table, x, GraphInterpolation.Extrapolate);
}

/// <summary>LOOKUP_FORWARD: the y of the first point whose x is at or after the input.</summary>
public readonly struct LookupForwardOp : ILookupOp<LookupForwardOp>
{
    public static OpInfo Info { get; } = new("LookupForward", FiniteReach.None,
        new Spelling("LOOKUP_FORWARD", 2, 2, "LOOKUP_FORWARD(table, x): y of the first point with x' >= x")) { Units = UnitRule.Of("(table, x) -> y") };

    public static double Invoke(LookupTable table, double x)
    {
        ReadOnlySpan<double> xs = table.X.AsSpan(), ys = table.Y.AsSpan();
        if (x >= xs[^1]) return ys[^1];
        if (x <= xs[0]) return ys[0];
        return ys[LookupOp.UpperIndex(xs, x)];
    }
}

/// <summary>LOOKUP_BACKWARD: the y of the last point whose x is at or before the input.</summary>
public readonly struct LookupBackwardOp : ILookupOp<LookupBackwardOp>
{
    public static OpInfo Info { get; } = new("LookupBackward", FiniteReach.None,
        new Spelling("LOOKUP_BACKWARD", 2, 2, "LOOKUP_BACKWARD(table, x): y of the last point with x' <= x")) { Units = UnitRule.Of("(table, x) -> y") };

    public static double Invoke(LookupTable table, double x)
    {
        ReadOnlySpan<double> xs = table.X.AsSpan(), ys = table.Y.AsSpan();
        if (x <= xs[0]) return ys[0];
        if (x >= xs[^1]) return ys[^1];
        int i = LookupOp.UpperIndex(xs, x);
        return xs[i] == x ? ys[i] : ys[i - 1];
    }
}

/// <summary>LOOKUP_INVERT: the x at which a monotone table reaches y (linear between points, clamped).</summary>
public readonly struct LookupInvertOp : ILookupOp<LookupInvertOp>
{
    public static OpInfo Info { get; } = new("LookupInvert", FiniteReach.None,
        new Spelling("LOOKUP_INVERT", 2, 2, "LOOKUP_INVERT(table, y): the x where a monotone table reaches y")) { Units = UnitRule.Of("(table, y) -> x") };

    public static double Invoke(LookupTable table, double y)
    {
        ReadOnlySpan<double> xs = table.X.AsSpan(), ys = table.Y.AsSpan();
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
}
