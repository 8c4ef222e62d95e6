using Newtonsoft.Json.Linq;
using Simulation.Reporting.Text;

namespace Simulation.Reporting.Report;

/// <summary>
/// ECharts options for the report's charts, as JSON the page hands to the vendored library (SVG renderer). Options are
/// plain data: no functions, so the page's script only draws what this class decides.
/// </summary>
public static class ReportCharts
{
    /// <summary>The ECharts option of a chart.</summary>
    public static JObject Option(ChartSpec chart) => chart switch
    {
        DifferenceChart d => Differences(d.Outcome, d.Units, d.Boxes),
        TornadoChart t => Tornado(t.Title, t.Bars),
        PlaneChart p => Plane(p.CostUnits ?? "", p.Clouds, p.Thresholds, p.QalyMin, p.QalyMax),
        AcceptabilityChart a => Acceptability(a.Curves, a.Grid, a.Thresholds),
        FanChart f => Fan(f.Title, f.Units, f.TimeUnits ?? "", f.Times, f.Fans),
        IndexChart i => AnalysisOptions.Indices(i),
        IndexOverTimeChart o => AnalysisOptions.OverTime(o),
        TradeoffChart t => AnalysisOptions.Tradeoff(t),
        BoxChart b => AnalysisOptions.Box(b),
        ObservedChart o => Observed(o),
        _ => throw new ArgumentException($"no ECharts form for {chart.GetType().Name}"),
    };

    /// <summary>Colours that stay apart for colour-blind readers (Okabe and Ito); the baseline is grey.</summary>
    public static readonly string[] Palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"];
    public const string BaselineColour = "#7f7f7f";

    internal static JObject Base(string title, string? subtitle = null) => new()
    {
        ["animation"] = false,
        ["title"] = new JObject { ["text"] = title, ["subtext"] = subtitle ?? "", ["left"] = "center", ["textStyle"] = new JObject { ["fontSize"] = 14 } },
        ["tooltip"] = new JObject { ["trigger"] = "axis" },
        ["grid"] = new JObject { ["left"] = 70, ["right"] = 30, ["top"] = 60, ["bottom"] = 70, ["containLabel"] = true },
        ["legend"] = new JObject { ["bottom"] = 0, ["type"] = "scroll" },
    };

    internal static JObject Axis(string type, string name, bool scale = true) => new()
    {
        ["type"] = type, ["name"] = name, ["nameLocation"] = "middle", ["nameGap"] = type == "category" ? 130 : 30, ["scale"] = scale,
        ["axisLabel"] = new JObject { ["hideOverlap"] = true },
    };

    /// <summary>
    /// One row per scenario: a box from P25 to P75 with the median, whiskers from P5 to P95, a diamond at the mean, and a
    /// line at 0 (no change). The value axis always shows 0.
    /// </summary>
    private static JObject Differences(string outcome, string? units, IReadOnlyList<DifferenceBox> boxes)
    {
        var option = Base(outcome, "paired difference from the baseline across the futures: P5, P25, median, P75, P95 and mean");
        option["tooltip"] = new JObject { ["trigger"] = "item" };
        option["grid"]!["left"] = 10;
        option["legend"] = new JObject { ["show"] = false };
        option["xAxis"] = Axis("value", $"difference{Unit(units)}", scale: false);
        option["yAxis"] = new JObject
        {
            ["type"] = "category", ["inverse"] = true, ["data"] = new JArray(boxes.Select(b => b.Scenario)),
            ["axisLabel"] = new JObject { ["width"] = 200, ["overflow"] = "truncate" },
        };
        option["series"] = new JArray(
            new JObject
            {
                ["type"] = "boxplot", ["name"] = "P5, P25, median, P75, P95", ["boxWidth"] = new JArray(8, 28),
                ["data"] = new JArray(boxes.Select(b => new JObject
                {
                    ["name"] = b.Scenario,
                    ["value"] = new JArray(Round(b.Difference.P5), Round(b.Difference.P25), Round(b.Difference.P50), Round(b.Difference.P75), Round(b.Difference.P95)),
                    ["itemStyle"] = new JObject { ["color"] = Palette[b.Colour % Palette.Length] + "33", ["borderColor"] = Palette[b.Colour % Palette.Length], ["borderWidth"] = 1.5 },
                })),
                ["markLine"] = ZeroLine("x"),
            },
            new JObject
            {
                ["type"] = "scatter", ["name"] = "mean", ["symbol"] = "diamond", ["symbolSize"] = 9,
                ["data"] = new JArray(boxes.Select(b => new JObject
                {
                    ["value"] = new JArray(Round(b.Difference.Mean), b.Scenario),
                    ["itemStyle"] = new JObject { ["color"] = Palette[b.Colour % Palette.Length] },
                })),
            });
        return option;
    }

    /// <summary>A tornado: each input's rank correlation with the difference, largest first, bars from 0.</summary>
    private static JObject Tornado(string title, IReadOnlyList<(string Input, double Rho)> bars)
    {
        var option = Base(title, "Spearman rank correlation of each sampled input with the paired difference");
        option["tooltip"] = new JObject { ["trigger"] = "item" };
        option["grid"]!["left"] = 10;
        option["xAxis"] = new JObject { ["type"] = "value", ["min"] = -1, ["max"] = 1, ["name"] = "rank correlation", ["nameLocation"] = "middle", ["nameGap"] = 30 };
        option["yAxis"] = new JObject
        {
            ["type"] = "category", ["inverse"] = true, ["data"] = new JArray(bars.Select(b => b.Input)),
            ["axisLabel"] = new JObject { ["width"] = 220, ["overflow"] = "truncate" },
        };
        option["legend"] = new JObject { ["show"] = false };
        option["series"] = new JArray(new JObject
        {
            ["type"] = "bar", ["name"] = "rank correlation",
            ["data"] = new JArray(bars.Select(b => new JObject
            {
                ["value"] = Round(b.Rho), ["itemStyle"] = new JObject { ["color"] = b.Rho >= 0 ? Palette[0] : Palette[1] },
            })),
        });
        return option;
    }

    /// <summary>The cost-effectiveness plane: each future's (ΔQALYs, Δcost) per scenario, the means, and the threshold lines.</summary>
    private static JObject Plane(string costUnits, IReadOnlyList<PlaneCloud> clouds, IReadOnlyList<double> thresholds,
        double qalyMin, double qalyMax)
    {
        var option = Base("Cost-effectiveness plane", "each point a future: change in QALYs and in cost against the baseline; lines: thresholds per QALY");
        option["tooltip"] = new JObject { ["trigger"] = "item" };
        option["xAxis"] = Axis("value", "QALYs gained");
        option["yAxis"] = Axis("value", $"extra cost{Unit(costUnits)}");
        var series = new JArray();
        foreach (var c in clouds)
            series.Add(new JObject
            {
                ["name"] = c.Scenario, ["type"] = "scatter", ["symbolSize"] = 4, ["color"] = Palette[c.Colour % Palette.Length],
                ["data"] = new JArray(c.Qalys.Zip(c.Costs, (q, k) => new JArray(Round(q), Round(k)))),
            });
        foreach (var (lambda, i) in thresholds.Select((t, i) => (t, i)))
            series.Add(new JObject
            {
                ["name"] = $"{Numbers.Threshold(lambda)} per QALY", ["type"] = "line", ["showSymbol"] = false, ["color"] = BaselineColour,
                ["lineStyle"] = new JObject { ["type"] = i == 0 ? "dashed" : "dotted" },
                ["data"] = new JArray(new JArray(Round(qalyMin), Round(lambda * qalyMin)), new JArray(Round(qalyMax), Round(lambda * qalyMax))),
            });
        option["series"] = series;
        return option;
    }

    /// <summary>The acceptability curve: the probability that each scenario is cost-effective against the baseline at each threshold.</summary>
    private static JObject Acceptability(IReadOnlyList<AcceptabilityCurve> curves, double[] grid, IReadOnlyList<double> thresholds)
    {
        var option = Base("Cost-effectiveness acceptability", "probability that the scenario's net monetary benefit is positive, by threshold per QALY");
        option["xAxis"] = Axis("value", "threshold per QALY", scale: false);
        option["yAxis"] = new JObject { ["type"] = "value", ["min"] = 0, ["max"] = 1, ["name"] = "probability cost-effective", ["nameLocation"] = "middle", ["nameGap"] = 40 };
        option["series"] = new JArray(curves.Select((c, i) => new JObject
        {
            ["name"] = c.Scenario, ["type"] = "line", ["showSymbol"] = false, ["color"] = Palette[c.Colour % Palette.Length],
            ["data"] = new JArray(grid.Zip(c.Probabilities, (x, p) => new JArray(Round(x), Round(p)))),
            ["markLine"] = i == 0 ? new JObject
            {
                ["silent"] = true, ["symbol"] = "none", ["lineStyle"] = new JObject { ["color"] = BaselineColour, ["type"] = "dashed" },
                ["data"] = new JArray(thresholds.Select(t => new JObject { ["xAxis"] = t })),
            } : null,
        }));
        return option;
    }

    /// <summary>A fan chart: the baseline's and a scenario's median with P25-P75 and P5-P95 bands over time.</summary>
    private static JObject Fan(string title, string? units, string timeUnits, double[] times, IReadOnlyList<Fan> fans)
    {
        var option = Base(title, "median, P25-P75 and P5-P95 across the futures");
        option["xAxis"] = Axis("value", $"time{Unit(timeUnits)}");
        option["yAxis"] = Axis("value", units ?? "");
        var series = new JArray();
        foreach (var (scenario, colour, bands) in fans.Select(f => (f.Scenario, f.Colour, f.Bands)))
        {
            double[] Edge(int i) => bands.Select(b => b[i]).ToArray();
            AddBand(series, scenario, $"{scenario} P5-P95", colour, 0.15, times, Edge(0), Edge(4));
            AddBand(series, scenario, $"{scenario} P25-P75", colour, 0.3, times, Edge(1), Edge(3));
            series.Add(new JObject
            {
                ["name"] = scenario, ["type"] = "line", ["showSymbol"] = false, ["color"] = colour, ["lineStyle"] = new JObject { ["width"] = 2 },
                ["data"] = new JArray(times.Select((t, k) => new JArray(Round(t), Round(bands[k][2])))),
            });
        }
        option["series"] = series;
        return option;
    }

    /// <summary>Observations as points over each model band (a shaded Low-High range, as the fan's, and its middle line).</summary>
    private static JObject Observed(ObservedChart chart)
    {
        var option = Base(chart.Series, chart.Subtitle);
        option["xAxis"] = Axis("value", $"time{Unit(chart.TimeUnits)}");
        option["yAxis"] = Axis("value", chart.Series);
        var series = new JArray();
        JArray Points(double[] ys) => new(chart.Times.Select((t, k) => new JArray(Round(t), Round(ys[k]))));
        foreach (var band in chart.Bands)
        {
            if (band is { Low: { } low, High: { } high }) AddBand(series, band.Name, band.Name + " band", band.Colour, 0.2, chart.Times, low, high);
            series.Add(new JObject
            {
                ["name"] = band.Name, ["type"] = "line", ["showSymbol"] = false, ["color"] = band.Colour, ["lineStyle"] = new JObject { ["width"] = 2 },
                ["data"] = Points(band.Mid),
            });
        }
        series.Add(new JObject
        {
            ["name"] = "observed", ["type"] = "scatter", ["symbolSize"] = 5, ["color"] = "#000000",
            ["data"] = new JArray(chart.Times.Select((t, k) => (t, y: chart.Observed[k])).Where(p => double.IsFinite(p.y)).Select(p => new JArray(Round(p.t), Round(p.y)))),
        });
        option["series"] = series;
        return option;
    }

    /// <summary>
    /// A shaded band between <paramref name="low"/> and <paramref name="high"/> over time, as two stacked areas: an
    /// invisible lower edge, then the band's width on top of it. Both carry the band's name and colour: the legend
    /// shows the first series of a name, and one without a colour would take ECharts' own palette. Points are written (value, time) with the axes named
    /// by "encode": with two value axes ECharts stacks the first dimension of the data, so (time, value) would stack
    /// the times and draw the band at twice its times.
    /// </summary>
    private static void AddBand(JArray series, string name, string stack, string colour, double opacity, double[] times, double[] low, double[] high)
    {
        JArray Points(Func<int, double> y) => new(times.Select((t, k) => new JArray(Round(y(k)), Round(t))));
        var encode = new JObject { ["x"] = 1, ["y"] = 0 };
        series.Add(new JObject
        {
            ["name"] = name, ["type"] = "line", ["stack"] = stack, ["encode"] = encode, ["showSymbol"] = false, ["silent"] = true, ["color"] = colour,
            ["lineStyle"] = new JObject { ["opacity"] = 0 }, ["tooltip"] = new JObject { ["show"] = false }, ["data"] = Points(k => low[k]),
        });
        series.Add(new JObject
        {
            ["name"] = name, ["type"] = "line", ["stack"] = stack, ["encode"] = encode.DeepClone(), ["showSymbol"] = false, ["silent"] = true, ["color"] = colour,
            ["lineStyle"] = new JObject { ["opacity"] = 0 }, ["areaStyle"] = new JObject { ["opacity"] = opacity, ["color"] = colour },
            ["tooltip"] = new JObject { ["show"] = false }, ["data"] = Points(k => high[k] - low[k]),
        });
    }

    private static JObject ZeroLine(string axis) => new()
    {
        ["silent"] = true, ["symbol"] = "none", ["label"] = new JObject { ["formatter"] = "no change" },
        ["lineStyle"] = new JObject { ["color"] = BaselineColour, ["type"] = "dashed" },
        ["data"] = new JArray(new JObject { [axis == "x" ? "xAxis" : "yAxis"] = 0 }),
    };

    private static string Unit(string? units) => string.IsNullOrWhiteSpace(units) ? "" : $" ({units})";

    /// <summary>Six significant digits: enough for a chart, and keeps the page small.</summary>
    internal static JToken Round(double x) => double.IsFinite(x) ? new JValue(double.Parse(x.ToString("G6", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture)) : JValue.CreateNull();
}
