using Simulation.Engine.Model;
using static Simulation.Tests.Models.Nhs.NhsModel;

namespace Simulation.Tests.Models.Nhs;

/// <summary>
/// Observer variables added to a copy of a model so that one number at the end of a run answers a question
/// about the whole run: the lowest value each stock ever took, the people that entered, died and aged, and how
/// far a chain of stocks ever strayed from the population it partitions. They read the model; nothing in the
/// model reads them.
/// </summary>
internal static class Probes
{
    public const string PopulationAtEnd = "Probe population";
    public const string PopulationAtStart = "Probe initial population";
    public const string Entered = "Probe entered so far";
    public const string Died = "Probe died so far";
    public const string AgedIn = "Probe aged in so far";
    public const string AgedOut = "Probe aged out so far";

    public static string LowestOf(string stock) => "Probe lowest " + stock;

    public static string ChainGap(string chain) => "Probe chain gap " + chain;

    /// <summary>For every stock: the lowest value any of its elements took at any step (a running minimum through PREVIOUS).</summary>
    public static IEnumerable<VariableDefinition> LowestStocks(ModelDocument model) =>
        model.Variables.Where(v => v.Kind == VariableKind.Stock)
            .Select(s => Auxiliary(LowestOf(s.Name), $"MIN(PREVIOUS(SELF, 1e300), {(s.IsArrayed ? $"MIN({AllOf(s)})" : AllOf(s))})"));

    /// <summary>Integrals of a population's entries, deaths and ageing flows, and its total at the start and now.</summary>
    public static IEnumerable<VariableDefinition> PopulationAccounts(ModelDocument model, PopulationFlows flows)
    {
        string Sum(string variable) => $"SUM({AllOf(model.Variables.Single(v => v.Name == variable))})";
        var accounts = new[] { (Entered, flows.Entries), (Died, [flows.Deaths]), (AgedIn, [flows.AgeingIn]), (AgedOut, [flows.AgeingOut]) };
        foreach (var (probe, flowNames) in accounts)
        {
            yield return Flow(probe + " flow", string.Join(" + ", flowNames.Select(Sum)));
            yield return Accumulator(probe, probe + " flow");
        }
        yield return Auxiliary(PopulationAtEnd, Sum(flows.Stock));
        yield return Auxiliary(PopulationAtStart, $"INIT({Sum(flows.Stock)})");
    }

    /// <summary>The largest relative gap, over every cell and step, between the sum of a chain's stocks and the population.</summary>
    public static VariableDefinition ChainGap(ModelDocument model, string chain, IReadOnlyList<string> stocks, string population)
    {
        string Cells(string name) => AllOf(model.Variables.Single(v => v.Name == name));
        string sum = string.Join(" + ", stocks.Select(Cells));
        return Auxiliary(ChainGap(chain), $"MAX(PREVIOUS(SELF, 0), MAX(ABS({sum} - {Cells(population)}) / {Cells(population)}))");
    }
}

/// <summary>The stock of a population and the flows that change it: entries (births or reaching 18, and net migration), deaths, ageing.</summary>
internal sealed record PopulationFlows(string Stock, string[] Entries, string Deaths, string AgeingIn, string AgeingOut);
