using System.ComponentModel;
using Simulation.Engine.Conformance;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Simulation.Cli.Commands;

/// <summary><c>sim conformance DIR... [--markdown FILE]</c>: runs every case of each corpus against its canonical output.</summary>
public sealed class ConformanceCommand : Command<ConformanceCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<DIR>")]
        [Description("Folders of cases: each model file (.xmile, or .mdl in a folder without .xmile files) with output.tab or output.csv beside it "
                     + "(e.g. tests/conformance/sdxorg tests/conformance/sdxorg-mdl).")]
        public string[] Folders { get; init; } = [];

        [CommandOption("--markdown <FILE>")]
        [Description("Also write the tables, with the evidence for set-aside cases, as markdown (docs/conformance.md).")]
        public string? Markdown { get; init; }

        [CommandOption("--force")]
        [Description("Overwrite the markdown file if it exists.")]
        public bool Force { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        foreach (var folder in settings.Folders)
        {
            if (!Directory.Exists(folder)) throw new UsageException($"the folder '{folder}' does not exist");
            if (ConformanceCase.Discover(folder).Count == 0) throw new UsageException($"'{folder}' has no .xmile or .mdl files with a canonical output beside them");
        }
        if (settings.Markdown is not null) OutputFiles.EnsureWritable(settings.Markdown, settings.Force);
        var reports = new List<(string Corpus, ConformanceReport Report)>();
        foreach (var folder in settings.Folders)
        {
            try
            {
                reports.Add((folder.Replace('\\', '/').TrimEnd('/'), ConformanceSuite.Run(folder)));
            }
            catch (Exception e) when (e is Newtonsoft.Json.JsonException or InvalidDataException)
            {
                throw new UsageException($"cannot read {Path.Combine(folder, SetAsideList.FileName)}: {e.Message}");
            }
            Print(reports[^1].Report);
        }
        if (settings.Markdown is { } path)
        {
            string command = $"sim conformance {string.Join(" ", reports.Select(r => r.Corpus))} --markdown {path.Replace('\\', '/')}";
            OutputFiles.WriteAtomically(path, writer => ConformanceReport.WriteMarkdown(writer, command, reports));
            Console.Error.WriteLine($"wrote {path}");
        }
        return reports.All(r => r.Report.AllAccepted) ? ExitCodes.Ok : ExitCodes.ModelErrors;
    }

    private static void Print(ConformanceReport report)
    {
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("Case");
        table.AddColumn("Result");
        table.AddColumn(new TableColumn("Compared").RightAligned());
        table.AddColumn("First mismatch or error");
        foreach (var row in report.Rows)
        {
            string color = row.Accepted ? row.SetAside is null ? "green" : "yellow" : "red";
            table.AddRow(Markup.Escape(row.Result.Case.Name), $"[{color}]{Markup.Escape(row.Status)}[/]",
                row.Result.ValuesCompared.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(row.Detail));
        }
        AnsiConsole.Write(table);
        AnsiConsole.WriteLine(report.Summary);
    }
}
