using Newtonsoft.Json.Linq;
using Simulation.Engine.Structure.Dominance;

namespace Simulation.Tests.Structure;

/// <summary>
/// Loop dominance (Loops that Matter) against results known independently: a one-loop model scores -1 throughout;
/// in logistic growth and Bass diffusion the relative scores are functions of the state that the link-score
/// definitions give in closed form, and the reinforcing and balancing loops are equal exactly at the analytic
/// inflection point; in SIR the infection loop dominates until the analytic peak of infections (S = N / R0).
/// </summary>
public class LoopDominanceTests
{
    private static LoopDominanceResult Analyse(string json) => LoopDominance.Analyse(TestModels.Compile(json));

    private static LoopDominanceResult AnalyseFile(string model) => LoopDominance.Analyse(TestModels.Compile(File.ReadAllText(TestModels.PathOf("models", model))));

    /// <summary>The index of the loop through exactly these variables.</summary>
    private static int LoopThrough(LoopDominanceResult r, params string[] variables)
    {
        int found = r.Loops.ToList().FindIndex(l => l.Variables.Order().SequenceEqual(variables.Order()));
        Assert.That(found, Is.GreaterThanOrEqualTo(0), $"a loop through {string.Join(", ", variables)}; loops: " +
            string.Join("; ", r.Loops.Select(l => string.Join(" -> ", l.Variables))));
        return found;
    }

    private static double[] Series(LoopDominanceResult r, int loop) => r.Relative.Select(s => s[loop]).ToArray();

    [Test]
    public void Teacup_OneBalancingLoop_ScoresMinusOneThroughout()
    {
        var r = AnalyseFile("teacup.json");
        Assert.That(r.Loops, Has.Length.EqualTo(1));
        Assert.That(r.Loops[0].Polarity, Is.EqualTo("balancing"));
        Assert.That(r.Scores.Select(s => s[0]), Has.All.EqualTo(-1.0).Within(1e-9), "the loop's own score, not only the relative one");
        Assert.That(Series(r, 0), Has.All.EqualTo(-1.0).Within(1e-12));
        Assert.That(r.Periods, Has.Length.EqualTo(1));
        Assert.That((r.Periods[0].From, r.Periods[0].To, r.Periods[0].Loop), Is.EqualTo((0.0, 30.0, 0)));
    }

    private static string Logistic(double dt) => TestModels.Model("""
        { "name": "Population", "kind": "stock", "initial": 1, "inflows": ["Births"] },
        { "name": "Births", "kind": "flow", "equation": "Growth Rate * Population * Room" },
        { "name": "Room", "kind": "auxiliary", "equation": "1 - Population / Capacity" },
        { "name": "Growth Rate", "kind": "auxiliary", "equation": 0.5 },
        { "name": "Capacity", "kind": "auxiliary", "equation": 1000 }
        """, $"\"start\": 0, \"stop\": 30, \"dt\": {dt}, \"savePeriod\": {dt}");

    /// <summary>
    /// Births = r P (1 - P/K): holding the other input, P's change alone moves births by r (1 - P/K) ΔP and Room's by
    /// -r P ΔP / K, so the reinforcing loop's relative score is 1 - P/K (P at the step's start) and the balancing
    /// loop's -P/K; they are equal at P = K/2, the inflection, reached at t* = ln((K - P0) / P0) / r.
    /// </summary>
    [TestCase(1.0 / 16, 0.3)]
    [TestCase(1.0 / 64, 0.08)]
    public void Logistic_RelativeScoresAreOneMinusPOverK_AndCrossAtTheInflection(double dt, double tolerance)
    {
        var r = Analyse(Logistic(dt));
        var run = TestModels.Run(Logistic(dt));
        int growth = LoopThrough(r, "Population", "Births"), crowding = LoopThrough(r, "Population", "Births", "Room");
        Assert.That((r.Loops[growth].Polarity, r.Loops[crowding].Polarity), Is.EqualTo(("reinforcing", "balancing")));
        var population = run.Series("Population");
        for (int k = 0; k < r.Times.Length; k++)
        {
            double before = population[k]; // the step ending at Times[k] starts at saved row k (save period = dt)
            Assert.That(r.Relative[k][growth], Is.EqualTo(1 - before / 1000).Within(1e-9), $"t = {r.Times[k]}");
            Assert.That(r.Relative[k][crowding], Is.EqualTo(-before / 1000).Within(1e-9), $"t = {r.Times[k]}");
        }
        double analytic = Math.Log(999) / 0.5;
        var handover = r.Periods.Single(p => p.Loop == crowding);
        Assert.That(r.Periods.First().Loop, Is.EqualTo(growth), "growth dominates first");
        Assert.That(handover.From, Is.EqualTo(analytic).Within(tolerance), "then crowding, from the inflection on");
        Assert.That(handover.To, Is.EqualTo(30));
    }

    private static string Bass(double dt) => TestModels.Model("""
        { "name": "Potential Adopters", "kind": "stock", "initial": "Market", "outflows": ["Adoption"] },
        { "name": "Adopters", "kind": "stock", "initial": 0, "inflows": ["Adoption"] },
        { "name": "Adoption", "kind": "flow", "equation": "From Advertising + From Word of Mouth" },
        { "name": "From Advertising", "kind": "auxiliary", "equation": "Innovation * Potential Adopters" },
        { "name": "From Word of Mouth", "kind": "auxiliary", "equation": "Imitation * Adopters * Potential Adopters / Market" },
        { "name": "Innovation", "kind": "auxiliary", "equation": 0.03 },
        { "name": "Imitation", "kind": "auxiliary", "equation": 0.38 },
        { "name": "Market", "kind": "auxiliary", "equation": 1000000 }
        """, $"\"start\": 0, \"stop\": 20, \"dt\": {dt}, \"savePeriod\": {dt}");

    /// <summary>
    /// Bass (1969): the word-of-mouth loop's relative score is q (1 - F) / (p + q) with F = A / N, so it equals the two
    /// balancing (saturation) loops together at F = (q - p) / 2q, the peak of adoptions, t* = ln(q/p) / (p + q).
    /// </summary>
    [Test]
    public void Bass_WordOfMouthEqualsSaturationAtThePeakOfAdoptions()
    {
        const double p = 0.03, q = 0.38, n = 1e6, dt = 1.0 / 64;
        var r = Analyse(Bass(dt));
        var adopters = TestModels.Run(Bass(dt)).Series("Adopters");
        int mouth = LoopThrough(r, "Adopters", "From Word of Mouth", "Adoption");
        int advertising = LoopThrough(r, "Potential Adopters", "From Advertising", "Adoption");
        int saturation = LoopThrough(r, "Potential Adopters", "From Word of Mouth", "Adoption");
        Assert.That((r.Loops[mouth].Polarity, r.Loops[advertising].Polarity, r.Loops[saturation].Polarity), Is.EqualTo(("reinforcing", "balancing", "balancing")));
        double crossing = double.NaN;
        for (int k = 0; k < r.Times.Length; k++)
        {
            double f = adopters[k] / n, expected = q * (1 - f) / (p + q);
            Assert.That(r.Relative[k][mouth], Is.EqualTo(expected).Within(1e-9), $"t = {r.Times[k]}");
            Assert.That(r.Relative[k][advertising] + r.Relative[k][saturation], Is.EqualTo(expected - 1).Within(1e-9));
            if (double.IsNaN(crossing) && r.Relative[k][mouth] < 0.5) crossing = r.Times[k];
        }
        Assert.That(crossing, Is.EqualTo(Math.Log(q / p) / (p + q)).Within(0.05), "the peak of adoptions, analytically");
    }

    /// <summary>
    /// SIR: the infection loop's score over the recovery loop's is R0 S / N (S at the step's start), so the infection loop
    /// outweighs recovery exactly until S falls to N / R0, the analytic peak of infections (day 57.25 of this run,
    /// R0 = 0.3 x 5 = 1.5), and the balancing loops outweigh it from then on.
    /// </summary>
    [Test]
    public void Sir_InfectionDominatesUntilThePeak_RecoveryAndDepletionAfter()
    {
        var sir = JObject.Parse(File.ReadAllText(TestModels.PathOf("models", "sir.json")));
        sir["time"]!["savePeriod"] = 0.125; // every step, so that each score's step start is a saved row
        var r = Analyse(sir.ToString());
        var run = TestModels.Run(sir.ToString());
        Assert.That(r.Loops, Has.Length.EqualTo(3));
        int infection = LoopThrough(r, "Infected", "Infection"), recovery = LoopThrough(r, "Infected", "Recovery");
        int depletion = LoopThrough(r, "Susceptible", "Infection");
        Assert.That((r.Loops[infection].Polarity, r.Loops[recovery].Polarity, r.Loops[depletion].Polarity), Is.EqualTo(("reinforcing", "balancing", "balancing")));
        var susceptible = run.Series("Susceptible");
        double threshold = 10000 / 1.5, peak = double.NaN;
        for (int k = 0; k < r.Times.Length; k++)
        {
            double before = susceptible[k], ratio = r.Scores[k][infection] / -r.Scores[k][recovery];
            Assert.That(ratio, Is.EqualTo(1.5 * before / 10000).Within(1e-9), $"t = {r.Times[k]}");
            if (double.IsNaN(peak) && before < threshold) peak = run.Times[k];
            if (!double.IsNaN(peak))
                Assert.That(-(r.Relative[k][recovery] + r.Relative[k][depletion]), Is.GreaterThan(r.Relative[k][infection]), $"after the peak, t = {r.Times[k]}");
        }
        var infected = run.Series("Infected");
        Assert.That(peak, Is.EqualTo(run.Times[Array.IndexOf(infected, infected.Max())]).Within(0.125), "S = N / R0 is where infections peak");
        Assert.That(peak, Is.EqualTo(57.25).Within(0.125));
        Assert.That(r.Periods[0].Loop, Is.EqualTo(infection), "infection dominates first");
        Assert.That(r.Periods[0].To, Is.GreaterThan(20));
        Assert.That(r.Periods[^1].Loop, Is.Not.EqualTo(infection), "and not at the end");
    }

    [Test]
    public void NoLoops_NoneDominates()
    {
        var r = Analyse(TestModels.Model("""
            { "name": "Tank", "kind": "stock", "initial": 0, "inflows": ["Fill"] },
            { "name": "Fill", "kind": "flow", "equation": "2 + TIME" }
            """));
        Assert.That(r.Loops, Is.Empty);
        Assert.That(r.Periods.Select(p => (p.From, p.To, p.Loop)), Is.EqualTo(new[] { (0.0, 10.0, -1) }));
        Assert.That(DominanceWriter.Text(r, "days"), Does.Contain("the model has no feedback loops"));
    }

    [Test]
    public void ARunThatOverflows_IsRefusedWithTheTime()
    {
        var json = TestModels.Model("""
            { "name": "Stock", "kind": "stock", "initial": 1e300, "inflows": ["Growth"] },
            { "name": "Growth", "kind": "flow", "equation": "Stock * 1e10" }
            """);
        var e = Assert.Throws<LoopDominanceException>(() => Analyse(json));
        Assert.That(e!.Message, Does.Contain("not a finite number at time"));
    }
}
