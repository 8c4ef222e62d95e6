using Simulation.Cli;
using Simulation.Engine.Scenarios.Summary;

namespace Simulation.Tests.Cli;

/// <summary>The Markdown comparison: one row per outcome, the baseline's band, then each scenario's paired difference.</summary>
public class SummaryMarkdownTests
{
    private static readonly Distribution None = new(0, double.NaN, double.NaN, double.NaN, double.NaN);

    private static SweepSummary Summary() => new("Beds | study", "m.json", "baseline", 7, "latinHypercube", 20, 1,
    [
        new("baseline", "Bed days", "", "days", 20, new(20, 12500, 11000, 12400, 14000), null),
        new("more beds", "Bed days", "", "days", 20, new(20, 12000, 10600, 11900, 13400), new(20, -500, -800, -480, -250)),
        new("baseline", "Cost per day saved", "", "GBP", 20, None, None),
        new("more beds", "Cost per day saved", "", "GBP", 20, new(20, 310, 200, 300, 450), None, RatioOfMeans: 295.5),
        new("baseline", "Deaths", "Q1", null, 20, new(20, 3, 1, 3, 5), null),
        new("more beds", "Deaths", "Q1", null, 20, new(20, 3, 1, 3, 5), new(20, 0, 0, 0, 0)),
        new("baseline", "Failed", "", null, 20, new(20, 1, 1, 1, 1), null),
        new("more beds", "Failed", "", null, 20, new(20, 2, 2, 2, 2), None),
    ]);

    [Test]
    public void Render_OneRowPerOutcome_BaselineBandThenPairedDifferences()
    {
        var lines = SummaryMarkdown.Render(Summary()).Split('\n');
        Assert.That(lines[0], Does.StartWith("*Beds \\| study*: 20 samples (latinHypercube), seed 7."));
        Assert.That(lines[2], Is.EqualTo("| outcome | units | baseline | more beds − baseline |"));
        Assert.That(lines[3], Is.EqualTo("|---|---|---:|---:|"));
        Assert.That(lines[4], Is.EqualTo("| Bed days | days | 12.5k [11k, 14k] | -500 [-800, -250] |"));
        Assert.That(lines[5], Is.EqualTo("| Cost per day saved | GBP | – | 295.5 (ratio of means) |"), "a comparison outcome has no baseline value");
        Assert.That(lines[6], Is.EqualTo("| Deaths[Q1] |  | 3 [1, 5] | 0 [0, 0] |"));
        Assert.That(lines[7], Is.EqualTo("| Failed |  | 1 [1, 1] | – |"), "no paired difference: not the scenario's own value under a difference heading");
        Assert.That(lines, Has.Length.EqualTo(9), "the table and a final newline");
    }

    [Test]
    public void Render_OneOutcome_OnlyItsRow()
    {
        var lines = SummaryMarkdown.Render(Summary(), "deaths").TrimEnd().Split('\n');
        Assert.That(lines[^1], Does.StartWith("| Deaths[Q1] |"));
        Assert.That(lines, Has.Length.EqualTo(5));
    }
}
