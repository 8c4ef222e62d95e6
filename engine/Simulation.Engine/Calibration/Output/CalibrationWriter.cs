using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Simulation.Engine.Calibration.Format;
using Simulation.Engine.Results;
using Simulation.Engine.Scenarios.Format;

namespace Simulation.Engine.Calibration.Output;

/// <summary>
/// A calibration's result files (docs/calibration.md lists them and their columns), written whole or not at all
/// into a <see cref="ResultFolder"/>.
/// </summary>
public static class CalibrationWriter
{
    public const string Estimates = "estimates.csv", Fit = "fit.csv", Statistics = "statistics.csv", Profiles = "profiles.csv",
        Posterior = "posterior.csv", Chains = "chains.csv", Convergence = "convergence.csv", Summary = "calibration.json",
        Page = "fit.html";

    /// <summary>Every file a calibration writes (a forced calibration removes them all, so no stale file of another method stays).</summary>
    public static IReadOnlyList<string> Files { get; } = [Estimates, Fit, Statistics, Profiles, Posterior, Chains, Convergence, Summary, Page];

    /// <summary>The folder a calibration writes into (a forced calibration removes every file of <see cref="Files"/>).</summary>
    public static ResultFolder Folder(string path) => new(path, "a calibration", Files);

    /// <summary>Every data file of the report, as text by name (the page, <see cref="Page"/>, is drawn by Simulation.Reporting).</summary>
    public static IReadOnlyDictionary<string, string> Contents(CalibrationReport report)
    {
        var files = new Dictionary<string, string>
        {
            [Estimates] = EstimatesCsv(report),
            [Fit] = FitCsv(report),
            [Statistics] = StatisticsCsv(report),
            [Summary] = SummaryJson(report),
        };
        if (!report.Profiles.IsEmpty) files[Profiles] = ProfilesCsv(report);
        if (report.Posterior is { } posterior)
        {
            files[Posterior] = PosteriorCsv(report, posterior);
            files[Chains] = ChainsCsv(posterior);
            files[Convergence] = ConvergenceCsv(posterior);
        }
        return files;
    }

    public static string EstimatesCsv(CalibrationReport report)
    {
        var sb = new StringBuilder("parameter,estimate,low,high\n");
        foreach (var e in report.Estimates) Row(sb, Quote(e.Parameter), Num(e.Estimate), Num(e.Low), Num(e.High));
        foreach (var s in report.Scales) Row(sb, Quote(s.Name), Num(s.Value), Num(s.Low), Num(s.High));
        return sb.ToString();
    }

    public static string FitCsv(CalibrationReport report)
    {
        bool band = report.FittedLow is not null;
        var sb = new StringBuilder(band ? "time,series,observed,fitted,residual,fitted_low,fitted_high\n" : "time,series,observed,fitted,residual\n");
        var problem = report.Problem;
        for (int i = 0; i < problem.Observations.Length; i++)
        {
            var o = problem.Observations[i];
            var cells = new List<string> { Num(o.Time), Quote(problem.Series[o.Series].Column), Num(o.Value), Num(report.Fitted[i]), Num(o.Value - report.Fitted[i]) };
            if (band) cells.AddRange([Num(report.FittedLow![i]), Num(report.FittedHigh![i])]);
            Row(sb, [.. cells]);
        }
        return sb.ToString();
    }

    public static string StatisticsCsv(CalibrationReport report)
    {
        var sb = new StringBuilder("series,n,rmse,mape,r2,theil_u,theil_um,theil_us,theil_uc\n");
        foreach (var (series, s) in report.Statistics)
            Row(sb, Quote(series), s.Count.ToString(CultureInfo.InvariantCulture), Num(s.Rmse), Num(s.Mape), Num(s.RSquared), Num(s.TheilU),
                Num(s.BiasShare), Num(s.VarianceShare), Num(s.CovarianceShare));
        return sb.ToString();
    }

    public static string ProfilesCsv(CalibrationReport report)
    {
        var sb = new StringBuilder("parameter,value,drop\n");
        foreach (var p in report.Profiles) Row(sb, Quote(p.Parameter), Num(p.Value), Num(p.Drop));
        return sb.ToString();
    }

    /// <summary>One row per draw: a run number, then each parameter as a design table names it, so an experiment can sweep over it.</summary>
    public static string PosteriorCsv(CalibrationReport report, Mcmc.PosteriorSample posterior)
    {
        var labels = report.Problem.Space.Parameters.Select(p => p.Label);
        var sb = new StringBuilder("run," + string.Join(",", labels.Select(Quote)) + "\n");
        for (int r = 0; r < posterior.Draws.Count; r++)
            Row(sb, [r.ToString(CultureInfo.InvariantCulture), .. posterior.Draws[r].Values.Select(Num)]);
        return sb.ToString();
    }

    public static string ChainsCsv(Mcmc.PosteriorSample posterior)
    {
        var sb = new StringBuilder("chain,generation," + string.Join(",", posterior.Coordinates.Select(Quote)) + ",log_likelihood,log_posterior\n");
        for (int c = 0; c < posterior.Chains; c++)
        for (int k = 0; k < posterior.Kept; k++)
            Row(sb, [c.ToString(CultureInfo.InvariantCulture), posterior.Generations[k].ToString(CultureInfo.InvariantCulture),
                .. posterior.State(c, k).Select(Num), Num(posterior.LogLikelihood(c, k)), Num(posterior.LogPosterior(c, k))]);
        return sb.ToString();
    }

    public static string ConvergenceCsv(Mcmc.PosteriorSample posterior)
    {
        var sb = new StringBuilder("coordinate,mean,sd,rhat,ess\n");
        foreach (var c in posterior.Convergence()) Row(sb, Quote(c.Coordinate), Num(c.Mean), Num(c.Sd), Num(c.RHat), Num(c.Ess));
        return sb.ToString();
    }

    public static string SummaryJson(CalibrationReport report)
    {
        var problem = report.Problem;
        var fit = problem.Fit;
        int estimatedScales = problem.Likelihood.Series.Count(s => s.EstimatesScale && s.Error != ErrorKind.Sse) + (problem.Likelihood.Series.Any(s => s.Error == ErrorKind.Sse) ? 1 : 0);
        int k = problem.Space.Dimension + estimatedScales;
        var statistics = report.Statistics;
        var json = new JObject
        {
            ["fit"] = fit.Source.Path,
            ["name"] = fit.Name,
            ["model"] = fit.ModelPath,
            ["data"] = fit.DataPath,
            ["method"] = report.Method,
            ["seed"] = report.Seed,
            ["observations"] = problem.Observations.Length,
            ["parameters"] = new JArray(problem.Space.Parameters.Select((p, i) => new JObject
            {
                ["parameter"] = p.Label,
                ["input"] = p.Column.Target.Label,
                ["apply"] = p.Column.Apply == ApplyMode.Multiply ? "multiply" : p.Column.MovesAcrossElements ? "quantile level across the elements' ranges" : "set",
                ["scale"] = p.Scale == ParameterScale.Log ? "log" : "linear",
                ["min"] = Number(p.Min),
                ["max"] = Number(p.Max),
                ["prior"] = p.Prior.Description,
                ["modelValue"] = Number(p.ModelValue),
                ["estimate"] = Number(report.Estimates[i].Estimate),
                ["low"] = Number(report.Estimates[i].Low),
                ["high"] = Number(report.Estimates[i].High),
                ["note"] = report.Estimates[i].Note,
            })),
            ["scales"] = new JArray(report.Scales.Select(s => new JObject
            {
                ["name"] = s.Name, ["estimate"] = Number(s.Value), ["low"] = Number(s.Low), ["high"] = Number(s.High),
            })),
            ["logLikelihood"] = Number(report.LogLikelihood),
            ["aic"] = Number(2 * k - 2 * report.LogLikelihood),
            ["series"] = new JArray(problem.Series.Select((s, i) => new JObject
            {
                ["column"] = s.Column,
                ["compared with"] = s.Kind == SeriesKind.Total ? $"total of {s.Expression} over each data interval" : s.Expression,
                ["error"] = Problem.SeriesResolver.Name(s.Error),
                ["weight"] = Number(problem.Likelihood.Series[i].Weight),
                ["n"] = s.Count,
                ["rmse"] = Number(statistics[i].Statistics.Rmse),
                ["mape"] = Number(statistics[i].Statistics.Mape),
                ["r2"] = Number(statistics[i].Statistics.RSquared),
                ["theilU"] = Number(statistics[i].Statistics.TheilU),
                ["theilUm"] = Number(statistics[i].Statistics.BiasShare),
                ["theilUs"] = Number(statistics[i].Statistics.VarianceShare),
                ["theilUc"] = Number(statistics[i].Statistics.CovarianceShare),
            })),
            ["runs"] = report.Runs,
            ["infeasible"] = report.Infeasible,
            ["seconds"] = Number(Math.Round(report.Elapsed.TotalSeconds, 3)),
            ["details"] = report.Details,
        };
        return json.ToString(Formatting.Indented) + "\n";
    }

    /// <summary>A number with round-trip precision, or null (JSON has no NaN).</summary>
    public static JToken Number(double x) => double.IsFinite(x) ? new JRaw(CsvResultWriter.Format(x)) : JValue.CreateNull();

    private static string Num(double x) => double.IsFinite(x) ? CsvResultWriter.Format(x) : "";

    private static string Quote(string s) => CsvResultWriter.Quote(s);

    private static void Row(StringBuilder sb, params string[] cells) => sb.Append(string.Join(",", cells)).Append('\n');
}

