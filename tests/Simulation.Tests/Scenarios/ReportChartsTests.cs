using Newtonsoft.Json.Linq;
using Simulation.Reporting.Report;

namespace Simulation.Tests.Scenarios;

/// <summary>
/// The ECharts options of charts with bands: the legend shows the first series of each name, so every series of a
/// name (a band's invisible lower edge, its width, the middle line) must carry that name's colour, or the legend
/// shows ECharts' own palette beside lines drawn in ours.
/// </summary>
public class ReportChartsTests
{
    private static readonly double[] Times = [0, 1, 2];
    private static readonly double[] Mid = [1, 2, 3], Low = [0.5, 1.5, 2.5], High = [1.5, 2.5, 3.5];

    /// <summary>Each series name with the colours its series carry (null where one carries none).</summary>
    private static Dictionary<string, string?[]> ColoursByName(JObject option) =>
        option["series"]!.GroupBy(s => (string)s["name"]!).ToDictionary(g => g.Key, g => g.Select(s => (string?)s["color"]).ToArray());

    [Test]
    public void ObservedChart_EverySeriesOfABand_HasTheBandsColour()
    {
        var chart = new ObservedChart("c", "beds", "normal error", "days", Times, Mid,
            [new ModelBand("counterfactual", ReportCharts.BaselineColour, Mid, Low, High), new ModelBand("expected", ReportCharts.Palette[0], Mid, Low, High)]);
        var colours = ColoursByName(ReportCharts.Option(chart));
        Assert.That(colours["counterfactual"], Has.Length.EqualTo(3).And.All.EqualTo(ReportCharts.BaselineColour));
        Assert.That(colours["expected"], Has.Length.EqualTo(3).And.All.EqualTo(ReportCharts.Palette[0]));
    }

    [Test]
    public void FanChart_EverySeriesOfAScenario_HasTheScenariosColour()
    {
        double[][] bands = Times.Select(t => new[] { t, t + 1, t + 2, t + 3, t + 4 }).ToArray();
        var chart = new FanChart("f", "beds", "more beds", null, "days", Times,
            [new Fan("baseline", ReportCharts.BaselineColour, bands), new Fan("more beds", ReportCharts.Palette[1], bands)]);
        var colours = ColoursByName(ReportCharts.Option(chart));
        Assert.That(colours["baseline"], Has.Length.EqualTo(5).And.All.EqualTo(ReportCharts.BaselineColour), "two bands of two series, and the median");
        Assert.That(colours["more beds"], Has.Length.EqualTo(5).And.All.EqualTo(ReportCharts.Palette[1]));
    }
}
