namespace Simulation.Engine.Scenarios.Running;

/// <summary>
/// The per-run inputs of a future: its sample's design values mapped onto a scenario's plan parameters,
/// and its random stream index (the future itself, so every scenario draws the same random numbers for it).
/// Thread-safe: sample values are computed on demand from the design.
/// </summary>
public static class FutureInputs
{
    public static void Fill(CompiledExperiment experiment, CompiledScenario scenario, int future, Span<double> parameters) =>
        Fill(experiment.Uncertainty, scenario, future, parameters);

    /// <summary>Writes the sampled columns' parameters (the first <see cref="CompiledScenario.ParameterColumns"/>.Length) of a future.</summary>
    public static void Fill(Resolution.UncertaintyPlan uncertainty, CompiledScenario scenario, int future, Span<double> parameters)
    {
        var design = uncertainty.Design;
        Span<double> sample = design.Columns <= 256 ? stackalloc double[design.Columns] : new double[design.Columns];
        design.Fill(future / uncertainty.Replications, sample);
        scenario.FillParameters(sample, parameters);
    }

    /// <summary>The random stream of a future: (experiment seed, future).</summary>
    public static long StreamIndex(int future) => future;
}
