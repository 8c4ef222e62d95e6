using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Import.Vensim;

/// <summary>
/// Equations whose values come from data files (<see cref="MdlGet"/>), read at import: constants
/// become numbers, and data series become graphs of TIME: interpolated by default (:INTERPOLATE:),
/// held from each point to the next with :HOLD BACKWARD:, and taking the next point's value with
/// :LOOK FORWARD: (LOOKUP_FORWARD over a graphical function holding the series, "x data").
/// </summary>
internal sealed partial class MdlModelBuilder
{
    /// <summary>The series of the variable being lowered that are read looking forward, for its "x data" graphical function.</summary>
    private readonly List<ElementDefinition> _forward = new();

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
                if (e.DataMode == "RAW")
                {
                    _model.Report(DiagnosticCodes.UnsupportedVensimFeature, "data read :RAW: (a value only at the data's own times, :NA: between) is not supported",
                        source, call.NameSpan, variable.Name, "use :INTERPOLATE:, :HOLD BACKWARD: or :LOOK FORWARD:");
                    return [];
                }
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
        if (e.DataMode != "LOOK FORWARD")
            return new ElementDefinition { Subscript = cell.Elements, Equation = Text(source, "TIME", call.Span), Graph = graph, Location = e.Record.Location };
        _forward.Add(new ElementDefinition { Subscript = cell.Elements, Graph = graph, Location = e.Record.Location });
        string table = ExprPrinter.FormatName(ForwardName(variable)) + (cell.Elements.IsEmpty ? "" : $"[{string.Join(", ", cell.Elements.Select(ExprPrinter.FormatName))}]");
        return new ElementDefinition { Subscript = cell.Elements, Equation = Text(source, $"LOOKUP_FORWARD({table}, TIME)", call.Span), Location = e.Record.Location };
    }

    private readonly Dictionary<MdlVariable, string> _forwardNames = new();

    private string ForwardName(MdlVariable variable)
    {
        if (!_forwardNames.TryGetValue(variable, out var name)) _forwardNames[variable] = name = _model.UniqueName($"{variable.Name} data");
        return name;
    }

    /// <summary>The graphical function holding the series a variable reads looking forward, once all its equations are lowered.</summary>
    private VariableDefinition? ForwardTable(MdlVariable variable, VariableDefinition info)
    {
        if (_forward.Count == 0) return null;
        var elements = _forward.ToImmutableArray();
        _forward.Clear();
        return info with
        {
            Name = ForwardName(variable),
            Kind = VariableKind.Graphical,
            Graph = variable.Shape!.IsScalar ? elements[0].Graph : null,
            Elements = variable.Shape.IsScalar ? [] : elements,
            Documentation = $"The data series of {variable.Name}, read looking forward (:LOOK FORWARD:).",
        };
    }

    private EquationSource Number(EquationSource source, double value, TextSpan at) => Text(source, ExprPrinter.FormatNumber(value), at);

    private EquationSource Text(EquationSource source, string text, TextSpan at)
    {
        var writer = new MdlWriter(_model, source, "", null);
        writer.Text(text, at);
        return writer.Finish();
    }
}
