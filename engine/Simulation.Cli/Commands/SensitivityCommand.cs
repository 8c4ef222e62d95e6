using System.ComponentModel;
using Newtonsoft.Json.Linq;
using Simulation.Engine.Analysis;
using Simulation.Engine.Analysis.Correlation;
using Simulation.Engine.Analysis.Morris;
using Simulation.Engine.Analysis.Sobol;
using Simulation.Engine.Scenarios;
using Simulation.Engine.Scenarios.Output;
using Simulation.Engine.Scenarios.Running;
using Spectre.Console.Cli;

namespace Simulation.Cli.Commands;

/// <summary>
/// <c>sim sensitivity EXPERIMENT --method sobol|morris [--samples N] --output DIR</c> sweeps the method's design and
/// computes its measures; <c>sim sensitivity DIR --method correlation</c> computes partial rank correlations from a
/// finished sweep. Both write DIR/sensitivity.csv (docs/sensitivity.md) and print the inputs ranked per outcome.
/// </summary>
public sealed class SensitivityCommand : Command<SensitivityCommand.Settings>
{
    public sealed class Settings : SweepSettings
    {
        [CommandArgument(0, "<SOURCE>")]
        [Description("The experiment file (sobol, morris), or the folder of a finished sweep (correlation).")]
        public string Source { get; init; } = "";

        [CommandOption("-m|--method <METHOD>")]
        [Description("sobol (default): variance-based indices from Saltelli's design; morris: elementary-effects screening; correlation: partial rank correlations from an existing sweep.")]
        public string Method { get; init; } = "sobol";

        [CommandOption("-n|--samples <N>")]
        [Description("sobol: base samples N (runs per scenario: N x (inputs + 2); default 1024, a power of two). morris: trajectories r (runs: r x (inputs + 1); default 20).")]
        public int? Samples { get; init; }

        [CommandOption("--second-order")]
        [Description("sobol: also second-order indices for every pair of inputs (runs per scenario: N x (2 inputs + 2)).")]
        public bool SecondOrder { get; init; }

        [CommandOption("--levels <P>")]
        [Description("morris: grid levels per input, even (default 4).")]
        public int? Levels { get; init; }

        [CommandOption("--resamples <R>")]
        [Description("Bootstrap resamples for the 95% intervals (default 1000).")]
        public int Resamples { get; init; } = Bootstrap.DefaultResamples;

        [CommandOption("-o|--output <DIR>")]
        [Description("Folder for the sweep and the results (default: <experiment name>-<method>; for correlation, the sweep's own folder).")]
        public string? Output { get; init; }

        [CommandOption("--scenario <NAME>")]
        [Description("Print this scenario's ranking and its difference from the baseline (default: the baseline). The files hold every scenario.")]
        public string? Scenario { get; init; }

        [CommandOption("--outcome <NAME>")]
        [Description("Print one outcome only.")]
        public string? Outcome { get; init; }

        [CommandOption("--top <N>")]
        [Description("Inputs printed per outcome, most important first (default 10).")]
        public int Top { get; init; } = 10;
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        settings.Check();
        if (settings.Top < 1) throw new UsageException("--top must be at least 1");
        string method = settings.Method.ToLowerInvariant();
        if (method is not ("sobol" or "morris" or "correlation"))
            throw new UsageException($"unknown method '{settings.Method}'", "use sobol, morris or correlation");
        if (settings.SecondOrder && method != "sobol") throw new UsageException("--second-order is for --method sobol");
        if (settings.Levels is not null && method != "morris") throw new UsageException("--levels is for --method morris");
        try
        {
            return method == "correlation" ? Correlation(settings) : Designed(method, settings, cancellationToken);
        }
        catch (AnalysisException e)
        {
            throw new UsageException(e.Message, e.Hint);
        }
        catch (SweepFolderException e)
        {
            throw new UsageException(e.Message, e.Hint);
        }
    }

    /// <summary>Sobol' or Morris: sweep the method's design over the experiment's futures, then analyse the folder.</summary>
    private static int Designed(string method, Settings settings, CancellationToken cancellationToken)
    {
        if (Directory.Exists(settings.Source))
            throw new UsageException($"'{settings.Source}' is a folder; --method {method} needs the experiment file", "partial rank correlations (--method correlation) read a finished sweep's folder");
        var experiment = ExperimentLoader.Compile(settings.Source);
        if (experiment is null) return ExitCodes.ModelErrors;
        var selection = Selection(experiment.Scenarios.Select(s => s.Name).ToList(), experiment.Baseline,
            experiment.Measurement.Columns.Select(c => c.Outcome).Distinct().ToList(), settings);
        string folder = settings.Output ?? Path.GetFileNameWithoutExtension(settings.Source) + "-" + method;
        int samples = settings.Samples ?? (method == "sobol" ? 1024 : 20);
        var sobol = method == "sobol" ? new SobolSettings(samples, settings.SecondOrder, settings.Resamples) : null;
        var morris = method == "morris" ? new MorrisSettings(samples, settings.Levels ?? 4, settings.Resamples) : null;
        var designed = sobol is not null ? SobolAnalysis.Design(experiment, sobol) : MorrisAnalysis.Design(experiment, morris!);
        if (!experiment.Plausibility.IsEmpty)
            Console.Error.WriteLine($"sensitivity: note: the experiment's plausibility targets are not applied: {(sobol is not null ? "Saltelli's" : "Morris's")} design needs every run, so the measures are over every future it samples");
        if (sobol is not null && !SobolAnalysis.IsBalanced(samples))
            Console.Error.WriteLine($"sensitivity: warning: N = {samples} is not a power of two; Sobol' points are balanced only at powers of two (e.g. {1 << (int)Math.Ceiling(Math.Log2(samples))})");

        string again = $"sim sensitivity {settings.Source} --method {method} --samples {samples}{(settings.SecondOrder ? " --second-order" : "")}{(settings.Levels is int p ? $" --levels {p}" : "")} --output {folder} --resume";
        MemoryLimit.Check(SweepMemory.ReadBack(designed), settings.MaxMemory, "reading this sweep back for the analysis", ReadBackHint);
        var (status, _) = SweepLauncher.Run(designed, folder, settings, again, cancellationToken, SensitivityFiles.All);
        if (status == SweepStatus.Cancelled) return 130;
        if (status == SweepStatus.AlreadyComplete) Console.Error.WriteLine($"sensitivity: '{folder}' already holds this sweep, complete; analysing it again");
        Console.Error.WriteLine($"sensitivity: computing {(sobol is not null ? SobolAnalysis.Method : "elementary effects")} with {settings.Resamples:N0} bootstrap resamples");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var results = SweepFolderReader.Read(folder, series: true);
        var report = sobol is not null
            ? SobolAnalysis.Analyse(results, ((SaltelliDesign)designed.Uncertainty.Design).Layout, settings.Resamples, experiment.Seed)
            : MorrisAnalysis.Analyse(results, (MorrisDesign)designed.Uncertainty.Design, settings.Resamples, experiment.Seed);
        var about = About(method, designed, results, settings.Resamples);
        about["design"] = designed.Uncertainty.Derivation;
        about[sobol is not null ? "baseSamples" : "trajectories"] = samples;
        if (morris is not null) about["levels"] = morris.Levels;
        if (sobol is not null) about["secondOrder"] = sobol.SecondOrder;
        Console.Error.WriteLine($"sensitivity: read the sweep and analysed it in {clock.Elapsed.TotalSeconds:F2} s");
        return Finish(report, folder, about, selection, settings);
    }

    private const string ReadBackHint = "record fewer series (or none) in the experiment's outputs, or sweep fewer samples";

    /// <summary>Partial rank correlations from a finished sweep's folder: no runs.</summary>
    private static int Correlation(Settings settings)
    {
        if (settings.Samples is not null) throw new UsageException("--samples is for sobol and morris; correlation uses the sweep's runs as they are");
        if (settings.Resume) throw new UsageException("--resume is for sobol and morris; correlation runs nothing");
        if (File.Exists(settings.Source))
            throw new UsageException($"'{settings.Source}' is a file; --method correlation reads the folder of a finished sweep", $"sweep it first: sim sweep {settings.Source} --output DIR");
        MemoryLimit.Check(SweepFolderReader.Estimate(settings.Source, series: true), settings.MaxMemory, "reading this sweep for the analysis", ReadBackHint);
        var results = SweepFolderReader.Read(settings.Source, series: true);
        var selection = Selection(results.Scenarios, results.Baseline, results.Outcomes.Select(k => k.Outcome).Distinct().ToList(), settings);
        string folder = settings.Output ?? settings.Source;
        var existing = SensitivityFiles.All.Where(f => File.Exists(Path.Combine(folder, f))).ToList();
        if (existing.Count > 0 && !settings.Force)
            throw new UsageException($"'{folder}' already holds sensitivity results ({string.Join(", ", existing)})", "replace them with --force, or choose another --output folder");
        Console.Error.WriteLine($"sensitivity: partial rank correlations over {results.Samples:N0} samples of {results.Scenarios.Length} scenario{(results.Scenarios.Length == 1 ? "" : "s")}");
        var report = PartialRankCorrelation.Analyse(results);
        return Finish(report, folder, About("correlation", null, results, null), selection, settings);
    }

    private static JObject About(string method, CompiledExperiment? experiment, SweepResults results, int? resamples) => new()
    {
        ["method"] = method,
        ["experiment"] = experiment?.Document.Name,
        ["sweep"] = Path.GetFullPath(results.Folder),
        ["seed"] = experiment?.Seed,
        ["samples"] = results.Samples,
        ["replications"] = results.Replications,
        ["resamples"] = resamples,
        ["interval"] = resamples is null ? "95%, Fisher's z" : "95%, bootstrap percentile",
        ["inputs"] = new JArray(results.Inputs),
        ["scenarios"] = new JArray(results.Scenarios),
        ["baseline"] = results.Scenarios[results.Baseline],
    };

    private static int Finish(SensitivityReport report, string folder, JObject about, Shown shown, Settings settings)
    {
        SensitivityFiles.Write(folder, report, about);
        SensitivityPrinter.Print(report.Outcomes, shown.Scenario, shown.Baseline, shown.Outcome, settings.Top);
        var written = new[] { SensitivityFiles.Table, report.OverTime is null ? null : SensitivityFiles.OverTime, report.SecondOrder is null ? null : SensitivityFiles.SecondOrder }.OfType<string>();
        Console.Error.WriteLine($"sensitivity: wrote {string.Join(", ", written)} and {SensitivityFiles.About} to {folder}");
        return ExitCodes.Ok;
    }

    /// <summary>What the terminal shows: a scenario (the baseline by default), the baseline, and perhaps one outcome.</summary>
    private sealed record Shown(string Scenario, string Baseline, string? Outcome);

    /// <summary>The scenario and outcome to print, checked before anything runs (did you mean).</summary>
    private static Shown Selection(IReadOnlyList<string> scenarios, int baseline, IReadOnlyList<string> outcomes, Settings settings)
    {
        string scenario = scenarios[baseline];
        if (settings.Scenario is { } s)
            scenario = scenarios.FirstOrDefault(n => string.Equals(n, s, StringComparison.OrdinalIgnoreCase)) ?? throw AnalysisException.Unknown("scenario", s, scenarios);
        string? outcome = null;
        if (settings.Outcome is { } o)
            outcome = outcomes.FirstOrDefault(n => string.Equals(n, o, StringComparison.OrdinalIgnoreCase)) ?? throw AnalysisException.Unknown("outcome", o, outcomes);
        return new Shown(scenario, scenarios[baseline], outcome);
    }
}
