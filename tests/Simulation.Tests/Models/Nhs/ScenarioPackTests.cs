using Newtonsoft.Json.Linq;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Scenarios;

namespace Simulation.Tests.Models.Nhs;

/// <summary>
/// The bundled scenario packs: every scenario moves its KPIs the way the evidence says (at the models' own values), by the
/// amount the literature gives where it gives one; no stock goes negative in any scenario, at the models' values or across
/// sampled futures; each pack's uncertainty covers every input whose source is an assumption, centred on the model's value,
/// so the sampled baseline's median stays near the model's own run.
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
                Assert.That(runs.Summary.HistoryMatch?.Futures ?? runs.Summary.Rows.Max(r => r.Runs), Is.EqualTo(runs == Sampled[pack].Value ? SampledFutures : 1));
                foreach (var stock in runs.Stocks)
                    Assert.That(runs.Smallest(PackRuns.LowestOutcome(stock)), Is.GreaterThanOrEqualTo(0), $"{pack}: lowest {stock} in any scenario");
            }
        });
    }

    [TestCase(PackExpectations.HospitalPack)]
    [TestCase(PackExpectations.WwlPack)]
    [TestCase(PackExpectations.PreventionPack)]
    public void Pack_SamplesEveryAssumptionCentredOnTheModelsValue(string pack)
    {
        var json = JObject.Parse(File.ReadAllText(TestModels.PathOf("scenarios", pack)));
        var model = NhsModel.Read(Path.GetFileName((string)json["model"]!));
        var inputs = (JArray)json["uncertainty"]!["inputs"]!;
        Assert.That(inputs.All(i => (string?)i["distribution"] == "splitTriangular" && i.Count() == 2), Is.True,
            "each assumption is drawn from a split triangular over the range the model gives it, with the model's value as its median");
        var set = json["scenarios"]!.SelectMany(sc => (sc["set"] as JObject)?.Properties().Select(p => p.Name) ?? []).ToHashSet();
        var assumptions = model.Variables
            .Where(v => v.Input is { } info && (info.Source ?? "").Contains("ASSUMPTION", StringComparison.OrdinalIgnoreCase))
            .Where(v => v.Kind != VariableKind.Graphical && v.Graph is null && !HasEmptyRange(v.Input!) && !set.Contains(v.Name))
            .Select(v => v.Name).ToList();
        Assert.That(inputs.Select(i => (string)i["input"]!), Is.EquivalentTo(assumptions), "the pack samples exactly the model's assumptions (less those its scenarios set)");

        var diagnostics = new DiagnosticBag();
        var compiled = ExperimentCompiler.CompileFile(TestModels.PathOf("scenarios", pack), diagnostics)
                       ?? throw new AssertionException(DiagnosticRenderer.ToText(diagnostics.Items));
        var scenario = compiled.Scenarios[compiled.Baseline];
        var (sample, atMedian) = (new double[compiled.Uncertainty.Design.Columns], new double[scenario.Plan.Parameters.Length]);
        for (int c = 0; c < sample.Length; c++)
            sample[c] = compiled.Uncertainty.Columns[c].MovesAcrossElements ? 0.5 : compiled.Uncertainty.Columns[c].Distribution!.Quantile(0.5);
        scenario.FillParameters(sample, atMedian);
        var defaults = scenario.Plan.ParameterDefaults;
        Assert.That(atMedian.Select((v, k) => Math.Abs(v - defaults[k]) / Math.Max(1e-12, Math.Abs(defaults[k]))).Max(), Is.LessThan(1e-12),
            "every sampled element's median is its value in the model");
    }

    public static IEnumerable<TestCaseData> Magnitudes() => PackMagnitudes.All().Select(m => m.Case());

    [TestCaseSource(nameof(Magnitudes))]
    public void Scenario_AtTheModelsValues_MagnitudeIsWithinTheLiteratureBand(PackMagnitude expected)
    {
        double value = expected.Measure(new PackRunsView(AtModelValues[expected.Pack].Value));
        TestContext.Out.WriteLine($"{expected.Name} = {value:G6}");
        Assert.That(value, Is.InRange(expected.Low, expected.High), expected.ToString());
    }

    private const int CentredFutures = 40;

    [TestCase(PackExpectations.HospitalPack)]
    [TestCase(PackExpectations.PreventionPack)]
    public void Baseline_SampledMedian_StaysWithinTenPercentOfTheModelsValues_ForNineInTenOutcomes(string pack)
    {
        var sampled = PackRuns.Sweep(pack, CentredFutures, baselineOnly: true);
        var atValues = AtModelValues[pack].Value;
        var baseline = sampled.Summary.Baseline;
        var compared = sampled.Summary.Rows
            .Where(r => r.Scenario == baseline && !r.Outcome.StartsWith("lowest ", StringComparison.Ordinal) && r.Value.Count > 0)
            .Select(r => (r.Outcome, r.Element, Median: r.Value.P50, Model: atValues.Row(baseline, r.Outcome, r.Element).Value.Mean))
            .Where(x => x.Model != 0 || x.Median != 0)
            .Select(x => (x.Outcome, x.Element, x.Median, x.Model, Gap: Math.Abs(x.Median - x.Model) / Math.Max(Math.Abs(x.Model), 1e-12)))
            .ToList();
        var far = compared.Where(x => x.Gap > 0.10).ToList();
        foreach (var x in far) TestContext.Out.WriteLine($"{x.Outcome}[{x.Element}]: P50 {x.Median:G5}, model {x.Model:G5} ({x.Gap:P0})");
        Assert.That(compared, Has.Count.GreaterThan(20));
        Assert.That(far.Count, Is.LessThanOrEqualTo(compared.Count / 10),
            "the baseline's P50 stays within 10% of the run at the model's values for at least 90% of outcomes (docs/models explain the rest)");
    }

    /// <summary>An input without a range, or whose every element has low = high (a definition such as the readmission window), cannot vary.</summary>
    private static bool HasEmptyRange(InputInfo info) =>
        info.ElementLow is { } lows && info.ElementHigh is { } highs
            ? lows.Zip(highs).All(p => p.First == p.Second)
            : info.RangeOf(0) is not { } r || r.Low == r.High;
}
