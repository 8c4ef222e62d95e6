using System.Collections.Immutable;
using Simulation.Engine.Model;

namespace Simulation.Engine.Scenarios.Outcomes;

/// <summary>
/// Everything a sweep measures, the same for every scenario: the hidden variables that compute outcomes
/// inside the run (accumulators for totals and means), what each run records, how each outcome column is
/// computed from the record, and which recorded values form the series table.
/// </summary>
public sealed record MeasurementPlan(
    ImmutableArray<VariableDefinition> Variables,
    RecordLayout Layout,
    ImmutableArray<OutcomeColumn> Columns,
    ImmutableArray<SeriesColumn> Series,
    ImmutableArray<int> SeriesSteps)
{
    /// <summary>
    /// The expression each value, total or mean outcome measures, and the hidden variable that holds its value at
    /// every step (before any discounting): what a chart of the outcome over time draws.
    /// </summary>
    public ImmutableArray<MeasuredExpression> Expressions { get; init; } = ImmutableArray<MeasuredExpression>.Empty;

    /// <summary>True when some outcome compares a run with the baseline's run of the same future.</summary>
    public bool IsPaired => Columns.Any(c => c.Formula is VersusBaseline or PaybackOver);
}

/// <summary>A variable element saved to the series table: its names there, and its recorded output.</summary>
public sealed record SeriesColumn(string Variable, string Element, int Output);

/// <summary>An outcome's expression as written, and the hidden variable (shaped by the outcome's <c>by</c> dimensions) that computes it.</summary>
public sealed record MeasuredExpression(string Outcome, string Expression, string? Units, string Variable, ImmutableArray<string> Elements);
