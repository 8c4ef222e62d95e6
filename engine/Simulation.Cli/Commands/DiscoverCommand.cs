using System.ComponentModel;
using System.Globalization;
using Simulation.Engine.Analysis;
using Simulation.Engine.Analysis.Discovery;
using Simulation.Engine.Scenarios.Output;
using Simulation.Engine.Scenarios.Running;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Simulation.Cli.Commands;

/// <summary>
/// <c>sim discover DIR --outcome NAME (--above T | --below T) [--scenario S] [--difference] [--format json]</c>: under which
/// combinations of the sampled inputs an outcome crosses a threshold (PRIM, a CART tree, feature scores).
/// </summary>
public sealed class DiscoverCommand : Command<DiscoverCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<DIR>")]
        [Description("The folder of a finished sweep (sim sweep, or sim sensitivity's folder).")]
        public string Folder { get; init; } = "";

        [CommandOption("--outcome <NAME>")]
        [Description("The outcome whose threshold defines the runs of interest (\"name[[element]]\" for an outcome with \"by\").")]
        public string? Outcome { get; init; }

        [CommandOption("--above <T>")]
        [Description("Runs of interest: the outcome is above T.")]
        public double? Above { get; init; }

        [CommandOption("--below <T>")]
        [Description("Runs of interest: the outcome is below T.")]
        public double? Below { get; init; }

        [CommandOption("--scenario <NAME>")]
        [Description("The scenario whose runs are searched (default: the baseline).")]
        public string? Scenario { get; init; }

        [CommandOption("--difference")]
        [Description("Use the scenario's paired difference from the baseline (scenario - baseline in the same future): when does it beat, or fail to beat, the baseline?")]
        public bool Difference { get; init; }

        [CommandOption("--boxes <N>")]
        [Description("Boxes to find, each among the runs the earlier ones leave (default 1).")]
        public int Boxes { get; init; } = 1;

        [CommandOption("--step <N>")]
        [Description("Choose step N of the (first) box's peeling trajectory instead of the balanced box.")]
        public int? Step { get; init; }

        [CommandOption("--peel <ALPHA>")]
        [Description("Share of the box's runs one peel removes (default 0.05).")]
        public double Peel { get; init; } = 0.05;

        [CommandOption("--min-mass <M>")]
        [Description("Smallest share of all runs a box may hold (default 0.05).")]
        public double MinMass { get; init; } = 0.05;

        [CommandOption("--format <FORMAT>")]
        [Description("table (default) or json.")]
        public string Format { get; init; } = "table";

        [CommandOption("-o|--output <FILE>")]
        [Description("Also write the result as JSON to FILE (for reports).")]
        public string? Output { get; init; }

        [CommandOption("--force")]
        [Description("Replace FILE if it exists.")]
        public bool Force { get; init; }

        [CommandOption(MemoryLimit.Option + " <SIZE>")]
        [Description("Refuse to start when the estimated memory is larger than this (e.g. 8GB; default: three quarters of the machine's memory).")]
        public string? MaxMemory { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        string format = settings.Format.ToLowerInvariant();
        if (format is not ("table" or "json")) throw new UsageException($"unknown format '{settings.Format}'", "use table or json");
        if (settings.Outcome is null) throw new UsageException("--outcome is required: the outcome whose threshold defines the runs of interest");
        if (settings.Above is null == settings.Below is null)
            throw new UsageException("give exactly one of --above T and --below T", "e.g. --above 0 with --difference: the futures where the scenario costs more than the baseline");
        if (settings.Boxes < 1) throw new UsageException("--boxes must be at least 1");
        if (settings.Step is < 0) throw new UsageException("--step must be 0 or more");
        if (!(settings.Peel > 0 && settings.Peel < 0.5)) throw new UsageException("--peel must be between 0 and 0.5", "0.05 is usual");
        if (!(settings.MinMass >= 0 && settings.MinMass < 1)) throw new UsageException("--min-mass must be between 0 and 1", "0.05 is usual");
        if (settings.Output is { } file && File.Exists(file) && !settings.Force)
            throw new UsageException($"'{file}' already exists", "replace it with --force, or choose another --output file");
        if (double.IsNaN(settings.Above ?? settings.Below!.Value)) throw new UsageException("the threshold must be a number");
        MemoryLimit.CheckSweepRead(settings.Folder, series: false, settings.MaxMemory, "reading this sweep for discovery");
        var question = new DiscoveryQuestion(settings.Outcome, settings.Above ?? settings.Below!.Value, settings.Above is not null, settings.Scenario, settings.Difference);
        DiscoveryReport report;
        try
        {
            var results = SweepFolderReader.Read(settings.Folder);
            report = ScenarioDiscovery.Discover(results, question,
                new PrimSettings(PeelAlpha: settings.Peel, MinMass: settings.MinMass, Boxes: settings.Boxes, Step: settings.Step));
        }
        catch (AnalysisException e)
        {
            throw new UsageException(e.Message, e.Hint);
        }
        catch (SweepFolderException e)
        {
            throw new UsageException(e.Message, e.Hint);
        }
        string json = DiscoveryJson.Write(report);
        if (settings.Output is { } path) AtomicFile.WriteAllText(path, json);
        if (format == "json") Console.Out.Write(json);
        else Print(report);
        return ExitCodes.Ok;
    }

    private static void Print(DiscoveryReport report)
    {
        var prim = report.Prim;
        AnsiConsole.WriteLine($"{report.Title}: {prim.OfInterest:N0} of {prim.Runs:N0} runs ({Percent((double)prim.OfInterest / prim.Runs)})"
                              + (report.LeftOut > 0 ? $"; {report.LeftOut:N0} runs without a value left out" : "")
                              + (report.Implausible > 0 ? $"; {report.Implausible:N0} runs left out by history matching" : ""));
        for (int b = 0; b < prim.Boxes.Count; b++)
        {
            var box = prim.Boxes[b];
            var s = box.Box;
            AnsiConsole.WriteLine();
            bool pasted = s.Runs != box.Trajectory[box.Chosen].Runs;
            AnsiConsole.WriteLine($"PRIM box {b + 1} (step {box.Chosen} of {box.Trajectory.Count - 1}{(pasted ? ", then pasted" : "")}): coverage {Percent(s.Coverage)}, density {Percent(s.Density)}, mass {Percent(s.Mass)}, {s.Restricted} input{(s.Restricted == 1 ? "" : "s")} restricted");
            if (box.Restrictions.Count == 0)
                AnsiConsole.WriteLine("  no restriction beats taking every run: the runs of interest are spread across the inputs' ranges");
            else
            {
                var limits = new Table().Border(TableBorder.Simple);
                foreach (var c in new[] { "input", "min", "max", "range in the sweep", "quasi-p" }) limits.AddColumn(c);
                foreach (var r in box.Restrictions.OrderBy(r => r.QuasiP))
                {
                    var range = prim.Ranges[r.Input];
                    limits.AddRow(Markup.Escape(report.Inputs[r.Input]), r.Lower ? Num(r.Limits.Min) : "", r.Upper ? Num(r.Limits.Max) : "",
                        $"{Num(range.Min)} .. {Num(range.Max)}", r.QuasiP < 0.001 ? "<0.001" : r.QuasiP.ToString("0.000", CultureInfo.InvariantCulture));
                }
                AnsiConsole.Write(limits);
            }
            var trajectory = new Table().Border(TableBorder.Simple).Title("peeling trajectory");
            foreach (var c in new[] { "step", "coverage", "density", "mass", "restricted" }) trajectory.AddColumn(new TableColumn(c).RightAligned());
            for (int i = 0; i < box.Trajectory.Count; i++)
            {
                var t = box.Trajectory[i];
                trajectory.AddRow((i == box.Chosen ? "> " : "") + i, Percent(t.Coverage), Percent(t.Density), Percent(t.Mass), t.Restricted.ToString(CultureInfo.InvariantCulture));
            }
            AnsiConsole.Write(trajectory);
        }
        AnsiConsole.WriteLine();
        AnsiConsole.WriteLine($"CART tree (depth {ScenarioDiscovery.TreeDepth}; density = share of the node's runs of interest):");
        PrintNode(report.Tree, report.Inputs, "  ", "all runs");
        var features = new Table().Border(TableBorder.Simple).Title("feature scores");
        foreach (var c in new[] { "input", "importance (extra trees)", "KS distance", "KS p" }) features.AddColumn(new TableColumn(c).RightAligned());
        foreach (var f in report.Features.OrderByDescending(f => f.Importance))
            features.AddRow(Markup.Escape(report.Inputs[f.Input]), f.Importance.ToString("0.000", CultureInfo.InvariantCulture),
                f.KolmogorovSmirnov.ToString("0.000", CultureInfo.InvariantCulture), f.PValue < 0.001 ? "<0.001" : f.PValue.ToString("0.000", CultureInfo.InvariantCulture));
        AnsiConsole.WriteLine();
        AnsiConsole.Write(features);
    }

    private static void PrintNode(DecisionNode node, IReadOnlyList<string> inputs, string indent, string condition)
    {
        Console.Out.WriteLine($"{indent}{condition}: {node.Runs:N0} runs, density {Percent(node.Density)}");
        if (node.IsLeaf) return;
        string name = inputs[node.Input];
        PrintNode(node.Below!, inputs, indent + "  ", $"{name} <= {Num(node.Threshold)}");
        PrintNode(node.Above!, inputs, indent + "  ", $"{name} > {Num(node.Threshold)}");
    }

    private static string Percent(double share) => (100 * share).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Num(double v) => v.ToString("G5", CultureInfo.InvariantCulture);
}
