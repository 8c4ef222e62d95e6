using Simulation.Engine.Binding;
using Simulation.Engine.Results;

namespace Simulation.Cli;

/// <summary>
/// What <c>sim run MODEL</c> shows without --vars: every stock, an arrayed one as its total over its elements
/// ("Population (total)"). Element by element, a model with age and deprivation bands filled the table with
/// one band's columns, cut to the same few characters; totals say how the whole system moves.
/// </summary>
public static class FirstLook
{
    public static SimulationResult Totals(SimulationResult result, IReadOnlyList<OutputColumn> columns, BoundModel model)
    {
        var groups = columns.Select((c, j) => (Variable: model.Elements[c.Element].Variable, Column: j))
            .GroupBy(x => x.Variable).ToList();
        if (groups.All(g => g.Count() == 1)) return result;
        var names = groups.Select(g => g.Key.Dimensions.Length == 0 ? result.Names[g.First().Column] : $"{g.Key.Name} (total)").ToList();
        var rows = result.Rows.Select(row => groups.Select(g => g.Sum(x => row[x.Column])).ToArray()).ToList();
        return new SimulationResult(names, result.Times, rows, result.Diagnostics);
    }
}
