using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Scenarios.Format;
using Simulation.Engine.Scenarios.Outcomes;

namespace Simulation.Engine.Scenarios.Plausibility;

/// <summary>
/// One checked outcome column of history matching: a future is plausible when the baseline's value of
/// <see cref="Column"/> is a number within [<see cref="Min"/>, <see cref="Max"/>] (open ends are infinite).
/// </summary>
public sealed record PlausibilityTarget(string Outcome, string Element, double Min, double Max, int Column, string? Doc)
{
    public bool Holds(double value) => value >= Min && value <= Max;

    /// <summary>The target as a reader sees it: <c>Deaths[Q1] in [10, 20]</c>.</summary>
    public override string ToString() =>
        $"{(Element.Length == 0 ? Outcome : $"{Outcome}[{Element}]")} in [{Bound(Min)}, {Bound(Max)}]";

    private static string Bound(double x) => double.IsInfinity(x) ? (x < 0 ? "-inf" : "inf") : x.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The targets against the experiment's outcome columns: each names an outcome (SD5011) and, optionally, one of
    /// its elements (SD5004); it needs a bound, and min not above max (SD5020). An outcome measured by element without
    /// an element named is checked in every element.
    /// </summary>
    public static ImmutableArray<PlausibilityTarget> Resolve(IReadOnlyList<PlausibilityDefinition> written, IReadOnlyList<OutcomeColumn> columns,
        DiagnosticBag diagnostics)
    {
        var result = ImmutableArray.CreateBuilder<PlausibilityTarget>();
        foreach (var p in written)
        {
            var own = columns.Select((c, k) => (c, k)).Where(x => string.Equals(x.c.Outcome, p.Outcome.Name, StringComparison.OrdinalIgnoreCase)).ToList();
            if (own.Count == 0)
            {
                var names = columns.Select(c => c.Outcome).Distinct().ToList();
                string? s = NameSuggester.Suggest(p.Outcome.Name, names);
                diagnostics.Error(DiagnosticCodes.UnknownOutcome, $"the plausibility target names the outcome '{p.Outcome.Name}', which does not exist",
                    p.Outcome.Location, hint: s is not null ? $"did you mean '{s}'?" : "name one of the experiment's outcomes");
                continue;
            }
            if (p.Element is { } element)
            {
                own = own.Where(x => string.Equals(x.c.Element, element, StringComparison.OrdinalIgnoreCase)).ToList();
                if (own.Count == 0)
                {
                    diagnostics.Error(DiagnosticCodes.UnknownInputElement, $"the outcome '{p.Outcome.Name}' has no element '{element}'", p.Location,
                        hint: "its elements are: " + string.Join(", ", columns.Where(c => string.Equals(c.Outcome, p.Outcome.Name, StringComparison.OrdinalIgnoreCase))
                            .Select(c => c.Element.Length == 0 ? "(none: it is one value)" : c.Element)));
                    continue;
                }
            }
            double min = p.Min ?? double.NegativeInfinity, max = p.Max ?? double.PositiveInfinity;
            if (p.Min is null && p.Max is null || !(min <= max))
            {
                diagnostics.Error(DiagnosticCodes.InvalidExperiment,
                    p.Min is null && p.Max is null ? $"the plausibility target on '{p.Outcome.Name}' has neither \"min\" nor \"max\""
                        : $"the plausibility target on '{p.Outcome.Name}' has min {min} above max {max}",
                    p.Location, hint: "give the range of values the baseline must reproduce, e.g. \"min\": 140000, \"max\": 170000");
                continue;
            }
            foreach (var (c, k) in own) result.Add(new PlausibilityTarget(c.Outcome, c.Element, min, max, k, p.Doc));
        }
        return result.ToImmutable();
    }
}
