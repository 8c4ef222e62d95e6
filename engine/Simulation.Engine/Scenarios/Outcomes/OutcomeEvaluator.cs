using Simulation.Engine.Scenarios.Format;
using Simulation.Engine.Scenarios.Summary;

namespace Simulation.Engine.Scenarios.Outcomes;

/// <summary>Computes a run's outcome columns from what it recorded, in column order (each column uses only earlier ones).</summary>
public static class OutcomeEvaluator
{
    /// <param name="recorded">The run's recorded values (record layout order).</param>
    /// <param name="baseline">The baseline run's outcome columns in the same future; empty when this run is the baseline's own.</param>
    public static void Evaluate(RecordLayout layout, IReadOnlyList<OutcomeColumn> columns, ReadOnlySpan<double> recorded, ReadOnlySpan<double> baseline,
        Span<double> result)
    {
        for (int c = 0; c < columns.Count; c++)
        {
            result[c] = columns[c].Formula switch
            {
                ValueAt v => recorded[layout.IndexOf(v.Output, v.Step)],
                IncreaseOver i => (recorded[layout.IndexOf(i.Output, i.ToStep)] - recorded[layout.IndexOf(i.Output, i.FromStep)]) / i.Divisor,
                Combination { Kind: OutcomeKind.Ratio } r => result[r.Left] / result[r.Right],
                Combination d => ZeroToRounding.Difference(result[d.Left], result[d.Right]),
                VersusBaseline { Kind: OutcomeKind.Avoided } a => ZeroToRounding.Difference(baseline.IsEmpty ? result[a.Column] : baseline[a.Column], result[a.Column]),
                VersusBaseline p => ZeroToRounding.Difference(result[p.Column], baseline.IsEmpty ? result[p.Column] : baseline[p.Column]),
                PaybackOver p => Payback(p, result, baseline),
                _ => throw new InvalidOperationException($"unknown outcome formula {columns[c].Formula}"),
            };
        }
    }

    private static double Payback(PaybackOver p, ReadOnlySpan<double> result, ReadOnlySpan<double> baseline)
    {
        if (baseline.IsEmpty) return double.NaN;
        int from = -1;
        for (int k = p.Columns.Length - 1; k >= 0 && result[p.Columns[k]] - baseline[p.Columns[k]] < 0; k--) from = k;
        return from < 0 ? double.NaN : from + 1;
    }
}
