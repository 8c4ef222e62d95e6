using System.ComponentModel;
using Simulation.Reporting;
using Simulation.Reporting.Report;
using Spectre.Console.Cli;

namespace Simulation.Cli.Commands;

/// <summary><c>sim report DIR [--output FILE.html] [--force]</c>: a finished sweep as one self-contained HTML page.</summary>
public sealed class ReportCommand : Command<ReportCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<DIR>")]
        [Description("The folder a sweep wrote.")]
        public string Folder { get; init; } = "";

        [CommandOption("-o|--output <FILE>")]
        [Description("The HTML file to write (default DIR/report.html). A report sim wrote before is replaced; any other file only with --force.")]
        public string? Output { get; init; }

        [CommandOption("--force")]
        [Description("Replace the output file even when it is not a report sim wrote.")]
        public bool Force { get; init; }

        [CommandOption(MemoryLimit.Option + " <SIZE>")]
        [Description("Refuse to start when the estimated memory is larger than this (e.g. 8GB; default: three quarters of the machine's memory).")]
        public string? MaxMemory { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        Write(settings.Folder, settings.Output, settings.Force, settings.MaxMemory);
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Writes the report of the sweep in <paramref name="dir"/> to <paramref name="output"/> (default DIR/report.html),
    /// once the tables it reads back fit in <paramref name="maxMemory"/> (<see cref="MemoryLimit"/>).
    /// </summary>
    public static void Write(string dir, string? output, bool force, string? maxMemory)
    {
        MemoryLimit.Parse(maxMemory);
        var folder = SweepFolder.Open(dir);
        output ??= Path.Combine(dir, "report.html");
        if (!string.Equals(Path.GetExtension(output), ".html", StringComparison.OrdinalIgnoreCase) && !string.Equals(Path.GetExtension(output), ".htm", StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"the report is an HTML page; '{output}' is not named .html", "name the output file .html");
        if (File.Exists(output) && !force && !IsReport(output))
            throw new UsageException($"'{output}' already exists and is not a report sim wrote", "use --force to replace it, or choose another --output");
        var directory = Path.GetDirectoryName(Path.GetFullPath(output));
        if (directory is not null && !Directory.Exists(directory))
            throw new UsageException($"the folder '{directory}' does not exist", "create it, or choose another --output");
        MemoryLimit.CheckSweepRead(dir, series: true, maxMemory, "reading this sweep for its report");
        string html = HtmlReport.Render(folder);
        try
        {
            OutputFiles.WriteAtomically(output, w => w.Write(html));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write '{output}': {e.Message}", "choose an --output you can write to");
        }
        Console.Error.WriteLine($"report: wrote {output} ({new FileInfo(output).Length / 1024.0 / 1024.0:0.0} MB); open it in a browser, or print it to PDF");
    }

    /// <summary>A file sim report wrote (so replacing it loses nothing of the user's).</summary>
    private static bool IsReport(string path)
    {
        using var reader = new StreamReader(path);
        var head = new char[1024];
        int n = reader.ReadBlock(head, 0, head.Length);
        return new string(head, 0, n).Contains($"<meta name=\"generator\" content=\"{HtmlReport.Generator}\">", StringComparison.Ordinal);
    }
}
