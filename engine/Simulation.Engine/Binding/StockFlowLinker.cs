using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Binding;

/// <summary>
/// Connects each stock element to the flow elements it lists as inflows and outflows. An arrayed
/// flow connects element by element to an arrayed stock over the same (or related) dimensions.
/// </summary>
internal static class StockFlowLinker
{
    public static void Link(List<BoundVariable> variables, BindingContext context)
    {
        var drained = new Dictionary<int, string>();
        var filled = new Dictionary<int, string>();
        foreach (var stock in variables.Where(v => v.Kind == VariableKind.Stock))
        {
            var def = stock.Definition!;
            foreach (var reference in def.Inflows) Connect(stock, reference, inflow: true, context, filled);
            foreach (var reference in def.Outflows) Connect(stock, reference, inflow: false, context, drained);
        }
    }

    private static void Connect(BoundVariable stock, NameReference reference, bool inflow, BindingContext context, Dictionary<int, string> used)
    {
        string role = inflow ? "inflow" : "outflow";
        if (!context.Variables.TryGetValue(Identifier.Canonical(reference.Name), out var flow))
        {
            if (context.Unreadable.Contains(Identifier.Canonical(reference.Name))) return; // reported where the flow is defined
            string? s = NameSuggester.Suggest(reference.Name, context.Variables.Values.Where(v => v.Kind == VariableKind.Flow).Select(v => v.Name));
            context.Diagnostics.Error(DiagnosticCodes.UnknownVariable, $"the {role} '{reference.Name}' of the stock '{stock.Name}' is not defined",
                reference.Location, stock.Name, s is not null ? $"did you mean '{s}'?" : "define it as a variable of kind \"flow\"");
            return;
        }
        if (flow.Kind != VariableKind.Flow)
        {
            string kind = flow.Kind.ToString().ToLowerInvariant();
            context.Diagnostics.Error(DiagnosticCodes.NotAFlow, $"the {role} '{reference.Name}' of the stock '{stock.Name}' is a{(kind.StartsWith('a') ? "n" : "")} {kind}, not a flow",
                reference.Location, stock.Name, $"make '{flow.Name}' a flow (\"kind\": \"flow\"), or remove it from the {role}s");
            return;
        }
        foreach (int stockId in stock.Elements)
        {
            var stockElement = context.Elements[stockId];
            var index = new int[flow.Dimensions.Length];
            for (int k = 0; k < flow.Dimensions.Length; k++)
            {
                // The stock's dimension in the same position first: a stock over (D, E, Sub of D) must not take
                // its third index from its first just because Sub is related to D.
                int? found = k < stock.Dimensions.Length && stock.Dimensions[k] == flow.Dimensions[k] ? stockElement.Indices[k] : null;
                for (int j = 0; j < stock.Dimensions.Length && found is null; j++)
                    found = DimensionRelations.Translate(stock.Dimensions[j], stockElement.Indices[j], flow.Dimensions[k]);
                if (found is not int i)
                {
                    context.Diagnostics.Error(DiagnosticCodes.DimensionMismatch,
                        $"the {role} '{flow.Name}' is arrayed over {string.Join(", ", flow.Dimensions)}, which the stock '{stock.Name}' ({Dims(stock)}) does not have",
                        reference.Location, stock.Name, "a flow must have the same dimensions as the stocks it connects");
                    return;
                }
                index[k] = i;
            }
            if (flow.Dimensions.Length < stock.Dimensions.Length)
            {
                context.Diagnostics.Error(DiagnosticCodes.DimensionMismatch,
                    $"the {role} '{flow.Name}' ({Dims(flow)}) has fewer dimensions than the stock '{stock.Name}' ({Dims(stock)}); each element of the stock would receive the whole flow",
                    reference.Location, stock.Name, "array the flow over the stock's dimensions");
                return;
            }
            int flowId = flow.Elements[flow.FlatIndex(index)];
            (inflow ? stockElement.Inflows : stockElement.Outflows).Add(flowId);
            if (used.TryGetValue(flowId, out var other) && other != stock.Name)
                context.Diagnostics.Warning(DiagnosticCodes.FlowDrainsTwoStocks,
                    $"'{flow.Name}' is an {role} of both '{other}' and '{stock.Name}', so it is counted twice", reference.Location, stock.Name,
                    $"a flow usually moves material from one stock to another: list it as the outflow of one and the inflow of the other");
            used[flowId] = stock.Name;
        }
    }

    private static string Dims(BoundVariable v) => v.Dimensions.Length == 0 ? "scalar" : string.Join(", ", v.Dimensions);
}
