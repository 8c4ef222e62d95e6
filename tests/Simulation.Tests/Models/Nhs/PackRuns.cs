using Newtonsoft.Json.Linq;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Scenarios;
using Simulation.Engine.Scenarios.Output;
using Simulation.Engine.Scenarios.Summary;
using Simulation.Tests.Scenarios;

namespace Simulation.Tests.Models.Nhs;

/// <summary>
/// A bundled scenario pack swept in a temporary folder with two changes that only observe: its model gains the
/// probes <see cref="Probes.LowestStocks"/> (the lowest value every stock took) and the pack gains an outcome
/// per probe; and the number of sampled futures is chosen by the test (none: every scenario once at the model's
/// values). The summary holds every scenario's outcomes and paired differences.
/// </summary>
internal sealed class PackRuns
{
    private readonly Dictionary<(string Scenario, string Outcome, string Element), SummaryRow> _rows;

    private readonly Dictionary<string, double> _smallest;

    private PackRuns(SweepSummary summary, IReadOnlyList<string> stocks, Dictionary<string, double> smallest)
    {
        Summary = summary;
        Stocks = stocks;
        _rows = summary.Rows.ToDictionary(r => (r.Scenario, r.Outcome, r.Element));
        _smallest = smallest;
    }

    /// <summary>The smallest value an outcome took in any run of any scenario (NaN when a run had none).</summary>
    public double Smallest(string outcome) => _smallest[outcome];

    public SweepSummary Summary { get; }

    public IReadOnlyList<string> Stocks { get; }

    public IEnumerable<string> Scenarios => Summary.Rows.Select(r => r.Scenario).Distinct();

    public SummaryRow Row(string scenario, string outcome, string element = "") =>
        _rows.TryGetValue((scenario, outcome, element), out var row) ? row
            : throw new AssertionException($"the pack has no outcome '{outcome}'{(element.Length > 0 ? $"[{element}]" : "")} in scenario '{scenario}'");

    public static string LowestOutcome(string stock) => "lowest " + stock;

    /// <summary>
    /// Sweeps <c>scenarios/<paramref name="pack"/></c> with <paramref name="samples"/> sampled futures (0: none, and no history
    /// matching: one run at the model's values), every scenario or the baseline alone.
    /// </summary>
    public static PackRuns Sweep(string pack, int samples, bool baselineOnly = false)
    {
        string packPath = TestModels.PathOf("scenarios", pack);
        var json = JObject.Parse(File.ReadAllText(packPath));
        string modelPath = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(packPath)!, (string)json["model"]!));
        var diagnostics = new DiagnosticBag();
        var model = ModelJsonReader.ReadFile(modelPath, diagnostics) ?? throw new AssertionException(DiagnosticRenderer.ToText(diagnostics.Items));
        var stocks = model.Variables.Where(v => v.Kind == VariableKind.Stock).Select(v => v.Name).ToList();

        string folder = Path.Combine(Path.GetTempPath(), "sim-pack-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string probed = Path.Combine(folder, "model.json");
            File.WriteAllText(probed, ModelJsonWriter.ToJson(model.With(Probes.LowestStocks(model)), "model-v1.schema.json"));
            json["model"] = probed;
            if (samples == 0)
            {
                json.Remove("uncertainty");
                json.Remove("plausibility");
            }
            else json["uncertainty"]!["samples"] = samples;
            if (baselineOnly)
            {
                var baseline = (string)json["baseline"]!;
                json["scenarios"] = new JArray(json["scenarios"]!.Where(s => (string)s["name"]! == baseline));
            }
            var outcomes = (JArray)json["outcomes"]!;
            foreach (var stock in stocks)
                outcomes.Add(new JObject { ["name"] = LowestOutcome(stock), ["value"] = NhsModel.Quoted(Probes.LowestOf(stock)) });
            string experimentPath = Path.Combine(folder, pack);
            File.WriteAllText(experimentPath, json.ToString());

            var compiled = ExperimentCompiler.CompileFile(experimentPath, diagnostics);
            if (compiled is null) throw new AssertionException(DiagnosticRenderer.ToText(diagnostics.Items));
            string output = Path.Combine(folder, "sweep");
            SweepTestRuns.Sweep(compiled, output);
            var smallest = SweepTestRuns.ReadTable(Path.Combine(output, SweepOutputs.Outcomes + ".parquet"))
                .GroupBy(r => (string)r["outcome"]!)
                .ToDictionary(g => g.Key, g => g.Min(r => (double?)r["value"] ?? double.NaN)); // a missing value (NaN) is the minimum
            return new PackRuns(SweepSummary.FromJson(File.ReadAllText(Path.Combine(output, SweepOutputs.SummaryJson))), stocks, smallest);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
