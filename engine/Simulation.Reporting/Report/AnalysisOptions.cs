using Newtonsoft.Json.Linq;
using static Simulation.Reporting.Report.ReportCharts;

namespace Simulation.Reporting.Report;

/// <summary>ECharts options for the charts of a sensitivity analysis and a scenario discovery (plain data, as every report chart).</summary>
public static class AnalysisOptions
{
    /// <summary>
    /// A tornado of measures with their intervals: per input, one box per measure spanning its 95% interval with a line
    /// at the estimate (a boxplot whose quartiles are the interval's ends, so no script is needed to draw it).
    /// </summary>
    public static JObject Indices(IndexChart chart)
    {
        var option = Base(chart.Title, chart.Series.Count > 1 ? "boxes: 95% intervals; lines: estimates" : "box: 95% interval; line: estimate");
        option["tooltip"] = new JObject { ["trigger"] = "item" };
        option["grid"]!["left"] = 10;
        var x = new JObject { ["type"] = "value", ["name"] = chart.Axis, ["nameLocation"] = "middle", ["nameGap"] = 30 };
        if (chart.AxisMin is double min) x["min"] = min;
        if (chart.AxisMax is double max) x["max"] = max;
        option["xAxis"] = x;
        option["yAxis"] = new JObject
        {
            ["type"] = "category", ["inverse"] = true, ["data"] = new JArray(chart.Inputs),
            ["axisLabel"] = new JObject { ["width"] = 220, ["overflow"] = "truncate" },
        };
        option["series"] = new JArray(chart.Series.Select(s => new JObject
        {
            ["name"] = s.Name, ["type"] = "boxplot", ["color"] = Palette[s.Colour % Palette.Length], ["boxWidth"] = new JArray(6, 16),
            ["itemStyle"] = new JObject { ["color"] = Palette[s.Colour % Palette.Length] + "55", ["borderColor"] = Palette[s.Colour % Palette.Length], ["borderWidth"] = 1.5 },
            ["data"] = new JArray(s.Estimates.Select(e => e is null ? (JToken)"-" : new JArray(Round(e.Low), Round(e.Low), Round(e.Value), Round(e.High), Round(e.High)))),
        }));
        return option;
    }

    /// <summary>A measure of the leading inputs over the run, a line per input.</summary>
    public static JObject OverTime(IndexOverTimeChart chart)
    {
        var option = Base(chart.Title, $"{chart.Measure} at each saved time");
        option["xAxis"] = Axis("value", chart.TimeUnits is { Length: > 0 } u ? $"time ({u})" : "time");
        option["yAxis"] = Axis("value", chart.Measure);
        option["series"] = new JArray(chart.Lines.Select(l => new JObject
        {
            ["name"] = l.Input, ["type"] = "line", ["showSymbol"] = chart.Times.Length < 30, ["color"] = Palette[l.Colour % Palette.Length],
            ["data"] = new JArray(chart.Times.Zip(l.Values, (t, v) => new JArray(Round(t), Round(v)))),
        }));
        return option;
    }

    /// <summary>PRIM's trade-off: density against coverage along the peeling trajectory, the chosen step marked.</summary>
    public static JObject Tradeoff(TradeoffChart chart)
    {
        var option = Base(chart.Title, "each point a step of the peeling trajectory; larger: more inputs restricted");
        option["tooltip"] = new JObject { ["trigger"] = "item" };
        option["xAxis"] = new JObject { ["type"] = "value", ["min"] = 0, ["max"] = 1, ["name"] = "coverage (share of the runs of interest in the box)", ["nameLocation"] = "middle", ["nameGap"] = 30 };
        option["yAxis"] = new JObject { ["type"] = "value", ["min"] = 0, ["max"] = 1, ["name"] = "density (share of the box's runs of interest)", ["nameLocation"] = "middle", ["nameGap"] = 40 };
        var points = new JArray(chart.Coverage.Select((c, i) => new JObject
        {
            ["value"] = new JArray(Round(c), Round(chart.Density[i]), chart.Restricted[i]),
            ["symbolSize"] = 6 + 2 * Math.Min(chart.Restricted[i], 6),
        }));
        option["series"] = new JArray(
            new JObject
            {
                ["name"] = "trajectory", ["type"] = "line", ["color"] = Palette[0], ["symbol"] = "circle", ["data"] = points,
            },
            new JObject
            {
                ["name"] = $"chosen (step {chart.Chosen})", ["type"] = "scatter", ["color"] = Palette[1], ["symbolSize"] = 16, ["symbol"] = "diamond", ["z"] = 3,
                ["data"] = chart.Chosen < chart.Coverage.Length ? new JArray(new JArray(Round(chart.Coverage[chart.Chosen]), Round(chart.Density[chart.Chosen]))) : new JArray(),
            });
        return option;
    }

    /// <summary>A PRIM box: for each restricted input, the part of its range the box keeps (a stacked bar after an invisible offset).</summary>
    public static JObject Box(BoxChart chart)
    {
        var option = Base(chart.Title, $"coverage {Percent(chart.Coverage)}, density {Percent(chart.Density)}, mass {Percent(chart.Mass)}");
        option["tooltip"] = new JObject { ["trigger"] = "item" };
        option["grid"]!["left"] = 10;
        option["legend"] = new JObject { ["show"] = false };
        option["xAxis"] = new JObject { ["type"] = "value", ["min"] = 0, ["max"] = 1, ["name"] = "position in the input's range across the runs", ["nameLocation"] = "middle", ["nameGap"] = 30 };
        option["yAxis"] = new JObject
        {
            ["type"] = "category", ["inverse"] = true, ["data"] = new JArray(chart.Limits.Select(l => l.Input)),
            ["axisLabel"] = new JObject { ["width"] = 220, ["overflow"] = "truncate" },
        };
        option["series"] = new JArray(
            new JObject
            {
                ["name"] = "below the box", ["type"] = "bar", ["stack"] = "box", ["silent"] = true, ["itemStyle"] = new JObject { ["color"] = "#eeeeee" },
                ["tooltip"] = new JObject { ["show"] = false }, ["data"] = new JArray(chart.Limits.Select(l => Round(l.Low))),
            },
            new JObject
            {
                ["name"] = "the box", ["type"] = "bar", ["stack"] = "box", ["color"] = Palette[0],
                ["data"] = new JArray(chart.Limits.Select(l => Round(l.High - l.Low))),
            },
            new JObject
            {
                ["name"] = "above the box", ["type"] = "bar", ["stack"] = "box", ["silent"] = true, ["itemStyle"] = new JObject { ["color"] = "#eeeeee" },
                ["tooltip"] = new JObject { ["show"] = false }, ["data"] = new JArray(chart.Limits.Select(l => Round(1 - l.High))),
            });
        return option;
    }

    private static string Percent(double share) => double.IsFinite(share) ? (100 * share).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%" : "–";
}
