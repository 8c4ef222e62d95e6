using Spectre.Console.Cli;

namespace Simulation.Cli;

/// <summary>Turns exceptions that reach the top into one clear line and an exit code, never a stack trace for user errors.</summary>
public static class ErrorReporter
{
    public static int Report(Exception exception)
    {
        switch (exception)
        {
            case UsageException usage:
                Console.Error.WriteLine($"sim: {usage.Message}");
                if (usage.Hint is not null) Console.Error.WriteLine($"  {usage.Hint}");
                return ExitCodes.UsageOrFile;
            case Reporting.ReportingException reporting:
                Console.Error.WriteLine($"sim: {reporting.Message}");
                if (reporting.Hint is not null) Console.Error.WriteLine($"  {reporting.Hint}");
                return ExitCodes.UsageOrFile;
            case Engine.Scenarios.Running.SweepFolderException folder:
                Console.Error.WriteLine($"sim: {folder.Message}");
                if (folder.Hint is not null) Console.Error.WriteLine($"  {folder.Hint}");
                return ExitCodes.UsageOrFile;
            case CommandParseException or CommandRuntimeException:
                Console.Error.WriteLine($"sim: {exception.Message}");
                Console.Error.WriteLine("  run 'sim --help' or 'sim <command> --help' for usage");
                return ExitCodes.UsageOrFile;
            case IOException or UnauthorizedAccessException:
                Console.Error.WriteLine($"sim: {exception.Message}");
                return ExitCodes.UsageOrFile;
            case OperationCanceledException:
                Console.Error.WriteLine("sim: cancelled");
                return 130;
            default:
                Console.Error.WriteLine($"sim: internal error: {exception.GetType().Name}: {exception.Message}");
                Console.Error.WriteLine("  this is a bug in sim, not in your model; please report it with the command you ran");
                if (Environment.GetEnvironmentVariable("SIM_DEBUG") == "1") Console.Error.WriteLine(exception);
                return 70;
        }
    }
}
