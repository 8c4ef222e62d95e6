using System.ComponentModel;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Scenarios;
using Simulation.Engine.Scenarios.Running;
using Spectre.Console.Cli;

namespace Simulation.Cli.Commands;

/// <summary><c>sim sweep EXPERIMENT [--output DIR] [--threads N] [--resume] [--force] [--csv]</c></summary>
public sealed class SweepCommand : Command<SweepCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<EXPERIMENT>")]
        [Description("The experiment file (.json): model, scenarios, uncertainty and outcomes (docs/experiment-format.md).")]
        public string Experiment { get; init; } = "";

        [CommandOption("-o|--output <DIR>")]
        [Description("Folder for the results (default: <experiment name>-sweep in the current folder).")]
        public string? Output { get; init; }

        [CommandOption("--threads <N>")]
        [Description("Worker threads (default: one per core).")]
        public int? Threads { get; init; }

        [CommandOption("--lanes <N>")]
        [Description("Runs integrated side by side per batch, a multiple of 4 (default 16). Results do not depend on it.")]
        public int? Lanes { get; init; }

        [CommandOption("--reference")]
        [Description("Run on the scalar reference evaluator instead of the vector engine (slow; the oracle).")]
        public bool Reference { get; init; }

        [CommandOption("--resume")]
        [Description("Continue a sweep that was stopped or killed, keeping the runs it had finished.")]
        public bool Resume { get; init; }

        [CommandOption("--force")]
        [Description("Delete an earlier sweep's files in the folder and start again.")]
        public bool Force { get; init; }

        [CommandOption("--csv")]
        [Description("Also write every table as CSV.")]
        public bool Csv { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Resume && settings.Force) throw new UsageException("--resume and --force cannot be given together", "--resume continues a sweep, --force starts it again");
        if (settings.Threads is < 1) throw new UsageException("--threads must be at least 1");
        if (settings.Lanes is int lanes && (lanes < 4 || lanes % 4 != 0)) throw new UsageException("--lanes must be a positive multiple of 4", "e.g. 16 or 64");
        if (Directory.Exists(settings.Experiment)) throw new UsageException($"'{settings.Experiment}' is a folder; give an experiment file");
        if (!File.Exists(settings.Experiment)) throw new UsageException($"the experiment file '{settings.Experiment}' does not exist");
        var diagnostics = new DiagnosticBag();
        var experiment = ExperimentCompiler.CompileFile(settings.Experiment, diagnostics);
        DiagnosticPrinter.Print(diagnostics.Items);
        if (experiment is null) return ExitCodes.ModelErrors;

        if (settings.Output is not null) OutputFiles.CheckName(settings.Output, "--output");
        string folder = settings.Output ?? Path.GetFileNameWithoutExtension(settings.Experiment) + "-sweep";
        if (File.Exists(folder)) throw new UsageException($"'{folder}' is a file; --output names a folder");
        var start = settings.Resume ? SweepStart.Resume : settings.Force ? SweepStart.Force : SweepStart.Fresh;
        int threads = settings.Threads ?? Environment.ProcessorCount;
        ISweepEngine engine = settings.Reference ? new ReferenceSweepEngine(threads) : new VectorSweepEngine(threads, settings.Lanes ?? 16);
        var runner = new SweepRunner(experiment, engine);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true; // finish cleanly: committed chunks stay, --resume continues
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        SweepStatus status;
        try
        {
            Console.Error.WriteLine($"sweep: {experiment.Scenarios.Length} scenario{(experiment.Scenarios.Length == 1 ? "" : "s")} x {experiment.Futures:N0} future{(experiment.Futures == 1 ? "" : "s")} = {experiment.Runs:N0} runs on {threads} thread{(threads == 1 ? "" : "s")} into {folder}");
            status = SweepProgress.Show(runner, () => runner.Run(folder, start, settings.Csv, stop.Token));
        }
        catch (SweepFolderException e)
        {
            throw new UsageException(e.Message, e.Hint);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        switch (status)
        {
            case SweepStatus.Cancelled:
                Console.Error.WriteLine($"sweep: stopped after {runner.CompletedRuns:N0} of {runner.TotalRuns:N0} runs; finished chunks are kept");
                Console.Error.WriteLine($"  continue with: sim sweep {settings.Experiment} --output {folder} --resume");
                return 130;
            case SweepStatus.AlreadyComplete:
                Console.Error.WriteLine($"sweep: '{folder}' already holds this sweep, complete; nothing to do (sim summary {folder} shows it)");
                return ExitCodes.Ok;
            default:
                Console.Out.Write(Reporting.Text.SummaryText.Headline(runner.Summary!));
                Console.Error.WriteLine($"sweep: wrote runs, outcomes{(experiment.Measurement.Series.IsEmpty ? "" : ", series")} and summary to {folder}");
                Console.Error.WriteLine($"  every outcome: sim summary {folder} --all; the report: sim report {folder}");
                return ExitCodes.Ok;
        }
    }
}
