using System.Collections.Immutable;
using Simulation.Engine.Binding;
using Simulation.Engine.Compilation;
using Simulation.Engine.Scenarios.Resolution;
using Simulation.Engine.Scenarios.Sampling;

namespace Simulation.Engine.Scenarios;

/// <summary>
/// One scenario ready to run: its compiled plan (its own, or one it shares with other scenarios that only intervene), which design column each plan parameter takes, and the
/// slot of each output the measurement plan records. Every run of the scenario uses this one plan; runs differ
/// only in their sampled values and random streams.
/// </summary>
public sealed class CompiledScenario
{
    public required ResolvedScenario Scenario { get; init; }

    /// <summary>The scenario's model, bound and checked: what a run's element numbers name.</summary>
    public required BoundModel Model { get; init; }

    /// <summary>
    /// The plan, compiled at its first use and shared by the scenarios built with the same <see cref="Lazy{T}"/>: a
    /// command that only reads results (<c>sim merge</c>) needs the scenarios' models but never compiles a plan.
    /// </summary>
    public required Lazy<EvaluationPlan> Compiled { private get; init; }

    public EvaluationPlan Plan => Compiled.Value;

    /// <summary>Parameter k of the plan takes the value of design column ParameterColumns[k].</summary>
    public required ImmutableArray<int> ParameterColumns { get; init; }

    /// <summary>Parameter k is ParameterMaps[k].Quantile(its column's value) for an array drawn at one quantile level; its column's value when null.</summary>
    public required ImmutableArray<InputDistribution?> ParameterMaps { get; init; }

    /// <summary>
    /// In a plan several scenarios share: the parameter that says which scenario runs, and this scenario's value of it
    /// (<see cref="ExperimentCompiler.CompileShared"/>); null when the plan is the scenario's own.
    /// </summary>
    public (int Parameter, double Value)? Variant { get; init; }

    /// <summary>Model element of each recorded output (in the measurement plan's order).</summary>
    public required ImmutableArray<int> RecordElements { get; init; }

    /// <summary>Plan slot of each recorded output.</summary>
    public ImmutableArray<int> RecordSlots => _recordSlots.IsDefault ? _recordSlots = [.. RecordElements.Select(e => Plan.ElementSlots[e])] : _recordSlots;

    // Not a Nullable<ImmutableArray>: sweep workers read this at once, and a nullable struct is written in two halves (a
    // reader could see "has a value" before the value). An ImmutableArray is one reference, written whole; two workers
    // that both find it unset compute the same slots.
    private ImmutableArray<int> _recordSlots;

    public string Name => Scenario.Name;

    public int Index => Scenario.Index;

    /// <summary>Writes a run's parameter values from its sample's design values.</summary>
    public void FillParameters(ReadOnlySpan<double> sample, Span<double> parameters)
    {
        for (int k = 0; k < ParameterColumns.Length; k++)
        {
            double value = sample[ParameterColumns[k]];
            parameters[k] = ParameterMaps[k] is { } map ? map.Quantile(value) : value;
        }
        if (Variant is { } v) parameters[v.Parameter] = v.Value;
    }
}
