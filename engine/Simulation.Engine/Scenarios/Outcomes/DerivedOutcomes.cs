using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Scenarios.Format;

namespace Simulation.Engine.Scenarios.Outcomes;

/// <summary>
/// Outcomes computed from other outcomes: differences and ratios within a run, and paired comparisons with
/// the baseline. They may refer to outcomes defined later; unknown names and loops are reported.
/// Element-wise when both sides have the same elements; a scalar side applies to every element of the other.
/// </summary>
internal static class DerivedOutcomes
{
    public static void Add(IEnumerable<OutcomeDefinition> derived, OutcomeResolver.MeasurementBuilder b, DiagnosticBag diagnostics)
    {
        var pending = derived.Where(b.Claim).ToList();
        foreach (var o in pending.Where(o => o.Kind == OutcomeKind.Payback).ToList())
        {
            pending.Remove(o);
            DefinePayback(o, b, diagnostics);
        }
        var derivedNames = pending.Select(o => o.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var claimed = b.Names.ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var o in pending.ToList())
            foreach (var operand in o.Operands.Where(x => !b.ColumnsByName.ContainsKey(x.Name) && !derivedNames.Contains(x.Name)))
            {
                pending.Remove(o);
                if (claimed.Contains(operand.Name) && !b.ColumnsByName.Keys.Any(k => OutcomeNames.IsTimeOf(k, operand.Name)))
                    continue; // an outcome whose own problem is already reported
                var names = b.ColumnsByName.Keys.Concat(derivedNames).Distinct().ToList();
                var times = names.Where(k => OutcomeNames.IsTimeOf(k, operand.Name)).ToList();
                string? s = NameSuggester.Suggest(operand.Name, names);
                diagnostics.Error(DiagnosticCodes.UnknownOutcome,
                    times.Count > 0 ? $"'{o.Name}' uses '{operand.Name}', which is read at several times" : $"'{o.Name}' uses the outcome '{operand.Name}', which does not exist",
                    operand.Location,
                    hint: times.Count > 0 ? $"name one of them: {string.Join(", ", times.Select(t => $"'{t}'"))}"
                        : s is not null ? $"did you mean '{s}'?" : $"the outcomes are: {string.Join(", ", names)}");
            }
        while (pending.Count > 0)
        {
            var ready = pending.FirstOrDefault(o => o.Operands.All(x => b.ColumnsByName.ContainsKey(x.Name)));
            if (ready is not null)
            {
                pending.Remove(ready);
                Define(ready, b, diagnostics);
                continue;
            }
            var live = pending.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var orphan = pending.FirstOrDefault(o => o.Operands.Any(x => !b.ColumnsByName.ContainsKey(x.Name) && !live.Contains(x.Name)));
            if (orphan is not null)
            {
                pending.Remove(orphan); // depends on an outcome that was dropped for its own reported problem
                continue;
            }
            diagnostics.Error(DiagnosticCodes.OutcomeCycle,
                $"outcomes are defined from each other in a loop: {string.Join(", ", pending.Select(p => $"'{p.Name}'"))}", pending[0].Location,
                hint: "each derived outcome must come, in the end, from values, totals or means");
            return;
        }
    }

    private static void Define(OutcomeDefinition o, OutcomeResolver.MeasurementBuilder b, DiagnosticBag diagnostics)
    {
        var columns = b.Columns;
        if (o.Kind is OutcomeKind.ChangeFromBaseline or OutcomeKind.Avoided)
        {
            var of = b.ColumnsByName[o.Operands[0].Name];
            b.AddColumns(o.Name, of.Select(c => (columns[c].Element, (OutcomeFormula)new VersusBaseline(o.Kind, c))).ToList(), o);
            return;
        }
        var left = b.ColumnsByName[o.Operands[0].Name];
        var right = b.ColumnsByName[o.Operands[1].Name];
        var pairs = Pair(left, right, columns);
        if (pairs is null)
        {
            diagnostics.Error(DiagnosticCodes.OutcomeShapeMismatch,
                $"'{o.Name}' combines '{o.Operands[0].Name}' ({Describe(left, columns)}) with '{o.Operands[1].Name}' ({Describe(right, columns)})", o.Location,
                hint: "both sides need the same elements, or one side a single value");
            return;
        }
        b.AddColumns(o.Name, pairs.Select(p => (p.Element, (OutcomeFormula)new Combination(o.Kind, p.Left, p.Right))).ToList(), o);
    }

    /// <summary>
    /// A payback outcome reads a value outcome at its times, element by element (one value, or one per element of an
    /// outcome measured by element): the first time, counted from 1, at which the run is at or below the baseline.
    /// </summary>
    private static void DefinePayback(OutcomeDefinition o, OutcomeResolver.MeasurementBuilder b, DiagnosticBag diagnostics)
    {
        var operand = o.Operands[0];
        if (!b.Timed.TryGetValue(operand.Name, out var times))
        {
            var values = b.Timed.Keys.ToList();
            string? s = NameSuggester.Suggest(operand.Name, values);
            diagnostics.Error(DiagnosticCodes.UnknownOutcome, $"'{o.Name}' pays back on '{operand.Name}', which is not a value outcome of this experiment",
                operand.Location, hint: s is not null ? $"did you mean '{s}'?"
                    : "name a \"value\" outcome read at several times, e.g. a cumulative net cost with \"at\" every year");
            return;
        }
        var columns = b.Columns;
        b.AddColumns(o.Name, times[0].Select((c, e) => (columns[c].Element, (OutcomeFormula)new PaybackOver(times.Select(t => t[e]).ToImmutableArray()))).ToList(),
            o);
    }

    private static List<(string Element, int Left, int Right)>? Pair(List<int> left, List<int> right, List<OutcomeColumn> columns)
    {
        if (right.Count == 1 && columns[right[0]].Element == "") return left.Select(l => (columns[l].Element, l, right[0])).ToList();
        if (left.Count == 1 && columns[left[0]].Element == "") return right.Select(r => (columns[r].Element, left[0], r)).ToList();
        if (left.Count != right.Count || left.Where((l, k) => columns[l].Element != columns[right[k]].Element).Any()) return null;
        return left.Select((l, k) => (columns[l].Element, l, right[k])).ToList();
    }

    private static string Describe(List<int> cols, List<OutcomeColumn> columns) =>
        cols.Count == 1 && columns[cols[0]].Element == "" ? "one value" : $"{cols.Count} elements: {string.Join(", ", cols.Take(4).Select(c => columns[c].Element))}{(cols.Count > 4 ? ", ..." : "")}";
}
