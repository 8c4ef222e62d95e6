using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Import.Vensim;

/// <summary>A macro: <c>:MACRO: NAME(inputs : outputs)</c>, its records, <c>:END OF MACRO:</c>.</summary>
internal sealed record MdlMacro(string Name, ImmutableArray<string> Inputs, ImmutableArray<string> Outputs, ImmutableArray<MdlEquation> Body,
    SourceLocation Location)
{
    public string Canonical { get; } = Identifier.Canonical(Name);
}

/// <summary>
/// Expands macro calls. Every call gets its own copy of the macro's variables (a stock in a macro
/// persists per call, as in Vensim): each input becomes an auxiliary <c>caller.MACRO.input</c> holding
/// the argument, each variable of the body <c>caller.MACRO.name</c>, and the call becomes the copy
/// of the variable named like the macro. A second call in the same variable is <c>caller.MACRO 2</c>.
/// Called from an arrayed variable, the copies are arrayed the same way. Inside a macro, a name ending
/// in <c>$</c> (<c>Time$</c>) is the enclosing model's. The copies are ordinary equations, so macros
/// calling macros expand in turn (to a limited depth: recursion is reported).
/// </summary>
internal sealed class MdlMacros(IReadOnlyDictionary<string, MdlMacro> macros, DiagnosticBag diagnostics)
{
    private const int MaxDepth = 16;
    private readonly Dictionary<string, int> _instances = new();

    public bool IsEmpty => macros.Count == 0;

    public bool IsMacro(string name) => macros.ContainsKey(Identifier.Canonical(name));

    /// <summary>
    /// Expands the macro calls in an equation: the rewritten equation and the copies its calls need. A SAMPLE IF TRUE
    /// inside an expression is expanded the same way, into a variable <c>caller.SAMPLE IF TRUE</c> whose whole equation
    /// it is (a value held from step to step belongs to a variable of its own, as a macro's stock does).
    /// </summary>
    public MdlEquation Expand(MdlEquation equation, List<MdlEquation> copies, int depth = 0)
    {
        if (equation.Right is null) return equation;
        var right = MdlRewrite.Map(equation.Right, node => node switch
        {
            MdlCall call when macros.TryGetValue(Identifier.Canonical(call.Name), out var macro) => Instantiate(equation, call, macro, copies, depth),
            MdlCall call when !ReferenceEquals(call, equation.Right) && MdlVariable.IsCall(call, "SAMPLE IF TRUE") => Sampled(equation, call, copies, depth),
            _ => null,
        });
        return ReferenceEquals(right, equation.Right) ? equation : equation with { Right = right };
    }

    private MdlReference Sampled(MdlEquation caller, MdlCall call, List<MdlEquation> copies, int depth)
    {
        string instance = Instance($"{caller.Left.Name}.SAMPLE IF TRUE");
        var subscripts = caller.Left.Subscripts;
        var left = new MdlLeftSide(instance, caller.Left.NameSpan, subscripts, []);
        copies.Add(Expand(new MdlEquation(WithoutUnits(caller.Record), left, MdlEquationKind.Normal, call), copies, depth + 1));
        return new MdlReference(instance, subscripts, call.NameSpan, call.Span);
    }

    /// <summary>The name of a call's copy: <c>caller.NAME</c>, then <c>caller.NAME 2</c> for a second call in the same variable.</summary>
    private string Instance(string baseName)
    {
        int count = _instances[Identifier.Canonical(baseName)] = _instances.GetValueOrDefault(Identifier.Canonical(baseName)) + 1;
        return count == 1 ? baseName : $"{baseName} {count}";
    }

    private Expr? Instantiate(MdlEquation caller, MdlCall call, MdlMacro macro, List<MdlEquation> copies, int depth)
    {
        var source = caller.Record.Equation;
        if (depth >= MaxDepth)
        {
            diagnostics.InEquation(DiagnosticCodes.BadMacro, Severity.Error, $"the macro '{macro.Name}' calls itself (directly or through other macros), which cannot be expanded",
                source, call.NameSpan, caller.Left.Name);
            return null;
        }
        if (call.Arguments.Length != macro.Inputs.Length)
        {
            diagnostics.InEquation(DiagnosticCodes.WrongArgumentCount, Severity.Error,
                $"the macro '{macro.Name}' takes {macro.Inputs.Length} argument{(macro.Inputs.Length == 1 ? "" : "s")} but {call.Arguments.Length} {(call.Arguments.Length == 1 ? "is" : "are")} given",
                source, call.Span, caller.Left.Name, $"{macro.Name}({string.Join(", ", macro.Inputs)})");
            return null;
        }
        if (!macro.Outputs.IsEmpty)
        {
            diagnostics.InEquation(DiagnosticCodes.UnsupportedVensimFeature, Severity.Error,
                $"the macro '{macro.Name}' has extra outputs ({string.Join(", ", macro.Outputs)}), which are not supported", source, call.NameSpan, caller.Left.Name);
            return null;
        }
        string instance = Instance($"{caller.Left.Name}.{macro.Name}");
        // The caller's subscripts (ranges only) array the copies; an element fixes nothing to iterate.
        var subscripts = caller.Left.Subscripts;
        var locals = macro.Inputs.Concat(macro.Body.Select(e => e.Left.Name)).Select(Identifier.Canonical).ToHashSet();
        for (int i = 0; i < macro.Inputs.Length; i++)
        {
            var left = new MdlLeftSide($"{instance}.{macro.Inputs[i]}", caller.Left.NameSpan, subscripts, []);
            copies.Add(Expand(new MdlEquation(WithoutUnits(caller.Record), left, MdlEquationKind.Normal, call.Arguments[i]), copies, depth + 1));
        }
        foreach (var own in macro.Body)
        {
            var left = own.Left with { Name = $"{instance}.{own.Left.Name}", Subscripts = own.Left.Subscripts.IsEmpty ? subscripts : own.Left.Subscripts };
            var right = own.Right is null ? null : MdlRewrite.Map(own.Right, node => Localise(node, instance, locals, subscripts));
            var record = NamesAnInput(own.Record.Units, macro) ? own.Record with { Units = "" } : own.Record;
            copies.Add(Expand(own with { Record = record, Left = left, Right = right }, copies, depth + 1));
        }
        return new MdlReference($"{instance}.{macro.Name}", subscripts, call.NameSpan, call.Span);
    }

    /// <summary>
    /// Whether a macro variable's units are written in terms of the macro's inputs (<c>~ input ~</c>, <c>~ input/time ~</c>):
    /// Vensim's way of saying "the units of that argument", which differ from call to call. Such a copy declares no units;
    /// the checker infers them from the arguments of each call.
    /// </summary>
    private static bool NamesAnInput(string units, MdlMacro macro)
    {
        // Multi-word names join with underscores (Identifier.Canonical), so the words are what the operators separate.
        string written = Identifier.Canonical(units.Split('[')[0].Trim());
        var words = written.Split(['*', '/', '^', '(', ')', ','], StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('_')).ToHashSet();
        return macro.Inputs.Any(input => words.Contains(Identifier.Canonical(input)));
    }

    /// <summary>
    /// The caller's record for a variable made from part of its equation (a macro's argument, a SAMPLE IF TRUE inside an
    /// expression): the same place in the file, but not the caller's units or range, which describe the whole equation.
    /// </summary>
    private static MdlRecord WithoutUnits(MdlRecord record) => record with { Units = "", Comment = "" };

    /// <summary>Inside a copy: the macro's own names become the copy's; <c>name$</c> is the enclosing model's <c>name</c>.</summary>
    private static Expr? Localise(Expr node, string instance, HashSet<string> locals, ImmutableArray<MdlSubscript> subscripts)
    {
        switch (node)
        {
            case MdlReference r when r.Name.EndsWith('$'):
                return r with { Name = r.Name[..^1].TrimEnd() };
            case MdlReference r when locals.Contains(Identifier.Canonical(r.Name)):
                return r with { Name = $"{instance}.{r.Name}", Subscripts = r.Subscripts.IsEmpty ? subscripts : r.Subscripts };
            case MdlCall c when c.Name.EndsWith('$'):
                return c with { Name = c.Name[..^1].TrimEnd(), Arguments = c.Arguments.Select(a => MdlRewrite.Map(a, n => Localise(n, instance, locals, subscripts))).ToImmutableArray() };
            default:
                return null;
        }
    }
}

/// <summary>Rebuilds an expression bottom-up where a function offers a replacement for a node.</summary>
internal static class MdlRewrite
{
    /// <summary>The expression with each node replaced where <paramref name="replace"/> returns one (its children are then not visited).</summary>
    public static Expr Map(Expr expr, Func<Expr, Expr?> replace)
    {
        if (replace(expr) is { } replaced) return replaced;
        switch (expr)
        {
            case MdlCall c:
            {
                var args = c.Arguments.Select(a => Map(a, replace)).ToImmutableArray();
                return args.SequenceEqual(c.Arguments) ? c : c with { Arguments = args };
            }
            case UnaryExpr u:
            {
                var operand = Map(u.Operand, replace);
                return ReferenceEquals(operand, u.Operand) ? u : u with { Operand = operand };
            }
            case BinaryExpr b:
            {
                var left = Map(b.Left, replace);
                var right = Map(b.Right, replace);
                return ReferenceEquals(left, b.Left) && ReferenceEquals(right, b.Right) ? b : b with { Left = left, Right = right };
            }
            case MdlParenthesized p:
            {
                var inner = Map(p.Inner, replace);
                return ReferenceEquals(inner, p.Inner) ? p : p with { Inner = inner };
            }
            default:
                return expr;
        }
    }

    /// <summary>Every node of an expression, parents before children (a stack, not nested iterators: equations can be long).</summary>
    public static IEnumerable<Expr> Nodes(Expr expr)
    {
        var pending = new Stack<Expr>();
        pending.Push(expr);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            yield return node;
            switch (node)
            {
                case MdlCall c:
                    for (int i = c.Arguments.Length - 1; i >= 0; i--) pending.Push(c.Arguments[i]);
                    break;
                case UnaryExpr u:
                    pending.Push(u.Operand);
                    break;
                case BinaryExpr b:
                    pending.Push(b.Right);
                    pending.Push(b.Left);
                    break;
                case MdlParenthesized p:
                    pending.Push(p.Inner);
                    break;
            }
        }
    }
}
