using System.Collections.Immutable;
using Simulation.Engine.Scenarios.Format;
using Simulation.Engine.Scenarios.Sampling;

namespace Simulation.Engine.Scenarios.Resolution;

/// <summary>One column of the design: an uncertain input, how its sample acts on it, and (for sampled designs) its distribution.</summary>
public sealed record SampledInput(ResolvedInput Target, ApplyMode Apply, InputDistribution? Distribution)
{
    /// <summary>The column's name in the runs table: the input as written, with " (factor)" for multipliers.</summary>
    public string Label => Apply == ApplyMode.Multiply ? $"{Target.Label} (factor)" : Target.Label;
}

/// <summary>The sampled futures every scenario faces: the design's samples, each run <see cref="Replications"/> times.</summary>
public sealed record UncertaintyPlan(ImmutableArray<SampledInput> Columns, SampleDesign Design, int Replications, DesignKind? Kind)
{
    public static UncertaintyPlan None { get; } = new(ImmutableArray<SampledInput>.Empty, new SingleSample(), 1, null);

    /// <summary>Samples times replications: future f is sample f / R, replication f % R.</summary>
    public long Futures => (long)Design.Count * Replications;
}
