using Simulation.Engine.Model;

namespace Simulation.Tests.Models.Nhs;

/// <summary>
/// Both NHS models over their whole horizon, at their defaults and with every input at the low and at the high
/// end of its declared range (one input at a time): no stock ever goes negative, and the population is conserved
/// (entries and net migration, deaths and ageing account for every change, to 1e-9 of the population). For the prevention model,
/// every risk-factor chain partitions the adults of every cell at every step.
/// </summary>
public class NhsRangeTests
{
    private const double Conserved = 1e-9;

    private static readonly Dictionary<string, PopulationFlows> Populations = new()
    {
        [NhsModel.HospitalToCommunity] = new("Population", ["Births", "Net migration"], "Deaths", "Ageing in", "Ageing out"),
        [NhsModel.IllnessToPrevention] = new("Adults", ["Adults entries", "Net migration"], "Deaths", "Adults ageing in", "Adults ageing out"),
    };

    /// <summary>The prevention model's chains (PRISM attribute fractions): each is a partition of the adults of a cell.</summary>
    public static readonly Dictionary<string, string[]> Chains = new()
    {
        ["glycaemia"] = ["Normoglycaemic", "NDH undiagnosed", "NDH registered", "NDH in DPP", "NDH after DPP", "T2D undiagnosed",
            "T2D diagnosed without complications", "T2D with complications"],
        ["blood pressure"] = ["Normotensive", "Hypertension undiagnosed", "Hypertension untreated", "Hypertension uncontrolled", "Hypertension controlled"],
        ["smoking"] = ["Never smoked", "Current smokers", "In supported quit attempt", "Recent ex smokers", "Long term ex smokers"],
        ["weight"] = ["With obesity", "Without obesity"],
        ["cvd"] = ["Without CVD", "After MI", "After stroke", "With heart failure"],
    };

    private static readonly Dictionary<string, Lazy<RangeRuns>> Runs = Populations.Keys.ToDictionary(f => f, f => new Lazy<RangeRuns>(() => RunAll(f)));

    private static RangeRuns RunAll(string file)
    {
        var model = NhsModel.Read(file);
        var probes = Probes.LowestStocks(model).Concat(Probes.PopulationAccounts(model, Populations[file])).ToList();
        if (file == NhsModel.IllnessToPrevention)
            probes.AddRange(Chains.Select(c => Probes.ChainGap(model, c.Key, c.Value, "Adults")));
        return RangeRuns.Run(model, probes);
    }

    [TestCase(NhsModel.HospitalToCommunity)]
    [TestCase(NhsModel.IllnessToPrevention)]
    public void Run_EachInputAtEachEndOfItsRange_NoStockGoesNegative(string file)
    {
        var runs = Runs[file].Value;
        var stocks = NhsModel.Read(file).Variables.Where(v => v.Kind == VariableKind.Stock).Select(v => v.Name).ToList();
        Assert.That(runs.Cases, Has.Count.GreaterThan(100), "every input with a range, at both ends");
        Assert.Multiple(() =>
        {
            foreach (var c in runs.Cases)
                foreach (var stock in stocks)
                    Assert.That(runs.Final(c, Probes.LowestOf(stock)), Is.GreaterThanOrEqualTo(0), $"{c}: lowest {stock}");
        });
    }

    [TestCase(NhsModel.HospitalToCommunity)]
    [TestCase(NhsModel.IllnessToPrevention)]
    public void Run_EachInputAtEachEndOfItsRange_PopulationIsConserved(string file)
    {
        var runs = Runs[file].Value;
        Assert.Multiple(() =>
        {
            foreach (var c in runs.Cases)
            {
                double start = runs.Final(c, Probes.PopulationAtStart), end = runs.Final(c, Probes.PopulationAtEnd);
                double entered = runs.Final(c, Probes.Entered), died = runs.Final(c, Probes.Died);
                double agedIn = runs.Final(c, Probes.AgedIn), agedOut = runs.Final(c, Probes.AgedOut);
                Assert.That(agedIn, Is.EqualTo(agedOut).Within(Conserved * start), $"{c}: ageing moves people between bands without loss");
                Assert.That(end, Is.EqualTo(start + entered - died).Within(Conserved * start), $"{c}: population = start + entries - deaths");
                Assert.That(died, Is.GreaterThan(0.05 * start), $"{c}: the run covers years of deaths (the check is not vacuous)");
            }
        });
    }

    [Test]
    public void Run_EachInputAtEachEndOfItsRange_EveryChainPartitionsTheAdults()
    {
        var runs = Runs[NhsModel.IllnessToPrevention].Value;
        Assert.Multiple(() =>
        {
            foreach (var c in runs.Cases)
                foreach (var chain in Chains.Keys)
                    Assert.That(runs.Final(c, Probes.ChainGap(chain)), Is.LessThan(Conserved), $"{c}: the {chain} chain sums to the adults of every cell");
        });
    }
}
