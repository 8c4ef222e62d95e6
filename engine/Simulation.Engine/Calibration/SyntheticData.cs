using System.Text;
using MathNet.Numerics.Distributions;
using Simulation.Engine.Calibration.Format;
using Simulation.Engine.Calibration.Problem;
using Simulation.Engine.Calibration.Search;
using Simulation.Engine.Results;
using Simulation.Engine.Runtime;

namespace Simulation.Engine.Calibration;

/// <summary>
/// Observations made up from a model with known inputs: the fit's model is run at given parameter values, and each
/// observed cell of the fit's data is replaced by a draw from its series' error model around the model's value
/// there (normal: m + sd z; lognormal: m e^(sd z); Poisson(m); negative binomial with mean m and size k). Calibrating
/// to such data and finding the known values again is the first test of any fit (can the data identify the inputs?),
/// and a bundled history built so lets anyone run the whole calibration workflow without confidential data.
/// Seeded: the same values, scales and seed give the same data.
/// </summary>
public static class SyntheticData
{
    /// <param name="values">Each parameter's true value, in the fit's order.</param>
    /// <param name="scales">Each series' sd or dispersion (ignored for Poisson; a series' known scale is used when given).</param>
    /// <returns>A value per observation, in the problem's order.</returns>
    public static double[] Draw(CandidateEvaluator evaluator, double[] values, IReadOnlyList<double> scales, ulong seed)
    {
        var problem = evaluator.Problem;
        var truth = evaluator.Evaluate(problem.Space.ToUnits(values));
        if (truth.Predicted is null)
            throw new CalibrationException("the model goes NaN or infinite at the values given", "choose values at which the model runs");
        var random = new RandomStream(seed, 3);
        var drawn = new double[problem.Observations.Length];
        for (int i = 0; i < drawn.Length; i++)
        {
            var series = problem.Likelihood.Series[problem.Observations[i].Series];
            double m = truth.Predicted[i];
            double scale = series.KnownSd ?? series.KnownDispersion ?? scales[problem.Observations[i].Series];
            drawn[i] = Observe(series.Error, m, scale, random);
        }
        return drawn;
    }

    /// <summary>One observation drawn around the model's value m under an error model with the given scale (sd, sd of ln, or dispersion).</summary>
    public static double Observe(ErrorKind error, double m, double scale, Random random) => error switch
    {
        ErrorKind.Normal or ErrorKind.Sse => m + scale * Normal.Sample(random, 0, 1),
        ErrorKind.LogNormal => m * Math.Exp(scale * Normal.Sample(random, 0, 1)),
        ErrorKind.Poisson => m > 0 ? Poisson.Sample(random, m) : 0,
        // a Poisson count whose mean is gamma distributed (shape k, mean m): MathNet's NegativeBinomial.Sample never
        // returns for means in the hundreds (its Poisson step multiplies uniforms down to e^-mean, which underflows)
        _ => m > 0 ? Poisson.Sample(random, Gamma.Sample(random, scale, scale / m)) : 0,
    };

    /// <summary>The fit's data file with each observed cell replaced by <paramref name="drawn"/>: same header, times and missing cells.</summary>
    public static string AsCsv(CalibrationProblem problem, double[] drawn)
    {
        var data = problem.Data;
        var cells = new string[data.RowCount, data.Columns.Count];
        for (int r = 0; r < data.RowCount; r++)
        for (int c = 0; c < data.Columns.Count; c++)
            cells[r, c] = double.IsNaN(data.Columns[c].Values[r]) ? "" : CsvResultWriter.Format(data.Columns[c].Values[r]);
        var columnIndex = data.Columns.Select((c, k) => (c.Name, k)).ToDictionary(x => x.Name, x => x.k);
        for (int i = 0; i < drawn.Length; i++)
        {
            var o = problem.Observations[i];
            cells[o.Row, columnIndex[problem.Series[o.Series].Column]] = CsvResultWriter.Format(drawn[i]);
        }
        var sb = new StringBuilder();
        sb.Append(string.Join(",", new[] { data.TimeColumn }.Concat(data.Columns.Select(c => c.Name)).Select(CsvResultWriter.Quote))).Append('\n');
        for (int r = 0; r < data.RowCount; r++)
        {
            sb.Append(CsvResultWriter.Format(data.Times[r]));
            for (int c = 0; c < data.Columns.Count; c++) sb.Append(',').Append(cells[r, c]);
            sb.Append('\n');
        }
        return sb.ToString();
    }
}
