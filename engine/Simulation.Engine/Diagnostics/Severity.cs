namespace Simulation.Engine.Diagnostics;

public enum Severity
{
    Warning,
    Error,
}
