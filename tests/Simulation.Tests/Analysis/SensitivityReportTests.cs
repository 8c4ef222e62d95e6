using System.Globalization;
using Newtonsoft.Json.Linq;
using Simulation.Engine.Analysis;
using Simulation.Reporting;
using Simulation.Reporting.Report;
using Simulation.Tests.Browser;
using Simulation.Tests.Cli;
using Simulation.Tests.Scenarios;

namespace Simulation.Tests.Analysis;

/// <summary>
/// sim report on a sensitivity folder with a scenario discovery beside it: the tornadoes carry sensitivity.csv's numbers,
/// the PRIM box its JSON's limits at their places in the inputs' ranges, and every chart draws in a real browser.
/// </summary>
public class SensitivityReportTests
{
    private ExperimentFiles _files = null!;
    private string _folder = null!;

    /// <summary>Sobol' indices of Ishigami's function (policy - baseline = 5 X3), and the futures where that difference is above 5 (X3 above 1).</summary>
    [OneTimeSetUp]
    public void Analyse()
    {
        _files = new ExperimentFiles(SensitivityCliTests.Model);
        string experiment = _files.Write("experiment.json", SensitivityCliTests.Experiment);
        _folder = _files.PathOf("sobol");
        var sobol = SimProcess.Run("sensitivity", experiment, "--method", "sobol", "--samples", "256", "--resamples", "200", "--output", _folder);
        Assert.That(sobol.ExitCode, Is.EqualTo(0), sobol.Stderr);
        var discover = SimProcess.Run("discover", _folder, "--outcome", "Y", "--scenario", "policy", "--difference", "--above", "5",
            "--output", Path.Combine(_folder, "discovery-policy.json"));
        Assert.That(discover.ExitCode, Is.EqualTo(0), discover.Stderr);
    }

    [OneTimeTearDown]
    public void Remove() => _files.Dispose();

    private static Dictionary<string, double> CsvRow(string folder, string scenario, string measure, string outcome, string input)
    {
        var lines = File.ReadAllLines(Path.Combine(folder, SensitivityFiles.Table));
        var header = lines[0].Split(',');
        var cells = lines.Skip(1).Select(l => l.Split(',')).Single(c => c[0] == scenario && c[1] == measure && c[2] == outcome && c[4] == input);
        return header.Select((h, i) => (h, cells[i])).Where(x => double.TryParse(x.Item2, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            .ToDictionary(x => x.h, x => double.Parse(x.Item2, CultureInfo.InvariantCulture));
    }

    [Test]
    public void Tornadoes_CarryTheTablesNumbers_AndTheBoxSitsWhereItsLimitsAre()
    {
        var data = AnalysisData.Build(SweepFolder.Open(_folder));
        Assert.That(data.Method, Is.EqualTo("sobol"));
        var charts = data.Charts.OfType<IndexChart>().ToList();
        var baseline = charts.Single(c => c.Outcome == "Y" && c.Scenario == "baseline");
        Assert.That(baseline.Series.Select(s => s.Name), Is.EqualTo(new[] { "S1 (first order)", "ST (total)" }));
        for (int i = 0; i < baseline.Inputs.Count; i++)
        {
            var row = CsvRow(_folder, "baseline", "value", "Y", baseline.Inputs[i]);
            var (s1, st) = (baseline.Series[0].Estimates[i]!, baseline.Series[1].Estimates[i]!);
            Assert.That((s1.Value, s1.Low, s1.High), Is.EqualTo((row["S1"], Math.Min(row["S1_low"], row["S1"]), Math.Max(row["S1_high"], row["S1"]))));
            Assert.That((st.Value, st.Low, st.High), Is.EqualTo((row["ST"], Math.Min(row["ST_low"], row["ST"]), Math.Max(row["ST_high"], row["ST"]))));
        }
        var st1 = baseline.Series[1].Estimates.Select(e => e!.Value).ToList();
        Assert.That(st1, Is.Ordered.Descending, "inputs ranked by ST");
        Assert.That(baseline.Inputs[0], Is.EqualTo("X1"), "Ishigami's ST: X1 0.56, X2 0.44, X3 0.24");

        var difference = charts.Single(c => c.Outcome == "Y" && c.Scenario == "policy against baseline");
        Assert.That(difference.Inputs[0], Is.EqualTo("X3"), "the difference is 5 X3");
        Assert.That(difference.Series[1].Estimates.Skip(1).Select(e => e?.Value ?? 0), Has.All.LessThan(1e-9), "the other inputs' ST is 0 (up to rounding)");
        Assert.That(data.Notes, Has.Some.Contains("Same, baseline: the outcome does not vary"));
        Assert.That(data.Charts.OfType<IndexOverTimeChart>().Select(c => (c.Variable, c.Scenario)), Does.Contain(("Y", "baseline")));

        var discovery = data.Discoveries.Single();
        var json = JObject.Parse(File.ReadAllText(Path.Combine(_folder, "discovery-policy.json")));
        var box = discovery.Boxes.Single();
        var x3 = box.Limits.Single();
        Assert.That((x3.Input, x3.Min, x3.Max), Is.EqualTo(("X3", (double)json["boxes"]![0]!["limits"]!["X3"]!["min"]!, (double)json["boxes"]![0]!["limits"]!["X3"]!["max"]!)));
        // The box is X3 > 1 (5 X3 > 5) within X3's sampled range of about [-π, π]: from (1 + π) / 2π of the way along, to its end.
        Assert.That(x3.Low, Is.EqualTo((1 + Math.PI) / (2 * Math.PI)).Within(0.01));
        Assert.That(x3.High, Is.EqualTo(1).Within(1e-9));
        var trajectory = discovery.Trajectories.Single();
        Assert.That((trajectory.Coverage[0], trajectory.Restricted[0]), Is.EqualTo((1.0, 0)), "step 0 is every run");
        Assert.That(trajectory.Coverage.Length, Is.EqualTo(((JArray)json["boxes"]![0]!["trajectory"]!).Count));

        string html = HtmlReport.Render(SweepFolder.Open(_folder));
        Assert.That(html, Does.Contain("<section id=\"sensitivity\">").And.Contain("<section id=\"discovery\">").And.Contain("href=\"#sensitivity\""));
        Assert.That(html, Does.Contain($"data-min=\"{x3.Min.ToString("R", CultureInfo.InvariantCulture)}\""));
    }

    [Test]
    public void SensitivityTable_ReadsBackWhatItWrote()
    {
        foreach (var file in new[] { SensitivityFiles.Table, SensitivityFiles.OverTime })
        {
            string text = File.ReadAllText(Path.Combine(_folder, file));
            var table = SensitivityTable.Parse(text, "sobol", "ST");
            Assert.That(table.ToCsv(), Is.EqualTo(text), file);
            Assert.That(table.Series, Is.EqualTo(file == SensitivityFiles.OverTime));
        }
        Assert.That(() => SensitivityTable.Parse("a,b\n1,2\n", "sobol", "ST"), Throws.TypeOf<InvalidDataException>());
    }

    [Test]
    public void DamagedAnalysisFiles_AreFileErrorsNamingTheFile()
    {
        string copy = _files.PathOf("damaged");
        Directory.CreateDirectory(copy);
        foreach (var f in Directory.GetFiles(_folder)) File.Copy(f, Path.Combine(copy, Path.GetFileName(f)));
        File.WriteAllText(Path.Combine(copy, SensitivityFiles.Table), "scenario,measure,outcome\nnot, a, table\n");
        var e = Assert.Throws<ReportingException>(() => AnalysisData.Build(SweepFolder.Open(copy)))!;
        Assert.That(e.Message, Does.Contain(SensitivityFiles.Table));
        File.Delete(Path.Combine(copy, SensitivityFiles.About));
        File.WriteAllText(Path.Combine(copy, "discovery-policy.json"), "{ \"boxes\": 3 }");
        e = Assert.Throws<ReportingException>(() => AnalysisData.Build(SweepFolder.Open(copy)))!;
        Assert.That(e.Message, Does.Contain("discovery-policy.json"));
        var r = SimProcess.Run("report", copy);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stderr);
        Assert.That(r.Stderr, Does.Contain("discovery-policy.json"));
    }

    [Test]
    public void Plot_DrawsEachAnalysisChartForSlides_AndSaysWhatIsMissing()
    {
        foreach (var (chart, outcome, scenario, file) in new[]
                 {
                     ("sensitivity", "Y", "policy", "indices.png"), ("sensitivity-over-time", "Y", "baseline", "over-time.svg"),
                     ("tradeoff", "Y", null, "tradeoff.png"), ("box", "Y", null, "box.svg"),
                 })
        {
            var args = new List<string> { "plot", _folder, "--chart", chart, "--outcome", outcome, "--output", _files.PathOf(file) };
            if (scenario is not null) args.AddRange(["--scenario", scenario]);
            var r = SimProcess.Run([.. args]);
            Assert.That(r.ExitCode, Is.EqualTo(0), $"{chart}: {r.Stderr}");
            Assert.That(new FileInfo(_files.PathOf(file)).Length, Is.GreaterThan(1000), chart);
        }
        Assert.That(File.ReadAllText(_files.PathOf("box.svg")), Does.Contain("X3"), "the restricted input is labelled");

        var none = SimProcess.Run("plot", _folder, "--chart", "box", "--outcome", "Same", "--output", _files.PathOf("none.png"));
        Assert.That(none.ExitCode, Is.EqualTo(2), none.Stderr);
        Assert.That(none.Stderr, Does.Contain("no scenario discovery in").And.Contain("about: Y"));
        var flat = SimProcess.Run("plot", _folder, "--chart", "sensitivity", "--outcome", "Same", "--output", _files.PathOf("flat.png"));
        Assert.That(flat.ExitCode, Is.EqualTo(2));
        Assert.That(flat.Stderr, Does.Contain("the outcome does not vary"));
        string plain = _files.PathOf("plain");
        Assert.That(SimProcess.Run("sweep", _files.PathOf("experiment.json"), "--output", plain).ExitCode, Is.EqualTo(0));
        var missing = SimProcess.Run("plot", plain, "--chart", "sensitivity", "--outcome", "Y", "--output", _files.PathOf("missing.png"));
        Assert.That(missing.ExitCode, Is.EqualTo(2));
        Assert.That(missing.Stderr, Does.Contain("holds no sensitivity analysis"));
    }

    [Test, Category("Browser")]
    public async Task Report_DrawsEveryAnalysisChart_OfflineWithoutErrors()
    {
        string page = _files.PathOf("report.html");
        await File.WriteAllTextAsync(page, HtmlReport.Render(SweepFolder.Open(_folder)));
        await using var browser = await HeadlessChromium.StartAsync();
        var watched = await browser.OpenAsync(new Uri(page).AbsoluteUri);
        await watched.Page.WaitForSelectorAsync("body[data-charts]");
        var data = AnalysisData.Build(SweepFolder.Open(_folder));
        Assert.That(await watched.Page.Locator("#sensitivity div.chart").CountAsync(), Is.EqualTo(data.Charts.Count(c => c is IndexChart or IndexOverTimeChart)));
        Assert.That(await watched.Page.Locator("#discovery div.chart").CountAsync(), Is.EqualTo(2), "the trade-off and the box");
        var drawn = await watched.Page.EvaluateAsync<int[]>("[...document.querySelectorAll('#sensitivity div.chart, #discovery div.chart')].map(d => d.querySelectorAll('svg path').length)");
        Assert.That(drawn, Is.All.GreaterThan(5), "every chart drew its axes and data as SVG");
        watched.AssertClean();
    }
}
