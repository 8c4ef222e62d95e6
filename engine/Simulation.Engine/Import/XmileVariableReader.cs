using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Import.Xml;
using Simulation.Engine.Model;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Import;

/// <summary>
/// Reads one &lt;stock&gt;, &lt;flow&gt;, &lt;aux&gt; or named &lt;gf&gt; (XMILE 4.1-4.5) into a
/// <see cref="VariableDefinition"/> with names local to its model: equation, dimensions, per-element
/// equations and graphs, inflows and outflows, non-negative option, units, documentation and input
/// range. Options that change simulation and that we do not implement (conveyors, queues, leaks,
/// unit-conversion multipliers) are reported; display-only properties are skipped.
/// </summary>
internal sealed class XmileVariableReader(XmileContext context, XmilePositionalElements arrays, XmileBehavior modelBehavior, XmileBehavior fileBehavior)
{
    /// <summary>Properties that only affect how a variable is shown or edited.</summary>
    private static readonly HashSet<string> DisplayOnly = ["scale", "format", "mathml", "display", "label_side", "summing"];

    public VariableDefinition? Read(XmlElement element)
    {
        if (context.RequiredName(element, DiagnosticCodes.SchemaViolation) is not { } name) return null;
        var kind = element.Name switch
        {
            "stock" => VariableKind.Stock,
            "flow" => VariableKind.Flow,
            "gf" => VariableKind.Graphical,
            _ => VariableKind.Auxiliary,
        };
        var dimensions = (element.Element("dimensions")?.Elements("dim") ?? [])
            .Select(d => new NameReference(XmileNames.Display(d.AttributeValue("name") ?? ""), context.At(d)))
            .ToImmutableArray();
        var (equation, elements) = Equations(element, name, dimensions);
        GraphDefinition? graph = null;
        if (kind == VariableKind.Graphical) graph = XmileGraphReader.Read(element, name, context);
        else if (element.Element("gf") is { } gf)
        {
            if (NamedGraphReference(gf) is { } function) equation = Applied(function, equation, gf, name);
            else graph = XmileGraphReader.Read(gf, name, context);
        }
        if (kind == VariableKind.Auxiliary && graph is not null && equation is null && elements.All(e => e.Equation is null))
            kind = VariableKind.Graphical; // a graph with no input: a function, called as name(x)
        CheckOptions(element, kind, name);
        return new VariableDefinition
        {
            Name = name,
            Kind = kind,
            Equation = equation,
            Dimensions = dimensions,
            Elements = elements,
            Inflows = Flows(element, "inflow"),
            Outflows = Flows(element, "outflow"),
            NonNegative = NonNegative(element, kind),
            Units = Text(element.Element("units")),
            Documentation = Text(element.Element("doc")),
            Input = Range(element, name),
            Graph = graph,
            Location = context.At(element.Attribute("name")!),
        };
    }

    /// <summary>The name in <c>&lt;gf name="rising"/&gt;</c>: a reference to a graphical function defined elsewhere (4.1.3).</summary>
    private static string? NamedGraphReference(XmlElement gf) =>
        gf.AttributeValue("name") is { } name && !gf.Elements().Any(e => e.Name is "ypts" or "xpts" or "xscale") ? XmileNames.Display(name) : null;

    /// <summary>The variable's equation given to the named graphical function: <c>rising(equation)</c>.</summary>
    private EquationSource? Applied(string function, EquationSource? equation, XmlElement gf, string owner)
    {
        if (equation is null)
        {
            context.Diagnostics.Error(DiagnosticCodes.MissingEquation, $"'{owner}' refers to the graphical function '{function}' but has no <eqn> to give it",
                context.At(gf), owner, $"add the input, e.g. <eqn>TIME</eqn>, to get {function}(TIME)");
            return null;
        }
        var text = new SourcedText();
        text.Append(ExprPrinter.FormatName(function) + "(", gf.Start);
        text.Append(equation, 0, equation.Text.Length);
        text.Append(")", gf.Start);
        return text.ToEquation(context.File);
    }

    /// <summary>
    /// The variable's equation, or its per-element equations: from &lt;element&gt; tags, or by position
    /// (one &lt;eqn&gt; per element, or a list of numbers; not XMILE, but written by converters).
    /// </summary>
    private (EquationSource?, ImmutableArray<ElementDefinition>) Equations(XmlElement element, string name, ImmutableArray<NameReference> dimensions)
    {
        var equations = element.Elements("eqn").ToList();
        var sources = equations.Select(e => Equation(e, name)).OfType<EquationSource>().ToList();
        var elements = Elements(element, name);
        if (equations.Count > 1)
        {
            var listed = elements.IsEmpty && dimensions.Length > 0
                ? arrays.ByPosition(sources, dimensions, name, "it has <eqn>s:", context.At(element))
                : null;
            if (listed is null && (elements.Length > 0 || dimensions.Length == 0))
                context.Diagnostics.Error(DiagnosticCodes.DuplicateKey, $"'{name}' has {equations.Count} <eqn>s; a variable has one equation",
                    context.At(equations[1]), name, "give per-element equations in <element subscript=\"...\"> tags");
            return (null, listed ?? elements);
        }
        var equation = sources.FirstOrDefault();
        if (elements.IsEmpty && equation is not null && dimensions.Length > 0 && arrays.FromValueList(equation, dimensions, name) is { } values)
            return (null, values);
        return (equation, elements);
    }

    /// <summary>
    /// The equation text of an &lt;eqn&gt;, located in the file. A converter's '???' placeholder and
    /// XMILE syntax we do not have are reported by name here; the text is kept, so the parser then
    /// points at the same place.
    /// </summary>
    public EquationSource? Equation(XmlElement? eqn, string owner)
    {
        if (eqn is null) return null;
        var equation = eqn.Text.ToEquation(context.File);
        int placeholder = equation.Text.IndexOf("???", StringComparison.Ordinal);
        if (placeholder >= 0)
            context.Diagnostics.InEquation(DiagnosticCodes.ConverterPlaceholder, Severity.Error,
                $"the equation of '{owner}' is '{equation.Text.Trim()}', a placeholder that a model converter wrote for an equation it could not translate",
                equation, new TextSpan(placeholder, 3), owner, "write the equation (for example from the model's original .mdl file)");
        else if (XmileSyntax.FindUnsupported(equation.Text) is var (index, feature))
            context.Diagnostics.InEquation(DiagnosticCodes.UnsupportedXmileFeature, Severity.Error, $"{feature} is not supported", equation,
                new TextSpan(index, 1), owner, "write the array operation with dimension names, e.g. b[Dim2, Dim1] for a transposed a[Dim1, Dim2]");
        return equation;
    }

    private ImmutableArray<ElementDefinition> Elements(XmlElement element, string owner)
    {
        var result = ImmutableArray.CreateBuilder<ElementDefinition>();
        foreach (var entry in element.Elements("element"))
        {
            var subscript = entry.AttributeValue("subscript");
            if (subscript is null)
            {
                context.Diagnostics.Error(DiagnosticCodes.MissingElementEquation, $"an <element> of '{owner}' has no subscript", context.At(entry), owner,
                    "write <element subscript=\"...\">");
                continue;
            }
            result.Add(new ElementDefinition
            {
                Subscript = subscript.Split(',').Select(XmileNames.Display).ToImmutableArray(),
                Equation = Equation(entry.Element("eqn"), owner),
                Graph = entry.Element("gf") is { } gf ? XmileGraphReader.Read(gf, owner, context) : null,
                Location = context.At(entry),
            });
        }
        return result.ToImmutable();
    }

    private ImmutableArray<NameReference> Flows(XmlElement element, string tag) =>
        element.Elements(tag).Select(f => new NameReference(XmileNames.Display(f.Text.Value), context.At(f))).ToImmutableArray();

    private bool NonNegative(XmlElement element, VariableKind kind)
    {
        return context.Flag(element.Element("non_negative")) ?? modelBehavior.NonNegative(kind) ?? fileBehavior.NonNegative(kind) ?? false;
    }

    private InputInfo? Range(XmlElement element, string owner)
    {
        if (element.Element("range") is not { } range) return null;
        double? low = context.NumberAttribute(range, "min", $"the min of the range of '{owner}'");
        double? high = context.NumberAttribute(range, "max", $"the max of the range of '{owner}'");
        return low is null && high is null ? null : new InputInfo { Low = low, High = high, Location = context.At(range) };
    }

    /// <summary>Reports options that change how a variable simulates and that we cannot honour, and unknown properties.</summary>
    private void CheckOptions(XmlElement element, VariableKind kind, string name)
    {
        foreach (var child in element.Elements())
        {
            if (child.HasPrefix || DisplayOnly.Contains(child.Name)) continue;
            switch (child.Name)
            {
                case "eqn" or "dimensions" or "element" or "gf" or "units" or "doc" or "range" or "non_negative":
                case "inflow" or "outflow" when kind == VariableKind.Stock:
                case "xscale" or "yscale" or "xpts" or "ypts" when kind == VariableKind.Graphical:
                    break;
                case "conveyor":
                    context.Unsupported("a conveyor stock", context.At(child), name, "model the transit time with DELAY or DELAYN instead");
                    break;
                case "queue":
                    context.Unsupported("a queue stock", context.At(child), name);
                    break;
                case "leak" or "leak_integers" or "overflow":
                    context.Unsupported($"a conveyor or queue outflow (<{child.Name}>)", context.At(child), name);
                    break;
                case "multiplier":
                    context.Unsupported("a unit-conversion multiplier on a flow", context.At(child), name,
                        "add a separate inflow to the downstream stock that multiplies this flow");
                    break;
                case "event_poster":
                    context.Ignored(child, name, "event posters (pausing or stopping a run at a threshold) are not simulated");
                    break;
                default:
                    context.Ignored(child, name, $"it is not a property of <{element.Name}> that this engine reads");
                    break;
            }
        }
    }

    private static string? Text(XmlElement? element) => element?.Text.Value.Trim() is { Length: > 0 } s ? s : null;
}
