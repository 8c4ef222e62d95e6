using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Import.Xml;
using Simulation.Engine.Model;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Import;

/// <summary>
/// Reads the &lt;model&gt; and &lt;macro&gt; blocks of an XMILE file (chapter 4): variables with names
/// local to their block, modules with their connections, and the block's &lt;behavior&gt; defaults.
/// Views, groups and vendor extensions (prefixed tags) do not affect simulation and are skipped.
/// </summary>
internal sealed class XmileModelReader(XmileContext context, XmilePositionalElements arrays, XmileBehavior fileBehavior)
{
    public XmileModel Read(XmlElement model)
    {
        if (model.Attribute("resource") is { } resource)
            context.Unsupported($"a model loaded from another file (resource=\"{resource.Value}\")", context.At(resource));
        if (model.Attribute("encryption-scheme") is { } encrypted)
            context.Unsupported("an encrypted model", context.At(encrypted));
        var behavior = ReadBehavior(model.Element("behavior"), context);
        var (variables, modules) = ReadVariables(model.Element("variables"), behavior);
        string? name = model.AttributeValue("name") is { } n && XmileNames.Display(n).Length > 0 ? XmileNames.Display(n) : null;
        return new XmileModel(name, variables, modules, context.At(model));
    }

    public XmileMacro? ReadMacro(XmlElement macro)
    {
        if (context.RequiredName(macro, DiagnosticCodes.BadMacro) is not { } name) return null;
        if (macro.Element("sim_specs") is { } specs)
            context.Unsupported($"a macro with its own simulation specs ('{name}')", context.At(specs));
        var parameters = ImmutableArray.CreateBuilder<XmileMacroParameter>();
        foreach (var parm in macro.Elements("parm"))
        {
            var defaultValue = parm.Attribute("default")?.ValueText.ToEquation(context.File);
            if (parameters.Count > 0 && parameters[^1].Default is not null && defaultValue is null)
                context.Diagnostics.Error(DiagnosticCodes.BadMacro,
                    $"the parameter '{parm.Text.Value.Trim()}' of the macro '{name}' follows one with a default, so it needs a default too",
                    context.At(parm), hint: "XMILE 4.8: every parameter after the first with a default must have one");
            parameters.Add(new XmileMacroParameter(XmileNames.Display(parm.Text.Value), defaultValue));
        }
        var reader = new XmileVariableReader(context, arrays, XmileBehavior.None, fileBehavior);
        var body = reader.Equation(macro.Element("eqn"), name);
        if (body is null)
            context.Diagnostics.Error(DiagnosticCodes.BadMacro, $"the macro '{name}' has no <eqn> giving its value", context.At(macro));
        var (variables, modules) = ReadVariables(macro.Element("variables"), XmileBehavior.None);
        foreach (var module in modules)
            context.Unsupported($"a module inside the macro '{name}'", module.Location);
        return new XmileMacro(name, parameters.ToImmutable(), body, variables, context.At(macro));
    }

    private (ImmutableArray<VariableDefinition>, ImmutableArray<XmileModule>) ReadVariables(XmlElement? block, XmileBehavior behavior)
    {
        var variables = ImmutableArray.CreateBuilder<VariableDefinition>();
        var modules = ImmutableArray.CreateBuilder<XmileModule>();
        if (block is null) return (variables.ToImmutable(), modules.ToImmutable());
        var reader = new XmileVariableReader(context, arrays, behavior, fileBehavior);
        foreach (var element in block.Elements())
        {
            if (element.HasPrefix) continue;
            switch (element.Name)
            {
                case "stock" or "flow" or "aux" or "gf":
                    if (reader.Read(element) is { } variable) variables.Add(variable);
                    break;
                case "module":
                    if (ReadModule(element) is { } module) modules.Add(module);
                    break;
                case "group":
                    break; // organises the diagram; no effect on simulation
                default:
                    context.Ignored(element, null, "it is not a kind of variable this engine reads");
                    break;
            }
        }
        return (AuxiliariesListedAsFlows(variables.ToImmutable()), modules.ToImmutable());
    }

    /// <summary>
    /// An auxiliary that a stock lists as an inflow or outflow is read as a flow, as Stella reads it, with a warning
    /// (the binder would otherwise reject the stock: SD2005).
    /// </summary>
    private ImmutableArray<VariableDefinition> AuxiliariesListedAsFlows(ImmutableArray<VariableDefinition> variables)
    {
        var listed = new Dictionary<string, (string Stock, NameReference Reference)>();
        foreach (var stock in variables.Where(v => v.Kind == VariableKind.Stock))
            foreach (var flow in stock.Inflows.Concat(stock.Outflows))
                listed.TryAdd(Identifier.Canonical(flow.Name), (stock.Name, flow));
        return variables.Select(v =>
        {
            if (v.Kind != VariableKind.Auxiliary || !listed.TryGetValue(Identifier.Canonical(v.Name), out var use)) return v;
            context.Diagnostics.Warning(DiagnosticCodes.UnsupportedXmileFeature,
                $"'{v.Name}' is an auxiliary, but the stock '{use.Stock}' lists it as a flow: it is read as a flow, as Stella reads it",
                use.Reference.Location ?? v.Location, v.Name, "declare it as a <flow> in the file");
            return v with { Kind = VariableKind.Flow };
        }).ToImmutableArray();
    }

    private XmileModule? ReadModule(XmlElement module)
    {
        if (context.RequiredName(module, DiagnosticCodes.BadModule) is not { } name) return null;
        if (module.Attribute("resource") is { } resource)
            context.Unsupported($"a module loaded from another file (resource=\"{resource.Value}\")", context.At(resource), name,
                "copy the submodel into this file as <model name=\"...\">");
        var connections = ImmutableArray.CreateBuilder<XmileConnection>();
        foreach (var connect in module.Elements("connect"))
        {
            string? to = connect.AttributeValue("to"), from = connect.AttributeValue("from");
            if (string.IsNullOrWhiteSpace(to) || string.IsNullOrWhiteSpace(from))
            {
                context.Diagnostics.Error(DiagnosticCodes.BadModule, $"a <connect> of the module '{name}' lacks 'to' or 'from'", context.At(connect), name);
                continue;
            }
            connections.Add(new XmileConnection(to.Trim(), from.Trim(), connect.Start, context.At(connect)));
        }
        return new XmileModule(name, connections.ToImmutable(), context.At(module));
    }

    /// <summary>&lt;behavior&gt;: &lt;non_negative/&gt; directly (all entities) or inside &lt;stock&gt; or &lt;flow&gt;.</summary>
    public static XmileBehavior ReadBehavior(XmlElement? behavior, XmileContext context)
    {
        if (behavior is null) return XmileBehavior.None;
        bool? Option(XmlElement? scope) => context.Flag(scope?.Element("non_negative"));
        return new XmileBehavior(Option(behavior), Option(behavior.Element("stock")), Option(behavior.Element("flow")));
    }
}
