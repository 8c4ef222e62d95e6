namespace Simulation.Cli;

/// <summary>A problem with what the user typed or the files named: reported in one line, exit code 2.</summary>
public sealed class UsageException(string message, string? hint = null) : Exception(message)
{
    public string? Hint { get; } = hint;
}
