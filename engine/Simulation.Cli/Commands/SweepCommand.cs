using System.ComponentModel;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Scenarios;
using System.Collections.Immutable;
using Simulation.Engine.Scenarios.Distributed;
using Simulation.Engine.Scenarios.Format;
using Simulation.Engine.Scenarios.Running;
using Spectre.Console.Cli;

namespace Simulation.Cli.Commands;

/// <summary><c>sim sweep EXPERIMENT [--output DIR] [--threads N] [--resume] [--force] [--csv] [--report] [--shard I/N] [--samples N] [--seed S] [--scenario NAMES]</c></summary>
public sealed class SweepCommand : Command<SweepCommand.Settings>
{
    public sealed class Settings : SweepSettings
    {
        [CommandArgument(0, "<EXPERIMENT>")]
        [Description("The experiment file (.json): model, scenarios, uncertainty and outcomes (docs/experiment-format.md).")]
        public string Experiment { get; init; } = "";

        [CommandOption("-o|--output <DIR>")]
        [Description("Folder for the results (default: the experiment file's name with -sweep, in the current folder: hospital-beds.json gives hospital-beds-sweep).")]
        public string? Output { get; init; }

        [CommandOption("--report")]
        [Description("When the sweep is complete, also write its HTML report, DIR/report.html (as sim report DIR does).")]
        public bool Report { get; init; }

        [CommandOption("--shard <I/N>")]
        [Description("Run only shard I of N (from 0), for sim merge to join; auto/N takes I from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID (docs/distributed.md).")]
        public string? Shard { get; init; }

        [CommandOption("--samples <N>")]
        [Description("Use N samples instead of the experiment's (Monte Carlo, Latin hypercube and Sobol designs).")]
        public int? Samples { get; init; }

        [CommandOption("--seed <SEED>")]
        [Description("Use this seed instead of the experiment's.")]
        public ulong? Seed { get; init; }

        [CommandOption("--scenario <NAMES>")]
        [Description("Run only these scenarios (comma-separated; the baseline must be among them).")]
        public string? Scenario { get; init; }

        public SweepOverrides Overrides() => new(Samples, Seed,
            Scenario is null ? default : Engine.Binding.NameResolver.SplitList(Scenario).ToImmutableArray());
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        settings.Check();
        if (settings.Samples is < 1) throw new UsageException("--samples must be at least 1");
        if (settings.Scenario is { } names && string.IsNullOrWhiteSpace(names)) throw new UsageException("--scenario names no scenario", "e.g. --scenario \"baseline,virtual wards\"");
        SweepShard? shard;
        try
        {
            shard = settings.Shard is { } text ? SweepShard.Parse(text) : null;
        }
        catch (ShardException e)
        {
            throw new UsageException(e.Message, e.Hint);
        }
        if (shard is not null && settings.Report)
            throw new UsageException("--report cannot be given with --shard: a shard holds part of the sweep", "merge the shards with sim merge, then sim report the merged folder");
        if (shard is not null && settings.Csv)
            throw new UsageException("--csv cannot be given with --shard: a shard writes no tables, only the chunks sim merge reads", "give --csv to sim merge");
        var experiment = ExperimentLoader.Compile(settings.Experiment, settings.Overrides());
        if (experiment is null) return ExitCodes.ModelErrors;

        if (settings.Output is not null) OutputFiles.CheckName(settings.Output, "--output");
        string folder = settings.Output ?? Path.GetFileNameWithoutExtension(settings.Experiment) + (shard is null ? "-sweep" : $"-shard-{shard.Index}-of-{shard.Count}");
        string again = $"sim sweep {settings.Experiment} --output {folder}{(shard is null ? "" : $" --shard {shard}")}" +
                       $"{(experiment.Overrides.IsEmpty ? "" : " " + experiment.Overrides.ToArguments())} --resume";
        var (status, runner) = SweepLauncher.Run(experiment, folder, settings, again, cancellationToken, shard: shard);
        switch (status)
        {
            case SweepStatus.Cancelled:
                return 130;
            case SweepStatus.AlreadyComplete:
                Console.Error.WriteLine($"sweep: '{folder}' already holds this sweep, complete; nothing to run " +
                    (shard is null ? $"(sim summary {folder} shows it)" : $"(shard {shard}: sim merge reads it)"));
                break;
            case SweepStatus.Completed when shard is not null:
                Console.Error.WriteLine($"sweep: wrote shard {shard} ({runner.TotalRuns:N0} runs: the chunks sim merge reads, and {ShardManifest.FileName}) to {folder}");
                return ExitCodes.Ok;
            default:
                Console.Out.Write(Reporting.Text.SummaryText.Headline(runner.Summary!));
                Console.Error.WriteLine($"sweep: wrote runs, outcomes{(experiment.Measurement.Series.IsEmpty ? "" : ", series")} and summary to {folder}");
                Console.Error.WriteLine($"  every outcome: sim summary {folder} --all{(settings.Report ? "" : $"; the report: sim report {folder}")}");
                break;
        }
        if (settings.Report) ReportCommand.Write(folder, output: null, force: false, settings.MaxMemory);
        return ExitCodes.Ok;
    }
}
