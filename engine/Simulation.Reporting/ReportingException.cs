namespace Simulation.Reporting;

/// <summary>A sweep folder or a request that cannot be reported as asked: one line and a hint for the user (exit code 2 in sim).</summary>
public sealed class ReportingException(string message, string? hint = null) : Exception(message)
{
    public string? Hint { get; } = hint;
}
