using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Import.Vensim;

/// <summary>Writing a variable's equations: for all elements at once where one equation covers them, else per element.</summary>
internal sealed partial class MdlModelBuilder
{
    /// <summary>An equation or graph for all elements, or entries for some.</summary>
    private sealed record Lowered(EquationSource? Equation, GraphDefinition? Graph, ImmutableArray<ElementDefinition> Elements);

    private Lowered Equations(MdlVariable variable, Func<MdlEquation, Expr?> select)
    {
        var shape = variable.Shape!;
        var first = variable.Equations[0];
        if (variable.Equations.Count == 1 && first.Numbers is null && MdlGet.KindOf(select(first)) is null
            && (shape.IsScalar || shape.CoversAll(first, _ranges)) && !NeedsBinding(select(first)))
        {
            var (equation, graph) = Write(variable, first, select(first), null);
            return new Lowered(equation, graph, []);
        }
        var elements = ImmutableArray.CreateBuilder<ElementDefinition>();
        foreach (var e in variable.Equations)
        {
            if (shape.IsScalar && variable.Equations.Count > 1)
            {
                _diagnostics.InEquation(DiagnosticCodes.DuplicateName, Severity.Error, $"'{variable.Name}' is defined more than once",
                    e.Record.Equation, e.Left.NameSpan, variable.Name, "a variable without subscripts has one equation");
                continue;
            }
            var expr = select(e);
            if (e.Numbers is { } rows) elements.AddRange(NumberCells(variable, e, rows));
            else if (MdlGet.KindOf(expr) is { } kind) elements.AddRange(DataCells(variable, e, (MdlCall)expr!, kind));
            else if (e.Left.Except.IsEmpty && !NeedsBinding(expr))
            {
                var (equation, graph) = Write(variable, e, expr, null);
                var key = e.Left.Subscripts.Select(s => _ranges.Find(s.Name)?.Name ?? ElementName(s.Name)).ToImmutableArray();
                elements.Add(new ElementDefinition { Subscript = key, Equation = equation, Graph = graph, Location = e.Record.Location });
            }
            else
            {
                (EquationSource?, GraphDefinition?)? shared = NeedsBinding(expr) ? null : Write(variable, e, expr, null);
                foreach (var cell in shape.Cells(e, _ranges))
                {
                    var (equation, graph) = shared ?? Write(variable, e, expr, cell.Binding);
                    elements.Add(new ElementDefinition { Subscript = cell.Elements, Equation = equation, Graph = graph, Location = e.Record.Location });
                }
            }
        }
        if (shape.IsScalar)
            return elements.Count == 0 ? new Lowered(null, null, []) : new Lowered(elements[0].Equation, elements[0].Graph, []);
        return new Lowered(null, null, elements.ToImmutable());
    }

    /// <summary><c>x[D1, D2] = 1, 2; 3, 4;</c>: one constant per element, in row-major order of the left-hand side.</summary>
    private IEnumerable<ElementDefinition> NumberCells(MdlVariable variable, MdlEquation e, ImmutableArray<ImmutableArray<NumberExpr>> rows)
    {
        var numbers = rows.SelectMany(r => r).ToList();
        var cells = variable.Shape!.Cells(e, _ranges).ToList();
        if (numbers.Count != cells.Count)
        {
            _diagnostics.InEquation(DiagnosticCodes.DimensionMismatch, Severity.Error,
                $"'{variable.Name}' is given {numbers.Count} number{(numbers.Count == 1 ? "" : "s")} for {cells.Count} element{(cells.Count == 1 ? "" : "s")}",
                e.Record.Equation, e.Left.NameSpan, variable.Name, "give one number per element, rows (separated by ';') along the first subscript");
            yield break;
        }
        for (int i = 0; i < cells.Count; i++)
        {
            var writer = new MdlWriter(_model, e.Record.Equation, variable.Name, null);
            writer.Write(numbers[i]);
            yield return new ElementDefinition { Subscript = cells[i].Elements, Equation = writer.Finish(), Location = e.Record.Location };
        }
    }

    /// <summary>An equation written in our language; <c>WITH LOOKUP(input, table)</c> as the whole equation is the input with the table as its graph.</summary>
    private (EquationSource? Equation, GraphDefinition? Graph) Write(MdlVariable variable, MdlEquation e, Expr? expr, MdlElementBinding? binding)
    {
        if (expr is null)
        {
            _diagnostics.InEquation(DiagnosticCodes.UnsupportedVensimFeature, Severity.Error,
                $"'{variable.Name}' is a data variable without an equation; its values would come from a .vdf file, which is not read",
                e.Record.Equation, e.Left.NameSpan, variable.Name, "give the data with GET DIRECT DATA or GET XLS DATA, or as a lookup of Time");
            return (null, null);
        }
        GraphDefinition? graph = null;
        if (expr is MdlCall { Arguments: [var input, MdlLookupLiteral table] } call && MdlVariable.IsCall(call, "WITH LOOKUP"))
        {
            graph = _model.Graph(table, e.Record.Equation, variable.Name);
            expr = input;
        }
        var writer = new MdlWriter(_model, e.Record.Equation, variable.Name, binding);
        if (expr is MdlCall { Arguments: [var condition, var sampled, var initial] } sample && MdlVariable.IsCall(sample, "SAMPLE IF TRUE"))
        {
            // Vensim's SAMPLE IF TRUE holds its value until the condition is true, starting from the initial value.
            writer.Text("IF_THEN_ELSE(", sample.NameSpan);
            writer.Write(condition);
            writer.Text(", ", sampled.Span);
            writer.Write(sampled);
            writer.Text(", PREVIOUS(SELF, ", initial.Span);
            writer.Write(initial);
            writer.Text("))", sample.Span);
        }
        else writer.Write(expr);
        return (writer.Finish(), graph);
    }

    /// <summary>
    /// Whether an equation must be written out element by element: when it names a range that takes part
    /// in a mapping (Vensim matches it through the mapping, which may differ from the element names), or
    /// uses a subrange as a value (Vensim's value is the position in the main range).
    /// </summary>
    private bool NeedsBinding(Expr? expr)
    {
        if (expr is null) return false;
        foreach (var node in MdlRewrite.Nodes(expr))
        {
            var subscripts = node switch
            {
                MdlReference r => r.Subscripts,
                MdlCall c => c.Subscripts,
                _ => ImmutableArray<MdlSubscript>.Empty,
            };
            foreach (var s in subscripts)
                if (!s.Bang && _ranges.Find(s.Name) is { } range && _ranges.IsMapped(range)) return true;
            if (node is MdlReference { Subscripts.IsEmpty: true } value && _ranges.Find(value.Name) is { } used && (used.Parent is not null || _ranges.IsMapped(used)))
                return true;
        }
        return false;
    }

    private string ElementName(string written) =>
        _ranges.MainRangeOf(written) is { } main ? main.Elements[main.IndexOf(written)] : written;

    /// <summary>A lookup: its points, for all elements or per element.</summary>
    private VariableDefinition LowerLookup(MdlVariable variable, VariableDefinition info)
    {
        var shape = variable.Shape!;
        var elements = ImmutableArray.CreateBuilder<ElementDefinition>();
        foreach (var e in variable.Equations)
        {
            var cells = shape.Cells(e, _ranges).ToList();
            if (e.Right is MdlLookupLiteral table)
            {
                var graph = _model.Graph(table, e.Record.Equation, variable.Name);
                elements.AddRange(cells.Select(cell => new ElementDefinition { Subscript = cell.Elements, Graph = graph, Location = e.Record.Location }));
            }
            else if (e.Right is MdlCall call && MdlGet.KindOf(call) == MdlGetKind.Lookups)
            {
                if (_get.Series(call, cells.Count, e.Record.Equation, variable.Name) is { } series)
                    elements.AddRange(cells.Select((cell, i) => new ElementDefinition
                    {
                        Subscript = cell.Elements,
                        Graph = new GraphDefinition { X = series[i].X, Y = series[i].Y, Location = e.Record.Location },
                        Location = e.Record.Location,
                    }));
            }
            else
                _model.Report(DiagnosticCodes.UnsupportedVensimFeature, $"a lookup is a list of points or GET ... LOOKUPS(...)",
                    e.Record.Equation, e.Right?.Span ?? e.Left.NameSpan, variable.Name);
        }
        if (shape.IsScalar) return info with { Kind = VariableKind.Graphical, Graph = elements.Count > 0 ? elements[0].Graph : null };
        return info with { Kind = VariableKind.Graphical, Elements = elements.ToImmutable() };
    }
}
