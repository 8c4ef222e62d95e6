namespace Simulation.Cli;

/// <summary>The exit codes every command uses.</summary>
public static class ExitCodes
{
    /// <summary>Everything worked (warnings may have been printed).</summary>
    public const int Ok = 0;

    /// <summary>The model (or experiment) has errors, or the run failed on them.</summary>
    public const int ModelErrors = 1;

    /// <summary>The command line was wrong, or a file could not be read or written.</summary>
    public const int UsageOrFile = 2;
}
