namespace Simulation.Engine.Compilation;

/// <summary>Where an expression is being emitted, which decides how INIT, PREVIOUS and invariant parts are read.</summary>
internal enum EmitMode
{
    /// <summary>Once per run; only constants and parameters are available.</summary>
    Setup,

    /// <summary>At the initial time: INIT(x) records x, PREVIOUS(x, i) starts at i.</summary>
    Initial,

    /// <summary>Every evaluation: time-invariant parts are hoisted out, INIT and PREVIOUS read saved slots.</summary>
    Rates,
}
