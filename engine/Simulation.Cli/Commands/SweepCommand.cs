using System.ComponentModel;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Scenarios;
using Simulation.Engine.Scenarios.Running;
using Spectre.Console.Cli;

namespace Simulation.Cli.Commands;

/// <summary><c>sim sweep EXPERIMENT [--output DIR] [--threads N] [--resume] [--force] [--csv] [--report]</c></summary>
public sealed class SweepCommand : Command<SweepCommand.Settings>
{
    public sealed class Settings : SweepSettings
    {
        [CommandArgument(0, "<EXPERIMENT>")]
        [Description("The experiment file (.json): model, scenarios, uncertainty and outcomes (docs/experiment-format.md).")]
        public string Experiment { get; init; } = "";

        [CommandOption("-o|--output <DIR>")]
        [Description("Folder for the results (default: <experiment name>-sweep in the current folder).")]
        public string? Output { get; init; }

        [CommandOption("--report")]
        [Description("When the sweep is complete, also write its HTML report, DIR/report.html (as sim report DIR does).")]
        public bool Report { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        settings.Check();
        var experiment = ExperimentLoader.Compile(settings.Experiment);
        if (experiment is null) return ExitCodes.ModelErrors;

        if (settings.Output is not null) OutputFiles.CheckName(settings.Output, "--output");
        string folder = settings.Output ?? Path.GetFileNameWithoutExtension(settings.Experiment) + "-sweep";
        var (status, runner) = SweepLauncher.Run(experiment, folder, settings, $"sim sweep {settings.Experiment} --output {folder} --resume", cancellationToken);
        switch (status)
        {
            case SweepStatus.Cancelled:
                return 130;
            case SweepStatus.AlreadyComplete:
                Console.Error.WriteLine($"sweep: '{folder}' already holds this sweep, complete; nothing to run (sim summary {folder} shows it)");
                break;
            default:
                Console.Out.Write(Reporting.Text.SummaryText.Headline(runner.Summary!));
                Console.Error.WriteLine($"sweep: wrote runs, outcomes{(experiment.Measurement.Series.IsEmpty ? "" : ", series")} and summary to {folder}");
                Console.Error.WriteLine($"  every outcome: sim summary {folder} --all{(settings.Report ? "" : $"; the report: sim report {folder}")}");
                break;
        }
        if (settings.Report) ReportCommand.Write(folder, output: null, force: false);
        return ExitCodes.Ok;
    }
}
