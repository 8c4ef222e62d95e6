using System.ComponentModel;
using Simulation.Reporting;
using Simulation.Reporting.Plots;
using Simulation.Reporting.Report;
using Spectre.Console.Cli;

namespace Simulation.Cli.Commands;

/// <summary>
/// <c>sim plot DIR --outcome NAME [--scenario S] [--chart KIND] --output FILE.png|svg</c>: one of the report's charts as an
/// image for slides; <c>sim plot --run MODEL --vars A,B --output FILE</c>: variables of one run over time.
/// </summary>
public sealed class PlotCommand : Command<PlotCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "[DIR]")]
        [Description("The folder a sweep wrote (not with --run).")]
        public string? Folder { get; init; }

        [CommandOption("--outcome <NAME>")]
        [Description("The outcome (or a series variable of the sweep) to draw.")]
        public string? Outcome { get; init; }

        [CommandOption("--scenario <NAME>")]
        [Description("One scenario (default: every scenario; the first after the baseline for drivers and fan charts).")]
        public string? Scenario { get; init; }

        [CommandOption("--chart <KIND>")]
        [Description("difference (default for an outcome): how the paired difference spreads; drivers: a tornado of the inputs that move it; fan (default for a series variable): over time; plane or acceptability: cost-effectiveness. Beside sim sensitivity's results: sensitivity (each input's measures with their intervals; --scenario S for its difference from the baseline) or sensitivity-over-time; beside sim discover --output DIR/discovery.json: tradeoff (PRIM's peeling trajectory) or box.")]
        public string? Chart { get; init; }

        [CommandOption("--run <MODEL>")]
        [Description("Run this model once and draw --vars over time.")]
        public string? Run { get; init; }

        [CommandOption("--vars <NAMES>")]
        [Description("With --run: the variables to draw, separated by commas.")]
        public string? Vars { get; init; }

        [CommandOption("--set <NAME=VALUE>")]
        [Description("With --run: give an input a value (repeatable).")]
        public string[] Set { get; init; } = [];

        [CommandOption("-o|--output <FILE>")]
        [Description("The image to write: .png or .svg.")]
        public string Output { get; init; } = "";

        [CommandOption("--force")]
        [Description("Overwrite the output file if it exists.")]
        public bool Force { get; init; }

        [CommandOption(MemoryLimit.Option + " <SIZE>")]
        [Description("Refuse to read a sweep whose tables would take more memory than this (e.g. 8GB; default: three quarters of the machine's memory).")]
        public string? MaxMemory { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Output.Length == 0) throw new UsageException("give the image to write with --output FILE.png (or .svg)");
        if (Path.GetExtension(settings.Output).ToLowerInvariant() is not (".png" or ".svg"))
            throw new UsageException($"cannot draw an image as '{Path.GetExtension(settings.Output)}'", "name the output file .png or .svg");
        OutputFiles.EnsureWritable(settings.Output, settings.Force);
        MemoryLimit.Parse(settings.MaxMemory);
        var chart = settings.Run is { } model ? RunPlot.Chart(model, settings.Vars, settings.Set) : SweepChart(settings);
        try
        {
            SlideCharts.Save(chart, settings.Output);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write '{settings.Output}': {e.Message}", "choose an --output you can write to");
        }
        Console.Error.WriteLine($"plot: wrote {settings.Output}");
        return ExitCodes.Ok;
    }

    private static ChartSpec SweepChart(Settings settings)
    {
        if (settings.Folder is null) throw new UsageException("give the sweep folder (sim plot DIR --outcome NAME ...) or a model (--run MODEL --vars ...)");
        var folder = SweepFolder.Open(settings.Folder);
        var summary = folder.Summary;
        if (settings.Chart?.ToLowerInvariant() is { } analysis && AnalysisPlot.Kinds.Contains(analysis))
            return AnalysisPlot.Chart(folder, analysis, settings.Outcome, settings.Scenario);
        string? scenario = settings.Scenario is { } s ? SweepFolder.RequireScenario(summary, s) : null;
        if (scenario == summary.Baseline) throw new UsageException($"'{scenario}' is the baseline; every chart compares a scenario with it", "name another scenario");
        string firstOther = scenario ?? summary.Scenarios.FirstOrDefault(x => x != summary.Baseline)
                            ?? throw new UsageException("the sweep has one scenario: there is nothing to compare");
        var series = summary.About?.Series ?? [];
        string kind = settings.Chart?.ToLowerInvariant() ?? (settings.Outcome is { } o && series.Contains(o, StringComparer.OrdinalIgnoreCase)
            && !summary.Rows.Any(r => string.Equals(r.Outcome, o, StringComparison.OrdinalIgnoreCase)) ? "fan" : "difference");
        if (kind is "plane" or "acceptability" or "fan" or "difference" or "drivers")
            MemoryLimit.CheckSweepRead(settings.Folder, series: kind == "fan", settings.MaxMemory, "reading this sweep for the chart");
        switch (kind)
        {
            case "plane" or "acceptability":
                if (summary.CostEffectiveness is null)
                    throw new UsageException("the sweep has no cost and QALY outcomes", "name them in the experiment's \"costEffectiveness\" (docs/experiment-format.md)");
                var ce = ReportData.Build(folder, [], costEffectiveness: true, series: false).Charts;
                return kind == "plane" ? ce.OfType<PlaneChart>().Single() : ce.OfType<AcceptabilityChart>().Single();
            case "fan":
                string variable = SweepFolder.Require(settings.Outcome ?? throw new UsageException("give the series variable with --outcome NAME"), series, "series variable");
                return ReportData.Build(folder, [variable], costEffectiveness: false, series: true).Charts.OfType<FanChart>()
                    .First(f => f.Scenario == firstOther);
            case "difference" or "drivers":
                if (settings.Outcome is null) throw new UsageException("give the outcome to draw with --outcome NAME");
                string outcome = SweepFolder.Require(settings.Outcome, summary.Rows.Select(r => r.Outcome).Concat(series).Distinct().ToList(), "outcome");
                var charts = ReportData.Build(folder, [outcome], costEffectiveness: false, series: false).Charts;
                if (kind == "drivers")
                    return charts.OfType<TornadoChart>().FirstOrDefault(t => t.Scenario == firstOther)
                           ?? throw new UsageException($"no tornado for '{outcome}' in '{firstOther}'", "the scenario does not change it, or the experiment samples no inputs");
                var difference = charts.OfType<DifferenceChart>().FirstOrDefault()
                                 ?? throw new UsageException($"'{outcome}' has no paired difference to draw", "an incremental ratio is drawn with --chart plane");
                return scenario is null ? difference : difference with { Boxes = difference.Boxes.Where(b => b.Scenario == scenario).ToList() };
            default:
                throw new UsageException($"unknown chart '{settings.Chart}'", $"use difference, drivers, fan, plane, acceptability, {string.Join(", ", AnalysisPlot.Kinds)}");
        }
    }
}
