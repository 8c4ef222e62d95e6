using Simulation.Engine.Scenarios;
using Simulation.Engine.Scenarios.Format;
using Simulation.Engine.Scenarios.Resolution;
using Simulation.Engine.Scenarios.Sampling;

namespace Simulation.Engine.Analysis;

/// <summary>
/// The experiment's uncertain inputs as a designed analysis (Sobol', Morris) samples them: each with its distribution,
/// through whose quantile function every design maps its unit points.
/// </summary>
public static class SampledInputs
{
    /// <summary>The distribution of each sampled input, in design-column order; an <see cref="AnalysisException"/> when there are none to vary.</summary>
    public static IReadOnlyList<InputDistribution> Distributions(CompiledExperiment experiment, string method)
    {
        var plan = experiment.Uncertainty;
        if (plan.Kind == DesignKind.Table)
            throw new AnalysisException($"{method} needs each uncertain input's distribution, and a table design gives only the table's values",
                "list the inputs with their distributions in \"uncertainty\" (any design but table); docs/experiment-format.md");
        if (plan.Columns.IsEmpty)
            throw new AnalysisException($"the experiment samples no inputs, so {method} has nothing to vary",
                "add an \"uncertainty\" block with the inputs and their distributions (docs/experiment-format.md)");
        return plan.Columns.Select(c => c.Distribution!).ToList();
    }

    /// <summary>The experiment over <paramref name="design"/>'s futures, named <paramref name="derivation"/> in the sweep's fingerprint and summary.</summary>
    public static CompiledExperiment WithDesign(CompiledExperiment experiment, SampleDesign design, string derivation, string method)
    {
        long runs = (long)design.Count * experiment.Replications * experiment.Scenarios.Length;
        if (runs > int.MaxValue)
            throw new AnalysisException($"{method} would need {runs:N0} runs; at most {int.MaxValue:N0} are possible", "ask for fewer samples");
        return experiment with { Uncertainty = experiment.Uncertainty with { Design = design, Derivation = derivation } };
    }
}
