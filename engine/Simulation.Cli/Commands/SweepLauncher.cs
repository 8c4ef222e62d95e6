using System.ComponentModel;
using System.Runtime.InteropServices;
using Simulation.Engine.Scenarios;
using Simulation.Engine.Scenarios.Distributed;
using Simulation.Engine.Scenarios.Running;
using Spectre.Console.Cli;

namespace Simulation.Cli.Commands;

/// <summary>The options of every command that sweeps an experiment (sim sweep, sim sensitivity).</summary>
public class SweepSettings : CommandSettings
{
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

    [CommandOption("--max-memory <SIZE>")]
    [Description("Refuse to start when the sweep's estimated memory is larger than this (e.g. 8GB; default: three quarters of the machine's memory).")]
    public string? MaxMemory { get; init; }

    public SweepStart Start => Resume ? SweepStart.Resume : Force ? SweepStart.Force : SweepStart.Fresh;

    public void Check()
    {
        if (Resume && Force) throw new UsageException("--resume and --force cannot be given together", "--resume continues a sweep, --force starts it again");
        if (Threads is < 1) throw new UsageException("--threads must be at least 1");
        MemoryLimit.Parse(MaxMemory);
        if (Lanes is int lanes && (lanes < 4 || lanes % 4 != 0)) throw new UsageException("--lanes must be a positive multiple of 4", "e.g. 16 or 64");
    }
}

/// <summary>
/// Runs a compiled experiment into a folder as sim sweep does: on the vector engine (or the reference evaluator) over
/// every core, with progress, stopping cleanly on Ctrl-C (finished chunks kept for --resume), and folder problems
/// reported as usage errors.
/// </summary>
public static class SweepLauncher
{
    /// <param name="resumeWith">The command line that continues this sweep, printed when it is stopped.</param>
    public static (SweepStatus Status, SweepRunner Runner) Run(CompiledExperiment experiment, string folder, SweepSettings settings, string resumeWith,
        CancellationToken cancellationToken, IReadOnlyList<string>? alsoOwned = null, SweepShard? shard = null)
    {
        if (File.Exists(folder)) throw new UsageException($"'{folder}' is a file; --output names a folder");
        int threads = settings.Threads ?? Environment.ProcessorCount;
        ISweepEngine engine = settings.Reference ? new ReferenceSweepEngine(threads) : new VectorSweepEngine(threads, settings.Lanes ?? 16);
        var runner = new SweepRunner(experiment, engine, shard);
        MemoryLimit.Check(SweepMemory.Estimate(experiment, threads, settings.Reference ? 1 : settings.Lanes ?? 16, runner.TotalRuns / experiment.Scenarios.Length, shard is null),
            settings.MaxMemory, "this sweep", "run fewer futures at once (--shard I/N, then sim merge), record fewer series or outcomes, or set a smaller \"chunk\" in the experiment's outputs");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true; // finish cleanly: committed chunks stay, --resume continues
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        // SIGTERM is how schedulers stop a task (Slurm's scancel and requeue, a Kubernetes pod's deletion, docker stop):
        // stop as on Ctrl-C, so the log says what is kept, well within their grace period before SIGKILL.
        using var onTerminate = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        SweepStatus status;
        try
        {
            void Started()
            {
                Console.Error.WriteLine($"sweep: {experiment.Scenarios.Length} scenario{(experiment.Scenarios.Length == 1 ? "" : "s")} x {experiment.Futures:N0} future{(experiment.Futures == 1 ? "" : "s")} = {experiment.Runs:N0} runs" +
                    (shard is null ? "" : $", shard {shard} of them: {runner.TotalRuns:N0} runs") + $" on {threads} thread{(threads == 1 ? "" : "s")} into {folder}");
                if (shard is not null && runner.TotalRuns == 0)
                    Console.Error.WriteLine($"sweep: warning: shard {shard} has no runs: the sweep has fewer chunks than shards (set \"chunk\" in the experiment's outputs for smaller ones)");
            }
            status = SweepProgress.Show(runner, () => runner.Run(folder, settings.Start, settings.Csv, stop.Token, alsoOwned, Started));
        }
        catch (SweepFolderException e)
        {
            throw new UsageException(e.Message, e.Hint);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
        foreach (var repaired in runner.RepairedChunks) Console.Error.WriteLine($"sweep: {repaired}");
        if (status != SweepStatus.AlreadyComplete && runner.ResumedRuns > 0) // a requeued task's log shows it did not start again
            Console.Error.WriteLine($"sweep: resumed: {runner.ResumedRuns:N0} of {runner.TotalRuns:N0} runs were kept from an earlier start");
        if (status == SweepStatus.Cancelled)
        {
            long unfinished = runner.CompletedRuns - runner.KeptRuns;
            Console.Error.WriteLine($"sweep: stopped; {runner.KeptRuns:N0} of {runner.TotalRuns:N0} runs are kept (finished chunks)" +
                (unfinished > 0 ? $", {unfinished:N0} of unfinished chunks will run again" : ""));
            Console.Error.WriteLine($"  continue with: {resumeWith}");
        }
        return (status, runner);
    }
}
