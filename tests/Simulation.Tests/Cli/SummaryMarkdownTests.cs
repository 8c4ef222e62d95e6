using Simulation.Engine.Scenarios.Format;
using Simulation.Engine.Scenarios.Summary;
using Simulation.Reporting.Text;

namespace Simulation.Tests.Cli;

/// <summary>The Markdown and terminal views: one row per outcome, the baseline's band, each scenario's paired difference and probability.</summary>
public class SummaryMarkdownTests
{
    private static Distribution D(int n, double mean, double p5, double p50, double p95) => new(n, mean, p5, p5, p50, p95, p95);

    private static Comparison C(int n, double mean, double p5, double p95, double higher, double lower) => new(D(n, mean, p5, mean, p95), higher, lower);

    internal static SweepSummary Summary() => new("Beds | study", "m.json", "baseline", 7, "latinHypercube", 20, 1,
    [
        new("baseline", "Bed days", "", "days", 20, D(20, 12500, 11000, 12400, 14000), null) { Better = Direction.Lower },
        new("more beds", "Bed days", "", "days", 20, D(20, 12000, 10600, 11900, 13400), C(20, -500, -800, -250, 0, 1)) { Better = Direction.Lower },
        new("baseline", "Cost per day saved", "", "GBP", 20, Distribution.Empty, null) { Kind = "ratio" },
        new("more beds", "Cost per day saved", "", "GBP", 20, D(20, 310, 200, 300, 450), null)
        {
            Kind = "ratio",
            Ratio = new RatioSummary(295.5, D(20, 1, 1, 1, 1), D(20, 1, 0.5, 1, 2), true, Quadrant.TradeOff),
        },
        new("baseline", "Deaths", "Q1", null, 20, D(20, 3, 1, 3, 5), null),
        new("more beds", "Deaths", "Q1", null, 20, D(20, 3, 1, 3, 5), C(20, 0, 0, 0, 0, 0)),
        new("baseline", "Failed", "", null, 20, D(20, 1, 1, 1, 1), null),
        new("more beds", "Failed", "", null, 20, D(20, 2, 2, 2, 2), new Comparison(Distribution.Empty with { LeftOut = [new(LeftOutReason.RunFailed, 20)] }, double.NaN, double.NaN)),
        new("baseline", "Queue", "", null, 20, D(20, 1, 1, 1, 1), null),
        new("more beds", "Queue", "", null, 20, D(20, 2, 2, 2, 2), C(20, 1, 0.5, 1.5, 0.6, 0.3)),
    ]) { Headline = ["Bed days", "Cost per day saved"] };

    [Test]
    public void Render_OneRowPerOutcome_BaselineBandThenPairedDifferencesWithTheirProbability()
    {
        var lines = SummaryMarkdown.Render(Summary()).Split('\n');
        Assert.That(lines[0], Does.StartWith("*Beds \\| study*: 2 scenarios x 20 samples (latinHypercube, seed 7)."));
        Assert.That(lines[2], Is.EqualTo("| outcome | units | better | baseline | more beds − baseline |"));
        Assert.That(lines[3], Is.EqualTo("|---|---|---|---:|---:|"));
        Assert.That(lines[4], Is.EqualTo("| Bed days | days | lower | 12.5k [11k, 14k] | -500 [-800, -250]; better in 100% |"));
        Assert.That(lines[5], Is.EqualTo("| Cost per day saved | GBP |  | – | 295.5 GBP, trade-off: costs more, gains |"), "an incremental ratio: its ratio and quadrant");
        Assert.That(lines[6], Is.EqualTo("| Deaths[Q1] |  |  | 3 [1, 5] | 0 |"), "no change prints as 0, without a probability");
        Assert.That(lines[7], Is.EqualTo("| Failed |  |  | 1 [1, 1] | – |"), "no paired difference: not the scenario's own value under a difference heading");
        Assert.That(lines[8], Is.EqualTo("| Queue |  |  | 1 [1, 1] | +1 [+0.5, +1.5]; higher in 60% |"), "without a direction: the share of futures higher");
        Assert.That(lines[10], Is.EqualTo("Futures left out:"));
        Assert.That(lines[11], Is.EqualTo("- more beds, Failed: 0 of 20 futures (20 left out; run failed: 20)"), "n, the futures left out and why");
        Assert.That(lines, Has.Length.EqualTo(13), "the table, the note and a final newline");
    }

    [Test]
    public void Render_OneOutcome_OnlyItsRow()
    {
        var lines = SummaryMarkdown.Render(Summary(), "deaths").TrimEnd().Split('\n');
        Assert.That(lines[^1], Does.StartWith("| Deaths[Q1] |"));
        Assert.That(lines, Has.Length.EqualTo(5));
    }

    [Test]
    public void Headline_FitsAHundredColumns_AndListsTheHeadlineOutcomesPerScenario()
    {
        var summary = Summary() with { Experiment = new string('x', 140) };
        string text = SummaryText.Headline(summary);
        Assert.That(text.Split('\n').Max(l => l.Length), Is.LessThanOrEqualTo(100));
        Assert.That(text, Does.Contain("more beds\n  Bed days"));
        Assert.That(text, Does.Contain("better in 100%"));
        Assert.That(text, Does.Not.Contain("Queue"), "not a headline outcome");
        Assert.That(SummaryText.Table(summary), Does.Contain("Queue"), "the long table has every outcome");
        Assert.That(SummaryText.Table(summary), Does.Contain("futures left out:\n  more beds, Failed: 0 of 20 futures (20 left out; run failed: 20)\n"));
    }

    [Test]
    public void Headline_SaysUnderARowHowManyFuturesItLeavesOut()
    {
        var summary = Summary() with { Headline = ["Bed days", "Failed"] };
        var lines = SummaryText.Headline(summary).Split('\n');
        int failed = Array.FindIndex(lines, l => l.StartsWith("  Failed", StringComparison.Ordinal));
        Assert.That(lines[failed + 1], Is.EqualTo("      0 of 20 futures (20 left out; run failed: 20)"));
        Assert.That(SummaryText.Headline(summary), Does.Not.Contain("of 20 futures (0"), "rows on every future have no note");
    }

    [TestCase(0.004, "<1%")]
    [TestCase(0.996, ">99%")]
    [TestCase(1.0, "100%")]
    [TestCase(0.0, "0%")]
    [TestCase(0.375, "38%")]
    public void Percent_NeverRoundsToACertaintyThatIsNot(double p, string expected) => Assert.That(Numbers.Percent(p), Is.EqualTo(expected));
}
