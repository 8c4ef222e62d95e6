using System.Globalization;
using Simulation.Engine.Results;

namespace Simulation.Engine.Conformance;

/// <summary>The outcome of comparing a run with canonical results: how much was compared, and the first disagreement.</summary>
public sealed record ComparisonOutcome(int ValuesCompared, string? FirstMismatch)
{
    public bool Matches => FirstMismatch is null;
}

/// <summary>
/// The conformance rule (shared/conformance/README.md): every canonical column except Vensim's
/// control settings must be in the run; every value present in both, at every time present in
/// both, must satisfy |actual - expected| &lt;= 1e-6 + 1e-3 |expected|. Canonical times are printed
/// rounded (SIR's 92.21875 appears as 92.2188), so a canonical time matches the nearest saved time
/// within 1e-5 of it (relative, plus 1e-9); a canonical time with no such run time is a mismatch.
/// </summary>
public static class ResultComparison
{
    public const double AbsoluteTolerance = 1e-6;
    public const double RelativeTolerance = 1e-3;

    public static bool Agree(double actual, double expected) =>
        Math.Abs(actual - expected) <= AbsoluteTolerance + RelativeTolerance * Math.Abs(expected)
        || (double.IsInfinity(expected) && actual == expected);

    public static ComparisonOutcome Compare(SimulationResult run, CanonicalOutput expected)
    {
        var runColumns = new Dictionary<string, int>();
        for (int j = 0; j < run.Names.Count; j++) runColumns.TryAdd(ColumnKey.Of(run.Names[j]), j);
        var pairs = new List<(int Expected, int Actual)>();
        for (int k = 0; k < expected.Columns.Count; k++)
        {
            string column = expected.Columns[k];
            if (ColumnKey.IsControlSetting(column) || ColumnKey.IsTime(column)) continue;
            if (!runColumns.TryGetValue(ColumnKey.Of(column), out int j))
                return new ComparisonOutcome(0, $"the run has no column '{column}'");
            pairs.Add((k, j));
        }
        int compared = 0;
        for (int i = 0; i < expected.Times.Count; i++)
        {
            double time = expected.Times[i];
            int row = NearestRow(run.Times, time);
            if (row < 0)
                return new ComparisonOutcome(compared, $"the run has no time {Format(time)} (it saved {Format(run.Times[0])} to {Format(run.Times[^1])})");
            foreach (var (k, j) in pairs)
            {
                double e = expected.Rows[i][k];
                if (double.IsNaN(e)) continue;
                double a = run.Rows[row][j];
                compared++;
                if (!Agree(a, e))
                    return new ComparisonOutcome(compared, $"'{expected.Columns[k]}' at time {Format(time)}: expected {Format(e)}, got {Format(a)}");
            }
        }
        return new ComparisonOutcome(compared, null);
    }

    private static int NearestRow(IReadOnlyList<double> times, double time)
    {
        int best = -1;
        double bestDistance = double.PositiveInfinity;
        for (int i = 0; i < times.Count; i++)
        {
            double d = Math.Abs(times[i] - time);
            if (d < bestDistance)
            {
                best = i;
                bestDistance = d;
            }
        }
        return bestDistance <= 1e-9 + 1e-5 * Math.Abs(time) ? best : -1;
    }

    private static string Format(double value) => value.ToString("G10", CultureInfo.InvariantCulture);
}
