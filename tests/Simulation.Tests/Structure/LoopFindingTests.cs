using Newtonsoft.Json.Linq;
using Simulation.Engine.Structure.Dominance;

namespace Simulation.Tests.Structure;

/// <summary>
/// Loop scores through values fixed at the start (INIT) and through equations with memory; and the strongest-path
/// search that finds the loops that matter when a model has too many to list, checked against listing them all.
/// </summary>
public class LoopFindingTests
{
    /// <summary>
    /// Logistic growth with births scaled by INIT(Room), a number fixed for the run: scaling every link into Births by a
    /// constant leaves the relative scores those of plain logistic growth, 1 - P/K and -P/K (P at the step's start).
    /// Scores through an equation with INIT were unknown (NaN) at every step before INIT was read as the value it holds.
    /// </summary>
    [Test]
    public void Init_IsAValueFixedForTheRun_AndLeavesTheLogisticScores()
    {
        string json = TestModels.Model("""
            { "name": "Population", "kind": "stock", "initial": 10, "inflows": ["Births"] },
            { "name": "Births", "kind": "flow", "equation": "Growth Rate * Population * Room / INIT(Room)" },
            { "name": "Room", "kind": "auxiliary", "equation": "1 - Population / Capacity" },
            { "name": "Growth Rate", "kind": "auxiliary", "equation": 0.5 },
            { "name": "Capacity", "kind": "auxiliary", "equation": 1000 }
            """, "\"start\": 0, \"stop\": 20, \"dt\": 0.125, \"savePeriod\": 0.125");
        var r = LoopDominance.Analyse(TestModels.Compile(json));
        var population = TestModels.Run(json).Series("Population");
        Assert.That(r.Loops.Select(l => l.Polarity), Is.EquivalentTo(new[] { "reinforcing", "balancing" }));
        int growth = r.Loops.ToList().FindIndex(l => l.Variables.Length == 2), crowding = 1 - growth;
        for (int k = 0; k < r.Times.Length; k++)
        {
            Assert.That(r.Relative[k][growth], Is.EqualTo(1 - population[k] / 1000).Within(1e-9), $"t = {r.Times[k]}");
            Assert.That(r.Relative[k][crowding], Is.EqualTo(-population[k] / 1000).Within(1e-9), $"t = {r.Times[k]}");
        }
    }

    private static string Remembering(string flow) => TestModels.Model($$"""
        { "name": "Stock", "kind": "stock", "initial": 100, "outflows": ["Drain"] },
        { "name": "Drain", "kind": "flow", "equation": "{{flow}}" },
        { "name": "Half", "kind": "auxiliary", "equation": "Stock / 2" }
        """, "\"start\": 0, \"stop\": 4, \"dt\": 1");

    /// <summary>
    /// PREVIOUS holds last step's value, which moves with the run: with one input changing, that input takes the whole
    /// change (a balancing loop); with two, what each alone would have done cannot be told, and the loops say "unknown"
    /// in every output rather than a number (or NaN, which is not JSON).
    /// </summary>
    [Test]
    public void Memory_OneChangingInputTakesTheChange_SeveralAreUnknown()
    {
        var one = LoopDominance.Analyse(TestModels.Compile(Remembering("PREVIOUS(Stock, 100) / 10 + Stock / 10")));
        Assert.That(one.Loops.Single().Polarity, Is.EqualTo("balancing"));
        Assert.That(one.Scores.Select(s => s[0]), Has.All.EqualTo(-1.0).Within(1e-12), "one loop, its link takes the whole change: -1");

        var several = LoopDominance.Analyse(TestModels.Compile(Remembering("PREVIOUS(Stock, 100) / 10 + Stock / 10 + Half / 10")));
        Assert.That(several.Loops.Select(l => l.Polarity), Is.EqualTo(new[] { "unknown", "unknown" }));
        Assert.That(several.Relative.SelectMany(s => s), Has.All.NaN);
        Assert.That(several.Periods.Select(p => p.Loop), Has.All.EqualTo(-1), "no loop dominates when none is known");
        Assert.That(DominanceWriter.Text(several, "days"), Does.Contain("   unknown   unknown  none"));
        var json = JObject.Parse(DominanceWriter.Json(several));
        Assert.That(json["loops"]![0]!["relative"]!.Select(v => v.Type), Has.All.EqualTo(JTokenType.Null));
    }

    /// <summary>
    /// SIR with the cap below its three loops: the strongest-path search finds, at the times it looks, the strongest loop
    /// through each stock. Through Susceptible there is one; through Infected, infection wins early and recovery late, so
    /// all three are found, and each scores exactly as when every loop is listed.
    /// </summary>
    [Test]
    public void StrongestPaths_FindSirsThreeLoops_ScoredAsWhenAllAreListed()
    {
        var plan = TestModels.Compile(File.ReadAllText(TestModels.PathOf("models", "sir.json")));
        var all = LoopDominance.Analyse(plan);
        var found = LoopDominance.Analyse(plan, cap: 2);
        Assert.That((all.Capped, found.Capped, found.Finding.Strongest, found.Finding.SearchTimes), Is.EqualTo((false, true, true, 200)));
        Assert.That(found.Loops.Select(l => string.Join(">", l.Elements)), Is.EquivalentTo(all.Loops.Select(l => string.Join(">", l.Elements))));
        for (int f = 0; f < found.Loops.Length; f++)
        {
            int a = all.Loops.ToList().FindIndex(l => l.Elements.SequenceEqual(found.Loops[f].Elements));
            Assert.That(found.Loops[f].Polarity, Is.EqualTo(all.Loops[a].Polarity));
            Assert.That(found.Relative.Select(s => s[f]), Is.EqualTo(all.Relative.Select(s => s[a])).Within(1e-12));
        }
        Assert.That(DominanceWriter.Text(found, "days"), Does.Contain("the model has more than 2 feedback loops through its elements: these 3 are those the strongest-path search"));
    }

    /// <summary>
    /// Two loops through one stock, one twice as strong as the other at every step: a decay through Fast (rate 0.2) and
    /// one through Slow (0.1). The search, told to keep one loop, keeps the strong one; every link scores 1 in size
    /// except the flows into the stock, whose shares (2/3 and 1/3) make the loops' scores.
    /// </summary>
    [Test]
    public void StrongestPaths_KeepTheLoopThatMatters()
    {
        var plan = TestModels.Compile(TestModels.Model("""
            { "name": "Stock", "kind": "stock", "initial": 100, "outflows": ["Fast", "Slow"] },
            { "name": "Fast", "kind": "flow", "equation": "Stock * 0.2" },
            { "name": "Slow", "kind": "flow", "equation": "Stock * 0.1" }
            """, "\"start\": 0, \"stop\": 10, \"dt\": 1"));
        var all = LoopDominance.Analyse(plan);
        Assert.That(all.Scores.Select(s => s.Order().ToArray()), Has.All.EqualTo(new[] { -2.0 / 3, -1.0 / 3 }).Within(1e-12));
        var strongest = LoopDominance.Analyse(plan, cap: 1, top: 1);
        Assert.That(strongest.Loops.Single().Variables, Is.EqualTo(new[] { "Stock", "Fast" }));
        Assert.That(strongest.Scores.Select(s => s[0]), Has.All.EqualTo(-2.0 / 3).Within(1e-12), "its score does not depend on which loops are scored");
        Assert.That(strongest.Relative.Select(s => s[0]), Has.All.EqualTo(-1.0).Within(1e-12), "relative among the loops scored");
    }

    /// <summary>
    /// Only the loops through Recovery: SIR has one (Infected -> Recovery), whether every loop is listed and filtered or
    /// the strongest-path search looks from Recovery alone; either way it scores as it does among all three loops.
    /// </summary>
    [TestCase(10_000)]
    [TestCase(2)]
    public void Through_KeepsOnlyTheLoopsThroughAnElement(int cap)
    {
        var plan = TestModels.Compile(File.ReadAllText(TestModels.PathOf("models", "sir.json")));
        var all = LoopDominance.Analyse(plan);
        int recovery = plan.Model.Elements.Single(e => e.DisplayName == "Recovery").Id;
        var through = LoopDominance.Analyse(plan, cap, through: new HashSet<int> { recovery });
        Assert.That(through.Loops.Single().Variables, Is.EqualTo(new[] { "Infected", "Recovery" }));
        Assert.That(through.Finding.Strongest, Is.EqualTo(cap == 2));
        int same = all.Loops.ToList().FindIndex(l => l.Elements.SequenceEqual(through.Loops[0].Elements));
        Assert.That(through.Scores.Select(s => s[0]), Is.EqualTo(all.Scores.Select(s => s[same])).Within(1e-12));
    }
}
