using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Simulation.Engine.Scenarios.Summary;
using Simulation.Tests.Cli;
using Simulation.Tests.Levers;
using Simulation.Web;

namespace Simulation.Tests.Browser;

/// <summary>
/// The levers page in headless chromium against the real server (Kestrel on a loopback port): a slider moves the
/// chart and the KPIs to what `sim run --set` gives, presets, the uncertainty bands, "save as scenario" swept by
/// `sim sweep`; no console errors and no request off the machine.
/// </summary>
[TestFixture, Category("Browser")]
public class LeversPageTests
{
    private WebApplication _app = null!;
    private string _url = null!;

    [OneTimeSetUp]
    public async Task StartServer()
    {
        _app = LeversServer.Build(LeverRuns.Load("scenarios", "hospital-beds.json"), new ServeOptions { Port = 0 });
        await _app.StartAsync();
        _url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    [OneTimeTearDown]
    public async Task StopServer() => await _app.DisposeAsync();

    [Test]
    public async Task Page_SliderPresetBandsAndSave_WorkOfflineWithoutErrors()
    {
        await using var browser = await HeadlessChromium.StartAsync();
        var watched = await browser.OpenAsync(_url + "/");
        var page = watched.Page;
        await WaitForAnswer(page, "() => true");
        Assert.That(await page.Locator("#title").TextContentAsync(), Is.EqualTo("Hospital beds: discharge capacity"));
        var chart = await ChartId(page, "Occupied Beds");
        var before = await LineData(page, chart, "this run");

        // Move the slider with the keyboard, as a user would; each step schedules a run, the last one answers.
        var slider = page.Locator(".lever[data-input=\"Discharge Capacity\"] input[type=range]");
        await slider.FocusAsync();
        for (int i = 0; i < 30; i++) await slider.PressAsync("ArrowRight");
        string value = await page.Locator(".lever[data-input=\"Discharge Capacity\"] .edit input[type=number]").InputValueAsync();
        await WaitForAnswer(page, $"b => b.inputs['Discharge Capacity'] === {value}");
        Assert.That(await page.Locator(".lever[data-input=\"Discharge Capacity\"]").GetAttributeAsync("class"), Does.Contain("moved"));
        var after = await LineData(page, chart, "this run");
        Assert.That(after, Is.Not.EqualTo(before), "the chart changed");
        Assert.That(await LineData(page, chart, "baseline"), Is.EqualTo(before), "the baseline stayed");
        Assert.That(await Kpi(page, "NCTR patients, day 90"), Is.EqualTo(SimRunAt90(("Discharge Capacity", value))), "the KPI is sim run's with the same --set");

        // A preset: its value shows on the slider, and the KPI is sim run's with it.
        await page.Locator("#preset").SelectOptionAsync("more discharge capacity");
        await WaitForAnswer(page, "b => b.scenario === 'more discharge capacity'");
        Assert.That(await page.Locator(".lever[data-input=\"Discharge Capacity\"] .edit input[type=number]").InputValueAsync(), Is.EqualTo("70"));
        Assert.That(await Kpi(page, "NCTR patients, day 90"), Is.EqualTo(SimRunAt90(("Discharge Capacity", "70"))));

        // Uncertainty: bands over the experiment's futures.
        await page.Locator("details.group summary", new PageLocatorOptions { HasText = "Other inputs" }).ClickAsync();
        var box = page.Locator(".lever[data-input=\"Bed Base\"] .edit input[type=number]");
        await box.FillAsync("255");
        await box.PressAsync("Enter");
        await page.Locator("#uncertainty").CheckAsync();
        await WaitForAnswer(page, "b => b.futures === 100 && b.inputs['Bed Base'] === 255");
        var series = await Series(page, chart);
        Assert.That(series.Select(s => (string)s!["name"]!), Does.Contain("this run P5–P95").And.Contain("baseline P5–P95"));
        Assert.That(await page.Locator("#kpis tr[data-outcome=\"Occupied bed days\"] td.spread").TextContentAsync(), Does.Contain(" to "));
        var futures = JsonNode.Parse(await page.EvaluateAsync<string>("() => JSON.stringify(simPage.result)"))!;

        // Save as scenario, and sweep the file as downloaded.
        await page.Locator("#save-name").FillAsync("capacity 70 and 255 beds");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#save").ClickAsync());
        Assert.That(download.SuggestedFilename, Is.EqualTo("hospital-beds-capacity-70-and-255-beds.json"));
        string folder = Path.Combine(Path.GetTempPath(), "sim-page-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string file = Path.Combine(folder, download.SuggestedFilename);
            await download.SaveAsAsync(file);
            var sweep = SimProcess.Run("sweep", file, "--output", Path.Combine(folder, "sweep"));
            Assert.That(sweep.ExitCode, Is.EqualTo(0), sweep.Stderr);
            var summary = SweepSummary.FromJson(File.ReadAllText(Path.Combine(folder, "sweep", "summary.json")));
            foreach (var o in futures["outcomes"]!.AsArray())
            {
                var row = summary.Rows.Single(r => r.Scenario == "capacity 70 and 255 beds" && r.Outcome == (string)o!["name"]!);
                Assert.That(row.Value.Mean, Is.EqualTo((double?)o!["futures"]!["mean"] ?? double.NaN), row.Outcome);
                Assert.That(row.Value.P95, Is.EqualTo((double?)o["futures"]!["p95"] ?? double.NaN), row.Outcome);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        watched.AssertClean();
    }

    [Test]
    public async Task Page_ABadValue_ShowsTheProblemAndKeepsWorking()
    {
        await using var browser = await HeadlessChromium.StartAsync();
        var watched = await browser.OpenAsync(_url + "/");
        var page = watched.Page;
        await WaitForAnswer(page, "() => true");
        var box = page.Locator(".lever[data-input=\"Discharge Capacity\"] .edit input[type=number]");
        await box.FillAsync("500");
        await box.PressAsync("Enter");
        await WaitForAnswer(page, "b => b.inputs['Discharge Capacity'] === 500");
        Assert.That(await page.Locator("#messages .warning").TextContentAsync(), Does.Contain("outside the plausible range"));
        watched.AssertClean();
    }

    [Test]
    public async Task Page_ADatedLever_TakesEffectFromItsTime()
    {
        await using var browser = await HeadlessChromium.StartAsync();
        var watched = await browser.OpenAsync(_url + "/");
        var page = watched.Page;
        await WaitForAnswer(page, "() => true");
        var lever = page.Locator(".lever[data-input=\"Discharge Capacity\"]");
        await lever.Locator("input.from").FillAsync("60");
        await lever.Locator("input.from").PressAsync("Enter");
        await lever.Locator(".edit input[type=number]").FillAsync("50");
        await lever.Locator(".edit input[type=number]").PressAsync("Enter");
        await WaitForAnswer(page, "b => b.interventions.length === 1 && b.interventions[0].at === 60 && b.interventions[0].set === 50");
        Assert.That(await page.EvaluateAsync<string>("() => JSON.stringify(simPage.answered.inputs)"), Is.EqualTo("{}"), "a dated lever is an intervention, not a setting");
        Assert.That(await lever.GetAttributeAsync("class"), Does.Contain("dated"));

        // The same model with the input's equation stepping from 63 to 50 at day 60 (the time the lever names).
        string stepped = Stepped("Discharge Capacity", "IF TIME >= 60 THEN 50 ELSE 63");
        try
        {
            Assert.That(await Kpi(page, "NCTR patients, day 90"), Is.EqualTo(SimRunAt90(stepped)), "the KPI is sim run's of the model whose input steps at the lever's time");
        }
        finally
        {
            File.Delete(stepped);
        }
        var chart = await ChartId(page, "Occupied Beds");
        var times = JsonNode.Parse(await page.EvaluateAsync<string>("() => JSON.stringify(simPage.result.times)"))!.AsArray().Select(t => (double)t!).ToList();
        var line = JsonNode.Parse(await LineData(page, chart, "this run"))!.AsArray();
        var baseline = JsonNode.Parse(await LineData(page, chart, "baseline"))!.AsArray();
        int at60 = times.IndexOf(60);
        Assert.That(line.Take(at60 + 1).Select(Value), Is.EqualTo(baseline.Take(at60 + 1).Select(Value)), "before the lever's time the run is the baseline");
        Assert.That(await Kpi(page, "NCTR patients, day 90"), Is.Not.EqualTo(double.Parse((await page.Locator("#kpis tr[data-outcome=\"NCTR patients, day 90\"] td.baseline").GetAttributeAsync("data-value"))!,
            CultureInfo.InvariantCulture)), "after it, the lever acts");

        // A time outside the run is refused on the page, and nothing is sent.
        int runs = await page.EvaluateAsync<int>("() => simPage.runs");
        await lever.Locator("input.from").FillAsync("400");
        await lever.Locator("input.from").PressAsync("Enter");
        Assert.That(await page.Locator("#messages .error").TextContentAsync(), Does.Contain("outside the run"));
        Assert.That(await page.EvaluateAsync<int>("() => simPage.runs"), Is.EqualTo(runs));
        watched.AssertClean();
    }

    /// <summary>A chart point's value (ECharts data items are [time, value] pairs or values).</summary>
    private static double? Value(JsonNode? point) => point is JsonArray pair ? (double?)pair[1] : (double?)point;

    /// <summary>models/hospital-beds.json with one variable's equation replaced, written to a temporary file.</summary>
    private static string Stepped(string variable, string equation)
    {
        var model = JsonNode.Parse(File.ReadAllText(TestModels.PathOf("models", "hospital-beds.json")))!.AsObject();
        model["$schema"] = TestModels.PathOf("docs", "schema", "model-v1.schema.json");
        model["variables"]!.AsArray().Single(v => (string)v!["name"]! == variable)!["equation"] = equation;
        string path = Path.Combine(Path.GetTempPath(), "sim-page-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, model.ToJsonString());
        return path;
    }

    /// <summary>Waits until the page shows the answer to a request matching <paramref name="predicate"/> (a JS function of the request body).</summary>
    private static async Task WaitForAnswer(IPage page, string predicate) =>
        await page.WaitForFunctionAsync($"() => window.simPage && simPage.answered && !simPage.controller && ({predicate})(simPage.answered)", null,
            new PageWaitForFunctionOptions { Timeout = 60_000 });

    private static async Task<string> ChartId(IPage page, string title) =>
        await page.EvaluateAsync<string>($"() => simPage.experiment.charts.find(c => c.title === {JsonSerializer.Serialize(title)}).id");

    private static async Task<JsonArray> Series(IPage page, string chart) => JsonNode.Parse(await page.EvaluateAsync<string>(
        $"() => JSON.stringify(echarts.getInstanceByDom(document.querySelector('[data-chart=\"{chart}\"]')).getOption().series)"))!.AsArray();

    private static async Task<string> LineData(IPage page, string chart, string name) =>
        (await Series(page, chart)).Single(s => (string)s!["name"]! == name)!["data"]!.ToJsonString();

    private static async Task<double> Kpi(IPage page, string outcome) => double.Parse(
        (await page.Locator($"#kpis tr[data-outcome=\"{outcome}\"] td.value").GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture);

    /// <summary>Awaiting Discharge at day 90 as `sim run models/hospital-beds.json --set ...` writes it.</summary>
    private static double SimRunAt90(params (string Name, string Value)[] settings) => SimRunAt90("models/hospital-beds.json", settings);

    /// <summary>Awaiting Discharge at day 90 as `sim run` writes it for <paramref name="model"/>.</summary>
    private static double SimRunAt90(string model, params (string Name, string Value)[] settings)
    {
        string csv = Path.Combine(Path.GetTempPath(), "sim-page-" + Guid.NewGuid().ToString("N") + ".csv");
        try
        {
            var args = new List<string> { "run", model, "--vars", "Awaiting Discharge", "--output", csv };
            foreach (var (name, value) in settings) args.AddRange(["--set", $"{name}={value}"]);
            var run = SimProcess.Run([.. args]);
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Stderr);
            var row = File.ReadLines(csv).Skip(1).Select(l => l.Split(',')).Single(cells => cells[0] == "90");
            return double.Parse(row[1], CultureInfo.InvariantCulture);
        }
        finally
        {
            File.Delete(csv);
        }
    }
}
