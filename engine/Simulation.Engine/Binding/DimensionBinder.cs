using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Binding;

/// <summary>Resolves the model's dimensions: unique names and elements, subranges and mappings.</summary>
internal static class DimensionBinder
{
    public static Dictionary<string, Dimension> Bind(ModelDocument document, DiagnosticBag diagnostics)
    {
        var result = new Dictionary<string, Dimension>();
        var definitions = new Dictionary<Dimension, DimensionDefinition>();
        foreach (var def in document.Dimensions)
        {
            if (string.IsNullOrWhiteSpace(def.Name)) continue;
            var elements = def.Elements;
            var seen = new HashSet<string>();
            foreach (var e in elements)
                if (!seen.Add(Identifier.Canonical(e)))
                    diagnostics.Error(DiagnosticCodes.DuplicateElement, $"the element '{e}' is listed twice in the dimension '{def.Name}'", def.Location);
            if (elements.Length == 0)
            {
                diagnostics.Error(DiagnosticCodes.BadMapping, $"the dimension '{def.Name}' has no elements", def.Location,
                    hint: "give \"elements\": [...] or \"size\": n");
                continue;
            }
            var dim = new Dimension(def.Name, elements, def.Location);
            if (!result.TryAdd(dim.Canonical, dim))
            {
                diagnostics.Error(DiagnosticCodes.DuplicateName, $"the dimension '{def.Name}' is defined twice", def.Location,
                    hint: $"the first is at {result[dim.Canonical].Location}");
                continue;
            }
            definitions[dim] = def;
        }
        foreach (var (dim, def) in definitions)
        {
            if (def.SubrangeOf is { } parentName) LinkSubrange(dim, def, parentName, result, diagnostics);
            if (def.MapsTo is { } targetName) LinkMapping(dim, def, targetName, result, diagnostics);
        }
        return result;
    }

    private static void LinkSubrange(Dimension dim, DimensionDefinition def, string parentName, Dictionary<string, Dimension> all, DiagnosticBag diagnostics)
    {
        if (!all.TryGetValue(Identifier.Canonical(parentName), out var parent))
        {
            diagnostics.Error(DiagnosticCodes.UnknownDimension, $"'{def.Name}' is a subrange of '{parentName}', which is not a dimension", def.Location,
                hint: NameSuggester.Suggest(parentName, all.Values.Select(d => d.Name)) is { } s ? $"did you mean '{s}'?" : null);
            return;
        }
        var map = new int[dim.Size];
        for (int i = 0; i < dim.Size; i++)
        {
            map[i] = parent.IndexOf(dim.Elements[i]);
            if (map[i] < 0)
            {
                diagnostics.Error(DiagnosticCodes.BadMapping, $"'{dim.Elements[i]}' in the subrange '{def.Name}' is not an element of '{parent.Name}'",
                    def.Location, hint: $"{parent.Name} has: {string.Join(", ", parent.Elements)}");
                return;
            }
        }
        for (var p = parent; p is not null; p = p.Parent)
            if (p == dim)
            {
                diagnostics.Error(DiagnosticCodes.BadMapping, $"the subrange '{def.Name}' is (through others) a subrange of itself", def.Location);
                return;
            }
        dim.Parent = parent;
        dim.ParentIndex = map;
    }

    private static void LinkMapping(Dimension dim, DimensionDefinition def, string targetName, Dictionary<string, Dimension> all, DiagnosticBag diagnostics)
    {
        if (!all.TryGetValue(Identifier.Canonical(targetName), out var target))
        {
            diagnostics.Error(DiagnosticCodes.UnknownDimension, $"'{def.Name}' maps to '{targetName}', which is not a dimension", def.Location);
            return;
        }
        var map = new int[dim.Size];
        if (def.Mapping is { } explicitMap)
        {
            for (int i = 0; i < dim.Size; i++)
            {
                var key = explicitMap.Keys.FirstOrDefault(k => Identifier.Canonical(k) == Identifier.Canonical(dim.Elements[i]));
                int j = key is null ? -1 : target.IndexOf(explicitMap[key]);
                if (j < 0)
                {
                    diagnostics.Error(DiagnosticCodes.BadMapping,
                        key is null ? $"the mapping of '{def.Name}' onto '{target.Name}' does not say where '{dim.Elements[i]}' goes"
                                    : $"the mapping of '{def.Name}' sends '{key}' to '{explicitMap[key]}', which is not an element of '{target.Name}'",
                        def.Location);
                    return;
                }
                map[i] = j;
            }
        }
        else
        {
            if (dim.Size != target.Size)
            {
                diagnostics.Error(DiagnosticCodes.BadMapping,
                    $"'{def.Name}' ({dim.Size} elements) maps onto '{target.Name}' ({target.Size} elements) in order, so they need the same size",
                    def.Location, hint: "give an explicit \"mapping\": {\"element\": \"target element\", ...}");
                return;
            }
            for (int i = 0; i < dim.Size; i++) map[i] = i;
        }
        dim.MapsTo = target;
        dim.MapIndex = map;
    }

    public static ImmutableArray<Dimension> Ordered(Dictionary<string, Dimension> all, ModelDocument document) =>
        document.Dimensions.Select(d => all.GetValueOrDefault(Identifier.Canonical(d.Name))).OfType<Dimension>().Distinct().ToImmutableArray();
}
