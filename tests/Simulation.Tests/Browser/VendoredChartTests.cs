namespace Simulation.Tests.Browser;

/// <summary>The vendored chart library draws an SVG chart offline in the headless browser the other browser tests use.</summary>
[TestFixture, Category("Browser")]
public class VendoredChartTests
{
    [Test]
    public async Task VendoredECharts_DrawsAnSvgLineChartOffline()
    {
        string folder = Path.Combine(Path.GetTempPath(), "sim-browser-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string script = await File.ReadAllTextAsync(TestModels.PathOf("engine", "vendor", "echarts-6.0.0", "echarts.min.js"));
            string page = Path.Combine(folder, "chart.html");
            await File.WriteAllTextAsync(page, $$"""
                <!doctype html><html><head><meta charset="utf-8"><script>{{script}}</script></head>
                <body><div id="c" style="width:600px;height:300px"></div>
                <script>
                  const chart = echarts.init(document.getElementById('c'), null, { renderer: 'svg' });
                  chart.setOption({ animation: false, xAxis: { type: 'value' }, yAxis: { type: 'value' },
                    series: [{ type: 'line', data: [[0, 1], [1, 3], [2, 2]] }] });
                  // A request to the outside world, which the watch must catch and abort.
                  if (location.hash === '#leak') fetch('https://example.org/x').catch(() => {});
                </script></body></html>
                """);
            await using var browser = await HeadlessChromium.StartAsync();

            var watched = await browser.OpenAsync(new Uri(page).AbsoluteUri);
            int paths = await watched.Page.Locator("#c svg path").CountAsync();
            Assert.That(paths, Is.GreaterThan(2), "the chart drew no line or axes");
            watched.AssertClean();

            var leaking = await browser.OpenAsync(new Uri(page).AbsoluteUri + "#leak");
            await leaking.Page.WaitForTimeoutAsync(200);
            Assert.That(leaking.ExternalRequests, Has.Some.StartsWith("https://example.org/"), "the watch missed a request to the outside");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
