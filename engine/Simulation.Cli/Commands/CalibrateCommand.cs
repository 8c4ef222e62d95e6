using System.ComponentModel;
using Simulation.Engine.Calibration.Mcmc;
using Simulation.Engine.Calibration.Output;
using Simulation.Engine.Calibration.Problem;
using Simulation.Engine.Calibration.Search;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Runtime.Batches;
using Simulation.Reporting.Report;
using Spectre.Console.Cli;

namespace Simulation.Cli.Commands;

/// <summary><c>sim calibrate FIT [--output DIR] [--method optimise|mcmc] ...</c>: estimates a model's inputs from observed data.</summary>
public sealed class CalibrateCommand : Command<CalibrateCommand.Settings>
{
    public sealed class Settings : ResultFolderSettings
    {
        [CommandArgument(0, "<FIT>")]
        [Description("The fit file (.json): model, data, parameters and series (docs/calibration.md).")]
        public string Fit { get; init; } = "";

        [CommandOption("-o|--output <DIR>")]
        [Description("Folder for the results (default: <fit file name>-calibration in the current folder).")]
        public string? Output { get; init; }

        [CommandOption("--method <METHOD>")]
        [Description("optimise (default): maximum likelihood by differential evolution and a local polish, with profile-likelihood intervals; mcmc: a posterior sample (posterior.csv) by differential evolution MCMC.")]
        public string Method { get; init; } = "optimise";

        [CommandOption("--seed <N>")]
        [Description("Fixes the search's and the sampler's random choices (default: the fit file's seed, else 0).")]
        public ulong? Seed { get; init; }

        [CommandOption("--population <N>")]
        [Description("optimise: differential evolution's population (default: 8 per parameter, at least 16).")]
        public int? Population { get; init; }

        [CommandOption("--generations <N>")]
        [Description("optimise: at most this many generations of the global search (default 100); mcmc: generations of the sampler (default 2000).")]
        public int? Generations { get; init; }

        [CommandOption("--starts <N>")]
        [Description("optimise: local polishes from the best distinct candidates of the global search (default 4).")]
        public int? Starts { get; init; }

        [CommandOption("--no-intervals")]
        [Description("optimise: skip the profile-likelihood intervals.")]
        public bool NoIntervals { get; init; }

        [CommandOption("--chains <N>")]
        [Description("mcmc: chains, an even number of at least 4 (default: 2 per sampled coordinate, at least 16).")]
        public int? Chains { get; init; }

        [CommandOption("--burn-in <N>")]
        [Description("mcmc: generations discarded at the start (default: half).")]
        public int? BurnIn { get; init; }

        [CommandOption("--thin <N>")]
        [Description("mcmc: keep every N-th generation after the burn-in (default 1).")]
        public int? Thin { get; init; }

        [CommandOption("--start <DIR>")]
        [Description("mcmc: start the chains within the 95% intervals of an earlier calibration of this fit (the folder it wrote) instead of across the bounds: for data that pin the inputs down far more narrowly than the bounds.")]
        public string? Start { get; init; }

        [CommandOption("--draws <N>")]
        [Description("mcmc: draws written to posterior.csv, spread evenly over the kept ones (default 1000).")]
        public int? Draws { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        bool mcmc = settings.Method.ToLowerInvariant() switch
        {
            "optimise" or "optimize" => false,
            "mcmc" => true,
            _ => throw new UsageException($"unknown method '{settings.Method}'", "use optimise or mcmc"),
        };
        CheckOptions(settings, mcmc);
        if (Directory.Exists(settings.Fit)) throw new UsageException($"'{settings.Fit}' is a folder; give a fit file");
        if (!File.Exists(settings.Fit)) throw new UsageException($"the fit file '{settings.Fit}' does not exist");
        var diagnostics = new DiagnosticBag();
        var problem = FitCompiler.CompileFile(settings.Fit, diagnostics);
        DiagnosticPrinter.Print(diagnostics.Items);
        if (problem is null) return ExitCodes.ModelErrors;

        var folder = settings.Prepare(CalibrationWriter.Folder(settings.Output ?? Path.GetFileNameWithoutExtension(settings.Fit) + "-calibration"));
        ulong seed = settings.Seed ?? problem.Fit.Seed;
        var batches = settings.Batches;
        int threads = batches.Threads;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true; // stop cleanly: nothing is written
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        CalibrationReport report;
        var progress = new ProgressLines("calibrate");
        try
        {
            var evaluator = new CandidateEvaluator(problem, batches, stop.Token);
            Console.Error.WriteLine($"calibrate: {problem.Space.Dimension} parameter{(problem.Space.Dimension == 1 ? "" : "s")}, {problem.Observations.Length} observation{(problem.Observations.Length == 1 ? "" : "s")} in {problem.Series.Length} series, {(mcmc ? "mcmc" : "optimise")}, seed {seed}, {threads} thread{(threads == 1 ? "" : "s")}");
            if (mcmc)
            {
                var mcmcSettings = new McmcSettings
                {
                    Chains = settings.Chains, Generations = settings.Generations ?? 2000, BurnIn = settings.BurnIn, Thin = settings.Thin ?? 1, Draws = settings.Draws ?? 1000,
                    Start = settings.Start is { } earlier ? StartingBox.FromEstimates(problem, ResultFolderSettings.EstimatesIn(earlier, "--start")) : null,
                };
                MemoryLimit.Check(DifferentialEvolutionMcmc.MemoryOf(problem, mcmcSettings, batches), settings.MaxMemory, "this calibration",
                    "keep fewer draws (fewer --generations, a longer --burn-in or a larger --thin) or run fewer --chains");
                var sample = new DifferentialEvolutionMcmc(evaluator, mcmcSettings, seed) { Progress = progress.Report }.Run();
                report = CalibrationReport.FromPosterior(evaluator, sample, mcmcSettings, seed);
            }
            else
            {
                var optimiserSettings = new OptimiserSettings
                {
                    Population = settings.Population, MaxGenerations = settings.Generations ?? 100, Starts = settings.Starts ?? 4, Intervals = !settings.NoIntervals,
                };
                var result = Optimiser.Run(evaluator, seed, optimiserSettings, progress.Report);
                report = CalibrationReport.FromOptimisation(evaluator, result, seed);
            }
        }
        catch (CalibrationException e)
        {
            throw new UsageException(e.Message, e.Hint);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.Error.WriteLine("calibrate: stopped; nothing was written");
            return 130;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
        var written = folder.Publish(new Dictionary<string, string>(CalibrationWriter.Contents(report)) { [CalibrationWriter.Page] = CalibrationPages.Fit(report) });
        CalibrationTable.Print(report);
        Console.Error.WriteLine($"calibrate: wrote {string.Join(", ", written)} to {folder.Path}");
        return ExitCodes.Ok;
    }

    private static void CheckOptions(Settings s, bool mcmc)
    {
        s.CheckBatches();
        if (s.Generations is < 1) throw new UsageException("--generations must be at least 1");
        var wrong = mcmc
            ? new (string, bool)[] { ("--population", s.Population is not null), ("--starts", s.Starts is not null), ("--no-intervals", s.NoIntervals) }
            : [("--chains", s.Chains is not null), ("--burn-in", s.BurnIn is not null), ("--thin", s.Thin is not null), ("--draws", s.Draws is not null), ("--start", s.Start is not null)];
        foreach (var (option, given) in wrong)
            if (given) throw new UsageException($"{option} does not apply to --method {(mcmc ? "mcmc" : "optimise")}", mcmc ? "it sets the optimiser" : "it sets the sampler (--method mcmc)");
        if (s.Population is < 5) throw new UsageException("--population must be at least 5");
        if (s.Starts is < 1) throw new UsageException("--starts must be at least 1");
        if (s.Chains is int chains && (chains < 4 || chains % 2 != 0)) throw new UsageException("--chains must be an even number, at least 4", "e.g. --chains 16");
        if (s.Thin is < 1) throw new UsageException("--thin must be at least 1");
        if (s.BurnIn is < 0) throw new UsageException("--burn-in cannot be negative");
        if (s.Draws is < 1) throw new UsageException("--draws must be at least 1");
        if (mcmc && s.BurnIn is int burn && burn >= (s.Generations ?? 2000))
            throw new UsageException($"--burn-in {burn} leaves no generations to keep out of {s.Generations ?? 2000}", "give more --generations or a shorter --burn-in");
    }
}
