using System.Collections.Immutable;

namespace Simulation.Engine.Levers;

/// <summary>
/// One chart the page draws: an expression the experiment's outcomes measure (or a variable it saves as a series)
/// over time, one line per element. <see cref="Outcomes"/> are the outcomes that measure it, so the page can put a
/// KPI next to its chart.
/// </summary>
public sealed record LeverChart(string Id, string Title, string? Units, ImmutableArray<string> Lines, ImmutableArray<string> Outcomes);
