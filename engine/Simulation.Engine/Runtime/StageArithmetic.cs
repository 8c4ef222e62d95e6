namespace Simulation.Engine.Runtime;

/// <summary>
/// The multi-stage integration methods' arithmetic on one run's stocks, rounded as the reference evaluator rounds it.
/// One home for every back end that keeps a run's stocks as one row of doubles (<see cref="ReferenceEvaluator"/> and
/// the one-run vector kernel), because those must agree to the last bit.
/// </summary>
internal static class StageArithmetic
{
    /// <summary>Keeps the stocks at the start of the step and clears the weighted slope.</summary>
    public static void Begin(ReadOnlySpan<double> stocks, Span<double> saved, Span<double> slope)
    {
        stocks.CopyTo(saved);
        slope.Clear();
    }

    /// <summary>slope += weight * rates.</summary>
    public static void Accumulate(Span<double> slope, ReadOnlySpan<double> rates, double weight)
    {
        for (int i = 0; i < slope.Length; i++) slope[i] += weight * rates[i];
    }

    /// <summary>stocks = saved + h * slope (a stage's trial stocks, or the step's result from the weighted slope).</summary>
    public static void FromSaved(Span<double> stocks, ReadOnlySpan<double> saved, double h, ReadOnlySpan<double> slope)
    {
        for (int i = 0; i < stocks.Length; i++) stocks[i] = saved[i] + h * slope[i];
    }
}
