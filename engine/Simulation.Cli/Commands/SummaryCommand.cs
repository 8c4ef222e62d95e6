using System.ComponentModel;
using Simulation.Engine.Scenarios.Summary;
using Simulation.Reporting;
using Simulation.Reporting.Text;
using Spectre.Console.Cli;

namespace Simulation.Cli.Commands;

/// <summary><c>sim summary DIR [--all | --outcome NAME] [--format table|markdown]</c>: a finished sweep's comparison.</summary>
public sealed class SummaryCommand : Command<SummaryCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<DIR>")]
        [Description("The folder a sweep wrote (it holds summary.json).")]
        public string Folder { get; init; } = "";

        [CommandOption("--outcome <NAME>")]
        [Description("Show one outcome only, in every scenario.")]
        public string? Outcome { get; init; }

        [CommandOption("--all")]
        [Description("Show every outcome of every scenario (the long table) instead of the headline.")]
        public bool All { get; init; }

        [CommandOption("--format <FORMAT>")]
        [Description("table (default): the headline per scenario, fitting 100 columns (--all: the long table); markdown: one row per outcome, the baseline and each scenario's paired difference as columns (for reports).")]
        public string Format { get; init; } = "table";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var summary = SweepFolder.Open(settings.Folder).Summary;
        if (settings.Outcome is { } o) SweepFolder.RequireOutcome(summary, o);
        switch (settings.Format.ToLowerInvariant())
        {
            case "table":
                Console.Out.Write(settings.All || settings.Outcome is not null ? SummaryText.Table(summary, settings.Outcome) : SummaryText.Headline(summary));
                break;
            case "markdown": Console.Out.Write(SummaryMarkdown.Render(summary, settings.Outcome)); break;
            default: throw new UsageException($"unknown format '{settings.Format}'", "use table or markdown");
        }
        return ExitCodes.Ok;
    }
}
