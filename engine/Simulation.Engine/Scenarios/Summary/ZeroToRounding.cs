namespace Simulation.Engine.Scenarios.Summary;

/// <summary>
/// Differences that are zero to rounding are zero. Two scenarios that compute the same value by different code
/// (each scenario's model is compiled on its own) can differ in the last bits: a scenario that does not touch a
/// KPI would otherwise show an "effect" of 3E-15. A difference a - b is taken as 0 when it is within
/// <see cref="RelativeTolerance"/> of the larger magnitude: far above floating-point noise (about 1E-16 per
/// operation, some 1E-12 after thousands of steps) and far below any effect worth reporting.
/// Used by every difference the engine computes: difference, changeFromBaseline and avoided outcomes, and the
/// summary's paired differences.
/// </summary>
public static class ZeroToRounding
{
    public const double RelativeTolerance = 1e-9;

    public static double Difference(double a, double b)
    {
        double d = a - b;
        return Math.Abs(d) <= RelativeTolerance * Math.Max(Math.Abs(a), Math.Abs(b)) ? 0 : d;
    }
}
