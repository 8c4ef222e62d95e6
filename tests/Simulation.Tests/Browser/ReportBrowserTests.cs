using System.Globalization;
using System.Text.Json;
using Newtonsoft.Json.Linq;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Scenarios;
using Simulation.Engine.Scenarios.Summary;
using Simulation.Reporting;
using Simulation.Reporting.Report;
using Simulation.Reporting.Text;
using Simulation.Tests.Scenarios;

namespace Simulation.Tests.Browser;

/// <summary>
/// The HTML report of each NHS scenario pack (fewer futures, and the hospital pack with a series so its fan charts
/// draw), opened in headless Chromium: every chart draws, nothing is requested from outside, nothing is logged as an
/// error, and every number in its tables is summary.json's.
/// </summary>
[TestFixture, Category("Browser")]
public class ReportBrowserTests
{
    [TestCase("hospital-to-community.json", 12, "Emergency admissions per day")]
    [TestCase("illness-to-prevention.json", 12, null)]
    public async Task PackReport_DrawsEveryChart_OfflineWithoutErrors_AndItsTablesAreTheSummary(string pack, int samples, string? series)
    {
        string folder = Path.Combine(Path.GetTempPath(), "sim-report-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string sweep = SweepPack(pack, samples, series, folder);
            var sweepFolder = SweepFolder.Open(sweep);
            string html = HtmlReport.Render(sweepFolder);
            string page = Path.Combine(folder, "report.html");
            await File.WriteAllTextAsync(page, html);
            Assert.That(new FileInfo(page).Length, Is.LessThan(5 << 20), "the report stays under 5 MB");

            await using var browser = await HeadlessChromium.StartAsync();
            var watched = await browser.OpenAsync(new Uri(page).AbsoluteUri);
            await watched.Page.WaitForSelectorAsync("body[data-charts]");
            int charts = await watched.Page.Locator("div.chart").CountAsync();
            Assert.That(charts, Is.GreaterThan(series is null ? 10 : 20));
            Assert.That(await watched.Page.GetAttributeAsync("body", "data-charts"), Is.EqualTo(charts.ToString(CultureInfo.InvariantCulture)));
            var drawn = await watched.Page.EvaluateAsync<int[]>("[...document.querySelectorAll('div.chart')].map(d => d.querySelectorAll('svg path').length)");
            Assert.That(drawn, Is.All.GreaterThan(5), "every chart drew its axes and data as SVG");
            if (series is not null)
            {
                Assert.That(await watched.Page.Locator("#over-time div.chart").CountAsync(), Is.EqualTo(sweepFolder.Summary.Scenarios.Count() - 1), "a fan chart per scenario");
                await CalibrationPageBrowserTests.AssertBandsOverTheirTimes(watched, "#over-time div.chart");
            }
            watched.AssertClean();

            CheckDifferenceBoxes(sweepFolder.Summary, await watched.Page.EvaluateAsync<JsonElement>(
                "charts.filter(c => c.id.startsWith('difference')).map(c => ({ title: c.option.title.text, boxes: c.option.series[0].data, means: c.option.series[1].data }))"));
            CheckTables(sweepFolder.Summary, await watched.Page.EvaluateAsync<JsonElement>(
                "[...document.querySelectorAll('td[data-stat], td[data-ranking]')].map(td => Object.assign({ text: td.innerText }, td.dataset))"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The difference charts draw the summary's P5, P25, median, P75, P95 and mean of every headline outcome (to six digits).</summary>
    private static void CheckDifferenceBoxes(SweepSummary summary, JsonElement charts)
    {
        var headline = summary.Rows.Where(r => summary.Headline.Contains(r.Outcome) && r.Comparison is not null && r.Scenario != summary.Baseline).ToList();
        Assert.That(charts.GetArrayLength(), Is.EqualTo(headline.Select(r => r.Name).Distinct().Count()), "a chart per headline outcome");
        static void Near(double drawn, double stated, string what) => Assert.That(drawn, Is.EqualTo(stated).Within(Math.Abs(stated) * 1e-5 + 1e-12), what);
        foreach (var chart in charts.EnumerateArray())
        {
            string outcome = chart.GetProperty("title").GetString()!;
            var boxes = chart.GetProperty("boxes").EnumerateArray().ToList();
            var means = chart.GetProperty("means").EnumerateArray().ToList();
            Assert.That(boxes.Select(b => b.GetProperty("name").GetString()), Is.EqualTo(headline.Where(r => r.Name == outcome).Select(r => r.Scenario)));
            for (int i = 0; i < boxes.Count; i++)
            {
                var d = headline.Single(r => r.Name == outcome && r.Scenario == boxes[i].GetProperty("name").GetString()).Comparison!.Difference;
                var drawn = boxes[i].GetProperty("value").EnumerateArray().Select(v => v.GetDouble()).ToArray();
                double[] stated = [d.P5, d.P25, d.P50, d.P75, d.P95];
                for (int k = 0; k < 5; k++) Near(drawn[k], stated[k], $"{outcome}: box value {k}");
                Near(means[i].GetProperty("value")[0].GetDouble(), d.Mean, $"{outcome}: mean");
            }
        }
    }

    /// <summary>Every table cell that states a number carries the summary's raw value, and shows it as the text views do.</summary>
    private static void CheckTables(SweepSummary summary, JsonElement cells)
    {
        var rows = summary.Rows.ToDictionary(r => (r.Scenario, r.Outcome, r.Element));
        int checkedCells = 0, ranked = 0;
        foreach (var cell in cells.EnumerateArray())
        {
            string Get(string key) => cell.TryGetProperty(key, out var v) ? v.GetString() ?? "" : "";
            double Num(string key) => Get(key) is { Length: > 0 } s ? double.Parse(s, CultureInfo.InvariantCulture) : double.NaN;
            if (Get("ranking") is { Length: > 0 } threshold)
            {
                var entry = summary.CostEffectiveness!.Rankings.Single(r => r.Threshold == double.Parse(threshold, CultureInfo.InvariantCulture))
                    .Scenarios.Single(e => e.Scenario == Get("scenario"));
                if (Get("mean").Length > 0) Assert.That(Num("mean"), Is.EqualTo(entry.MeanNetBenefit));
                else Assert.That(Num("pbest"), Is.EqualTo(entry.PBest));
                ranked++;
                continue;
            }
            var row = rows[(Get("scenario"), Get("outcome"), Get("element"))];
            string text = Get("text").Replace("\n", " ");
            switch (Get("stat"))
            {
                case "value":
                    Assert.That((Num("mean"), Num("p5"), Num("p95")), Is.EqualTo((row.Value.Mean, row.Value.P5, row.Value.P95)), row.Name);
                    Assert.That(text, row.Scenario == summary.Baseline ? Is.EqualTo(Numbers.Band(row.Value, signed: false)) : Is.EqualTo(Cells.Comparison(row)),
                        "the baseline's value, or a scenario's own value where it has no comparison (a payback year)");
                    break;
                case "comparison":
                    var d = row.Comparison!.Difference;
                    Assert.That((Num("mean"), Num("p5"), Num("p95")), Is.EqualTo((d.Mean, d.P5, d.P95)), $"{row.Scenario}: {row.Name}");
                    Assert.That(Num("pbetter"), row.PBetter is double p ? Is.EqualTo(p) : Is.NaN);
                    Assert.That(text, Does.StartWith(Cells.Comparison(row)).And.EndWith(Cells.Probability(row)));
                    break;
                case "ratio":
                    Assert.That(Num("ratio"), row.Ratio!.Value is var q && double.IsFinite(q) ? Is.EqualTo(q) : Is.NaN);
                    Assert.That(Get("meaningful"), Is.EqualTo(row.Ratio.Meaningful ? "true" : "false"));
                    Assert.That(text, Is.EqualTo(Cells.Ratio(row)));
                    break;
                default:
                    Assert.Fail($"a cell with an unknown statistic '{Get("stat")}'");
                    break;
            }
            checkedCells++;
        }
        Assert.That(checkedCells, Is.GreaterThan(summary.Rows.Count / 2), "the tables show the summary's rows");
        Assert.That(ranked, Is.EqualTo(summary.CostEffectiveness is { } ce ? ce.Rankings.Count * ce.Rankings[0].Scenarios.Count * 2 : 0));
    }

    /// <summary>Sweeps a bundled pack with <paramref name="samples"/> futures (and a series, when given) into a folder under <paramref name="root"/>.</summary>
    internal static string SweepPack(string pack, int samples, string? series, string root)
    {
        string packPath = TestModels.PathOf("scenarios", pack);
        var json = JObject.Parse(File.ReadAllText(packPath));
        json["model"] = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(packPath)!, (string)json["model"]!));
        json["uncertainty"]!["samples"] = samples;
        if (series is not null) json["outputs"] = new JObject { ["series"] = new JArray(series) };
        string experiment = Path.Combine(root, pack);
        File.WriteAllText(experiment, json.ToString());
        var diagnostics = new DiagnosticBag();
        var compiled = ExperimentCompiler.CompileFile(experiment, diagnostics) ?? throw new AssertionException(DiagnosticRenderer.ToText(diagnostics.Items));
        string output = Path.Combine(root, "sweep");
        SweepTestRuns.Sweep(compiled, output);
        return output;
    }
}
