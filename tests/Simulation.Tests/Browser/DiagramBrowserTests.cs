using Simulation.Reporting.Diagrams;
using Simulation.Tests.Structure;

namespace Simulation.Tests.Browser;

/// <summary>
/// <c>sim graph --format svg</c> in a real browser: the file renders offline without errors, and the text the browser
/// draws is as wide as the layout assumed (Helvetica's metrics; Liberation Sans and Arial share them), so every name
/// fits its box. A screenshot of each diagram is attached to the test for a person to look at.
/// </summary>
[TestFixture, Category("Browser")]
public class DiagramBrowserTests
{
    [TestCase("sir.json")]
    [TestCase("teacup.json")]
    [TestCase("hospital-beds.json")]
    [TestCase("ageing-chain.json")]
    public async Task Svg_RendersCleanly_AndTheTextIsAsWideAsTheLayoutAssumed(string model)
    {
        string folder = Path.Combine(Path.GetTempPath(), "sim-diagram-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string svg = SvgDiagram.Of(SvgDiagramTests.GraphOf(model), model);
            string file = Path.Combine(folder, Path.ChangeExtension(model, ".svg"));
            await File.WriteAllTextAsync(file, svg);
            // the file as an image (as a Markdown page shows it), and inline, where its text can be measured
            string page = Path.Combine(folder, "page.html");
            await File.WriteAllTextAsync(page, $"""
                <!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0">
                <img id="picture" src="{Path.GetFileName(file)}"><div id="inline">{svg}</div></body></html>
                """);
            await using var browser = await HeadlessChromium.StartAsync();
            var watched = await browser.OpenAsync(new Uri(page).AbsoluteUri);
            double shown = await watched.Page.EvaluateAsync<double>("() => document.getElementById('picture').naturalWidth");
            Assert.That(shown, Is.GreaterThan(100), "the SVG file loads as an image");

            var texts = await watched.Page.EvaluateAsync<TextSeen[]>("""
                () => [...document.querySelectorAll('#inline g[data-variable] text')].map(t => ({
                  text: t.textContent, size: parseFloat(getComputedStyle(t).fontSize), width: t.getComputedTextLength() }))
                """);
            Assert.That(texts, Is.Not.Empty);
            Assert.Multiple(() =>
            {
                foreach (var seen in texts)
                    Assert.That(seen.Width, Is.EqualTo(TextWidth.Of(seen.Text, seen.Size)).Within(6).Percent, $"'{seen.Text}' at {seen.Size}px");
            });
            var shot = Path.Combine(folder, Path.ChangeExtension(model, ".png"));
            await watched.Page.Locator("#picture").ScreenshotAsync(new() { Path = shot });
            Assert.That(new FileInfo(shot).Length, Is.GreaterThan(5_000), "a screenshot with something on it");
            string kept = Path.Combine(TestContext.CurrentContext.WorkDirectory, "diagram-" + Path.GetFileName(shot));
            File.Copy(shot, kept, overwrite: true);
            TestContext.AddTestAttachment(kept, $"{model} as chromium draws it");
            watched.AssertClean();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A text the browser drew (Playwright fills it from the page's JSON).</summary>
    public sealed class TextSeen
    {
        public string Text { get; set; } = "";
        public double Size { get; set; }
        public double Width { get; set; }
    }
}
