using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Import;

/// <summary>
/// Flattens XMILE submodels (3.7.4, 4.7) into one list of variables. Each module places a copy of the
/// model of the same name; its variables are renamed with the module's name as qualifier
/// ("hares.births", nested: "a.b.x"), and the names inside its equations are qualified the same way.
/// Each &lt;connect&gt; turns its target input into an alias of its source: the input's equation
/// becomes the source's name (a stock used as an input placeholder becomes an auxiliary).
/// </summary>
internal sealed class ModuleFlattener(XmileContext context, IReadOnlyDictionary<string, XmileModel> models, ISet<string> dimensionNames)
{
    private readonly List<VariableDefinition> _variables = new();
    private readonly List<(string Target, string Source, XmileConnection Connect, string Module)> _connections = new();

    public List<VariableDefinition> Flatten(XmileModel root)
    {
        Visit(root, "", ImmutableList.Create(root));
        var byName = new Dictionary<string, int>();
        for (int i = 0; i < _variables.Count; i++) byName.TryAdd(Identifier.Canonical(_variables[i].Name), i);
        foreach (var (target, source, connect, module) in _connections)
        {
            if (!byName.ContainsKey(Identifier.Canonical(source)))
            {
                context.Diagnostics.Error(DiagnosticCodes.BadModule, $"the module '{module}' is connected from '{connect.From}', but there is no variable '{source}'",
                    connect.Location, module, "'from' names a variable of the model containing the module (.name) or of another module (module.name)");
                continue;
            }
            if (!byName.TryGetValue(Identifier.Canonical(target), out int index))
            {
                context.Diagnostics.Error(DiagnosticCodes.BadModule, $"the module '{module}' connects to '{connect.To}', but there is no variable '{target}'",
                    connect.Location, module, $"'to' names an input variable of the model '{module}'");
                continue;
            }
            _variables[index] = Alias(_variables[index], source, connect);
        }
        return _variables;
    }

    private void Visit(XmileModel model, string qualifier, ImmutableList<XmileModel> path)
    {
        var locals = model.Variables.Select(v => Identifier.Canonical(v.Name))
            .Concat(model.Modules.Select(m => Identifier.Canonical(m.Name))).ToHashSet();
        foreach (var variable in model.Variables)
            _variables.Add(qualifier.Length == 0 ? variable : Qualified(variable, qualifier, locals));
        foreach (var module in model.Modules)
        {
            if (!models.TryGetValue(Identifier.Canonical(module.Name), out var submodel))
            {
                context.Diagnostics.Error(DiagnosticCodes.BadModule, $"the module '{module.Name}' has no <model name=\"{module.Name}\"> in this file",
                    module.Location, module.Name, "a module shows the submodel of the same name");
                continue;
            }
            if (path.Contains(submodel))
            {
                context.Diagnostics.Error(DiagnosticCodes.BadModule,
                    $"the module '{module.Name}' contains itself ({string.Join(" -> ", path.Select(m => m.Name ?? "root"))} -> {module.Name})", module.Location, module.Name);
                continue;
            }
            string inner = XmileNames.Qualify(qualifier, module.Name);
            Visit(submodel, inner, path.Add(submodel));
            foreach (var connect in module.Connections)
                _connections.Add((Resolve(connect.To, inner, qualifier), Resolve(connect.From, qualifier, qualifier), connect, module.Name));
        }
    }

    /// <summary>A connection end: ".x" is in the containing model; anything else is relative to <paramref name="relativeTo"/>.</summary>
    private static string Resolve(string written, string relativeTo, string container) =>
        written.StartsWith('.') ? XmileNames.Qualify(container, XmileNames.DisplayPath(written[1..])) : XmileNames.Qualify(relativeTo, XmileNames.DisplayPath(written));

    private VariableDefinition Qualified(VariableDefinition variable, string qualifier, HashSet<string> locals)
    {
        var replacer = Replacer(qualifier, locals);
        EquationSource? Rewrite(EquationSource? e) => e is null ? null : EquationRewriter.Rewrite(e, replacer);
        NameReference Rename(NameReference r) => r with { Name = XmileNames.Qualify(qualifier, r.Name) };
        return variable with
        {
            Name = XmileNames.Qualify(qualifier, variable.Name),
            Equation = Rewrite(variable.Equation),
            Elements = variable.Elements.Select(e => e with { Equation = Rewrite(e.Equation) }).ToImmutableArray(),
            Inflows = variable.Inflows.Select(Rename).ToImmutableArray(),
            Outflows = variable.Outflows.Select(Rename).ToImmutableArray(),
        };
    }

    /// <summary>
    /// Qualifies names of the model's own variables and modules ("births", "lynxes.lynxes"); leaves
    /// builtins and dimensions alone. Inside subscripts, element and dimension names win.
    /// </summary>
    private EquationRewriter.Replacer Replacer(string qualifier, HashSet<string> locals)
    {
        bool IsLocal(NameExpr name)
        {
            string canonical = name.Canonical;
            int dot = canonical.IndexOf('.');
            return locals.Contains(canonical) || (dot > 0 && locals.Contains(canonical[..dot]));
        }
        EquationRewriter.Replacer inSubscript = (source, node, output) =>
            node is NameExpr name && !dimensionNames.Contains(name.Canonical) && IsLocal(name) && Write(name, source, output, qualifier);
        return (source, node, output) =>
        {
            switch (node)
            {
                case NameExpr name when IsLocal(name):
                    return Write(name, source, output, qualifier);
                case SubscriptExpr subscripted:
                    return EquationRewriter.WriteSubscripted(source, subscripted, output,
                        (s, n, o) => n is NameExpr t && IsLocal(t) && Write(t, s, o, qualifier), inSubscript);
                default:
                    return false;
            }
        };
    }

    private static bool Write(NameExpr name, EquationSource source, SourcedText output, string qualifier)
    {
        output.Append(ExprPrinter.FormatName(XmileNames.Qualify(qualifier, name.Name)), source.FileOffsetOf(name.Span.Start));
        return true;
    }

    /// <summary>The input variable made an alias of the connected output.</summary>
    private VariableDefinition Alias(VariableDefinition input, string source, XmileConnection connect)
    {
        if (input.Inflows.Length + input.Outflows.Length > 0)
            context.Diagnostics.Error(DiagnosticCodes.BadModule,
                $"'{input.Name}' is connected to '{source}' but is a stock with flows, so it cannot take another variable's value", connect.Location, input.Name,
                "connect module inputs to auxiliaries (or to stocks used only as placeholders)");
        string text = ExprPrinter.FormatName(source);
        return input with
        {
            Kind = VariableKind.Auxiliary,
            Equation = new EquationSource(text, context.File, connect.Offset, Enumerable.Repeat(connect.Offset, text.Length).ToArray()),
            Elements = ImmutableArray<ElementDefinition>.Empty,
            Graph = null,
            NonNegative = false,
        };
    }
}
