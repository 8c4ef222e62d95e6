using System.Globalization;
using Simulation.Engine.Calibration;
using Simulation.Engine.Calibration.Format;
using Simulation.Engine.Calibration.Counterfactual;
using Simulation.Engine.Calibration.Output;
using Simulation.Engine.Calibration.Problem;
using Simulation.Reporting.Text;

namespace Simulation.Reporting.Report;

/// <summary>
/// The pages <c>sim calibrate</c> and <c>sim evaluate</c> write beside their CSV files: each series' observations
/// against the fitted model (with the posterior's 95% band after MCMC), or against the counterfactual's 90% band (and
/// the implemented scenario's, what the plan expected): <see cref="CalibrationWriter.Page"/> and <see cref="EvaluationWriter.Page"/>.
/// </summary>
public static class CalibrationPages
{
    /// <summary>One chart per series of the fit, from the same numbers as fit.csv, and the estimates and statistics tables.</summary>
    public static string Fit(CalibrationReport report)
    {
        var problem = report.Problem;
        bool band = report.FittedLow is not null;
        string fittedName = band ? "model (posterior median, 95% band)" : "model at the estimate";
        var charts = problem.Series.Select((s, k) =>
        {
            var range = Enumerable.Range(s.First, s.Count).ToArray();
            double[] Pick(double[] values) => range.Select(i => values[i]).ToArray();
            var model = new ModelBand(fittedName, ReportCharts.Palette[0], Pick(report.Fitted),
                band ? Pick(report.FittedLow!) : null, band ? Pick(report.FittedHigh!) : null);
            return new ObservedChart($"fit-{k}", s.Column, Describe(s), problem.Model.Time.Units,
                range.Select(i => problem.Observations[i].Time).ToArray(), range.Select(i => problem.Observations[i].Value).ToArray(), [model]);
        }).ToList();
        var estimates = new PageTable(report.Method == "mcmc" ? "Estimates: posterior median and 95% credible interval" : "Estimates: maximum likelihood and 95% profile-likelihood interval",
            ["parameter", "estimate", "low", "high", "note"],
            report.Estimates.Select(e => (IReadOnlyList<string>)[e.Parameter, Numbers.Format(e.Estimate), Numbers.Format(e.Low), Numbers.Format(e.High), e.Note ?? ""])
                .Concat(report.Scales.Select(s => (IReadOnlyList<string>)[s.Name, Numbers.Format(s.Value), Numbers.Format(s.Low), Numbers.Format(s.High), "error model's scale"]))
                .ToList());
        var statistics = new PageTable("Fit to the data (Theil's U^M bias, U^S unequal variation, U^C unsystematic error)",
            ["series", "n", "RMSE", "MAPE %", "R²", "Theil U", "U^M", "U^S", "U^C"],
            report.Statistics.Select(x => (IReadOnlyList<string>)[x.Series, x.Statistics.Count.ToString(CultureInfo.InvariantCulture),
                Numbers.Format(x.Statistics.Rmse), Numbers.Format(x.Statistics.Mape), F(x.Statistics.RSquared), F(x.Statistics.TheilU),
                F(x.Statistics.BiasShare), F(x.Statistics.VarianceShare), F(x.Statistics.CovarianceShare)]).ToList());
        string lead = $"{(problem.Fit.Description ?? problem.Fit.Name).TrimEnd('.')}. Points are the data, the line the model "
                      + (band ? "over the posterior draws (median and 95% band of the fitted value)." : "at the estimated inputs.");
        return ObservedPage.Render("sim calibrate", problem.Fit.Name, lead, [estimates, statistics], charts,
        [
            ("fit", problem.Fit.Name), ("model", problem.Fit.ModelPath), ("data", problem.Fit.DataPath),
            ("method", report.Method == "mcmc" ? "differential evolution MCMC" : "differential evolution, Levenberg-Marquardt polish, profile likelihood"),
            ("seed", report.Seed.ToString(CultureInfo.InvariantCulture)),
            ("log-likelihood", Numbers.Format(report.LogLikelihood)),
            ("runs", $"{report.Runs:N0} ({report.Infeasible:N0} infeasible) in {report.Elapsed.TotalSeconds:F1} s"),
        ]);
    }

    /// <summary>One chart per series: the observations from the evaluation's start against the counterfactual's band (and the plan's).</summary>
    public static string Evaluation(EvaluationReport report)
    {
        var problem = report.Problem;
        string? implemented = problem.Implemented?.Scenario.Name;
        var charts = problem.Series.Select((s, k) =>
        {
            var rows = report.Observations.Where(o => o.Series == s.Column).ToList();
            double[] Of(Func<EvaluatedObservation, double> f) => rows.Select(f).ToArray();
            var bands = new List<ModelBand>
            {
                new($"counterfactual: {problem.BaselineName} (median, 90% band)", ReportCharts.BaselineColour,
                    Of(o => o.Counterfactual.P50), Of(o => o.Counterfactual.P5), Of(o => o.Counterfactual.P95)),
            };
            if (implemented is not null)
                bands.Add(new ModelBand($"expected: {implemented} (median, 90% band)", ReportCharts.Palette[0],
                    Of(o => o.Expected!.P50), Of(o => o.Expected!.P5), Of(o => o.Expected!.P95)));
            return new ObservedChart($"evaluation-{k}", s.Column, Describe(s), problem.Experiment.Model.Time.Units,
                Of(o => o.Observation.Time), Of(o => o.Observation.Value), bands);
        }).ToList();
        var table = new PageTable("Over the evaluated observations (sums; median [P5, P95] across the futures)",
            implemented is null
                ? ["series", "n", "observed", "counterfactual", "observed - counterfactual", "P(counterfactual higher)", "outside the band"]
                : ["series", "n", "observed", "counterfactual", "observed - counterfactual", "P(counterfactual higher)", "outside the band", $"expected ({implemented} - {problem.BaselineName})"],
            report.Series.Select(s =>
            {
                var cells = new List<string>
                {
                    s.Series + (s.Noise ? "" : " (no noise)"), s.Count.ToString(CultureInfo.InvariantCulture), Numbers.Format(s.ObservedSum),
                    Band(s.CounterfactualSum), Band(s.Difference), s.ProbabilityCounterfactualAbove.ToString("0.00", CultureInfo.InvariantCulture), Numbers.Percent(s.ShareOutside),
                };
                if (implemented is not null) cells.Add(s.ExpectedDifference is { } e ? Band(e) : "");
                return (IReadOnlyList<string>)cells;
            }).ToList());
        string from = problem.From is double t ? $" from {t.ToString(CultureInfo.InvariantCulture)}" : "";
        string lead = $"Observations{from} (points) against what would have happened without the change: the baseline '{problem.BaselineName}' over "
                      + $"{report.Futures:N0} futures of the experiment's uncertainty"
                      + (implemented is null ? "." : $", and against what the plan '{implemented}' expected.")
                      + " An observation outside the counterfactual's band is unusual had nothing changed.";
        return ObservedPage.Render("sim evaluate", problem.Experiment.Document.Name, lead, [table], charts,
        [
            ("experiment", problem.Experiment.Document.Name), ("fit", problem.Fit.Name), ("data", problem.Data.Path),
            ("runs", $"{report.Runs:N0} in {report.Elapsed.TotalSeconds:F1} s"),
        ]);
    }

    private static string Describe(FittedSeries s) =>
        $"{(s.Kind == SeriesKind.Total ? "total over each interval of " : "")}{s.Expression}, {s.Error switch
        {
            ErrorKind.Sse => "least squares",
            ErrorKind.Normal => "normal error",
            ErrorKind.LogNormal => "log-normal error",
            ErrorKind.Poisson => "Poisson counts",
            _ => "negative binomial counts",
        }}";

    private static string Band(Engine.Scenarios.Summary.Distribution d) => $"{Numbers.Format(d.P50)} [{Numbers.Format(d.P5)}, {Numbers.Format(d.P95)}]";

    private static string F(double x) => double.IsFinite(x) ? x.ToString("0.000", CultureInfo.InvariantCulture) : "–";
}
