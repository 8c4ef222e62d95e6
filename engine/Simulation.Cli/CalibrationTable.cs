using System.Globalization;
using Simulation.Engine.Calibration.Output;
using Spectre.Console;

namespace Simulation.Cli;

/// <summary>A calibration's results on the terminal: each estimate with its 95% interval, the estimated scales, and how well each series fits.</summary>
public static class CalibrationTable
{
    public static void Print(CalibrationReport report)
    {
        string interval = report.Method == "mcmc" ? "95% credible interval" : "95% interval (profile likelihood)";
        var estimates = new Table().Border(TableBorder.Simple).Title(Markup.Escape($"{report.Problem.Fit.Name}: {(report.Method == "mcmc" ? "posterior median" : "maximum likelihood")}"));
        estimates.AddColumn("parameter");
        estimates.AddColumn(new TableColumn("estimate").RightAligned());
        estimates.AddColumn(new TableColumn(Markup.Escape(interval)).RightAligned());
        estimates.AddColumn("note");
        foreach (var e in report.Estimates)
            estimates.AddRow(Markup.Escape(e.Parameter), G(e.Estimate), Markup.Escape(Interval(e.Low, e.High)), Markup.Escape(e.Note ?? ""));
        foreach (var s in report.Scales)
            estimates.AddRow(Markup.Escape(s.Name), G(s.Value), Markup.Escape(Interval(s.Low, s.High)), "");
        AnsiConsole.Write(estimates);

        var fit = new Table().Border(TableBorder.Simple).Title("fit to the data");
        foreach (var column in new[] { "series", "n", "RMSE", "MAPE %", "R²", "Theil U", "U^M", "U^S", "U^C" })
            fit.AddColumn(column == "series" ? new TableColumn(column) : new TableColumn(Markup.Escape(column)).RightAligned());
        foreach (var (series, s) in report.Statistics)
            fit.AddRow(Markup.Escape(series), s.Count.ToString(CultureInfo.InvariantCulture), G(s.Rmse), G(s.Mape), G(s.RSquared), G(s.TheilU),
                G(s.BiasShare), G(s.VarianceShare), G(s.CovarianceShare));
        AnsiConsole.Write(fit);
        AnsiConsole.WriteLine(FormattableString.Invariant(
            $"log-likelihood {report.LogLikelihood:G6}; {report.Runs:N0} runs ({report.Infeasible:N0} infeasible) in {report.Elapsed.TotalSeconds:F1} s"));
        if (report.Details["converged"] is { } converged && !(bool)converged!)
            AnsiConsole.WriteLine($"warning: the chains have not converged (largest R-hat {report.Details["maxRHat"]}); run more --generations");
    }

    private static string Interval(double low, double high) => double.IsNaN(low) && double.IsNaN(high) ? "" : $"[{G(low)}, {G(high)}]";

    private static string G(double x) => double.IsFinite(x) ? x.ToString("G5", CultureInfo.InvariantCulture) : "-";
}
