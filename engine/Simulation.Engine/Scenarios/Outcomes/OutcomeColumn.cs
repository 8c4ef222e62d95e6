using Simulation.Engine.Scenarios.Format;

namespace Simulation.Engine.Scenarios.Outcomes;

/// <summary>One value of the outcomes table per run: an outcome, and its element ("" for a scalar outcome).</summary>
public sealed record OutcomeColumn(string Outcome, string Element, string? Units, OutcomeFormula Formula)
{
    /// <summary>The experiment's outcome this column comes from (one outcome may give a column per time or element).</summary>
    public OutcomeDefinition? Definition { get; init; }
}

/// <summary>How an outcome column is computed from one run's recorded values (and, when paired, the baseline's outcomes).</summary>
public abstract record OutcomeFormula;

/// <summary>Recorded output <see cref="Output"/> at step <see cref="Step"/>.</summary>
public sealed record ValueAt(int Output, int Step) : OutcomeFormula;

/// <summary>(output at <see cref="ToStep"/> - output at <see cref="FromStep"/>) / <see cref="Divisor"/>: an accumulator's gain over a period.</summary>
public sealed record IncreaseOver(int Output, int FromStep, int ToStep, double Divisor) : OutcomeFormula;

/// <summary>Column <see cref="Left"/> minus (Difference) or divided by (Ratio) column <see cref="Right"/>, in the same run.</summary>
public sealed record Combination(OutcomeKind Kind, int Left, int Right) : OutcomeFormula;

/// <summary>
/// Column <see cref="Column"/> against the baseline's value of it in the same future: this - baseline
/// (ChangeFromBaseline) or baseline - this (Avoided). The baseline's own value is 0.
/// </summary>
public sealed record VersusBaseline(OutcomeKind Kind, int Column) : OutcomeFormula;

/// <summary>
/// The first k (1-based) from which on this run's columns <see cref="Columns"/>[k - 1 ..] are all below the baseline's values of
/// them in the same future; NaN when the last is not, and for the baseline itself.
/// </summary>
public sealed record PaybackOver(System.Collections.Immutable.ImmutableArray<int> Columns) : OutcomeFormula;
