using System.Collections.Immutable;
using System.Globalization;
using Simulation.Engine.Diagnostics;

namespace Simulation.Engine.Scenarios.Format;

/// <summary>
/// What the command line changes in an experiment for one sweep (<c>--samples</c>, <c>--seed</c>, <c>--scenario</c>), so
/// that batch work need not edit the file. They are part of what a sweep is: its fingerprint, its shards' manifests and
/// the command its summary gives to reproduce it all include them.
/// </summary>
public sealed record SweepOverrides(int? Samples = null, ulong? Seed = null, ImmutableArray<string> Scenarios = default)
{
    public static SweepOverrides None { get; } = new();

    public bool IsEmpty => Samples is null && Seed is null && Scenarios.IsDefaultOrEmpty;

    /// <summary>The overrides as command-line options, in a fixed order ("" when none).</summary>
    public string ToArguments()
    {
        var parts = new List<string>();
        if (Samples is int n) parts.Add("--samples " + n.ToString(CultureInfo.InvariantCulture));
        if (Seed is ulong s) parts.Add("--seed " + s.ToString(CultureInfo.InvariantCulture));
        if (!Scenarios.IsDefaultOrEmpty) parts.Add("--scenario " + Quote(string.Join(",", Scenarios)));
        return string.Join(" ", parts);
    }

    private static string Quote(string text) => text.Contains(' ') ? $"\"{text}\"" : text;

    /// <summary>The experiment with these overrides; a subset that leaves out the baseline, or a scenario another is based on, is an error.</summary>
    public ExperimentDocument? Apply(ExperimentDocument experiment, DiagnosticBag diagnostics)
    {
        var result = experiment;
        if (Seed is ulong seed) result = result with { Seed = seed };
        if (Samples is int samples)
        {
            if (experiment.Uncertainty is not { } u || u.Design is DesignKind.Grid or DesignKind.Table)
            {
                diagnostics.Error(DiagnosticCodes.InvalidValue,
                    $"--samples applies to a Monte Carlo, Latin hypercube or Sobol design; this experiment has {(experiment.Uncertainty is null ? "no uncertainty block" : $"a {experiment.Uncertainty.Design} design")}",
                    experiment.Uncertainty?.Location ?? experiment.Location, hint: "leave out --samples");
                return null;
            }
            result = result with { Uncertainty = u with { Samples = samples } };
        }
        if (Scenarios.IsDefaultOrEmpty) return result;
        var byName = experiment.Scenarios.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
        var kept = new List<ScenarioDefinition>();
        foreach (var name in Scenarios)
        {
            if (!byName.TryGetValue(name, out var scenario))
            {
                string? like = NameSuggester.Suggest(name, byName.Keys);
                diagnostics.Error(DiagnosticCodes.InvalidValue, $"--scenario: the experiment has no scenario '{name}'", experiment.Location,
                    hint: like is not null ? $"did you mean '{like}'?" : $"its scenarios: {string.Join(", ", byName.Keys)}");
                return null;
            }
            if (!kept.Contains(scenario)) kept.Add(scenario);
        }
        string baseline = experiment.Baseline?.Name ?? experiment.Scenarios.FirstOrDefault()?.Name ?? "";
        if (!kept.Any(s => string.Equals(s.Name, baseline, StringComparison.OrdinalIgnoreCase)))
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, $"--scenario leaves out the baseline '{baseline}', which every other scenario is compared with",
                experiment.Location, hint: $"add it: --scenario \"{baseline},{string.Join(",", Scenarios)}\"");
            return null;
        }
        foreach (var s in kept)
            if (s.BasedOn is { } basis && !kept.Any(k => string.Equals(k.Name, basis.Name, StringComparison.OrdinalIgnoreCase)))
            {
                diagnostics.Error(DiagnosticCodes.InvalidValue, $"--scenario keeps '{s.Name}', which is based on '{basis.Name}', but leaves that out",
                    experiment.Location, hint: $"add '{basis.Name}' to --scenario");
                return null;
            }
        // In the file's order, so that run ids and tables do not depend on the order the names were typed in.
        return result with { Scenarios = experiment.Scenarios.Where(kept.Contains).ToImmutableArray() };
    }
}
