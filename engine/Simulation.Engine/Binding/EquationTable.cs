using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Ops;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Binding;

/// <summary>
/// Decides which equation (and graph) each element of each variable uses, from the variable's
/// equation and its per-element entries, then parses each equation text once and binds it per element.
/// </summary>
internal sealed class EquationTable(BindingContext context, IReadOnlyDictionary<EquationSource, Expr?>? parsedBefore = null)
{
    private readonly Dictionary<EquationSource, Expr?> _parsed = new();

    /// <summary>Each equation bound, parsed (null where it does not parse), for later passes not to parse it again.</summary>
    public IReadOnlyDictionary<EquationSource, Expr?> Parsed => _parsed;
    private readonly Dictionary<BoundVariable, (EquationSource? Equation, GraphDefinition? Graph)[]> _assigned = new();

    /// <summary>Works out each element's equation and graph, and creates the graph tables.</summary>
    public void Assign(BoundVariable variable)
    {
        var def = variable.Definition!;
        int count = variable.ElementCount;
        var slots = new (EquationSource?, GraphDefinition?)[count];
        for (int i = 0; i < count; i++) slots[i] = (def.Equation, def.Graph);
        if (def.Elements.Length > 0 && !variable.Dimensions.Any())
        {
            context.Diagnostics.Error(DiagnosticCodes.MisplacedField, $"'{variable.Name}' has per-element equations but no dimensions",
                def.Elements[0].Location, variable.Name, "add \"dimensions\": [...] or use \"equation\"");
        }
        else
        {
            // Entries with '*' first, so that entries naming every element override them.
            foreach (var entry in def.Elements.OrderByDescending(e => e.Subscript.Count(s => s == "*")))
                foreach (int flat in Matching(variable, entry))
                    slots[flat] = (entry.Equation ?? (entry.Graph is not null ? def.Equation : null), entry.Graph ?? def.Graph);
        }
        _assigned[variable] = slots;

        bool isGraphical = def.Kind == VariableKind.Graphical;
        if (isGraphical && def.Equation is not null)
            context.Diagnostics.Error(DiagnosticCodes.MisplacedField,
                $"the graphical function '{variable.Name}' has an equation; it is called as {ExprPrinter.FormatName(variable.Name)}(x) instead",
                def.Location, variable.Name, "make it an auxiliary with a \"graph\" to apply the graph to an equation's value");
        if (slots.Any(s => s.Item2 is not null))
        {
            for (int flat = 0; flat < count; flat++)
            {
                var graph = slots[flat].Item2;
                if (graph is null)
                {
                    if (isGraphical) ReportMissing(variable, flat, "graph");
                    variable.Tables.Add(-1);
                    continue;
                }
                variable.Tables.Add(AddTable(variable, flat, graph));
            }
        }
        else if (isGraphical)
        {
            context.Diagnostics.Error(DiagnosticCodes.MissingEquation, $"the graphical function '{variable.Name}' has no \"graph\"",
                def.Location, variable.Name, "add \"graph\": { \"x\": [...], \"y\": [...] }");
        }
    }

    /// <summary>Binds each element's equation (for a stock: its initial value).</summary>
    public void BindElements(BoundVariable variable)
    {
        var slots = _assigned[variable];
        for (int flat = 0; flat < variable.Elements.Count; flat++)
        {
            var element = context.Elements[variable.Elements[flat]];
            var (source, graph) = slots[flat];
            if (source is null)
            {
                ReportMissing(variable, flat, variable.Kind == VariableKind.Stock ? "initial value" : "equation");
                continue;
            }
            element.Source = source;
            if (!_parsed.TryGetValue(source, out var expr))
            {
                // Only what parsed cleanly is taken from before: a text that did not parse is parsed here again, and reported.
                expr = parsedBefore?.GetValueOrDefault(source) ?? Parser.Parse(source, variable.Name, context.Diagnostics);
                _parsed[source] = expr;
            }
            if (expr is null) continue;
            var scope = new ElementScope(variable, element, source);
            var bound = new ExpressionBinder(context, scope).BindScalar(expr, () => $"the equation of '{element.DisplayName}'");
            if (bound is null) continue;
            if (graph is not null && variable.Tables[flat] >= 0)
            {
                element.GraphTable = variable.Tables[flat];
                bound = new BLookup(variable.Tables[flat], bound, Operations.Lookup);
            }
            element.Equation = bound;
        }
    }

    private void ReportMissing(BoundVariable variable, int flat, string what)
    {
        var def = variable.Definition!;
        if (variable.Dimensions.Length == 0)
        {
            string key = variable.Kind == VariableKind.Stock ? "initial" : "equation";
            context.Diagnostics.Error(DiagnosticCodes.MissingEquation, $"'{variable.Name}' has no {what}", def.Location, variable.Name,
                what == "graph" ? null : $"add \"{key}\": ...");
        }
        else
        {
            var indices = Binder.PositionAt(variable.Dimensions, flat);
            string element = Binder.ElementName(variable, indices);
            // A key already reported as wrong explains the gap; one error is enough.
            if (!_reportedMissing.Add(variable) || _badKeys.Contains(variable)) return;
            int missing = CountMissing(variable, what);
            context.Diagnostics.Error(DiagnosticCodes.MissingElementEquation,
                $"'{variable.Name}' has no {what} for {element}{(missing > 1 ? $" and {missing - 1} other element{(missing > 2 ? "s" : "")}" : "")}",
                def.Location, variable.Name, "give an equation for all elements, or one per element in \"elements\"");
        }
    }

    private readonly HashSet<BoundVariable> _reportedMissing = new();
    private readonly HashSet<BoundVariable> _badKeys = new();

    private int CountMissing(BoundVariable variable, string what) =>
        what == "graph" ? _assigned[variable].Count(s => s.Graph is null) : _assigned[variable].Count(s => s.Equation is null);

    /// <summary>Flat indices of the elements an entry's key ("0-17,Q1", "*,Q1") names; reports bad keys.</summary>
    private IEnumerable<int> Matching(BoundVariable variable, ElementDefinition entry)
    {
        var dims = variable.Dimensions;
        if (entry.Subscript.Length != dims.Length)
        {
            context.Diagnostics.Error(DiagnosticCodes.DimensionMismatch,
                $"the element key \"{string.Join(",", entry.Subscript)}\" names {entry.Subscript.Length} element{(entry.Subscript.Length == 1 ? "" : "s")}, but '{variable.Name}' has {dims.Length} dimensions ({string.Join(", ", dims)})",
                entry.Location, variable.Name, "separate the elements with commas, one per dimension");
            _badKeys.Add(variable);
            return [];
        }
        var choices = new List<int[]>();
        for (int k = 0; k < dims.Length; k++)
        {
            string name = entry.Subscript[k];
            if (name == "*")
            {
                choices.Add(Enumerable.Range(0, dims[k].Size).ToArray());
                continue;
            }
            int i = dims[k].IndexOf(name);
            if (i < 0 && context.Dimensions.TryGetValue(Identifier.Canonical(name), out var sub) && sub.Root == dims[k].Root)
            {
                choices.Add(Enumerable.Range(0, sub.Size).Select(j => DimensionRelations.Translate(sub, j, dims[k]) ?? -1).Where(j => j >= 0).ToArray());
                continue;
            }
            if (i < 0)
            {
                string? s = NameSuggester.Suggest(name, dims[k].Elements);
                context.Diagnostics.Error(DiagnosticCodes.UnknownElement, $"'{name}' is not an element of {dims[k].Name}", entry.Location, variable.Name,
                    s is not null ? $"did you mean '{s}'?" : $"{dims[k].Name} has: {string.Join(", ", dims[k].Elements)}");
                _badKeys.Add(variable);
                return [];
            }
            choices.Add([i]);
        }
        return Cartesian(choices).Select(ix => variable.FlatIndex(ix));
    }

    private static IEnumerable<int[]> Cartesian(List<int[]> choices)
    {
        IEnumerable<int[]> result = [[]];
        foreach (var options in choices)
            result = result.SelectMany(prefix => options.Select(o => (int[])[.. prefix, o]));
        return result;
    }

    private int AddTable(BoundVariable variable, int flat, GraphDefinition graph)
    {
        string name = Binder.ElementName(variable, Binder.PositionAt(variable.Dimensions, flat));
        string? problem = null;
        if (graph.X.Length == 0 || graph.Y.Length == 0) problem = "has no points";
        else if (graph.X.Length != graph.Y.Length) problem = $"has {graph.X.Length} x values but {graph.Y.Length} y values";
        else if (graph.XRange is { } r && !(r.Min < r.Max) && graph.Y.Length > 1) problem = $"has an x range [{r.Min}, {r.Max}] whose end is not after its start";
        else
            for (int i = 1; i < graph.X.Length; i++)
                if (!(graph.X[i] > graph.X[i - 1]))
                {
                    problem = $"has x values that do not increase ({graph.X[i - 1]} then {graph.X[i]})";
                    break;
                }
        if (problem is not null)
            context.Diagnostics.Error(DiagnosticCodes.InvalidGraph, $"the graph of '{name}' {problem}", graph.Location, variable.Name,
                "x values must be strictly increasing, with one y per x");
        var table = problem is null
            ? new LookupTable(name, graph.X, graph.Y, graph.Interpolation)
            : new LookupTable(name, ImmutableArray.Create(0.0), ImmutableArray.Create(0.0), graph.Interpolation);
        context.Tables.Add(table);
        return context.Tables.Count - 1;
    }
}
