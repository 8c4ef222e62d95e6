using Simulation.Engine.Scenarios.Format;
using Simulation.Engine.Scenarios.Summary;

namespace Simulation.Reporting.Text;

/// <summary>The words every view uses for one summary row: its comparison with the baseline, its probability, its ratio.</summary>
public static class Cells
{
    /// <summary>What a scenario's row says against the baseline: the paired difference band, or the ratio for an incremental ratio.</summary>
    public static string Comparison(SummaryRow r) =>
        r.IsIncrementalRatio ? Ratio(r)
        : r.Comparison is { } c ? Numbers.Band(c.Difference, signed: true)
        : r.Kind == OutcomeKindNames.Of(OutcomeKind.Payback) && r.Value.Count > 0 ? Payback(r.Value)
        : "–";

    /// <summary>A payback year is the scenario's own value: "7.2 [5, 10], paid back in 140 of 179 futures".</summary>
    private static string Payback(Distribution d)
    {
        int judged = d.Count + d.LeftOut.Where(x => x.Reason != LeftOutReason.Implausible).Sum(x => x.Count);
        return $"{Numbers.Band(d, signed: false)}, paid back in {d.Count:N0} of {judged:N0} futures";
    }

    /// <summary>"better in 97%" (or "higher in 60%" without a direction); empty when there is nothing to say.</summary>
    public static string Probability(SummaryRow r)
    {
        if (r.Comparison is not { } c || c.Difference.Count == 0 || c.Difference.IsZero) return "";
        return r.Better is not null ? $"better in {Numbers.Percent(r.PBetter!.Value)}" : $"higher in {Numbers.Percent(c.PHigher)}";
    }

    /// <summary>A ratio of means with its quadrant, or "not meaningful" when the denominator's band spans zero.</summary>
    public static string Ratio(SummaryRow r)
    {
        if (r.Ratio is not { } q) return "";
        if (q.Count == 0) return "–";
        if (!q.Meaningful)
            return q.Denominator.IsZero ? $"not meaningful: no change in {Name(q.DenominatorOutcome)}" : $"not meaningful: {Name(q.DenominatorOutcome)} spans 0";
        string value = $"{Numbers.Format(q.Value)}{(r.Units is { Length: > 0 } u ? " " + u : "")}";
        return q.Quadrant switch
        {
            Quadrant.Dominant => "dominant: saves money and gains",
            Quadrant.Dominated => "dominated: costs more and loses",
            Quadrant.TradeOff => $"{value}, trade-off: costs more, gains",
            Quadrant.SavesAndLoses => $"{value}, saves money and loses benefit",
            _ => value,
        };
    }

    /// <summary>
    /// The futures a row's statistic leaves out, and why: "95 of 100 futures (5 left out; zero denominator: 5)". Empty
    /// when it stands on every future, and for the baseline's rows that compare it with itself (a paired change is 0,
    /// an incremental ratio 0 / 0, by definition), and for a payback year, whose cell says in how many futures it paid
    /// back. Futures left out by history matching are not counted here: the row's runs are the futures kept, and the
    /// views say once, under the title, how many the match left out.
    /// </summary>
    public static string LeftOut(SummaryRow r, string baseline)
    {
        if (r.Kind == OutcomeKindNames.Of(OutcomeKind.Payback)) return "";
        if (r.Scenario == baseline && (r.Paired || (r.Kind == OutcomeKindNames.Of(OutcomeKind.Ratio) && r.Ratio is null))) return "";
        var (n, why) = r.IsIncrementalRatio ? (r.Ratio!.Count, r.Ratio.LeftOut)
            : r.Comparison is { } c ? (c.Difference.Count, c.Difference.LeftOut)
            : (r.Value.Count, r.Value.LeftOut);
        if (n >= r.Runs) return "";
        string reasons = string.Concat(why.Where(x => x.Reason != LeftOutReason.Implausible).Select(x => $"; {x.Reason}: {x.Count:N0}"));
        return $"{n:N0} of {r.Runs:N0} futures ({r.Runs - n:N0} left out{reasons})";
    }

    /// <summary>"scenario, outcome: 95 of 100 futures (...)" for each of <paramref name="rows"/> that leaves futures out.</summary>
    public static IEnumerable<string> LeftOutNotes(SweepSummary summary, IEnumerable<SummaryRow> rows) =>
        rows.Select(r => (r, note: LeftOut(r, summary.Baseline))).Where(x => x.note.Length > 0).Select(x => $"{x.r.Scenario}, {x.r.Name}: {x.note}");

    public static string Direction(Direction? d) => d switch
    {
        Engine.Scenarios.Format.Direction.Lower => "lower",
        Engine.Scenarios.Format.Direction.Higher => "higher",
        _ => "",
    };

    private static string Name(string outcome) => outcome.Length == 0 ? "the denominator" : outcome;

    /// <summary>"600 runs: 6 scenarios x 100 futures (latinHypercube, seed 7)".</summary>
    public static string Runs(SweepSummary s)
    {
        int scenarios = s.Scenarios.Count();
        string futures = $"{s.Samples:N0} sample{(s.Samples == 1 ? "" : "s")}{(s.Replications > 1 ? $" x {s.Replications} replications" : "")}";
        return $"{scenarios} scenario{(scenarios == 1 ? "" : "s")} x {futures} ({s.Design}, seed {s.Seed})";
    }
}
