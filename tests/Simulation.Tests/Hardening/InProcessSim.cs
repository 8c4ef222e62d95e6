using Simulation.Cli;
using Spectre.Console;

namespace Simulation.Tests.Hardening;

/// <summary>
/// Runs the <c>sim</c> command line in this process, with standard output and error captured: as fast as calling
/// the engine, and through every layer a user's command goes through. Callers must not run in parallel (the console
/// is the process's); the fixtures that use it are non-parallelizable.
/// </summary>
public static class InProcessSim
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr)
    {
        /// <summary>The exit code an unexpected exception gives (<see cref="ErrorReporter"/>): a bug, whatever the input.</summary>
        public bool IsInternalError => ExitCode == 70 || Stderr.Contains("internal error", StringComparison.Ordinal);
    }

    public static Outcome Run(params string[] args)
    {
        var (stdout, stderr, console) = (Console.Out, Console.Error, AnsiConsole.Console);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        // Spectre keeps the writer it was created with: give it this run's, as a redirected console (no colours, no width).
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        try
        {
            int exit = SimApp.Run(args);
            return new Outcome(exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            AnsiConsole.Console = console;
        }
    }
}
