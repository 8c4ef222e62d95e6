using System.ComponentModel;
using System.Globalization;
using Simulation.Engine.Calibration;
using Simulation.Engine.Calibration.Format;
using Simulation.Engine.Calibration.Problem;
using Simulation.Engine.Calibration.Search;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Scenarios.Format;
using Simulation.Engine.Runtime.Batches;
using Spectre.Console.Cli;

namespace Simulation.Cli.Commands;

/// <summary><c>sim synthesize FIT --set "Parameter=value" --noise "column=sd" --output CSV</c>: data made up from the fit's model with known inputs.</summary>
public sealed class SynthesizeCommand : Command<SynthesizeCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<FIT>")]
        [Description("The fit file: its model, parameters and series; its data file gives the times and which cells are observed.")]
        public string Fit { get; init; } = "";

        [CommandOption("--set <PARAMETER=VALUE>")]
        [Description("The true value of a parameter, named as in estimates.csv (e.g. \"Beta=1.7\", \"Mortality (factor)=1.1\"); parameters not set take the model's value.")]
        public string[] Set { get; init; } = [];

        [CommandOption("--noise <COLUMN=SCALE>")]
        [Description("The sd (normal, sse, lognormal: of the log) or dispersion (negativeBinomial) of a series whose fit estimates it.")]
        public string[] Noise { get; init; } = [];

        [CommandOption("--seed <N>")]
        [Description("Fixes the noise (default: the fit file's seed, else 0).")]
        public ulong? Seed { get; init; }

        [CommandOption("--data <CSV>")]
        [Description("The data whose times and observed cells are made up (default: the fit's data file), e.g. the weeks after a change.")]
        public string? Data { get; init; }

        [CommandOption("--experiment <FILE>")]
        [Description("With --scenario: an experiment on the fit's model whose scenario the model runs under (its overrides and interventions).")]
        public string? Experiment { get; init; }

        [CommandOption("--scenario <NAME>")]
        [Description("The experiment's scenario to run under: data as they would be seen had it been implemented.")]
        public string? Scenario { get; init; }

        [CommandOption("-o|--output <CSV>")]
        [Description("The data file to write: the fit's data with every observed cell replaced.")]
        public string? Output { get; init; }

        [CommandOption("--force")]
        [Description("Overwrite the output file (also the fit's own data file, to regenerate it).")]
        public bool Force { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Output is null) throw new UsageException("give --output: the data file to write", "e.g. --output history.csv");
        if (!File.Exists(settings.Fit)) throw new UsageException($"the fit file '{settings.Fit}' does not exist");
        if (File.Exists(settings.Output) && !settings.Force) throw new UsageException($"'{settings.Output}' already exists", "use --force to overwrite it");
        if ((settings.Experiment is null) != (settings.Scenario is null))
            throw new UsageException("--experiment and --scenario go together", "--experiment names the file, --scenario its scenario to run under");
        foreach (var (file, what) in new[] { (settings.Data, "data"), (settings.Experiment, "experiment") })
            if (file is not null && !File.Exists(file)) throw new UsageException($"the {what} file '{file}' does not exist");
        var diagnostics = new DiagnosticBag();
        var fit = FitJsonReader.ReadFile(settings.Fit, diagnostics);
        var under = settings.Experiment is null ? null
            : ExperimentJsonReader.ReadFile(settings.Experiment, diagnostics) is { } experiment ? new ScenarioOf(experiment, settings.Scenario!) : null;
        var problem = fit is null || (settings.Experiment is not null && under is null) ? null
            : FitCompiler.Compile(settings.Data is { } data ? fit with { DataPath = data } : fit, diagnostics, under);
        DiagnosticPrinter.Print(diagnostics.Items);
        if (problem is null) return ExitCodes.ModelErrors;

        var space = problem.Space;
        var values = space.Parameters.Select(p => p.ModelValue).ToArray();
        foreach (var (name, value) in settings.Set.Select(s => Assignment("--set", s)))
        {
            int i = space.Parameters.Select(p => p.Label).ToList().FindIndex(l => string.Equals(l, name, StringComparison.OrdinalIgnoreCase));
            if (i < 0)
            {
                string? near = NameSuggester.Suggest(name, space.Parameters.Select(p => p.Label));
                throw new UsageException($"--set: the fit has no parameter '{name}'", near is not null ? $"did you mean '{near}'?" : $"its parameters: {string.Join(", ", space.Parameters.Select(p => p.Label))}");
            }
            values[i] = value;
        }
        for (int i = 0; i < values.Length; i++)
        {
            var p = space.Parameters[i];
            if (!(values[i] >= p.Min && values[i] <= p.Max))
                throw new UsageException($"'{p.Label}' is {values[i].ToString(CultureInfo.InvariantCulture)}, outside its bounds {p.Min.ToString(CultureInfo.InvariantCulture)} to {p.Max.ToString(CultureInfo.InvariantCulture)}",
                    $"give it with --set \"{p.Label}=...\" within the bounds");
        }
        var series = problem.Likelihood.Series;
        var scales = new double[series.Length];
        var noise = settings.Noise.Select(s => Assignment("--noise", s)).ToList();
        foreach (var (name, _) in noise.Where(n => !series.Any(s => string.Equals(s.Name, n.Name, StringComparison.OrdinalIgnoreCase))))
            throw new UsageException($"--noise: the fit has no series '{name}'", $"its series: {string.Join(", ", series.Select(s => s.Name))}");
        for (int s = 0; s < series.Length; s++)
        {
            if (!series[s].EstimatesScale) continue;
            var given = noise.Where(n => string.Equals(n.Name, series[s].Name, StringComparison.OrdinalIgnoreCase)).ToList();
            if (given.Count == 0)
                throw new UsageException($"the fit estimates the {series[s].ScaleName} of '{series[s].Name}', so the noise needs it", $"give --noise \"{series[s].Name}=...\"");
            if (!(given[^1].Value > 0)) throw new UsageException($"--noise {series[s].Name}: the {series[s].ScaleName} must be above 0");
            scales[s] = given[^1].Value;
        }

        var evaluator = new CandidateEvaluator(problem);
        double[] drawn;
        try
        {
            drawn = SyntheticData.Draw(evaluator, values, scales, settings.Seed ?? problem.Fit.Seed);
        }
        catch (CalibrationException e)
        {
            throw new UsageException(e.Message, e.Hint);
        }
        OutputFiles.WriteAtomically(settings.Output, w => w.Write(SyntheticData.AsCsv(problem, drawn)));
        Console.Error.WriteLine($"synthesize: wrote {drawn.Length} observations of {series.Length} series to {settings.Output} ({string.Join(", ", space.Parameters.Select((p, i) => $"{p.Label} = {values[i].ToString("G6", CultureInfo.InvariantCulture)}"))})");
        return ExitCodes.Ok;
    }

    private static (string Name, double Value) Assignment(string option, string text)
    {
        int eq = text.LastIndexOf('=');
        if (eq <= 0) throw new UsageException($"{option} '{text}' is not name=value", option == "--set" ? "e.g. --set \"Beta=1.7\"" : "e.g. --noise \"in_bed=15\"");
        string name = text[..eq].Trim(), number = text[(eq + 1)..].Trim();
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            throw new UsageException($"{option} {name}: '{number}' is not a number", "numbers use a dot for decimals, e.g. 0.25");
        return (name, value);
    }
}
