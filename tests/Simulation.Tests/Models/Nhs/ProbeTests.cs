using static Simulation.Tests.Models.Nhs.NhsModel;

namespace Simulation.Tests.Models.Nhs;

/// <summary>The probes the NHS model tests rely on, on small models whose answers are known by hand.</summary>
public class ProbeTests
{
    private const string Ageing = """
        { "name": "two bands", "time": { "start": 0, "stop": 10, "dt": 1 },
          "dimensions": [ { "name": "Band", "elements": ["young", "old"] } ],
          "variables": [
            { "name": "P", "kind": "stock", "dimensions": ["Band"], "initial": 100, "inflows": ["Born", "In"], "outflows": ["Out", "Died"] },
            { "name": "Born", "kind": "flow", "dimensions": ["Band"], "equation": 0, "elements": { "young": 10 } },
            { "name": "Out", "kind": "flow", "dimensions": ["Band"], "equation": 0, "elements": { "young": "P * 0.1" } },
            { "name": "In", "kind": "flow", "dimensions": ["Band"], "equation": "LEAK * Out[Band.prev]" },
            { "name": "Died", "kind": "flow", "dimensions": ["Band"], "equation": "P * 0.05" },
            { "name": "Swing", "kind": "stock", "initial": 3, "inflows": ["Push"] },
            { "name": "Push", "kind": "flow", "equation": "IF TIME < 5 THEN -1 ELSE 1" }
          ] }
        """;

    private static RangeRuns Run(double leak)
    {
        var model = TestModels.Read(Ageing.Replace("LEAK", leak.ToString(System.Globalization.CultureInfo.InvariantCulture)), new())!;
        var probes = Probes.LowestStocks(model).Concat(Probes.PopulationAccounts(model, new("P", ["Born"], "Died", "In", "Out"))).ToList();
        return RangeRuns.Run(model, probes);
    }

    [Test]
    public void LowestStocks_StockDipsBelowZeroAndRecovers_ReportsTheLowestValue()
    {
        var runs = Run(1);
        // Swing: 3, 2, 1, 0, -1, -2 (t = 5), then rises again to 3 at t = 10.
        Assert.That(runs.Final(runs.Cases[0], Probes.LowestOf("Swing")), Is.EqualTo(-2));
        Assert.That(runs.Final(runs.Cases[0], Probes.LowestOf("P")), Is.GreaterThan(0));
    }

    [Test]
    public void PopulationAccounts_ClosedChain_AccountsForEveryChange()
    {
        var runs = Run(1);
        double entered = runs.Final(runs.Cases[0], Probes.Entered);
        double start = runs.Final(runs.Cases[0], Probes.PopulationAtStart), end = runs.Final(runs.Cases[0], Probes.PopulationAtEnd);
        Assert.That(entered, Is.EqualTo(100), "10 born a step for 10 steps");
        Assert.That(start, Is.EqualTo(200));
        Assert.That(end, Is.EqualTo(start + entered - runs.Final(runs.Cases[0], Probes.Died)).Within(1e-12 * start));
        Assert.That(runs.Final(runs.Cases[0], Probes.AgedIn), Is.EqualTo(runs.Final(runs.Cases[0], Probes.AgedOut)).Within(1e-12 * start));
    }

    [Test]
    public void PopulationAccounts_LeakyAgeing_AgedInFallsShortOfAgedOut()
    {
        var runs = Run(0.9);
        double agedIn = runs.Final(runs.Cases[0], Probes.AgedIn), agedOut = runs.Final(runs.Cases[0], Probes.AgedOut);
        Assert.That(agedIn, Is.EqualTo(0.9 * agedOut).Within(1e-12 * agedOut));
    }

    [Test]
    public void ChainGap_ChainThatDriftsFromThePopulation_ReportsTheLargestRelativeGap()
    {
        var model = TestModels.Read(TestModels.Model("""
            { "name": "Pop", "kind": "stock", "dimensions": ["Cell"], "initial": 10 },
            { "name": "A", "kind": "stock", "dimensions": ["Cell"], "initial": 4 },
            { "name": "B", "kind": "stock", "dimensions": ["Cell"], "initial": 6, "inflows": ["Drift"] },
            { "name": "Drift", "kind": "flow", "dimensions": ["Cell"], "equation": 0, "elements": { "c2": "IF TIME < 2 THEN 1 ELSE 0" } }
            """, "\"start\": 0, \"stop\": 5, \"dt\": 1", """[ { "name": "Cell", "elements": ["c1", "c2"] } ]"""), new())!;
        var runs = RangeRuns.Run(model, [Probes.ChainGap(model, "ab", ["A", "B"], "Pop")]);
        Assert.That(runs.Final(runs.Cases[0], Probes.ChainGap("ab")), Is.EqualTo(0.2), "c2 drifts by 2 of 10");
    }

}
