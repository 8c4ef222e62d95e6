using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Import.Vensim;

/// <summary>
/// What writing an equation needs to know about the whole model: its ranges, which names are lookups,
/// the display name of every variable, and where to put graphical functions made for lookups written
/// inside expressions. Also the one place that reports diagnostics for the import.
/// </summary>
internal sealed class MdlModelContext(MdlRanges ranges, MdlMacros macros, DiagnosticBag diagnostics)
{
    /// <summary>Vensim's :NA:, -2^109 (a number, so that x = :NA: tests work as in Vensim).</summary>
    public const double NotAvailable = -6.490371073168535e32;

    private readonly Dictionary<string, string> _display = new();
    private readonly HashSet<string> _lookups = new();
    private readonly HashSet<string> _usedNames = new();

    public MdlRanges Ranges { get; } = ranges;
    public MdlMacros Macros { get; } = macros;
    public DiagnosticBag Diagnostics { get; } = diagnostics;
    public MdlFunctions Functions { get; } = new();

    /// <summary>Values the import knows without running the model (set once the clock is read).</summary>
    public MdlConstants? Constants { get; set; }

    /// <summary>
    /// Data variables that GET DATA BETWEEN TIMES reads (by canonical name): the graphical functions holding each one's
    /// series (its times to its values) and its times (each time to itself).
    /// </summary>
    public Dictionary<string, (string Data, string Times)> SeriesTables { get; } = new();

    /// <summary>Graphical functions made for lookups written in place inside expressions.</summary>
    public List<VariableDefinition> AddedVariables { get; } = new();

    public void Declare(string name, bool lookup)
    {
        string canonical = Identifier.Canonical(name);
        _display.TryAdd(canonical, Display(name));
        _usedNames.Add(canonical);
        if (lookup) _lookups.Add(canonical);
    }

    public bool IsLookup(string canonical) => _lookups.Contains(canonical);

    public bool IsDeclared(string name) => _usedNames.Contains(Identifier.Canonical(name));

    private readonly Dictionary<string, string> _formatted = new();

    /// <summary>A name as an equation writes it (quoted when it must be), once per name: a large model names each many times.</summary>
    public string Format(string name)
    {
        if (!_formatted.TryGetValue(name, out var text)) _formatted[name] = text = ExprPrinter.FormatName(name);
        return text;
    }

    /// <summary>A variable's name as its first definition wrote it (with single spaces).</summary>
    public string DisplayName(string name) => _display.GetValueOrDefault(Identifier.Canonical(name)) ?? Display(name);

    public static string Display(string name) => Identifier.Display(name.Replace('_', ' '));

    /// <summary>A name not yet used by any variable, from <paramref name="wanted"/> (then "wanted 2", ...).</summary>
    public string UniqueName(string wanted)
    {
        string name = wanted;
        for (int n = 2; _usedNames.Contains(Identifier.Canonical(name)); n++) name = $"{wanted} {n}";
        _usedNames.Add(Identifier.Canonical(name));
        return name;
    }

    /// <summary>Our name for a Vensim name that is a builtin value: Time and the control variables; null otherwise.</summary>
    public string? BuiltinName(string name) => Identifier.Canonical(name) switch
    {
        "time" => "TIME",
        "time_step" => "DT",
        "initial_time" => "STARTTIME",
        "final_time" => "STOPTIME",
        _ => null,
    };

    public void Report(string code, string message, EquationSource source, TextSpan span, string? variable, string? hint = null) =>
        Diagnostics.InEquation(code, Severity.Error, message, source, span, variable, hint);

    public void Warn(string code, string message, EquationSource source, TextSpan span, string? variable, string? hint = null) =>
        Diagnostics.InEquation(code, Severity.Warning, message, source, span, variable, hint);

    /// <summary><c>tbl(x)</c> or <c>tbl[a](x)</c> (our <c>LOOKUP(tbl[a], x)</c>), or a LOOKUP function of a table.</summary>
    public void WriteLookupCall(MdlWriter writer, MdlCall call, string? function)
    {
        if (function is null && call.Arguments.Length != 1)
        {
            Report(DiagnosticCodes.WrongArgumentCount, $"the lookup '{call.Name}' takes 1 argument but {call.Arguments.Length} are given", writer.Source, call.Span, writer.Variable);
            writer.Text("0", call.Span);
            return;
        }
        if (function is null && call.Subscripts.IsEmpty)
        {
            writer.Name(call.Name, call.NameSpan);
            writer.Text("(", call.NameSpan);
            writer.Write(call.Arguments[0]);
            writer.Text(")", call.Span);
            return;
        }
        writer.Text((function ?? "LOOKUP") + "(", call.NameSpan);
        if (function is null)
        {
            writer.Name(call.Name, call.NameSpan);
            writer.Subscripts(call.Subscripts);
        }
        else writer.Write(call.Arguments[0]);
        writer.Text(", ", call.Span);
        writer.Write(call.Arguments[function is null ? 0 : 1]);
        writer.Text(")", call.Span);
    }

    /// <summary>WITH LOOKUP(input, table) inside an expression: the table becomes a graphical function of its own, called with the input.</summary>
    public void WriteWithLookup(MdlWriter writer, MdlCall call)
    {
        if (call.Arguments[1] is not MdlLookupLiteral table)
        {
            Report(DiagnosticCodes.InvalidArgument, "the second argument of WITH LOOKUP must be a table of points, ((x1,y1), (x2,y2), ...)",
                writer.Source, call.Arguments[1].Span, writer.Variable);
            writer.Text("0", call.Span);
            return;
        }
        string name = UniqueName($"{writer.Variable} lookup");
        AddedVariables.Add(new VariableDefinition
        {
            Name = name,
            Kind = VariableKind.Graphical,
            Graph = Graph(table, writer.Source, writer.Variable),
            Location = writer.Source.LocationOf(table.Span.Start),
        });
        writer.Text(ExprPrinter.FormatName(name) + "(", call.NameSpan);
        writer.Write(call.Arguments[0]);
        writer.Text(")", call.Span);
    }

    /// <summary>A lookup's points as a graph. Points not in increasing x are sorted (Vensim reads them so), with a warning.</summary>
    public GraphDefinition Graph(MdlLookupLiteral table, EquationSource source, string variable)
    {
        var x = table.X;
        var y = table.Y;
        bool sorted = true;
        for (int i = 1; i < x.Length; i++) sorted &= x[i] >= x[i - 1];
        if (!sorted)
        {
            var order = Enumerable.Range(0, x.Length).OrderBy(i => x[i]).ToArray();
            x = order.Select(i => table.X[i]).ToImmutableArray();
            y = order.Select(i => table.Y[i]).ToImmutableArray();
            Warn(DiagnosticCodes.VensimConstructIgnored, $"the points of the lookup of '{variable}' are not in order of x; they are read in order of x, as Vensim reads them",
                source, table.Span, variable);
        }
        return new GraphDefinition { X = x, Y = y, Location = source.LocationOf(table.Span.Start) };
    }

    /// <summary>Macro calls were expanded before writing; one left here was reported while expanding.</summary>
    public bool MacroCall(MdlWriter writer, MdlCall call)
    {
        if (!Macros.IsMacro(call.Name)) return false;
        writer.Text("0", call.Span);
        return true;
    }
}
