using Simulation.Engine.Scenarios.Format;

namespace Simulation.Engine.Scenarios.Summary;

/// <summary>
/// Where a scenario sits on the plane of a ratio's two changes (for a cost per QALY: the cost-effectiveness plane),
/// judged by their means and by each operand's direction.
/// </summary>
public enum Quadrant
{
    /// <summary>Better on both (saves money and gains benefit).</summary>
    Dominant,

    /// <summary>Worse on both (costs more and loses benefit).</summary>
    Dominated,

    /// <summary>Better on the denominator, worse on the numerator: the ratio is the price of each unit gained.</summary>
    TradeOff,

    /// <summary>Better on the numerator, worse on the denominator: the ratio is what each unit lost saves.</summary>
    SavesAndLoses,
}

/// <summary>
/// A ratio outcome summarised as the ratio of means: mean(numerator) / mean(denominator) over the futures where both
/// are finite. When both operands are paired changes (an incremental cost per QALY), that is the ratio of mean
/// differences, the usual incremental cost-effectiveness ratio; per-run ratios are thrown about by futures whose
/// denominator is near zero and their mean can lie outside their own band. A ratio is <see cref="Meaningful"/> only
/// when the denominator's P5-P95 band excludes zero: otherwise the scenario may not change the denominator at all,
/// and the ratio is not shown as a number.
/// </summary>
public sealed record RatioSummary(double Value, Distribution Numerator, Distribution Denominator, bool Meaningful, Quadrant? Quadrant)
{
    /// <summary>The outcomes divided (names as in the summary's rows).</summary>
    public string NumeratorOutcome { get; init; } = "";

    public string DenominatorOutcome { get; init; } = "";

    public int Count => Numerator.Count;

    /// <summary>The futures in which either operand has no finite value, counted by reason.</summary>
    public IReadOnlyList<Exclusion> LeftOut { get; init; } = [];

    /// <param name="numeratorBetter">Which way the numerator is better (for a cost: lower); null when unknown (no quadrant).</param>
    public static RatioSummary Of(IReadOnlyList<double> numerators, IReadOnlyList<double> denominators, Direction? numeratorBetter, Direction? denominatorBetter)
    {
        var top = new List<double>();
        var bottom = new List<double>();
        for (int i = 0; i < numerators.Count; i++)
            if (double.IsFinite(numerators[i]) && double.IsFinite(denominators[i]))
            {
                top.Add(numerators[i]);
                bottom.Add(denominators[i]);
            }
        var n = Quantiles.Describe(top);
        var d = Quantiles.Describe(bottom);
        double value = d.Count == 0 || d.Mean == 0 ? double.NaN : n.Mean / d.Mean;
        bool meaningful = double.IsFinite(value) && !d.SpansZero;
        return new RatioSummary(value, n, d, meaningful, QuadrantOf(n.Mean, d.Mean, numeratorBetter, denominatorBetter));
    }

    /// <summary>
    /// The quadrant of the mean changes; null when a direction is unknown or the denominator does not change. A return
    /// (a benefit per unit of cost: the numerator better higher, the denominator better lower, such as hospital spend
    /// avoided per pound invested) lies on the same plane as a cost per unit of benefit with its axes swapped: investing
    /// to avoid spend is a trade-off (costs more, gains), avoiding spend without investing is dominant.
    /// </summary>
    public static Quadrant? QuadrantOf(double numerator, double denominator, Direction? numeratorBetter, Direction? denominatorBetter)
    {
        if (numeratorBetter == Direction.Higher && denominatorBetter == Direction.Lower)
            return QuadrantOf(denominator, numerator, denominatorBetter, numeratorBetter);
        if (numeratorBetter is null || denominatorBetter is null || !double.IsFinite(numerator) || !double.IsFinite(denominator) || denominator == 0)
            return null;
        bool denominatorGains = (denominator > 0) == (denominatorBetter == Direction.Higher);
        bool numeratorWorse = numerator != 0 && (numerator > 0) == (numeratorBetter == Direction.Lower);
        bool numeratorGains = numerator != 0 && !numeratorWorse;
        if (denominatorGains) return numeratorWorse ? Summary.Quadrant.TradeOff : Summary.Quadrant.Dominant;
        return numeratorGains ? Summary.Quadrant.SavesAndLoses : Summary.Quadrant.Dominated;
    }
}
