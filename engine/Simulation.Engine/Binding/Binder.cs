using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Ops;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Binding;

/// <summary>
/// Turns a <see cref="ModelDocument"/> into a <see cref="BoundModel"/>: resolves dimensions, numbers
/// every scalar element, parses and binds each element's equation, links stocks to their flows and
/// applies the non-negative rules. Reports every problem it finds and keeps going.
/// </summary>
public static class Binder
{
    /// <param name="parsed">
    /// Equations already parsed, by their source (another bound model's <see cref="BoundModel.ParsedEquations"/>): a scenario's
    /// model shares most of its equations with the model it was built from, and these are not parsed again.
    /// </param>
    public static BoundModel Bind(ModelDocument document, DiagnosticBag diagnostics, IReadOnlyDictionary<EquationSource, Expr?>? parsed = null)
    {
        var dimensions = DimensionBinder.Bind(document, diagnostics);
        if (!WithinElementLimit(document, dimensions, diagnostics))
            return new BoundModel
            {
                Document = document,
                Time = document.Time,
                Dimensions = DimensionBinder.Ordered(dimensions, document),
                Variables = [],
                Elements = [],
                Tables = [],
            };
        var context = new BindingContext
        {
            Variables = new Dictionary<string, BoundVariable>(),
            Dimensions = dimensions,
            Elements = new List<ModelElement>(),
            Tables = new List<LookupTable>(),
            Diagnostics = diagnostics,
        };
        foreach (var name in document.UnreadVariables) context.Unreadable.Add(Identifier.Canonical(name));
        var variables = DeclareVariables(document, context);
        var equations = new EquationTable(context, parsed);
        foreach (var variable in variables) equations.Assign(variable);
        foreach (var variable in variables) equations.BindElements(variable);
        StockFlowLinker.Link(variables, context);
        NonNegativeRules.Apply(context.Elements);
        return new BoundModel
        {
            Document = document,
            Time = document.Time,
            Dimensions = DimensionBinder.Ordered(dimensions, document),
            Variables = variables.ToImmutableArray(),
            Elements = context.Elements.ToImmutableArray(),
            Tables = context.Tables.ToImmutableArray(),
            ParsedEquations = equations.Parsed,
        };
    }

    /// <summary>
    /// Whether the model's elements (each variable's dimension sizes multiplied, added up over the variables) stay within
    /// <see cref="ModelLimits.MaxElements"/>. Counted in doubles before anything is allocated: 65,536 x 65,536 overflows an
    /// int to 0. A model over the limit is reported once per variable that alone exceeds it (or once for the total) and
    /// bound as empty, so that nothing else is reported about it.
    /// </summary>
    private static bool WithinElementLimit(ModelDocument document, Dictionary<string, Dimension> dimensions, DiagnosticBag diagnostics)
    {
        double total = 0;
        bool reported = false;
        foreach (var def in document.Variables)
        {
            if (def.Kind == VariableKind.Graphical) continue;
            double count = 1;
            foreach (var d in def.Dimensions)
                if (dimensions.TryGetValue(Identifier.Canonical(d.Name), out var dim)) count *= dim.Size;
            total += count;
            if (count <= ModelLimits.MaxElements) continue;
            reported = true;
            var sizes = string.Join(" x ", def.Dimensions.Select(d => dimensions.TryGetValue(Identifier.Canonical(d.Name), out var dim) ? $"{dim.Name} {dim.Size:N0}" : d.Name));
            diagnostics.Error(DiagnosticCodes.TooManyElements,
                $"'{def.Name}' would have {count:N0} elements ({sizes}); a model may have at most {ModelLimits.MaxElements:N0}",
                def.Location, def.Name, "use smaller dimensions, or fewer of them on this variable");
        }
        if (total <= ModelLimits.MaxElements) return true;
        if (!reported)
            diagnostics.Error(DiagnosticCodes.TooManyElements,
                $"the model would have {total:N0} elements over its variables; a model may have at most {ModelLimits.MaxElements:N0}",
                document.Location, hint: "use smaller dimensions, or fewer arrayed variables");
        return false;
    }

    /// <summary>Creates each variable with its dimensions and one element per position.</summary>
    private static List<BoundVariable> DeclareVariables(ModelDocument document, BindingContext context)
    {
        var result = new List<BoundVariable>();
        foreach (var def in document.Variables)
        {
            string canonical = Identifier.Canonical(def.Name);
            if (canonical.Length == 0) continue;
            if (context.Variables.TryGetValue(canonical, out var existing))
            {
                context.Diagnostics.Error(DiagnosticCodes.DuplicateName,
                    $"'{def.Name}' is defined twice (names ignore case, and spaces equal underscores)", def.Location, def.Name,
                    $"the first definition is at {existing.Definition?.Location}");
                continue;
            }
            var dims = ImmutableArray.CreateBuilder<Dimension>();
            bool ok = true;
            foreach (var d in def.Dimensions)
            {
                if (context.Dimensions.TryGetValue(Identifier.Canonical(d.Name), out var dim)) dims.Add(dim);
                else
                {
                    ok = false;
                    string? s = NameSuggester.Suggest(d.Name, context.Dimensions.Values.Select(x => x.Name));
                    context.Diagnostics.Error(DiagnosticCodes.UnknownDimension, $"'{def.Name}' is arrayed over '{d.Name}', which is not a dimension",
                        d.Location, def.Name, s is not null ? $"did you mean '{s}'?" : "define it in \"dimensions\"");
                }
            }
            if (!ok)
            {
                context.Unreadable.Add(canonical);
                continue;
            }
            var variable = new BoundVariable { Name = Identifier.Display(def.Name), Kind = def.Kind, Dimensions = dims.ToImmutable(), Definition = def };
            context.Variables[canonical] = variable;
            result.Add(variable);
            if (def.Kind == VariableKind.Graphical) continue; // a function, not a quantity: no elements
            var kind = def.Kind switch
            {
                VariableKind.Stock => ElementKind.Stock,
                VariableKind.Flow => ElementKind.Flow,
                _ => ElementKind.Auxiliary,
            };
            foreach (var indices in Positions(variable.Dimensions))
            {
                var element = new ModelElement
                {
                    Id = context.Elements.Count,
                    Variable = variable,
                    Indices = indices,
                    DisplayName = ElementName(variable, indices),
                    Kind = kind,
                    NonNegative = def.NonNegative,
                };
                context.Elements.Add(element);
                variable.Elements.Add(element.Id);
            }
        }
        return result;
    }

    public static string ElementName(BoundVariable variable, ImmutableArray<int> indices)
    {
        if (indices.Length == 0) return variable.Name;
        var name = new System.Text.StringBuilder(variable.Name).Append('[');
        for (int k = 0; k < indices.Length; k++)
            name.Append(k == 0 ? "" : ",").Append(variable.Dimensions[k].Elements[indices[k]]);
        return name.Append(']').ToString();
    }

    /// <summary>The index tuple at row-major position <paramref name="flat"/> (the <paramref name="flat"/>-th of <see cref="Positions"/>).</summary>
    public static ImmutableArray<int> PositionAt(ImmutableArray<Dimension> dims, int flat)
    {
        var index = new int[dims.Length];
        for (int k = dims.Length - 1; k >= 0; k--)
        {
            index[k] = flat % dims[k].Size;
            flat /= dims[k].Size;
        }
        return ImmutableArray.Create(index);
    }

    /// <summary>Every index tuple over the dimensions, in row-major order.</summary>
    public static IEnumerable<ImmutableArray<int>> Positions(ImmutableArray<Dimension> dims)
    {
        int count = 1;
        foreach (var d in dims) count *= d.Size;
        for (int flat = 0; flat < count; flat++) yield return PositionAt(dims, flat);
    }
}
