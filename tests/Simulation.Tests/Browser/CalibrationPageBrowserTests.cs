using System.Text.Json;
using Simulation.Tests.Calibration;
using Simulation.Tests.Cli;

namespace Simulation.Tests.Browser;

/// <summary>
/// The pages sim calibrate and sim evaluate write (fit.html, evaluation.html), opened in headless Chromium: every chart
/// draws offline without errors, and each band lies over the data's times (ECharts stacks the first dimension of the
/// data when both axes are values, which once drew bands at twice their times).
/// </summary>
[TestFixture, Category("Browser")]
public class CalibrationPageBrowserTests
{
    /// <summary>Per chart of a selector: the x axis' upper end, and the last time of its unstacked lines (the middle line).</summary>
    private const string AxisAndLastTime = """
        selector => [...document.querySelectorAll(selector)].map(d => {
          const chart = echarts.getInstanceByDom(d);
          const xs = chart.getOption().series.filter(s => s.type === 'line' && !s.stack).flatMap(s => s.data.map(p => p[0]));
          return [chart.getModel().getComponent('xAxis', 0).axis.scale.getExtent()[1], Math.max(...xs)];
        })
        """;

    [Test]
    public async Task FitPage_AfterMcmc_DrawsTheSeriesWithItsBand_OverTheDataTimes()
    {
        string folder = Path.Combine(Path.GetTempPath(), "sim-fit-page-" + Guid.NewGuid().ToString("N"));
        try
        {
            var r = SimProcess.Run("calibrate", TestModels.PathOf("scenarios", "calibration", "flu-sir.json"), "--method", "mcmc", "--generations", "200", "--output", folder);
            Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
            var (charts, areas) = await Open(Path.Combine(folder, "fit.html"));
            Assert.That(charts, Is.EqualTo(1), "one chart per series");
            Assert.That(areas, Is.GreaterThan(0), "the posterior band is drawn");
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task EvaluationPage_DrawsObservationsAgainstBothBands()
    {
        using var files = EvaluateTests.Files(slopeAfter: 4);
        string output = files.PathOf("out");
        var r = SimProcess.Run("evaluate", files.PathOf("experiment.json"), "--fit", files.PathOf("fit.json"), "--scenario", "steeper", "--from", "11", "--output", output);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        var (charts, areas) = await Open(Path.Combine(output, "evaluation.html"));
        Assert.That(charts, Is.EqualTo(1));
        Assert.That(areas, Is.GreaterThanOrEqualTo(2), "the counterfactual's band and the plan's");
    }

    /// <summary>Each chart's x axis ends near its last time: a band stacked on the times would double it.</summary>
    internal static async Task AssertBandsOverTheirTimes(WatchedPage watched, string selector)
    {
        var charts = (await watched.Page.EvaluateAsync<JsonElement>(AxisAndLastTime, selector)).EnumerateArray().ToList();
        Assert.That(charts, Is.Not.Empty);
        foreach (var chart in charts)
            Assert.That(chart[0].GetDouble(), Is.LessThan(1.25 * chart[1].GetDouble()), "the x axis ends near the last time (a band stacked on the times doubles it)");
    }

    /// <summary>Opens a page, checks it drew every chart cleanly with its bands over the data's times; returns the charts and filled areas drawn.</summary>
    private static async Task<(int Charts, int Areas)> Open(string page)
    {
        await using var browser = await HeadlessChromium.StartAsync();
        var watched = await browser.OpenAsync(new Uri(page).AbsoluteUri);
        await watched.Page.WaitForSelectorAsync("body[data-charts]");
        int charts = await watched.Page.Locator("div.chart").CountAsync();
        await AssertBandsOverTheirTimes(watched, "div.chart");
        int areas = await watched.Page.EvaluateAsync<int>("document.querySelectorAll('div.chart svg path[fill-opacity]').length");
        watched.AssertClean();
        return (charts, areas);
    }
}
