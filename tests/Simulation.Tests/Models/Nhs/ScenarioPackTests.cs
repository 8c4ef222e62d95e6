using Newtonsoft.Json.Linq;
using Simulation.Engine.Model;

namespace Simulation.Tests.Models.Nhs;

/// <summary>
/// The bundled scenario packs: every scenario moves its KPIs the way the evidence says (at the models' own values);
/// no stock goes negative in any scenario, at the models' values or across sampled futures; and each pack's
/// uncertainty covers every input whose source is an assumption, across its range.
/// </summary>
public class ScenarioPackTests
{
    private const int SampledFutures = 8;

    private static readonly string[] Packs = [PackExpectations.HospitalPack, PackExpectations.WwlPack, PackExpectations.PreventionPack];

    private static readonly Dictionary<string, Lazy<PackRuns>> AtModelValues = Packs.ToDictionary(p => p, p => new Lazy<PackRuns>(() => PackRuns.Sweep(p, 0)));

    private static readonly Dictionary<string, Lazy<PackRuns>> Sampled = Packs.ToDictionary(p => p, p => new Lazy<PackRuns>(() => PackRuns.Sweep(p, SampledFutures)));

    public static IEnumerable<TestCaseData> Expectations() =>
        PackExpectations.HospitalToCommunity().Concat(PackExpectations.IllnessToPrevention()).Select(e => e.Case());

    [TestCaseSource(nameof(Expectations))]
    public void Scenario_AtTheModelsValues_MovesTheOutcomeTheWayTheEvidenceSays(PackExpectation expected)
    {
        var row = AtModelValues[expected.Pack].Value.Row(expected.Scenario, expected.Outcome);
        double change = row.Comparison!.Difference.Mean;
        TestContext.Out.WriteLine($"{expected.Outcome}: baseline {row.Value.Mean - change:G6}, change {change:G6}");
        switch (expected.Direction)
        {
            case Direction.Down: Assert.That(change, Is.LessThan(0), expected.ToString()); break;
            case Direction.Up: Assert.That(change, Is.GreaterThan(0), expected.ToString()); break;
            default: Assert.That(change, Is.Zero, expected.ToString()); break;
        }
    }

    [TestCase(PackExpectations.HospitalPack)]
    [TestCase(PackExpectations.WwlPack)]
    [TestCase(PackExpectations.PreventionPack)]
    public void EveryScenario_AtTheModelsValuesAndAcrossSampledFutures_NoStockGoesNegative(string pack)
    {
        Assert.Multiple(() =>
        {
            foreach (var runs in new[] { AtModelValues[pack].Value, Sampled[pack].Value })
            {
                Assert.That(runs.Summary.Rows.Max(r => r.Runs), Is.EqualTo(runs == Sampled[pack].Value ? SampledFutures : 1));
                foreach (var stock in runs.Stocks)
                    Assert.That(runs.Smallest(PackRuns.LowestOutcome(stock)), Is.GreaterThanOrEqualTo(0), $"{pack}: lowest {stock} in any scenario");
            }
        });
    }

    [TestCase(PackExpectations.HospitalPack)]
    [TestCase(PackExpectations.PreventionPack)]
    public void Pack_SamplesEveryAssumptionAcrossItsRange(string pack)
    {
        var json = JObject.Parse(File.ReadAllText(TestModels.PathOf("scenarios", pack)));
        var model = NhsModel.Read(Path.GetFileName((string)json["model"]!));
        var sampled = json["uncertainty"]!["inputs"]!.Select(i => (string)i["input"]!).ToList();
        Assert.That(json["uncertainty"]!["inputs"]!.All(i => i["distribution"] is null && i["min"] is null && i["apply"] is null), Is.True,
            "each assumption is drawn uniformly across the range the model gives it");
        var assumptions = model.Variables
            .Where(v => v.Input is { } info && (info.Source ?? "").Contains("ASSUMPTION", StringComparison.OrdinalIgnoreCase))
            .Where(v => v.Kind != VariableKind.Graphical && v.Graph is null && !HasEmptyRange(v.Input!))
            .Select(v => v.Name).ToList();
        Assert.That(sampled, Is.EquivalentTo(assumptions));
    }

    /// <summary>An input without a range, or whose every element has low = high (a definition such as the readmission window), cannot vary.</summary>
    private static bool HasEmptyRange(InputInfo info) =>
        info.ElementLow is { } lows && info.ElementHigh is { } highs
            ? lows.Zip(highs).All(p => p.First == p.Second)
            : info.RangeOf(0) is not { } r || r.Low == r.High;
}
