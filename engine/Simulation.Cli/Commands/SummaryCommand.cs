using System.ComponentModel;
using Simulation.Engine.Scenarios.Output;
using Simulation.Engine.Scenarios.Summary;
using Spectre.Console.Cli;

namespace Simulation.Cli.Commands;

/// <summary><c>sim summary DIR [--outcome NAME]</c>: the comparison of a finished sweep, as a table.</summary>
public sealed class SummaryCommand : Command<SummaryCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<DIR>")]
        [Description("The folder a sweep wrote (it holds summary.json).")]
        public string Folder { get; init; } = "";

        [CommandOption("--outcome <NAME>")]
        [Description("Show one outcome only.")]
        public string? Outcome { get; init; }

        [CommandOption("--format <FORMAT>")]
        [Description("table (default): one line per outcome and scenario; markdown: one row per outcome, the baseline and each scenario's paired difference as columns (for reports).")]
        public string Format { get; init; } = "table";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        string path = Path.Combine(settings.Folder, SweepOutputs.SummaryJson);
        if (!File.Exists(path))
            throw new UsageException($"'{settings.Folder}' has no {SweepOutputs.SummaryJson}",
                File.Exists(Path.Combine(settings.Folder, "sweep.json")) ? "the sweep has not finished: continue it with sim sweep EXPERIMENT --output DIR --resume" : "give the folder a sweep wrote");
        var summary = Read(path);
        if (settings.Outcome is { } o && !summary.Rows.Any(r => string.Equals(r.Outcome, o, StringComparison.OrdinalIgnoreCase)))
        {
            var names = summary.Rows.Select(r => r.Outcome).Distinct().ToList();
            string? s = Engine.Diagnostics.NameSuggester.Suggest(o, names);
            throw new UsageException($"the sweep has no outcome '{o}'", s is not null ? $"did you mean '{s}'?" : $"its outcomes: {string.Join(", ", names)}");
        }
        switch (settings.Format.ToLowerInvariant())
        {
            case "table": SummaryTable.Print(summary, settings.Outcome); break;
            case "markdown": Console.Out.Write(SummaryMarkdown.Render(summary, settings.Outcome)); break;
            default: throw new UsageException($"unknown format '{settings.Format}'", "use table or markdown");
        }
        return ExitCodes.Ok;
    }

    /// <summary>
    /// The summary a sweep wrote; a damaged one (empty, truncated, edited into another shape, numbers as text, nulls)
    /// is a file error naming the file, never an internal error. Every row is read here, so printing cannot meet a hole.
    /// </summary>
    private static SweepSummary Read(string path)
    {
        try
        {
            var summary = SweepSummary.FromJson(File.ReadAllText(path));
            if (summary.Experiment is null || summary.Baseline is null || summary.Rows is null || summary.Rows.Any(r => r is null || r.Scenario is null || r.Outcome is null || r.Value is null))
                throw new InvalidDataException("a row lacks its scenario, outcome or value");
            return summary;
        }
        catch (Exception e) when (e is Newtonsoft.Json.JsonException or InvalidDataException or InvalidCastException or FormatException
                                      or OverflowException or ArgumentException or NullReferenceException)
        {
            throw new UsageException($"'{path}' is damaged or is not a summary that sim wrote ({e.Message})",
                "run the sweep again (sim sweep EXPERIMENT --output DIR --force), or restore the file");
        }
    }
}
