using System.Collections.Immutable;

namespace Simulation.Engine.Scenarios.Output;

/// <summary>An outcome column of a sweep: the outcome's name and, for outcomes with "by", the element.</summary>
public readonly record struct OutcomeKey(string Outcome, string Element)
{
    public override string ToString() => Element.Length == 0 ? Outcome : $"{Outcome}[{Element}]";
}

/// <summary>A point of a recorded series: the variable, its element and the saved time.</summary>
public readonly record struct SeriesKey(string Variable, string Element, double Time);

/// <summary>
/// A finished sweep read back from its folder as matrices indexed by future (f = sample x replications + replication,
/// the same in every scenario, so differences between scenarios pair up): the sampled inputs of each future, and each
/// scenario's outcomes (and, when asked, series) per future. What analyses and reports of an existing sweep start from.
/// A partial merge's futures are numbered among the futures it has, as its summary numbers them.
/// </summary>
public sealed class SweepResults
{
    public required string Folder { get; init; }
    public required ImmutableArray<string> Scenarios { get; init; }
    public required int Baseline { get; init; }

    /// <summary>The sampled inputs, named as the runs table names them (multipliers with " (factor)").</summary>
    public required ImmutableArray<string> Inputs { get; init; }
    public required int Futures { get; init; }

    /// <summary>Runs of each sample (futures are samples x replications).</summary>
    public required int Replications { get; init; }

    public int Samples => Futures / Replications;

    /// <summary>[input][future]: the value each future sampled (the same in every scenario).</summary>
    public required double[][] InputValues { get; init; }
    public required ImmutableArray<OutcomeKey> Outcomes { get; init; }

    /// <summary>[scenario][outcome][future], NaN where the sweep wrote a missing value.</summary>
    public required double[][][] OutcomeValues { get; init; }

    /// <summary>[future]: left out by the experiment's history matching (summary.json); null when the experiment has no plausibility targets.</summary>
    public bool[]? Excluded { get; init; }
    public ImmutableArray<SeriesKey> Series { get; init; } = [];

    /// <summary>Series were read for every <see cref="SeriesStride"/>-th future (futures 0, k, 2k, ...): 1 unless a budget thinned them.</summary>
    public int SeriesStride { get; init; } = 1;

    /// <summary>[scenario][series point][j], the value in future j x <see cref="SeriesStride"/>; empty unless series were read.</summary>
    public double[][][] SeriesValues { get; init; } = [];

    /// <summary>The index of an outcome column, or -1.</summary>
    public int OutcomeIndex(OutcomeKey key) => Outcomes.IndexOf(key);
}
