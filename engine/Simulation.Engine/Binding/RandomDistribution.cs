namespace Simulation.Engine.Binding;

/// <summary>The distributions random builtins draw from (Runtime/RandomDraws.cs gives each one's exact meaning).</summary>
public enum RandomDistribution
{
    /// <summary>RANDOM / UNIFORM(min, max): uniform on [min, max).</summary>
    Uniform,

    /// <summary>NORMAL(mean, sd).</summary>
    Normal,

    /// <summary>NORMAL(mean, sd, min, max): the normal distribution truncated to [min, max].</summary>
    TruncatedNormal,

    /// <summary>LOGNORMAL(mean, sd): mean and standard deviation of the log-normal variable itself.</summary>
    LogNormal,

    /// <summary>EXPRND(mean).</summary>
    Exponential,

    /// <summary>POISSON(mean): a whole number of events.</summary>
    Poisson,

    /// <summary>TRIANGULAR(min, mode, max).</summary>
    Triangular,

    /// <summary>BETA(alpha, beta): on [0, 1].</summary>
    Beta,
}
