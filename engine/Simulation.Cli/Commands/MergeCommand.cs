using System.ComponentModel;
using System.Diagnostics;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Scenarios;
using Simulation.Engine.Scenarios.Distributed;
using Simulation.Engine.Scenarios.Running;
using Spectre.Console.Cli;

namespace Simulation.Cli.Commands;

/// <summary><c>sim merge DIR... --output DIR [--allow-partial] [--experiment FILE] [--force] [--csv]</c>: joins the shards of one sweep.</summary>
public sealed class MergeCommand : Command<MergeCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<SHARD_DIR>")]
        [Description("The folders that sim sweep --shard I/N wrote, every shard once.")]
        public string[] Shards { get; init; } = [];

        [CommandOption("-o|--output <DIR>")]
        [Description("Folder for the merged sweep: the same files, byte for byte, as one sim sweep would write.")]
        public string? Output { get; init; }

        [CommandOption("--experiment <FILE>")]
        [Description("The experiment file, where it is not at the path the shards recorded (another machine's mount, say).")]
        public string? Experiment { get; init; }

        [CommandOption("--allow-partial")]
        [Description("Merge the finished shards that are there, leaving out missing or unfinished ones (and saying so).")]
        public bool AllowPartial { get; init; }

        [CommandOption("--force")]
        [Description("Replace an earlier sweep or merge in the output folder.")]
        public bool Force { get; init; }

        [CommandOption("--csv")]
        [Description("Also write every table as CSV.")]
        public bool Csv { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Output is null) throw new UsageException("give the folder for the merged sweep with --output DIR");
        OutputFiles.CheckName(settings.Output, "--output");
        if (File.Exists(settings.Output)) throw new UsageException($"'{settings.Output}' is a file; --output names a folder");
        var clock = Stopwatch.StartNew();
        try
        {
            var merge = ShardMerge.Plan(settings.Shards, settings.AllowPartial);
            Engine.Diagnostics.StageTrace.Mark("shard manifests read and checked");
            string experimentFile = settings.Experiment ?? merge.Manifest.ExperimentFile;
            if (!File.Exists(experimentFile))
                throw new UsageException($"the experiment file '{experimentFile}' that the shards ran is not here", "give it with --experiment FILE");
            var diagnostics = new DiagnosticBag();
            var experiment = ExperimentCompiler.CompileFile(experimentFile, diagnostics, merge.Manifest.Overrides);
            DiagnosticPrinter.Print(diagnostics.Items);
            if (experiment is null) return ExitCodes.ModelErrors;
            foreach (var left in merge.LeftOut) Console.Error.WriteLine($"merge: warning: {left}; its futures are left out");
            Console.Error.WriteLine($"merge: {settings.Shards.Length} shard{(settings.Shards.Length == 1 ? "" : "s")} of {merge.Manifest.Shard.Count} of '{experiment.Document.Name}' into {settings.Output}");
            var summary = merge.Write(experiment, settings.Output, settings.Force ? SweepStart.Force : SweepStart.Fresh, settings.Csv, cancellationToken);
            Console.Out.Write(Reporting.Text.SummaryText.Headline(summary));
            Console.Error.WriteLine($"merge: wrote runs, outcomes{(experiment.Measurement.Series.IsEmpty ? "" : ", series")} and summary to {settings.Output} " +
                $"in {clock.Elapsed.TotalSeconds:F1} s (peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20):N0} MB)");
            if (merge.IsPartial)
                Console.Error.WriteLine($"merge: PARTIAL: {merge.LeftOut.Count} of {merge.Manifest.Shard.Count} shards left out; the summary covers the others' futures only");
            return ExitCodes.Ok;
        }
        catch (SweepFolderException e)
        {
            throw new UsageException(e.Message, e.Hint);
        }
    }
}
