using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Simulation.Engine.Model;
using Simulation.Engine.Scenarios.Format;
using Simulation.Engine.Scenarios.Resolution;

namespace Simulation.Engine.Scenarios.Summary;

/// <summary>
/// What a reader of the results needs to know about the experiment, kept with the summary so that a report can be
/// made from the sweep folder alone: the question, each scenario's changes in words, the uncertain inputs with their
/// sampled spread, units, plausible range and source, the outcomes, and how to reproduce the sweep.
/// </summary>
public sealed record SweepDescription(
    string? Question,
    IReadOnlyList<ScenarioDescription> Scenarios,
    IReadOnlyList<InputDescription> Inputs,
    IReadOnlyList<OutcomeDescription> Outcomes,
    IReadOnlyList<string> Series,
    Provenance Provenance,
    IReadOnlyDictionary<string, string>? SeriesUnits = null,
    string? TimeUnits = null)
{
    public static SweepDescription Of(CompiledExperiment experiment)
    {
        var document = experiment.Document;
        var scenarios = experiment.Scenarios.Select(s => new ScenarioDescription(s.Name,
            s.Scenario.Documentation,
            document.Scenarios.FirstOrDefault(d => d.Name == s.Name)?.BasedOn?.Name,
            s.Scenario.Overrides.Select(o => Describe(o.Definition)).Concat(s.Scenario.Interventions.Select(i => Describe(i.Definition, experiment.Model.Time.Units))).ToList()))
            .ToList();
        var rows = InputTable.Rows(experiment.Model).ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);
        var inputs = experiment.Uncertainty.Columns.Select(c =>
        {
            var row = rows.GetValueOrDefault(c.Target.VariableName);
            return new InputDescription(c.Label, c.Target.VariableName, Spread(c), row?.Meaning, row?.Value, row?.Units, row?.Range, row?.Source);
        }).ToList();
        var outcomes = document.Outcomes.Select(o => new OutcomeDescription(o.Name, o.Units, o.Documentation, OutcomeKindNames.Of(o.Kind))).ToList();
        var series = experiment.Measurement.Series.Select(s => s.Variable).Distinct().ToList();
        var units = series.Select(v => experiment.Model.Variables.FirstOrDefault(x => x.Name == v))
            .Where(v => v?.Units is not null).ToDictionary(v => v!.Name, v => v!.Units!);
        return new SweepDescription(document.Description, scenarios, inputs, outcomes, series, Provenance.Of(experiment), units, experiment.Model.Time.Units);
    }

    private static string Describe(InputOverride o)
    {
        var parts = new List<string>();
        if (o.Equation is { } e) parts.Add($"= {e.Text}");
        if (!o.Elements.IsEmpty) parts.Add(string.Join(", ", o.Elements.Select(x => $"[{string.Join(",", x.Subscript)}] = {x.Equation?.Text ?? "graph"}")));
        if (o.Graph is not null) parts.Add("a new graph");
        return $"{o.Target.Text.Trim()} {string.Join("; ", parts)} (whole run)";
    }

    private static string Describe(InterventionDefinition i, string? timeUnits)
    {
        string when = i.End is double end ? $"from {Number(i.Start)} to {Number(end)}" : $"from {Number(i.Start)}";
        string unit = string.IsNullOrWhiteSpace(timeUnits) ? "" : $" ({timeUnits})";
        string what = i.Action switch
        {
            InterventionAction.Stop => "stops (becomes 0)",
            InterventionAction.Multiply => i.IsRamp ? $"moves to x {Number(i.Value)} of its value" : $"multiplied by {Number(i.Value)}",
            _ => i.IsRamp ? $"moves to {Number(i.Value)}" : $"set to {Number(i.Value)}",
        };
        return $"{i.Target.Text.Trim()} {what}, {when}{unit}";
    }

    /// <summary>How a sampled column spreads: its distribution's median and 90% interval (what every distribution has).</summary>
    private static string Spread(SampledInput c)
    {
        if (c.MovesAcrossElements)
            return "one quantile level (0 to 1) for every element, each from its own distribution: " + string.Join("; ",
                c.ElementDistributions.Take(6).Select(e => $"median {Number(e.Quantile(0.5))}, 90% {Number(e.Quantile(0.05))} to {Number(e.Quantile(0.95))}")) +
                (c.ElementDistributions.Length > 6 ? "; ..." : "");
        string what = c.Apply == ApplyMode.Multiply ? "factor on the scenario's value" : "value";
        if (c.Distribution is not { } d) return $"{what}: from the design table";
        return $"{what}: median {Number(d.Quantile(0.5))}, 90% between {Number(d.Quantile(0.05))} and {Number(d.Quantile(0.95))}";
    }

    internal static string Number(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}

/// <param name="Changes">Every change the scenario makes (those of the scenario it is based on included), in words.</param>
public sealed record ScenarioDescription(string Name, string? Doc, string? BasedOn, IReadOnlyList<string> Changes);

/// <param name="Column">The column in the runs table.</param>
/// <param name="Sampled">How the sample is spread (median and 90% interval of its distribution).</param>
public sealed record InputDescription(string Column, string Variable, string Sampled, string? Meaning, string? Value, string? Units, string? Range, string? Source);

public sealed record OutcomeDescription(string Name, string? Units, string? Doc, string Kind);

/// <summary>How to reproduce the sweep: the files (with SHA-256 hashes of their text), the engine's version and the command.</summary>
public sealed record Provenance(string ExperimentFile, string ExperimentSha256, string ModelFile, string ModelSha256, string? TableSha256, string EngineVersion,
    string Command)
{
    public static Provenance Of(CompiledExperiment experiment)
    {
        var document = experiment.Document;
        string file = Shown(document.Source.Path);
        string? table = document.Uncertainty?.TablePath is { } t && File.Exists(t) ? Hash(File.ReadAllText(t)) : null;
        return new Provenance(file, Hash(document.Source.Text), Shown(document.ModelPath), Hash(experiment.Model.Source?.Text ?? ""), table, CurrentEngineVersion,
            $"sim sweep {Quote(file)} --output DIR" + (experiment.Overrides.IsEmpty ? "" : " " + experiment.Overrides.ToArguments()));
    }

    public static string CurrentEngineVersion { get; } =
        typeof(Provenance).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>A path relative to the working folder when it lies below it, as users type it.</summary>
    private static string Shown(string path)
    {
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, Path.GetFullPath(path));
        return (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? Path.GetFullPath(path) : relative).Replace('\\', '/');
    }

    private static string Quote(string path) => path.Contains(' ') ? $"\"{path}\"" : path;
}
