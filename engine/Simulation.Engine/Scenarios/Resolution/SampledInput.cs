using System.Collections.Immutable;
using Simulation.Engine.Scenarios.Format;
using Simulation.Engine.Scenarios.Sampling;

namespace Simulation.Engine.Scenarios.Resolution;

/// <summary>One column of the design: an uncertain input, how its sample acts on it, and (for sampled designs) its distribution.</summary>
public sealed record SampledInput(ResolvedInput Target, ApplyMode Apply, InputDistribution? Distribution)
{
    /// <summary>
    /// For an arrayed input whose elements take different parameters from the model (their own ranges, or their own
    /// values as medians): each element's distribution, in the order of <see cref="ResolvedInput.Positions"/>. The
    /// column's value is then a quantile level u in (0, 1), and element i takes ElementDistributions[i].Quantile(u), so
    /// one draw moves the whole array together (a "high" future is high in every element). Default otherwise.
    /// </summary>
    public ImmutableArray<InputDistribution> ElementDistributions { get; init; }

    public bool MovesAcrossElements => !ElementDistributions.IsDefaultOrEmpty;

    /// <summary>The column's name in the runs table: the input as written, with " (factor)" for multipliers and
    /// " (quantile)" for arrays whose elements are drawn from their own distributions at one quantile level.</summary>
    public string Label => Apply == ApplyMode.Multiply ? $"{Target.Label} (factor)" : MovesAcrossElements ? $"{Target.Label} (quantile)" : Target.Label;

    /// <summary>How the column's value becomes the value of the k-th element it sets (null: the value itself).</summary>
    public InputDistribution? ElementMapAt(int k) => MovesAcrossElements ? ElementDistributions[k] : null;
}

/// <summary>The sampled futures every scenario faces: the design's samples, each run <see cref="Replications"/> times.</summary>
public sealed record UncertaintyPlan(ImmutableArray<SampledInput> Columns, SampleDesign Design, int Replications, DesignKind? Kind)
{
    public static UncertaintyPlan None { get; } = new(ImmutableArray<SampledInput>.Empty, new SingleSample(), 1, null);

    /// <summary>
    /// The name of a design an analysis put in place of the experiment's own (e.g. Saltelli's for Sobol' indices), or null
    /// when the design is the experiment's. It is part of a sweep's fingerprint, so a folder swept with one design is never
    /// resumed with another, and the summary names it as the design.
    /// </summary>
    public string? Derivation { get; init; }

    /// <summary>Samples times replications: future f is sample f / R, replication f % R.</summary>
    public long Futures => (long)Design.Count * Replications;
}
