using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Scenarios.Format;
using Simulation.Engine.Scenarios.Outcomes;

namespace Simulation.Engine.Scenarios.Summary;

/// <summary>
/// Builds the <see cref="DecisionPlan"/> of an experiment. Which way is better, when "better" is not written:
/// the cost outcome of "costEffectiveness" is better lower and its QALY outcome higher; a changeFromBaseline outcome
/// is better the way its operand is; an avoided outcome the other way (higher when the operand has no direction: what
/// is avoided is something to avoid); every other outcome has no direction, and its summary gives the shares of
/// futures higher and lower instead of a probability of being better.
/// The cost and QALY outcomes are those "costEffectiveness" names, or else the operands of the first ratio of two
/// paired outcomes whose denominator's units or name mention QALYs (an incremental cost per QALY).
/// </summary>
public static class DecisionResolver
{
    public static DecisionPlan Resolve(ExperimentDocument experiment, IReadOnlyList<OutcomeColumn> columns, DiagnosticBag diagnostics)
    {
        var paired = new bool[columns.Count];
        for (int c = 0; c < columns.Count; c++)
            paired[c] = columns[c].Formula switch
            {
                VersusBaseline => true,
                Combination { Kind: OutcomeKind.Difference } d => paired[d.Left] && paired[d.Right],
                _ => false,
            };
        var ce = CostEffectiveness(experiment, columns, paired, diagnostics);
        var directions = new Dictionary<OutcomeDefinition, Direction?>();
        Direction? DirectionOf(OutcomeDefinition? o, int depth = 0)
        {
            if (o is null || depth > 64) return null;
            if (directions.TryGetValue(o, out var known)) return known;
            Direction? operand = o.Operands.Length == 1 ? DirectionOf(Definition(experiment, o.Operands[0].Name), depth + 1) : null;
            var result = o.Better
                ?? (ce is not null && columns[ce.Cost].Definition == o ? Direction.Lower : (Direction?)null)
                ?? (ce is not null && columns[ce.Qalys].Definition == o ? Direction.Higher : (Direction?)null)
                ?? o.Kind switch
                {
                    OutcomeKind.ChangeFromBaseline => operand,
                    OutcomeKind.Avoided => operand is { } d ? Flip(d) : Direction.Higher,
                    _ => null,
                };
            directions[o] = result;
            return result;
        }
        var decisions = columns.Select((column, c) =>
        {
            var kind = column.Definition?.Kind ?? OutcomeKind.Value;
            RatioParts? ratio = column.Formula is Combination { Kind: OutcomeKind.Ratio } r
                ? new RatioParts(r.Left, r.Right, paired[r.Left] && paired[r.Right], DirectionOf(columns[r.Left].Definition), DirectionOf(columns[r.Right].Definition))
                : null;
            return new ColumnDecision(OutcomeKindNames.Of(kind), paired[c], ratio is null ? DirectionOf(column.Definition) : null, ratio);
        }).ToImmutableArray();
        return new DecisionPlan(decisions, ce, Headline(decisions));
    }

    /// <summary>
    /// The headline: the outcomes that are comparisons already (paired changes, and ratios of them), which is what an
    /// experiment's author writes to compare scenarios; without any, the outcomes with a direction; else the first ten.
    /// </summary>
    private static ImmutableArray<int> Headline(ImmutableArray<ColumnDecision> decisions)
    {
        var comparisons = Enumerable.Range(0, decisions.Length).Where(c => decisions[c].Paired || decisions[c].Ratio is { Incremental: true }).ToImmutableArray();
        if (comparisons.Length > 0) return comparisons;
        var directed = Enumerable.Range(0, decisions.Length).Where(c => decisions[c].Better is not null).ToImmutableArray();
        return directed.Length > 0 ? directed : Enumerable.Range(0, Math.Min(10, decisions.Length)).ToImmutableArray();
    }

    private static Direction Flip(Direction d) => d == Direction.Lower ? Direction.Higher : Direction.Lower;

    /// <summary>The outcome an operand names; "X, year 2030" is a time of the value outcome X.</summary>
    private static OutcomeDefinition? Definition(ExperimentDocument experiment, string name)
    {
        var named = experiment.Outcomes.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase));
        return named ?? (OutcomeNames.Family(name) is { } family ? Definition(experiment, family) : null);
    }

    private static CostEffectivenessPlan? CostEffectiveness(ExperimentDocument experiment, IReadOnlyList<OutcomeColumn> columns, bool[] paired,
        DiagnosticBag diagnostics)
    {
        var block = experiment.CostEffectiveness;
        var thresholds = block is { Thresholds.IsEmpty: false } ? block.Thresholds : DecisionPlan.DefaultThresholds;
        if (block is { Cost: not null } || block is { Qalys: not null })
        {
            if (block.Cost is null || block.Qalys is null)
            {
                diagnostics.Error(DiagnosticCodes.InvalidExperiment, "\"costEffectiveness\" names one of \"cost\" and \"qalys\"; give both", block.Location,
                    hint: "or leave both out to use the operands of the experiment's cost per QALY ratio");
                return null;
            }
            int cost = Column(block.Cost, columns, diagnostics), qalys = Column(block.Qalys, columns, diagnostics);
            return cost < 0 || qalys < 0 ? null : new CostEffectivenessPlan(cost, qalys, thresholds);
        }
        for (int c = 0; c < columns.Count; c++)
            if (columns[c] is { Element: "", Formula: Combination { Kind: OutcomeKind.Ratio } r } && paired[r.Left] && paired[r.Right]
                && MentionsQalys(columns[r.Right]) && columns[r.Left].Element == "" && columns[r.Right].Element == "")
                return new CostEffectivenessPlan(r.Left, r.Right, thresholds);
        return null;
    }

    private static bool MentionsQalys(OutcomeColumn column) =>
        (column.Units ?? "").Contains("QALY", StringComparison.OrdinalIgnoreCase) || column.Outcome.Contains("QALY", StringComparison.OrdinalIgnoreCase);

    /// <summary>The one column of a named outcome, or -1 (reported) when it does not exist or has several values.</summary>
    private static int Column(Model.NameReference name, IReadOnlyList<OutcomeColumn> columns, DiagnosticBag diagnostics)
    {
        var matches = Enumerable.Range(0, columns.Count).Where(c => string.Equals(columns[c].Outcome, name.Name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count == 0)
        {
            var names = columns.Select(c => c.Outcome).Distinct().ToList();
            string? s = NameSuggester.Suggest(name.Name, names);
            diagnostics.Error(DiagnosticCodes.UnknownOutcome, $"\"costEffectiveness\" names the outcome '{name.Name}', which does not exist", name.Location,
                hint: s is not null ? $"did you mean '{s}'?" : $"the outcomes are: {string.Join(", ", names)}");
            return -1;
        }
        if (matches.Count > 1 || columns[matches[0]].Element != "")
        {
            diagnostics.Error(DiagnosticCodes.InvalidExperiment, $"the outcome '{name.Name}' has {matches.Count} values per run (one per element); a cost or QALY outcome must have one",
                name.Location, hint: "define a total over every element (SUM(...)) and name that");
            return -1;
        }
        return matches[0];
    }
}
