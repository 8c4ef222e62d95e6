namespace Simulation.Engine.Levers;

/// <summary>How the levers app runs and what it allows one request. Results never depend on the threads or lanes.</summary>
public sealed record LeverOptions
{
    /// <summary>Worker threads of one request's runs.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Futures integrated side by side per batch (a multiple of 4). Four, not the sweep's sixteen: a request's few
    /// futures then split evenly over the threads (100 futures make 25 batches, not 7 of which one thread takes 4),
    /// and on the large hospital-to-community model a run cost 13% less CPU at 4 lanes than at 16 (benchmarks/README.md).
    /// </summary>
    public int Lanes { get; init; } = 4;

    /// <summary>The most futures one request may ask for (and never more than the experiment has).</summary>
    public int MaxFutures { get; init; } = 1000;

    /// <summary>The most interventions one request may add.</summary>
    public int MaxInterventions { get; init; } = 100;

    /// <summary>Compiled variants kept besides the experiment's own scenarios (a request's interventions make a variant).</summary>
    public int VariantCache { get; init; } = 16;
}
