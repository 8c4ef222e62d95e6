using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Simulation.Tests.Levers;
using Simulation.Web;

namespace Simulation.Tests.Web;

/// <summary>The levers API (docs/serve.md) in memory: what it answers, every way a request can be wrong, and parallel clients.</summary>
[TestFixture]
public class ServeApiTests
{
    private ServeFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _factory = new ServeFactory(LeverRuns.Load("scenarios", "hospital-beds.json"));
        _client = _factory.CreateClient();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [Test]
    public async Task Inputs_GiveValueRangeUnitsSourceAndGroup()
    {
        var inputs = await Get("/api/inputs");
        var groups = inputs["groups"]!.AsArray();
        Assert.That(groups.Select(g => (string)g!["name"]!), Is.EqualTo(new[] { "Levers the scenarios move", "Uncertain assumptions", "Other inputs" }));
        var capacity = groups.SelectMany(g => g!["inputs"]!.AsArray()).Single(i => (string)i!["name"]! == "Discharge Capacity")!;
        Assert.That((double)capacity["value"]!, Is.EqualTo(63));
        Assert.That(((double)capacity["min"]!, (double)capacity["max"]!), Is.EqualTo((45.0, 80.0)));
        Assert.That((string)capacity["units"]!, Is.EqualTo("patients/day"));
        Assert.That((string)capacity["source"]!, Does.Contain("assumption"));
        Assert.That((bool)capacity["settable"]!, Is.True);
    }

    [Test]
    public async Task Inputs_OfAnArrayedInput_ListItsElements()
    {
        using var factory = new ServeFactory(LeverRuns.Load("scenarios", "ageing-chain.json"));
        using var client = factory.CreateClient();
        var inputs = JsonNode.Parse(await client.GetStringAsync("/api/inputs"))!;
        var share = inputs["groups"]!.AsArray().SelectMany(g => g!["inputs"]!.AsArray()).Single(i => (string)i!["name"]! == "Quintile Share")!;
        Assert.That(share["elements"]!.AsArray().Select(e => (string)e!), Is.EqualTo(new[] { "Q1", "Q2", "Q3", "Q4", "Q5" }));
        Assert.That(share["value"]!.AsArray(), Has.Count.EqualTo(5));
    }

    [Test]
    public async Task Scenarios_GiveEachPresetWithItsInterventionsAndValues()
    {
        var scenarios = await Get("/api/scenarios");
        Assert.That((string)scenarios["baseline"]!, Is.EqualTo("baseline"));
        var list = scenarios["scenarios"]!.AsArray();
        Assert.That(list.Select(s => (string)s!["name"]!), Is.EqualTo(new[] { "baseline", "more discharge capacity", "discharge to assess", "assess, then cut" }));
        Assert.That((double)list[1]!["values"]!["Discharge Capacity"]!, Is.EqualTo(70));
        Assert.That(list[3]!["interventions"]!.ToJsonString(), Is.EqualTo(
            """[{"input":"Discharge Capacity","from":60.0,"to":180.0,"set":75.0},{"input":"Discharge Capacity","at":270.0,"set":63.0}]"""));
        Assert.That((string)list[3]!["basedOn"]!, Is.EqualTo("discharge to assess"));
    }

    [Test]
    public async Task Run_GivesOutcomesAndLinesAgainstTheBaseline()
    {
        var (status, run) = await Post("/api/run", """{"inputs": {"Discharge Capacity": 70}, "futures": 10}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        var bedDays = run["outcomes"]!.AsArray().Single(o => (string)o!["name"]! == "Occupied bed days")!;
        Assert.That((double)bedDays["value"]! - (double)bedDays["baseline"]!, Is.EqualTo((double)bedDays["difference"]!).Within(1e-9));
        Assert.That((int)bedDays["futures"]!["n"]!, Is.EqualTo(10));
        var line = run["lines"]!.AsArray()[0]!;
        Assert.That(line["values"]!.AsArray(), Has.Count.EqualTo(run["times"]!.AsArray().Count));
        Assert.That(line["band"]!["p95"]!.AsArray(), Has.Count.EqualTo(run["times"]!.AsArray().Count));
        Assert.That(run["warnings"]!.AsArray(), Is.Empty);
    }

    /// <summary>
    /// The baseline's lines come once, from <c>GET /api/baseline</c>, not in every run's answer: they are the lines of a run
    /// of the baseline itself (<c>{}</c>), in the same order as every answer's lines, at the same times.
    /// </summary>
    [Test]
    public async Task Baseline_GivesTheBaselinesLinesOnce()
    {
        var baseline = await Get("/api/baseline");
        var (_, itself) = await Post("/api/run", "{}");
        var (_, moved) = await Post("/api/run", """{"inputs": {"Discharge Capacity": 70}}""");
        Assert.That((string)baseline["scenario"]!, Is.EqualTo("baseline"));
        Assert.That(baseline["times"]!.ToJsonString(), Is.EqualTo(moved["times"]!.ToJsonString()));
        var lines = baseline["lines"]!.AsArray();
        Assert.That(lines, Has.Count.EqualTo(moved["lines"]!.AsArray().Count).And.Count.GreaterThan(0));
        for (int k = 0; k < lines.Count; k++)
        {
            var (line, run, other) = (lines[k]!, itself["lines"]![k]!, moved["lines"]![k]!);
            Assert.That(((string)line["chart"]!, (string)line["element"]!), Is.EqualTo(((string)other["chart"]!, (string)other["element"]!)));
            Assert.That(line["values"]!.ToJsonString(), Is.EqualTo(run["values"]!.ToJsonString()), "the baseline's own run");
            Assert.That(other.AsObject().ContainsKey("baseline"), Is.False, "a run's answer does not repeat the baseline's lines");
        }
        Assert.That(moved["lines"]![0]!["values"]!.ToJsonString(), Is.Not.EqualTo(lines[0]!["values"]!.ToJsonString()), "the lever moves the first line");
    }

    [TestCase("{", "body", "bad JSON")]
    [TestCase("", "body", "empty")]
    [TestCase("[1, 2]", "body", "must be a JSON object")]
    [TestCase("""{"inputs": {"a": 1}, "inputs": {}}""", "body", "twice")]
    [TestCase("""{"input": {}}""", "input", "unknown key 'input'", "did you mean 'inputs'?")]
    [TestCase("""{"inputs": [1]}""", "inputs", "must be an object")]
    [TestCase("""{"inputs": {"Discharge Capacty": 70}}""", "inputs/Discharge Capacty", "no variable 'Discharge Capacty'", "did you mean 'Discharge Capacity'?")]
    [TestCase("""{"inputs": {"Discharge Capacity": "70"}}""", "inputs/Discharge Capacity", "is a string; it must be a number")]
    [TestCase("""{"inputs": {"Discharge Capacity": "Bed Base * 2"}}""", "inputs/Discharge Capacity", "is a string; it must be a number")]
    [TestCase("""{"inputs": {"Discharge Capacity": true}}""", "inputs/Discharge Capacity", "must be a number")]
    [TestCase("""{"inputs": {"Discharge Capacity": null}}""", "inputs/Discharge Capacity", "must be a number")]
    [TestCase("""{"inputs": {"Discharge Capacity": 1e999}}""", "inputs/Discharge Capacity", "too large")]
    [TestCase("""{"inputs": {"Discharge Capacity[Q1]": 1}}""", "inputs/Discharge Capacity[Q1]", "not arrayed")]
    [TestCase("""{"inputs": {"Acute Patients": 1}}""", "inputs/Acute Patients", "not an input")]
    [TestCase("""{"scenario": "more discharge capacty"}""", "scenario", "no scenario", "did you mean 'more discharge capacity'?")]
    [TestCase("""{"scenario": 3}""", "scenario", "must be a scenario's name")]
    [TestCase("""{"futures": -1}""", "futures", "whole number")]
    [TestCase("""{"futures": 2.5}""", "futures", "whole number")]
    [TestCase("""{"futures": 101}""", "futures", "at most 100")]
    [TestCase("""{"interventions": {}}""", "interventions", "must be a list")]
    [TestCase("""{"interventions": [{"input": "Discharge Capacity", "set": 70}]}""", "interventions/0", "has no time")]
    [TestCase("""{"interventions": [{"input": "Discharge Capacity", "at": 400, "set": 70}]}""", "interventions/0", "outside the run")]
    [TestCase("""{"interventions": [{"input": "Discharge Capacity", "at": 4, "from": 5, "to": 6, "set": 70}]}""", "interventions/0", "both")]
    [TestCase("""{"interventions": [{"input": "Discharge Capacity", "at": 4, "sett": 70}]}""", "interventions/0/sett", "unknown key", "did you mean 'set'?")]
    [TestCase("""{"interventions": [{"input": "Discharge Capacity", "at": 4, "set": "1 + 1"}]}""", "interventions/0/set", "must be a number")]
    [TestCase("""{"interventions": [{"input": "Effect of Occupancy on Admissions", "at": 4, "set": 1}]}""", "interventions/0", "not an input")]
    [TestCase("""{"interventions": [{"input": "Discharge Capacity", "from": 9, "to": 3, "set": 70}]}""", "interventions/0", "not after its start")]
    public async Task Run_WithABadRequest_Is400WithTheFieldAndAHint(string body, string field, string message, string? hint = null)
    {
        var (status, error) = await Post("/api/run", body);
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), error.ToJsonString());
        Assert.That((string)error["field"]!, Is.EqualTo(field));
        Assert.That((string)error["error"]!, Does.Contain(message));
        if (hint is not null) Assert.That((string)error["hint"]!, Is.EqualTo(hint));
        var (again, _) = await Post("/api/run", "{}");
        Assert.That(again, Is.EqualTo(HttpStatusCode.OK), "the server goes on serving");
    }

    [Test]
    public async Task Run_WithAValueOutsideItsRange_RunsItWithAWarning()
    {
        var (status, run) = await Post("/api/run", """{"inputs": {"Discharge Capacity": 300}}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        var warning = run["warnings"]!.AsArray().Single()!;
        Assert.That((string)warning["field"]!, Is.EqualTo("inputs/Discharge Capacity"));
        Assert.That((string)warning["error"]!, Does.Contain("outside the plausible range").And.Contain("45 to 80"));
    }

    [Test]
    public async Task Run_WithAnOversizedBody_Is413()
    {
        string big = "{\"inputs\": {" + string.Join(",", Enumerable.Range(0, 8000).Select(i => $"\"x{i}\": 1")) + "}}";
        var (status, error) = await Post("/api/run", big);
        Assert.That(status, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That((string)error["field"]!, Is.EqualTo("body"));
        // Without a declared length (chunked), the limit holds as the body is read.
        using var chunked = new HttpRequestMessage(HttpMethod.Post, "/api/run") { Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big))) };
        chunked.Headers.TransferEncodingChunked = true;
        using var response = await _client.SendAsync(chunked);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
    }

    [Test]
    public async Task Garbage_NeverBreaksTheServer()
    {
        var random = new Random(17);
        var bodies = new List<byte[]>
        {
            Encoding.UTF8.GetBytes(new string('[', 20_000)),
            Encoding.UTF8.GetBytes("{\"inputs\": " + new string('{', 5000)),
            Encoding.UTF8.GetBytes("{\"inputs\": {\"" + new string('a', 60_000) + "\": 1}}"),
            new byte[] { 0xff, 0xfe, 0x00, 0x01 },
            Encoding.UTF8.GetBytes("{\"futures\": 1e308}"),
            Encoding.UTF8.GetBytes("{\"interventions\": [" + string.Join(",", Enumerable.Repeat("{\"input\": \"Discharge Capacity\", \"at\": 1, \"set\": 1}", 500)) + "]}"),
        };
        for (int i = 0; i < 40; i++)
        {
            var bytes = new byte[random.Next(1, 400)];
            random.NextBytes(bytes);
            bodies.Add(bytes);
        }
        foreach (var body in bodies)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await _client.PostAsync("/api/run", content);
            Assert.That((int)response.StatusCode, Is.InRange(400, 499), await response.Content.ReadAsStringAsync());
            Assert.That(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"], Is.Not.Null);
        }
        var (status, _) = await Post("/api/run", "{}");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task UnknownPaths_AreJson404s()
    {
        using var response = await _client.GetAsync("/api/nothing");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["field"]!, Is.EqualTo("path"));
        using var get = await _client.GetAsync("/api/run");
        Assert.That((int)get.StatusCode, Is.AnyOf(404, 405));
    }

    [Test]
    public async Task ParallelClients_GetTheAnswersTheyWouldAlone()
    {
        string Body(int k) => $$"""{"scenario": "{{(k % 2 == 0 ? "baseline" : "discharge to assess")}}", "inputs": {"Discharge Capacity": {{50 + k}}, "Bed Base": {{240 + k}}}, "futures": {{(k % 3 == 0 ? 8 : 0)}}}""";
        var alone = new List<string>();
        for (int k = 0; k < 12; k++) alone.Add(Stable((await Post("/api/run", Body(k))).Body));
        var clients = Enumerable.Range(0, 6).Select(_ => _factory.CreateClient()).ToList();
        var together = await Task.WhenAll(Enumerable.Range(0, 12).Select(async k =>
        {
            using var response = await clients[k % clients.Count].PostAsync("/api/run", Json(Body(k)));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            return Stable(JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
        }));
        clients.ForEach(c => c.Dispose());
        Assert.That(together, Is.EqualTo(alone));
    }

    [Test]
    public async Task Run_OverItsTimeLimit_Is503AndTheServerGoesOn()
    {
        // A limit of zero: the runs are past it as they start. (1 ms was a race: 100 hospital-beds futures can finish first.)
        using var factory = new ServeFactory(LeverRuns.Load("scenarios", "hospital-beds.json"), new ServeOptions { RunTimeout = TimeSpan.Zero });
        using var client = factory.CreateClient();
        using var response = await client.PostAsync("/api/run", Json("""{"inputs": {"Bed Base": 251}, "futures": 100}"""));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That((string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!, Does.Contain("took longer"));
        Assert.That((await client.GetAsync("/api/inputs")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task SaveScenario_DownloadsTheExperimentWithTheNewScenario()
    {
        using var response = await _client.PostAsync("/api/scenario", Json("""{"name": "cap 70", "scenario": "discharge to assess", "inputs": {"Discharge Capacity": 70}}"""));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentDisposition?.ToString(), Does.Contain("hospital-beds-cap-70.json"));
        var experiment = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That((string)experiment["scenarios"]!.AsArray()[^1]!["name"]!, Is.EqualTo("cap 70"));
        var (status, error) = await Post("/api/scenario", """{"scenario": "baseline"}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string)error["field"]!, Is.EqualTo("name"));
    }

    [Test]
    public async Task Page_AndTheVendoredChartLibrary_AreServedByTheApp()
    {
        string html = await _client.GetStringAsync("/");
        Assert.That(html, Does.Contain("<script src=\"vendor/echarts.min.js\""));
        Assert.That(html, Does.Not.Contain("http://").And.Not.Contain("https://"), "nothing from elsewhere");
        var echarts = await _client.GetByteArrayAsync("/vendor/echarts.min.js");
        Assert.That(echarts, Is.EqualTo(File.ReadAllBytes(TestModels.PathOf("engine", "vendor", "echarts-6.0.0", "echarts.min.js"))));
        Assert.That(await _client.GetStringAsync("/vendor/LICENSE"), Does.Contain("Apache License"));
        using var page = await _client.GetAsync("/");
        Assert.That(page.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("default-src 'self'"));
    }

    private async Task<JsonNode> Get(string path) => JsonNode.Parse(await _client.GetStringAsync(path))!;

    private async Task<(HttpStatusCode Status, JsonNode Body)> Post(string path, string body)
    {
        using var response = await _client.PostAsync(path, Json(body));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>A run's answer without its timing, which differs from run to run.</summary>
    private static string Stable(JsonNode run)
    {
        run.AsObject().Remove("elapsedMs");
        return run.ToJsonString();
    }
}
