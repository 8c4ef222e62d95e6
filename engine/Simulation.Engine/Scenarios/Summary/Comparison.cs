using Simulation.Engine.Scenarios.Format;

namespace Simulation.Engine.Scenarios.Summary;

/// <summary>
/// A scenario against the baseline on one outcome, future by future (paired): the distribution of the differences
/// scenario - baseline (zero to rounding counted as zero, <see cref="ZeroToRounding"/>) and the shares of futures in
/// which the scenario is higher and lower. The probability that the scenario is better is one of them, by the
/// outcome's direction; futures with no difference count as neither.
/// </summary>
public sealed record Comparison(Distribution Difference, double PHigher, double PLower)
{
    public double? PBetter(Direction? better) => better switch
    {
        Direction.Higher => PHigher,
        Direction.Lower => PLower,
        _ => null,
    };

    /// <summary>The comparison of the finite differences; <paramref name="leftOut"/> says why the others are missing.</summary>
    public static Comparison Of(IReadOnlyList<double> differences, IReadOnlyList<Exclusion> leftOut)
    {
        var d = Quantiles.Describe(differences) with { LeftOut = leftOut };
        int higher = 0, lower = 0;
        foreach (double x in differences)
            if (x > 0) higher++;
            else if (x < 0) lower++;
        return d.Count == 0
            ? new Comparison(d, double.NaN, double.NaN)
            : new Comparison(d, (double)higher / d.Count, (double)lower / d.Count);
    }
}
