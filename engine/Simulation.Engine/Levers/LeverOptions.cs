namespace Simulation.Engine.Levers;

/// <summary>How the levers app runs and what it allows one request. Results never depend on the threads or lanes.</summary>
public sealed record LeverOptions
{
    /// <summary>Worker threads of one request's runs.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Futures integrated side by side per batch (a multiple of 4).</summary>
    public int Lanes { get; init; } = 16;

    /// <summary>The most futures one request may ask for (and never more than the experiment has).</summary>
    public int MaxFutures { get; init; } = 1000;

    /// <summary>The most interventions one request may add.</summary>
    public int MaxInterventions { get; init; } = 100;

    /// <summary>Compiled variants kept besides the experiment's own scenarios (a request's interventions make a variant).</summary>
    public int VariantCache { get; init; } = 16;
}
