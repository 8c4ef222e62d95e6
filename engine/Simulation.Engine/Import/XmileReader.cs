using System.Collections.Immutable;
using System.Globalization;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Import.Xml;
using Simulation.Engine.Model;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Import;

/// <summary>
/// Reads an XMILE 1.0 file (.xmile, .stmx, .itmx) into the same <see cref="ModelDocument"/> our JSON
/// reader produces: simulation specs, dimensions, the root model with its submodels flattened, macros
/// expanded and builtins translated. Equations stay located in the XML file, so every later
/// diagnostic points at the line and column of the &lt;eqn&gt; it is about. Views and display
/// settings are ignored; anything that would change the simulation and is not supported is reported.
/// </summary>
public static class XmileReader
{
    /// <summary>File extensions read as XMILE (Stella saves .stmx and .itmx).</summary>
    public static readonly ImmutableArray<string> Extensions = [".xmile", ".stmx", ".itmx"];

    public static bool IsXmilePath(string path) => Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    public static ModelDocument? ReadFile(string path, DiagnosticBag diagnostics) =>
        SourceFile.Load(path, diagnostics, DiagnosticCodes.MalformedXml) is { } file ? Read(file, diagnostics) : null;

    private const string NotXml = "an XMILE model is a UTF-8 XML file";

    public static ModelDocument? Read(SourceFile file, DiagnosticBag diagnostics)
    {
        if (file.IsBinary(diagnostics, DiagnosticCodes.MalformedXml, NotXml)) return null;
        var root = XmlParser.Parse(file, diagnostics);
        if (root is null) return null;
        var context = new XmileContext(file, diagnostics);
        if (root.Name != "xmile")
        {
            diagnostics.Error(DiagnosticCodes.NotXmile, $"the root element is <{root.Name}>, not <xmile>, so this is not an XMILE model", context.At(root),
                hint: "XMILE files start with <xmile version=\"1.0\" xmlns=\"http://docs.oasis-open.org/xmile/ns/XMILE/v1.0\">");
            return null;
        }
        return ReadXmile(root, context);
    }

    private static ModelDocument? ReadXmile(XmlElement root, XmileContext context)
    {
        var modelElements = root.Elements("model").ToList();
        if (modelElements.Count == 0)
        {
            context.Diagnostics.Error(DiagnosticCodes.NotXmile, "the file has no <model>", context.At(root), hint: "an XMILE file holds its variables in <model><variables>...");
            return null;
        }
        var dimensions = ReadDimensions(root.Element("dimensions"), context);
        var byName = dimensions.GroupBy(d => Identifier.Canonical(d.Name)).ToDictionary(g => g.Key, g => g.First());
        var arrays = new XmilePositionalElements(context, byName);
        var reader = new XmileModelReader(context, arrays, XmileModelReader.ReadBehavior(root.Element("behavior"), context));
        var macros = new Dictionary<string, XmileMacro>();
        foreach (var element in root.Elements("macro"))
            if (reader.ReadMacro(element) is { } macro && !macros.TryAdd(Identifier.Canonical(macro.Name), macro))
                context.Diagnostics.Error(DiagnosticCodes.BadMacro, $"the macro '{macro.Name}' is defined twice", macro.Location,
                    hint: "give each macro its own name (XMILE macros cannot be overloaded by argument count here)");
        var translator = new XmileTranslator(context, macros, byName);
        var models = modelElements.Select(e => (Element: e, Model: translator.Translate(reader.Read(e)))).ToList();
        var (rootElement, rootModel) = ChooseRoot(models, context);
        if (rootModel is null) return null;
        var submodels = models.Where(m => m.Model.Name is not null).GroupBy(m => Identifier.Canonical(m.Model.Name!))
            .ToDictionary(g => g.Key, g => g.First().Model);
        var namesInSubscripts = dimensions.Select(d => d.Name).Concat(dimensions.SelectMany(d => d.Elements)).Select(Identifier.Canonical).ToHashSet();
        var variables = new ModuleFlattener(context, submodels, namesInSubscripts).Flatten(rootModel);
        var header = root.Element("header");
        return new ModelDocument
        {
            Name = header?.Element("name")?.Text.Value.Trim() is { Length: > 0 } name ? name : Path.GetFileNameWithoutExtension(context.File.Path),
            Time = XmileTimeReader.Read(rootElement!.Element("sim_specs") ?? root.Element("sim_specs"), root, context),
            Dimensions = dimensions,
            Variables = variables.ToImmutableArray(),
            Source = context.File,
            Location = context.At(root),
        };
    }

    /// <summary>The root model is the unnamed one; a file with a single model (even a named one) has that as its root.</summary>
    private static (XmlElement?, XmileModel?) ChooseRoot(List<(XmlElement Element, XmileModel Model)> models, XmileContext context)
    {
        var unnamed = models.Where(m => m.Model.IsRoot).ToList();
        if (unnamed.Count > 1)
            context.Diagnostics.Error(DiagnosticCodes.BadModule, "the file has more than one unnamed (root) <model>", unnamed[1].Model.Location,
                hint: "name every submodel: <model name=\"...\">");
        if (unnamed.Count > 0) return unnamed[0];
        var used = models.SelectMany(m => m.Model.Modules).Select(m => Identifier.Canonical(m.Name)).ToHashSet();
        var tops = models.Where(m => !used.Contains(Identifier.Canonical(m.Model.Name!))).ToList();
        if (tops.Count == 1) return tops[0];
        context.Diagnostics.Error(DiagnosticCodes.BadModule, "the file has no unnamed (root) <model>, so it is not clear which model to run", models[0].Model.Location,
            hint: "remove the name of the root model");
        return (null, null);
    }

    /// <summary>&lt;dimensions&gt; (XMILE 2.5): each &lt;dim&gt; with a size (elements 1..n) or named &lt;elem&gt;s.</summary>
    private static ImmutableArray<DimensionDefinition> ReadDimensions(XmlElement? block, XmileContext context)
    {
        var result = ImmutableArray.CreateBuilder<DimensionDefinition>();
        foreach (var dim in block?.Elements("dim") ?? [])
        {
            string name = XmileNames.Display(dim.AttributeValue("name") ?? "");
            var elements = dim.Elements("elem").Select(e => XmileNames.Display(e.AttributeValue("name") ?? "")).ToImmutableArray();
            int? size = null;
            if (elements.IsEmpty && context.NumberAttribute(dim, "size", $"the size of the dimension '{name}'") is double n)
            {
                if (n >= 1 && n <= ModelLimits.MaxDimensionSize && n == Math.Floor(n)) size = (int)n;
                else
                {
                    context.Diagnostics.Error(DiagnosticCodes.TooManyElements,
                        $"the size of the dimension '{name}' is {n.ToString("R", CultureInfo.InvariantCulture)}: a size is a whole number from 1 to {ModelLimits.MaxDimensionSize:N0}", context.At(dim));
                    size = 1; // one stand-in element, so that the variables over it are not reported again as over no dimension
                }
                if (size is int k) elements = Enumerable.Range(1, k).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToImmutableArray();
            }
            result.Add(new DimensionDefinition { Name = name, Elements = elements, Size = size, Location = context.At(dim) });
        }
        return result.ToImmutable();
    }
}
