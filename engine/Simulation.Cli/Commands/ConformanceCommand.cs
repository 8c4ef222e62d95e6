using System.ComponentModel;
using Simulation.Engine.Conformance;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Simulation.Cli.Commands;

/// <summary><c>sim conformance DIR [--markdown FILE]</c>: runs every XMILE case under DIR against its canonical output.</summary>
public sealed class ConformanceCommand : Command<ConformanceCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<DIR>")]
        [Description("A folder of cases: each .xmile file with output.tab or output.csv beside it (e.g. tests/conformance/sdxorg).")]
        public string Folder { get; init; } = "";

        [CommandOption("--markdown <FILE>")]
        [Description("Also write the table, with the evidence for set-aside cases, as markdown (docs/conformance.md).")]
        public string? Markdown { get; init; }

        [CommandOption("--force")]
        [Description("Overwrite the markdown file if it exists.")]
        public bool Force { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(settings.Folder)) throw new UsageException($"the folder '{settings.Folder}' does not exist");
        if (settings.Markdown is not null) OutputFiles.EnsureWritable(settings.Markdown, settings.Force);
        if (ConformanceCase.Discover(settings.Folder).Count == 0) throw new UsageException($"'{settings.Folder}' has no .xmile files");
        ConformanceReport report;
        try
        {
            report = ConformanceSuite.Run(settings.Folder);
        }
        catch (Exception e) when (e is Newtonsoft.Json.JsonException or InvalidDataException)
        {
            throw new UsageException($"cannot read {Path.Combine(settings.Folder, SetAsideList.FileName)}: {e.Message}");
        }
        Print(report);
        if (settings.Markdown is { } path)
        {
            string folder = settings.Folder.Replace('\\', '/').TrimEnd('/');
            string command = $"sim conformance {folder} --markdown {path.Replace('\\', '/')}";
            OutputFiles.WriteAtomically(path, writer => report.WriteMarkdown(writer, command, folder));
            Console.Error.WriteLine($"wrote {path}");
        }
        return report.AllAccepted ? ExitCodes.Ok : ExitCodes.ModelErrors;
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
