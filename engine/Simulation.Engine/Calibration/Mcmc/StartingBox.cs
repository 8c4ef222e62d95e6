using Simulation.Engine.Calibration.Likelihood;
using Simulation.Engine.Calibration.Output;
using Simulation.Engine.Calibration.Problem;
using Simulation.Engine.Calibration.Search;

namespace Simulation.Engine.Calibration.Mcmc;

/// <summary>
/// Where the sampler's chains start, in its coordinates (each parameter's unit coordinate, then each sampled
/// dispersion's): a Latin hypercube over this box. By default the box is the whole of the bounds. After an earlier
/// calibration it is that calibration's 95% intervals (low to high in its estimates.csv; a dispersion within a factor
/// of two of its estimate when it has no interval). Where the data pin the inputs down far more narrowly than the
/// bounds (the hospital fit's intervals are a twentieth of its bounds), chains started across the bounds begin far
/// from the posterior, their jumps (scaled by their spread) are nearly all rejected, and thousands of generations
/// pass before they meet. Started within the intervals they are still spread at least as widely as the posterior,
/// which R-hat needs to mean anything (Gelman and Rubin 1992).
/// </summary>
public sealed class StartingBox
{
    private readonly double[] _low, _high;

    private StartingBox(double[] low, double[] high) => (_low, _high) = (low, high);

    /// <summary>The whole of every coordinate's range.</summary>
    public static StartingBox Whole(int size) => new(new double[size], Enumerable.Repeat(1.0, size).ToArray());

    /// <summary>The intervals of an earlier calibration of the same fit (its estimates.csv, read by <see cref="EstimatesTable"/>).</summary>
    public static StartingBox FromEstimates(CalibrationProblem problem, IReadOnlyDictionary<string, EstimateRow> estimates)
    {
        var low = new List<double>();
        var high = new List<double>();
        foreach (var p in problem.Space.Parameters)
        {
            if (!estimates.TryGetValue(p.Label, out var row))
                throw new CalibrationException($"the earlier calibration has no estimate of '{p.Label}'",
                    "start from a calibration of this fit file (its estimates.csv names every parameter)");
            bool interval = double.IsFinite(row.Low) && double.IsFinite(row.High);
            Add(interval ? p.ToUnit(Math.Clamp(row.Low, p.Min, p.Max)) : 0, interval ? p.ToUnit(Math.Clamp(row.High, p.Min, p.Max)) : 1);
        }
        var (lowK, highK) = FitLikelihood.LogDispersionRange;
        foreach (int s in problem.Likelihood.SampledDispersions)
        {
            var series = problem.Likelihood.Series[s];
            if (!estimates.TryGetValue($"{series.ScaleName}({series.Name})", out var row) || !(row.Estimate > 0))
            {
                Add(0, 1);
                continue;
            }
            double a = double.IsFinite(row.Low) && row.Low > 0 ? row.Low : row.Estimate / 2, b = double.IsFinite(row.High) && row.High > 0 ? row.High : row.Estimate * 2;
            Add((Math.Log(a) - lowK) / (highK - lowK), (Math.Log(b) - lowK) / (highK - lowK));
        }
        return new StartingBox(low.ToArray(), high.ToArray());

        void Add(double a, double b)
        {
            // never a point: a parameter whose interval has no width still needs room for the chains to differ
            (a, b) = (Math.Clamp(Math.Min(a, b), 0, 1), Math.Clamp(Math.Max(a, b), 0, 1));
            const double Narrowest = 1e-3;
            if (b - a < Narrowest)
            {
                double middle = Math.Clamp((a + b) / 2, Narrowest / 2, 1 - Narrowest / 2);
                (a, b) = (middle - Narrowest / 2, middle + Narrowest / 2);
            }
            low.Add(a);
            high.Add(b);
        }
    }

    public int Size => _low.Length;

    /// <summary>A point of the unit cube moved into the box, coordinate by coordinate.</summary>
    public double[] Place(double[] unit) => unit.Select((u, j) => _low[j] + u * (_high[j] - _low[j])).ToArray();
}
