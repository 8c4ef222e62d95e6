using System.Collections.Immutable;
using Simulation.Engine.Scenarios.Format;
using Simulation.Engine.Scenarios.Sampling;

namespace Simulation.Engine.Scenarios.Resolution;

/// <summary>One column of the design: an uncertain input, how its sample acts on it, and (for sampled designs) its distribution.</summary>
public sealed record SampledInput(ResolvedInput Target, ApplyMode Apply, InputDistribution? Distribution)
{
    /// <summary>
    /// For an arrayed input sampled across the ranges the model gives its elements: each element's (low, high), in the
    /// order of <see cref="ResolvedInput.Positions"/>. The column's value is then a position u in [0, 1], and element i
    /// takes low_i + u (high_i - low_i), so one draw moves the whole array between its low and high ends. Default otherwise.
    /// </summary>
    public ImmutableArray<(double Low, double High)> ElementRanges { get; init; }

    public bool MovesAcrossRanges => !ElementRanges.IsDefaultOrEmpty;

    /// <summary>The column's name in the runs table: the input as written, with " (factor)" for multipliers and
    /// " (position in range)" for arrays moved across their ranges.</summary>
    public string Label => Apply == ApplyMode.Multiply ? $"{Target.Label} (factor)" : MovesAcrossRanges ? $"{Target.Label} (position in range)" : Target.Label;

    /// <summary>How the column's value becomes the value of the k-th element it sets: offset + scale x value.</summary>
    public (double Offset, double Scale) TransformAt(int k) =>
        MovesAcrossRanges ? (ElementRanges[k].Low, ElementRanges[k].High - ElementRanges[k].Low) : (0, 1);
}

/// <summary>The sampled futures every scenario faces: the design's samples, each run <see cref="Replications"/> times.</summary>
public sealed record UncertaintyPlan(ImmutableArray<SampledInput> Columns, SampleDesign Design, int Replications, DesignKind? Kind)
{
    public static UncertaintyPlan None { get; } = new(ImmutableArray<SampledInput>.Empty, new SingleSample(), 1, null);

    /// <summary>Samples times replications: future f is sample f / R, replication f % R.</summary>
    public long Futures => (long)Design.Count * Replications;
}
