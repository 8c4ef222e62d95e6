using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Import.Vensim;

/// <summary>
/// Equations whose values come from data files (<see cref="MdlGet"/>), read at import: constants
/// become numbers, and data series become graphs of TIME: interpolated by default (:INTERPOLATE:),
/// held from each point to the next with :HOLD BACKWARD:, and taking the next point's value with
/// :LOOK FORWARD: (LOOKUP_FORWARD over a graphical function holding the series, "x data"), and only at the
/// data's own times with :RAW: (:NA: at other times).
/// </summary>
internal sealed partial class MdlModelBuilder
{
    /// <summary>
    /// The graphical functions of the variable being lowered that hold its series, by the suffix of their name:
    /// "data" (the values, read looking forward or :RAW:) and "data times" (for :RAW:, each data time mapped to itself).
    /// </summary>
    private readonly Dictionary<string, List<ElementDefinition>> _dataTables = new();

    private IEnumerable<ElementDefinition> DataCells(MdlVariable variable, MdlEquation e, MdlCall call, MdlGetKind kind)
    {
        var cells = variable.Shape!.Cells(e, _ranges).ToList();
        var source = e.Record.Equation;
        var location = e.Record.Location;
        switch (kind)
        {
            case MdlGetKind.Constants:
                if (_get.Constants(call, cells, source, variable.Name) is not { } values) return [];
                return cells.Select((cell, i) => new ElementDefinition { Subscript = cell.Elements, Equation = Number(source, values[i], call.Span), Location = location });
            case MdlGetKind.Data:
                if (_get.Series(call, cells.Count, source, variable.Name) is not { } series) return [];
                return cells.Select((cell, i) => DataCell(variable, e, call, cell, series[i].X, series[i].Y)).ToList();
            default:
                _model.Report(DiagnosticCodes.UnsupportedVensimFeature, $"{call.Name.ToUpperInvariant()} cannot give the values of a variable",
                    source, call.NameSpan, variable.Name, kind == MdlGetKind.Lookups ? "define a lookup with it: name( GET ... LOOKUPS(...) )" : null);
                return [];
        }
    }

    private ElementDefinition DataCell(MdlVariable variable, MdlEquation e, MdlCall call, MdlCell cell, ImmutableArray<double> x, ImmutableArray<double> y)
    {
        var source = e.Record.Equation;
        var graph = new GraphDefinition
        {
            X = x,
            Y = y,
            Interpolation = e.DataMode == "HOLD BACKWARD" ? GraphInterpolation.Discrete : GraphInterpolation.Continuous,
            Location = e.Record.Location,
        };
        if (_model.SeriesTables.ContainsKey(variable.Canonical))
        {
            // GET DATA BETWEEN TIMES interpolates linearly whatever the variable's own mode (only :HOLD BACKWARD: steps).
            if (e.DataMode is not ("LOOK FORWARD" or "RAW")) Table(variable, "data", cell, graph with { Interpolation = GraphInterpolation.Continuous });
            if (e.DataMode != "RAW") Table(variable, "data times", cell, graph with { Y = x });
        }
        string equation;
        switch (e.DataMode)
        {
            case "LOOK FORWARD":
                equation = $"LOOKUP_FORWARD({Table(variable, "data", cell, graph)}, TIME)";
                break;
            case "RAW":
                // A value only at the data's own times, :NA: at any other time (before, between and after them).
                string times = Table(variable, "data times", cell, graph with { Y = x });
                equation = $"IF_THEN_ELSE(TIME = LOOKUP_BACKWARD({times}, TIME), LOOKUP_BACKWARD({Table(variable, "data", cell, graph)}, TIME), "
                    + $"{ExprPrinter.FormatNumber(MdlModelContext.NotAvailable)})";
                break;
            default:
                return new ElementDefinition { Subscript = cell.Elements, Equation = Text(source, "TIME", call.Span), Graph = graph, Location = e.Record.Location };
        }
        return new ElementDefinition { Subscript = cell.Elements, Equation = Text(source, equation, call.Span), Location = e.Record.Location };
    }

    /// <summary>Keeps a cell's graph in the variable's table named by <paramref name="suffix"/>; returns how the equation names it.</summary>
    private string Table(MdlVariable variable, string suffix, MdlCell cell, GraphDefinition graph)
    {
        if (!_dataTables.TryGetValue(suffix, out var list)) _dataTables[suffix] = list = new();
        list.Add(new ElementDefinition { Subscript = cell.Elements, Graph = graph, Location = graph.Location });
        return ExprPrinter.FormatName(TableName(variable, suffix)) + (cell.Elements.IsEmpty ? "" : $"[{string.Join(", ", cell.Elements.Select(ExprPrinter.FormatName))}]");
    }

    private readonly Dictionary<(MdlVariable, string), string> _tableNames = new();

    private string TableName(MdlVariable variable, string suffix)
    {
        if (!_tableNames.TryGetValue((variable, suffix), out var name)) _tableNames[(variable, suffix)] = name = _model.UniqueName($"{variable.Name} {suffix}");
        return name;
    }

    /// <summary>The graphical functions holding the series a variable reads looking forward or :RAW:, once all its equations are lowered.</summary>
    private IEnumerable<VariableDefinition> DataTables(MdlVariable variable, VariableDefinition info)
    {
        var tables = _dataTables.OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
        _dataTables.Clear();
        foreach (var (suffix, list) in tables)
        {
            var elements = list.ToImmutableArray();
            yield return info with
            {
                Name = TableName(variable, suffix),
                Kind = VariableKind.Graphical,
                Graph = variable.Shape!.IsScalar ? elements[0].Graph : null,
                Elements = variable.Shape.IsScalar ? [] : elements,
                Documentation = suffix == "data"
                    ? $"The data series of {variable.Name} (read {ReadBy(variable)})."
                    : $"The times at which {variable.Name} has data (read {ReadBy(variable)}): each mapped to itself.",
                Input = null,
            };
        }
    }

    private string ReadBy(MdlVariable variable)
    {
        var readers = new List<string>();
        if (variable.Equations.Any(q => q.DataMode == "RAW")) readers.Add(":RAW:");
        if (variable.Equations.Any(q => q.DataMode == "LOOK FORWARD")) readers.Add("looking forward, :LOOK FORWARD:");
        if (_model.SeriesTables.ContainsKey(variable.Canonical)) readers.Add("by GET DATA BETWEEN TIMES");
        return string.Join("; ", readers);
    }

    private EquationSource Number(EquationSource source, double value, TextSpan at) => Text(source, ExprPrinter.FormatNumber(value), at);

    private EquationSource Text(EquationSource source, string text, TextSpan at)
    {
        var writer = new MdlWriter(_model, source, "", null);
        writer.Text(text, at);
        return writer.Finish();
    }
}
