using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Import.Vensim;

/// <summary>
/// Lowers the parsed records of a .mdl file into a <see cref="ModelDocument"/>: subscript ranges
/// become dimensions, each variable's equations (however many pieces it is defined in) become one
/// variable with an equation for all elements or entries for some, levels become stocks with their
/// flows, lookups become graphical functions, and the control variables become the time settings.
/// </summary>
internal sealed partial class MdlModelBuilder
{
    private readonly SourceFile _file;
    private readonly DiagnosticBag _diagnostics;
    private readonly MdlRanges _ranges;
    private readonly MdlModelContext _model;
    private readonly MdlGet _get;
    private readonly List<MdlVariable> _variables = new();
    private readonly Dictionary<string, MdlVariable> _byName = new();

    public MdlModelBuilder(SourceFile file, DiagnosticBag diagnostics, IReadOnlyDictionary<string, MdlMacro> macros)
    {
        _file = file;
        _diagnostics = diagnostics;
        _ranges = new MdlRanges(diagnostics);
        _model = new MdlModelContext(_ranges, new MdlMacros(macros, diagnostics), diagnostics);
        _get = new MdlGet(new MdlDataFiles(Path.GetDirectoryName(Path.GetFullPath(file.Path)) ?? "."), _model);
    }

    public ModelDocument Build(IReadOnlyList<MdlDefinition> definitions, string? method)
    {
        DefineRanges(definitions);
        var equations = new List<MdlEquation>();
        foreach (var equation in definitions.OfType<MdlEquation>())
        {
            var copies = new List<MdlEquation>();
            equations.Add(_model.Macros.Expand(equation, copies));
            equations.AddRange(copies);
        }
        foreach (var check in definitions.OfType<MdlRealityCheck>())
            _diagnostics.Warning(DiagnosticCodes.VensimConstructIgnored, $"the reality check '{check.Name}' is ignored: it does not affect a run", check.Record.Location, check.Name);
        Group(equations);
        Scan(equations);
        var time = MdlTimeSettings.Read(_byName, method, _diagnostics);
        _model.Constants = new MdlConstants(_byName) { Clock = (time.Start, time.Dt) };
        if (_byName.TryGetValue("saveper", out var saveper) && !_savePeriodRead) saveper.Role = MdlRole.Control;
        Classify();
        NameSeriesTables();
        InferFlows();
        var variables = new List<VariableDefinition>();
        foreach (var variable in _variables)
            if (variable.Role != MdlRole.Control && variable.Shape is not null && Lower(variable) is { } lowered)
                variables.AddRange(lowered);
        variables.AddRange(_model.AddedVariables);
        return new ModelDocument
        {
            Name = Path.GetFileNameWithoutExtension(_file.Path),
            Time = time,
            Dimensions = _ranges.ToDimensions(),
            Variables = variables.ToImmutableArray(),
            Source = _file,
            Location = _file.LocationOf(0),
        };
    }

    private void DefineRanges(IReadOnlyList<MdlDefinition> definitions)
    {
        foreach (var definition in definitions)
        {
            if (definition is MdlRangeDefinition range)
            {
                if (range.FromFile is not { } call) _ranges.Define(range, range.Elements);
                else if (MdlGet.KindOf(call) != MdlGetKind.Subscript)
                    _model.Report(DiagnosticCodes.UnsupportedVensimFeature, $"a subscript range is a list of elements or GET ... SUBSCRIPT(...), not {call.Name.ToUpperInvariant()}",
                        range.Record.Equation, call.NameSpan, range.Name);
                else if (_get.Subscript(call, range.Record.Equation, range.Name) is { } elements) _ranges.Define(range, elements);
            }
        }
        foreach (var equivalence in definitions.OfType<MdlEquivalence>()) _ranges.DefineEquivalence(equivalence);
        _ranges.LinkSubranges();
    }

    /// <summary>Collects each variable's equations, in the order the variables first appear.</summary>
    private void Group(List<MdlEquation> equations)
    {
        foreach (var equation in equations)
        {
            string canonical = Identifier.Canonical(equation.Left.Name);
            if (_ranges.Find(equation.Left.Name) is not null)
            {
                _diagnostics.InEquation(DiagnosticCodes.DuplicateName, Severity.Error, $"'{equation.Left.Name}' is a subscript range and cannot also be a variable",
                    equation.Record.Equation, equation.Left.NameSpan, equation.Left.Name);
                continue;
            }
            if (_byName.TryGetValue(canonical, out var variable))
            {
                variable.Equations.Add(equation);
                continue;
            }
            variable = new MdlVariable(equation.Left.Name, equation);
            _byName[canonical] = variable;
            _variables.Add(variable);
        }
    }

    /// <summary>Decides each variable's role and shape (which also declares the subranges made for partly defined variables).</summary>
    private void Classify()
    {
        foreach (var variable in _variables)
        {
            if (variable.Role == MdlRole.Control) continue;
            var first = variable.Equations[0];
            bool lookup = IsLookup(first);
            bool stock = MdlVariable.IsCall(first.Right, "INTEG");
            _model.Declare(variable.Name, lookup);
            variable.Role = lookup ? MdlRole.Lookup : stock ? MdlRole.Stock : MdlRole.Auxiliary;
            var mixed = variable.Equations.FirstOrDefault(e => IsLookup(e) != lookup || MdlVariable.IsCall(e.Right, "INTEG") != stock);
            if (mixed is not null)
            {
                _diagnostics.InEquation(DiagnosticCodes.UnsupportedVensimFeature, Severity.Error,
                    $"'{variable.Name}' is defined as a {(stock ? "level" : lookup ? "lookup" : "variable")} in its first equation but not in this one",
                    mixed.Record.Equation, mixed.Left.NameSpan, variable.Name, "define every element of a variable the same way (all INTEG, all lookups, or neither)");
                continue;
            }
            variable.Shape = MdlShape.Of(variable.Name, variable.Equations, _ranges, _diagnostics);
        }
    }

    private static bool IsLookup(MdlEquation e) => e.Kind == MdlEquationKind.Lookup || MdlGet.KindOf(e.Right) == MdlGetKind.Lookups;

    /// <summary>The variable definitions for one Vensim variable: itself, and for a level whose rate is an expression, its net flow.</summary>
    private IEnumerable<VariableDefinition>? Lower(MdlVariable variable)
    {
        var first = variable.Equations[0];
        var info = new VariableDefinition
        {
            Name = variable.Name,
            Kind = VariableKind.Auxiliary,
            Dimensions = variable.Shape!.Dimensions.Select(d => new NameReference(d.Name, first.Record.Location)).ToImmutableArray(),
            Units = variable.Equations.Select(e => NonEmpty(e.Record.Units)).FirstOrDefault(u => u is not null),
            Documentation = variable.Equations.Select(e => NonEmpty(e.Record.Comment)).FirstOrDefault(c => c is not null),
            Location = first.Record.Location,
        };
        switch (variable.Role)
        {
            case MdlRole.Lookup:
                return [LowerLookup(variable, info)];
            case MdlRole.Stock:
                return LowerStock(variable, info);
            default:
                var lowered = Equations(variable, e => e.Right);
                var result = info with
                {
                    Kind = variable.IsFlow ? VariableKind.Flow : VariableKind.Auxiliary,
                    Equation = lowered.Equation,
                    Graph = lowered.Graph,
                    Elements = lowered.Elements,
                    Input = IsInput(variable) ? InputOf(first.Record) : null,
                };
                return [result, .. DataTables(variable, info)];
        }
    }

    /// <summary>
    /// Constants that give the order of a DELAY N or SMOOTH N: the order fixes how many stocks the delay has,
    /// so it is part of the model's structure and cannot be an input a scenario changes.
    /// </summary>
    private readonly HashSet<string> _orders = new();

    /// <summary>Whether an equation reads SAVEPER (then it stays a variable).</summary>
    private bool _savePeriodRead;

    /// <summary>The variables GET DATA BETWEEN TIMES reads (canonical names), in the order the model first reads them.</summary>
    private readonly List<string> _seriesRead = new();

    /// <summary>
    /// One walk over every equation, before any is lowered, for what lowering must know of all of them: whether SAVEPER
    /// is read, the constants that are orders of DELAY N or SMOOTH N, and the variables GET DATA BETWEEN TIMES reads.
    /// </summary>
    private void Scan(List<MdlEquation> equations)
    {
        foreach (var e in equations.Where(e => e.Right is not null))
            foreach (var node in MdlRewrite.Nodes(e.Right!))
                switch (node)
                {
                    case MdlReference r when !_savePeriodRead && r.Name.Length < 16 && Identifier.Canonical(r.Name) == "saveper":
                        _savePeriodRead = true;
                        break;
                    case MdlCall { Arguments.Length: 4 } call when call.Arguments[3] is MdlReference order
                                                                  && (MdlVariable.IsCall(call, "DELAY N") || MdlVariable.IsCall(call, "SMOOTH N")):
                        _orders.Add(Identifier.Canonical(order.Name));
                        break;
                    case MdlCall { Arguments.Length: 3 } call when call.Arguments[0] is MdlReference data && MdlVariable.IsCall(call, "GET DATA BETWEEN TIMES"):
                        if (!_seriesRead.Contains(Identifier.Canonical(data.Name))) _seriesRead.Add(Identifier.Canonical(data.Name));
                        break;
                }
    }

    /// <summary>
    /// Data variables (GET ... DATA) that GET DATA BETWEEN TIMES reads keep graphical functions of their series and of its
    /// times; they are named before any equation is lowered, as any equation may read them.
    /// </summary>
    private void NameSeriesTables()
    {
        foreach (string name in _seriesRead)
            if (_byName.TryGetValue(name, out var data) && !_model.SeriesTables.ContainsKey(name) && data.Role == MdlRole.Auxiliary && data.Equations.All(q => MdlGet.KindOf(q.Right) == MdlGetKind.Data))
                _model.SeriesTables[data.Canonical] = (TableName(data, "data"), TableName(data, "data times"));
    }

    /// <summary>Constants (numbers, and values read with GET CONSTANTS) are what a Vensim user changes between runs: inputs here.</summary>
    private bool IsInput(MdlVariable variable) =>
        !_orders.Contains(variable.Canonical)
        && variable.Equations.All(e => e.Kind != MdlEquationKind.Unchangeable
                                       && (e.Numbers is not null || MdlVariable.IsNumber(e.Right) || MdlGet.KindOf(e.Right) == MdlGetKind.Constants));

    private static InputInfo InputOf(MdlRecord record) => new() { Low = record.RangeMin, High = record.RangeMax, Location = record.Location };

    private static string? NonEmpty(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
