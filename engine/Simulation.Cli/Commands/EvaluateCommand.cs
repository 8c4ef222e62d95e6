using System.ComponentModel;
using System.Globalization;
using Simulation.Engine.Calibration.Counterfactual;
using Simulation.Engine.Calibration.Output;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Runtime.Batches;
using Simulation.Reporting.Report;
using Simulation.Reporting.Text;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Simulation.Cli.Commands;

/// <summary><c>sim evaluate EXPERIMENT --fit FIT [--data CSV] [--scenario NAME] [--from T] [--calibration DIR]</c>: observed data against the counterfactual.</summary>
public sealed class EvaluateCommand : Command<EvaluateCommand.Settings>
{
    public sealed class Settings : ResultFolderSettings
    {
        [CommandArgument(0, "<EXPERIMENT>")]
        [Description("The experiment: its baseline is the counterfactual (services as they were), its uncertainty the futures (a calibrated posterior).")]
        public string Experiment { get; init; } = "";

        [CommandOption("--fit <FIT>")]
        [Description("The fit file that says how each data column compares with the model (its series and error models).")]
        public string? Fit { get; init; }

        [CommandOption("--data <CSV>")]
        [Description("The observed data (default: the fit's data).")]
        public string? Data { get; init; }

        [CommandOption("--scenario <NAME>")]
        [Description("The scenario that was implemented: its band is what the plan expected.")]
        public string? Scenario { get; init; }

        [CommandOption("--from <TIME>")]
        [Description("Evaluate the observations from this time on (when the intervention started).")]
        public double? From { get; init; }

        [CommandOption("--calibration <DIR>")]
        [Description("A calibration's folder: the noise scales it estimated (estimates.csv) make the bands predictive.")]
        public string? Calibration { get; init; }

        [CommandOption("-o|--output <DIR>")]
        [Description("Folder for the results (default: <experiment file name>-evaluation).")]
        public string? Output { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Fit is null) throw new UsageException("give --fit: the fit file whose series say how the data compare with the model");
        foreach (var (file, what) in new[] { (settings.Experiment, "experiment"), (settings.Fit, "fit") })
            if (!File.Exists(file)) throw new UsageException($"the {what} file '{file}' does not exist");
        settings.CheckBatches();
        var scales = settings.Calibration is { } calibration
            ? EvaluationCompiler.ScalesFrom(ResultFolderSettings.EstimatesIn(calibration, "--calibration"))
            : new Dictionary<string, double>();
        var diagnostics = new DiagnosticBag();
        var problem = EvaluationCompiler.Compile(settings.Experiment, settings.Fit, settings.Data, settings.Scenario, settings.From, scales, diagnostics);
        DiagnosticPrinter.Print(diagnostics.Items);
        if (problem is null) return ExitCodes.ModelErrors;

        MemoryLimit.Check(CounterfactualEvaluation.MemoryOf(problem, settings.Batches), settings.MaxMemory, "this evaluation",
            "evaluate fewer futures (fewer samples in the experiment's uncertainty) or fewer observations (--from)");
        var folder = settings.Prepare(EvaluationWriter.Folder(settings.Output ?? Path.GetFileNameWithoutExtension(settings.Experiment) + "-evaluation"));
        var report = CounterfactualEvaluation.Run(problem, settings.Batches, cancellationToken, new ProgressLines("evaluate").Report);
        var written = folder.Publish(new Dictionary<string, string>(EvaluationWriter.Contents(report)) { [EvaluationWriter.Page] = CalibrationPages.Evaluation(report) });
        Print(report);
        Console.Error.WriteLine($"evaluate: wrote {string.Join(", ", written)} to {folder.Path}");
        return ExitCodes.Ok;
    }

    private static void Print(EvaluationReport report)
    {
        var p = report.Problem;
        bool plan = p.Implemented is not null;
        var table = new Table().Border(TableBorder.Simple)
            .Title(Markup.Escape($"observed{(p.From is double from ? $" from {from.ToString(CultureInfo.InvariantCulture)}" : "")} against '{p.BaselineName}' over {report.Futures:N0} futures (P5-P95)"));
        table.AddColumn("series");
        table.AddColumn(new TableColumn("n").RightAligned());
        table.AddColumn(new TableColumn("observed").RightAligned());
        table.AddColumn(new TableColumn("counterfactual").RightAligned());
        table.AddColumn(new TableColumn(Markup.Escape("observed - counterfactual")).RightAligned());
        table.AddColumn(new TableColumn(Markup.Escape("P(counterfactual higher)")).RightAligned());
        table.AddColumn(new TableColumn("outside the band").RightAligned());
        if (plan) table.AddColumn(new TableColumn(Markup.Escape($"expected ({p.Implemented!.Scenario.Name} - {p.BaselineName})")).RightAligned());
        foreach (var s in report.Series)
        {
            var cells = new List<string>
            {
                Markup.Escape(s.Series + (s.Noise ? "" : " (no noise)")), s.Count.ToString(CultureInfo.InvariantCulture), Numbers.Format(s.ObservedSum),
                Markup.Escape($"{Numbers.Format(s.CounterfactualSum.P50)} [{Numbers.Format(s.CounterfactualSum.P5)}, {Numbers.Format(s.CounterfactualSum.P95)}]"),
                Markup.Escape($"{Numbers.Format(s.Difference.P50)} [{Numbers.Format(s.Difference.P5)}, {Numbers.Format(s.Difference.P95)}]"),
                s.ProbabilityCounterfactualAbove.ToString("0.00", CultureInfo.InvariantCulture),
                $"{100 * s.ShareOutside:F0}%",
            };
            if (s.ExpectedDifference is { } e)
                cells.Add(Markup.Escape($"{Numbers.Format(e.P50)} [{Numbers.Format(e.P5)}, {Numbers.Format(e.P95)}]"));
            else if (plan) cells.Add("");
            table.AddRow(cells.ToArray());
        }
        AnsiConsole.Write(table);
        AnsiConsole.WriteLine("sums over the evaluated observations; bands include observation noise where its scale is known (--calibration)");
    }
}
