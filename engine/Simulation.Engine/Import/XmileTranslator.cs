using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Import;

/// <summary>
/// Translates the equations of one XMILE model into our language: builtins written the XMILE way
/// (<see cref="XmileBuiltins"/>) and calls of the file's macros (XMILE 4.8), which are expanded:
/// <list type="bullet">
/// <item>a macro that is one expression is written in place of the call, in parentheses, with each
/// parameter replaced by its argument (or its default);</item>
/// <item>a macro with variables gets its own copy of them for each call (a stock in a macro must
/// persist per use): they are added to the model as "caller.MACRO.name", each parameter becomes an
/// auxiliary holding its argument, and the call is replaced by the macro's equation over the copies.</item>
/// </list>
/// Recursive macros cannot be expanded and are reported. Outside subscripts, an element written
/// with its dimension (<c>Location.Boston</c>) stands for its position (3.7.1) and becomes that number.
/// </summary>
internal sealed class XmileTranslator(XmileContext context, IReadOnlyDictionary<string, XmileMacro> macros,
    IReadOnlyDictionary<string, DimensionDefinition> dimensions)
{
    private const int MaxNesting = 32;

    /// <summary>Macro bodies written for one file: macros calling others twice or more grow exponentially with depth.</summary>
    private const int MaxExpansions = 100_000;
    private int _expansions;
    private readonly XmileContext _context = context;
    private readonly IReadOnlyDictionary<string, XmileMacro> _macros = macros;
    private readonly IReadOnlyDictionary<string, DimensionDefinition> _dimensions = dimensions;
    private readonly Dictionary<EquationSource, Expr?> _parsed = new();

    public XmileModel Translate(XmileModel model)
    {
        var locals = model.Variables.Select(v => Identifier.Canonical(v.Name)).ToHashSet();
        var added = new List<VariableDefinition>();
        var translated = model.Variables.Select(v => new VariableTranslation(this, v, locals, added).Run()).ToList();
        return model with { Variables = [.. translated, .. added] };
    }

    /// <summary>Parses a macro's equation once, reporting its syntax errors once.</summary>
    private Expr? ParseOnce(EquationSource source, string owner)
    {
        if (!_parsed.TryGetValue(source, out var tree))
        {
            tree = Parser.Parse(source, owner, _context.Diagnostics);
            _parsed[source] = tree;
        }
        return tree;
    }

    /// <summary>
    /// Where a piece of text being rewritten sits: the caller's own equation (no macro), the body of
    /// an expression macro (parameters stand for the call's arguments), or the variables of a macro
    /// instance (parameters and the macro's variables stand for the instance's copies).
    /// </summary>
    private sealed record Frame(ImmutableList<XmileMacro> Stack, bool PerElement)
    {
        public XmileMacro? Macro { get; init; }
        public string? Instance { get; init; }
        public EquationSource? ArgumentSource { get; init; }
        public ImmutableArray<Expr> Arguments { get; init; } = ImmutableArray<Expr>.Empty;
        public EquationRewriter.Replacer? ArgumentReplacer { get; init; }

        public int ParameterIndex(string canonical) =>
            Macro is null ? -1 : Macro.Parameters.Select((p, i) => (p, i)).FirstOrDefault(x => Identifier.Canonical(x.p.Name) == canonical, (null!, -1)).Item2;

        public bool IsMacroVariable(string canonical) => Macro?.Variables.Any(v => Identifier.Canonical(v.Name) == canonical) ?? false;
    }

    private sealed class VariableTranslation(XmileTranslator owner, VariableDefinition variable, HashSet<string> locals, List<VariableDefinition> added)
    {
        private readonly Dictionary<string, int> _instances = new();
        private XmileContext Context => owner._context;

        public VariableDefinition Run() => variable with
        {
            Equation = Rewrite(variable.Equation, new Frame(ImmutableList<XmileMacro>.Empty, false)),
            Elements = variable.Elements.Select(e => e with { Equation = Rewrite(e.Equation, new Frame(ImmutableList<XmileMacro>.Empty, true)) })
                .ToImmutableArray(),
        };

        private EquationSource? Rewrite(EquationSource? equation, Frame frame) =>
            equation is null ? null : EquationRewriter.Rewrite(equation, Replacer(frame));

        private EquationRewriter.Replacer Replacer(Frame frame) => (source, node, output) => node switch
        {
            NameExpr name => Substitute(name, source, output, frame) || ElementPosition(name, source, output, frame),
            CallExpr call => TranslateCall(source, call, output, frame),
            SubscriptExpr subscripted => Subscripted(source, subscripted, output, frame),
            _ => false,
        };

        /// <summary>Inside brackets, Location.Boston names the element itself (the binder resolves it), so only the other rules apply.</summary>
        private bool Subscripted(EquationSource source, SubscriptExpr subscripted, SourcedText output, Frame frame)
        {
            EquationRewriter.Replacer inside = (s, node, o) => node switch
            {
                NameExpr name => Substitute(name, s, o, frame),
                CallExpr call => TranslateCall(s, call, o, frame),
                _ => false,
            };
            return EquationRewriter.WriteSubscripted(source, subscripted, output, inside, inside);
        }

        /// <summary>Location.Boston outside brackets: the 1-based position of Boston in Location.</summary>
        private bool ElementPosition(NameExpr name, EquationSource source, SourcedText output, Frame frame)
        {
            string canonical = name.Canonical;
            int dot = canonical.LastIndexOf('.');
            if (dot <= 0 || (frame.Macro is null && locals.Contains(canonical))) return false;
            if (!owner._dimensions.TryGetValue(canonical[..dot], out var dimension)) return false;
            int index = dimension.Elements.Select(Identifier.Canonical).ToList().IndexOf(canonical[(dot + 1)..].Trim('"'));
            if (index < 0) return false;
            output.Append((index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), source.FileOffsetOf(name.Span.Start));
            return true;
        }

        /// <summary>Inside a macro: a parameter becomes its argument; in an instance, the macro's own names become the copies' names.</summary>
        private bool Substitute(NameExpr name, EquationSource source, SourcedText output, Frame frame)
        {
            if (frame.Macro is null) return false;
            string canonical = name.Canonical;
            int index = frame.ParameterIndex(canonical);
            int at = source.FileOffsetOf(name.Span.Start);
            if (frame.Instance is { } instance)
            {
                if (index < 0 && !frame.IsMacroVariable(canonical)) return false;
                output.Append(ExprPrinter.FormatName(XmileNames.Qualify(instance, name.Name)), at);
                return true;
            }
            if (index < 0) return false;
            if (index < frame.Arguments.Length)
            {
                var argument = frame.Arguments[index];
                if (argument is NameExpr) EquationRewriter.Write(frame.ArgumentSource!, argument, output, frame.ArgumentReplacer!);
                else EquationRewriter.WriteParenthesized(frame.ArgumentSource!, argument, output, frame.ArgumentReplacer!);
                return true;
            }
            var fallback = frame.Macro.Parameters[index].Default!;
            if (owner.ParseOnce(fallback, frame.Macro.Name) is not { } tree) return false;
            EquationRewriter.WriteParenthesized(fallback, tree, output, Replacer(frame));
            return true;
        }

        private bool TranslateCall(EquationSource source, CallExpr call, SourcedText output, Frame frame)
        {
            string canonical = call.Function.Canonical;
            int at = source.FileOffsetOf(call.Span.Start);
            bool local = frame.Macro is null ? locals.Contains(canonical) : frame.ParameterIndex(canonical) >= 0 || frame.IsMacroVariable(canonical);
            if (local) return false;
            if (owner._macros.TryGetValue(canonical, out var macro)) return Expand(source, call, macro, output, frame);
            if (XmileBuiltins.ConstantWrittenAsCall(call) is { } constant)
            {
                output.Append(constant, at);
                return true;
            }
            // A seed written as a number stays (our language reads it as XMILE does); any other is dropped, with a warning.
            int? seed = XmileBuiltins.SeedArgument(call) is int position && call.Arguments[position] is not NumberExpr ? position : null;
            string? renamed = XmileBuiltins.Rename(call.Function.Name);
            if (seed is null && renamed is null) return false;
            if (seed is int s)
                Context.Diagnostics.InEquation(DiagnosticCodes.UnsupportedXmileFeature, Severity.Warning,
                    $"the seed argument of {call.Function.Name} is ignored: it is not a number, and a call's seed must be fixed when the model is built",
                    source, call.Arguments[s].Span, variable.Name, "write the seed as a number, or leave it out to draw from the run's stream (sim run --seed)");
            WriteCall(source, call, renamed ?? call.Function.Name, seed, output, frame);
            return true;
        }

        /// <summary>Writes a call under another name, and without one argument when <paramref name="dropped"/> is given.</summary>
        private void WriteCall(EquationSource source, CallExpr call, string name, int? dropped, SourcedText output, Frame frame)
        {
            output.Append(ExprPrinter.FormatName(name), source.FileOffsetOf(call.Span.Start));
            output.Append("(", source.FileOffsetOf(call.Function.Span.End));
            var kept = call.Arguments.Where((_, i) => i != dropped).ToList();
            for (int i = 0; i < kept.Count; i++)
            {
                if (i > 0) output.Append(", ", source.FileOffsetOf(kept[i].Span.Start));
                EquationRewriter.Write(source, kept[i], output, Replacer(frame));
            }
            output.Append(")", source.FileOffsetOf(call.Span.End - 1));
        }

        private bool Expand(EquationSource source, CallExpr call, XmileMacro macro, SourcedText output, Frame frame)
        {
            int n = call.Arguments.Length;
            if (frame.Stack.Contains(macro) || frame.Stack.Count >= MaxNesting)
            {
                Report(DiagnosticCodes.BadMacro, $"the macro '{macro.Name}' calls itself (directly or through other macros), which cannot be expanded", source, call,
                    "write the recursion as a loop over stocks, or as a closed-form expression");
                return false;
            }
            if (n < macro.RequiredArguments || n > macro.Parameters.Length)
            {
                string expected = macro.RequiredArguments == macro.Parameters.Length ? $"{macro.Parameters.Length}" : $"{macro.RequiredArguments} to {macro.Parameters.Length}";
                Report(DiagnosticCodes.WrongArgumentCount, $"the macro '{macro.Name}' takes {expected} argument{(expected == "1" ? "" : "s")} but {n} {(n == 1 ? "is" : "are")} given",
                    source, call, $"{macro.Name}({string.Join(", ", macro.Parameters.Select(p => p.Name))})");
                return false;
            }
            if (macro.Body is null || owner.ParseOnce(macro.Body, macro.Name) is not { } body) return false;
            if (++owner._expansions > MaxExpansions)
            {
                if (owner._expansions == MaxExpansions + 1)
                    Report(DiagnosticCodes.BadMacro, $"expanding the macros would write more than {MaxExpansions:N0} macro bodies (here, '{macro.Name}'), which sim does not do",
                        source, call, "macros that call other macros more than once grow exponentially with depth; compute the shared part once, in a variable");
                output.Append("0", source.FileOffsetOf(call.Span.Start)); // the model is in error already; a stand-in keeps the rest from cascading
                return true;
            }
            var stack = frame.Stack.Add(macro);
            Frame inner;
            if (macro.Variables.IsEmpty)
            {
                inner = new Frame(stack, frame.PerElement) { Macro = macro, ArgumentSource = source, Arguments = call.Arguments, ArgumentReplacer = Replacer(frame) };
            }
            else
            {
                if (frame.PerElement || frame.Macro is not null)
                {
                    Context.Unsupported($"calling the macro '{macro.Name}', which has variables, {(frame.PerElement ? "in a per-element equation" : "from inside another macro")}",
                        source.LocationOf(call.Span.Start) ?? macro.Location, variable.Name);
                    return false;
                }
                inner = new Frame(stack, false) { Macro = macro, Instance = Instantiate(source, call, macro, stack) };
            }
            int at = source.FileOffsetOf(call.Span.Start);
            output.Append("(", at);
            EquationRewriter.Write(macro.Body, body, output, Replacer(inner));
            output.Append(")", at);
            return true;
        }

        /// <summary>Adds this call's copy of the macro's variables (and one auxiliary per parameter) to the model.</summary>
        private string Instantiate(EquationSource source, CallExpr call, XmileMacro macro, ImmutableList<XmileMacro> stack)
        {
            string baseName = XmileNames.Qualify(variable.Name, macro.Name);
            int count = _instances[baseName] = _instances.GetValueOrDefault(baseName) + 1;
            string instance = count == 1 ? baseName : $"{baseName} {count}";
            var frame = new Frame(stack, false) { Macro = macro, Instance = instance };
            var location = source.LocationOf(call.Span.Start);
            for (int i = 0; i < macro.Parameters.Length; i++)
            {
                var parameter = macro.Parameters[i];
                EquationSource? equation;
                if (i < call.Arguments.Length)
                {
                    var text = new SourcedText();
                    EquationRewriter.Write(source, call.Arguments[i], text, Replacer(new Frame(ImmutableList<XmileMacro>.Empty, false)));
                    equation = text.ToEquation(source.File);
                }
                else
                {
                    equation = Rewrite(parameter.Default, frame);
                }
                added.Add(new VariableDefinition
                {
                    Name = XmileNames.Qualify(instance, parameter.Name),
                    Kind = VariableKind.Auxiliary,
                    Equation = equation,
                    Dimensions = variable.Dimensions,
                    Location = location,
                });
            }
            foreach (var own in macro.Variables)
                added.Add(own with
                {
                    Name = XmileNames.Qualify(instance, own.Name),
                    Equation = Rewrite(own.Equation, frame),
                    Elements = own.Elements.Select(e => e with { Equation = Rewrite(e.Equation, frame) }).ToImmutableArray(),
                    Dimensions = own.Dimensions.IsEmpty ? variable.Dimensions : own.Dimensions,
                    Inflows = own.Inflows.Select(f => f with { Name = XmileNames.Qualify(instance, f.Name) }).ToImmutableArray(),
                    Outflows = own.Outflows.Select(f => f with { Name = XmileNames.Qualify(instance, f.Name) }).ToImmutableArray(),
                });
            return instance;
        }

        private void Report(string code, string message, EquationSource source, Expr at, string? hint) =>
            Context.Diagnostics.InEquation(code, Severity.Error, message, source, at.Span, variable.Name, hint);
    }
}
