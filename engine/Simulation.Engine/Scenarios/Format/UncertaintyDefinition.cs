using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;

namespace Simulation.Engine.Scenarios.Format;

/// <summary>How the samples of the uncertain inputs are chosen.</summary>
public enum DesignKind
{
    /// <summary>Independent random draws.</summary>
    MonteCarlo,

    /// <summary>Latin hypercube: each input's range cut into as many equally likely strata as samples, each hit once.</summary>
    LatinHypercube,

    /// <summary>Sobol low-discrepancy points (Joe-Kuo direction numbers).</summary>
    Sobol,

    /// <summary>Every combination of each input's levels (full factorial).</summary>
    Grid,

    /// <summary>Rows of a CSV table, one sample per row.</summary>
    Table,
}

/// <summary>How a sampled value acts on its input.</summary>
public enum ApplyMode
{
    /// <summary>The sample is the input's value.</summary>
    Set,

    /// <summary>The sample multiplies the input's value (as the scenario defines it).</summary>
    Multiply,
}

/// <summary>The uncertainty block: a design, its size, the uncertain inputs, and replications for stochastic models.</summary>
public sealed record UncertaintyDefinition
{
    public required DesignKind Design { get; init; }
    public SourceLocation? DesignLocation { get; init; }

    /// <summary>Number of samples (Monte Carlo, Latin hypercube, Sobol); a grid's size is the product of its levels.</summary>
    public int? Samples { get; init; }
    public SourceLocation? SamplesLocation { get; init; }

    /// <summary>Runs per sample, each with its own random stream (for models with random builtins).</summary>
    public int Replications { get; init; } = 1;

    public ImmutableArray<UncertainInput> Inputs { get; init; } = ImmutableArray<UncertainInput>.Empty;

    /// <summary>For the table design: the CSV file as written, and resolved against the experiment's folder.</summary>
    public NameReference? Table { get; init; }
    public string? TablePath { get; init; }

    public SourceLocation? Location { get; init; }
}

/// <summary>One uncertain input: a distribution to sample from, or (for grids) explicit levels.</summary>
public sealed record UncertainInput
{
    public required InputReference Target { get; init; }
    public DistributionDefinition? Distribution { get; init; }

    /// <summary>Grid only: the values to try, in order.</summary>
    public ImmutableArray<double> Values { get; init; } = ImmutableArray<double>.Empty;

    /// <summary>Grid only: this many levels spread over the distribution.</summary>
    public int? Levels { get; init; }

    public ApplyMode Apply { get; init; } = ApplyMode.Set;
    public SourceLocation? Location { get; init; }
}
