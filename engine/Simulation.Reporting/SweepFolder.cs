using Newtonsoft.Json;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Scenarios.Outcomes;
using Simulation.Engine.Scenarios.Output;
using Simulation.Engine.Scenarios.Running;
using Simulation.Engine.Scenarios.Summary;

namespace Simulation.Reporting;

/// <summary>
/// A finished sweep's folder, as the views read it: its summary (summary.json) and, for charts, its tables. A folder
/// that is not a sweep, or whose sweep has not finished, is refused with a hint.
/// </summary>
public sealed class SweepFolder
{
    private SweepFolder(string path, SweepSummary summary)
    {
        Path = path;
        Summary = summary;
    }

    public string Path { get; }

    public SweepSummary Summary { get; }

    public string TablePath(string table) => System.IO.Path.Combine(Path, table + ".parquet");

    public bool HasTable(string table) => File.Exists(TablePath(table));

    public static SweepFolder Open(string folder)
    {
        if (!Directory.Exists(folder))
            throw new ReportingException($"'{folder}' does not exist", "give the folder a sweep wrote: sim sweep EXPERIMENT --output DIR");
        string path = System.IO.Path.Combine(folder, SweepOutputs.SummaryJson);
        if (!File.Exists(path))
            throw File.Exists(System.IO.Path.Combine(folder, SweepJournal.ManifestName))
                ? new ReportingException($"the sweep in '{folder}' has not finished (it has no {SweepOutputs.SummaryJson} yet)",
                    $"continue it with sim sweep EXPERIMENT --output {folder} --resume")
                : new ReportingException($"'{folder}' is not a sweep folder: it has no {SweepOutputs.SummaryJson}", "give the folder a sweep wrote: sim sweep EXPERIMENT --output DIR");
        // A damaged summary (empty, truncated, edited into another shape, numbers as text, nulls) is a file error naming the
        // file, never an internal error; every row is checked here, so the views cannot meet a hole.
        try
        {
            var summary = SweepSummary.FromJson(File.ReadAllText(path));
            if (summary.Experiment is null || summary.Baseline is null || summary.Rows is null
                || summary.Rows.Any(r => r is null || r.Scenario is null || r.Outcome is null || r.Value is null || r.Element is null)
                || summary.Headline.Any(h => h is null) || summary.Samples < 0 || summary.Replications < 1
                || summary.CostEffectiveness is { } ce && (ce.Cost is null || ce.Qalys is null || ce.Rankings.Count == 0 || ce.Rankings.Any(r => r?.Scenarios is null)))
                throw new InvalidDataException("a row or block lacks what every summary has");
            if (summary.Rows.GroupBy(r => (r.Scenario, r.Outcome, r.Element)).FirstOrDefault(g => g.Count() > 1) is { } twice)
                throw new InvalidDataException($"two rows for '{twice.Key.Outcome}' in scenario '{twice.Key.Scenario}'");
            return new SweepFolder(folder, summary);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or InvalidCastException or NullReferenceException or FormatException
                                      or OverflowException or ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            throw new ReportingException($"'{path}' is damaged or is not a summary that sim wrote ({e.Message})",
                $"run the sweep again (sim sweep EXPERIMENT --output {folder} --force), or restore the file");
        }
    }

    /// <summary>
    /// Checks that the sweep has the outcome <paramref name="name"/>: as the summary names it, or as the experiment
    /// declared it, which for a <c>value</c> outcome read at several times is every "NAME, WHEN" of it
    /// (<see cref="OutcomeNames"/>); a clear error with "did you mean" when there is none.
    /// </summary>
    public static void RequireOutcome(SweepSummary summary, string name)
    {
        if (summary.Rows.Any(r => IsOutcome(r.Outcome, name))) return;
        var names = summary.Rows.Select(r => r.Outcome).SelectMany(n => OutcomeNames.Family(n) is { } family ? new[] { family, n } : [n]);
        Require(name, names.Distinct().ToList(), "outcome");
    }

    /// <summary>Whether a summary row's outcome is <paramref name="name"/>, or one of its times ("NAME, year 2030").</summary>
    public static bool IsOutcome(string rowOutcome, string name) =>
        string.Equals(rowOutcome, name, StringComparison.OrdinalIgnoreCase) || OutcomeNames.IsTimeOf(rowOutcome, name);

    public static string RequireScenario(SweepSummary summary, string name) =>
        Require(name, summary.Scenarios.ToList(), "scenario");

    public static string Require(string name, IReadOnlyList<string> names, string what)
    {
        var match = names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        if (match is not null) return match;
        string? s = NameSuggester.Suggest(name, names);
        throw new ReportingException($"the sweep has no {what} '{name}'",
            s is not null ? $"did you mean '{s}'?" : $"its {what}s: {string.Join(", ", names.Take(12))}{(names.Count > 12 ? ", ..." : "")}");
    }
}
