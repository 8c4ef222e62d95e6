using ScottPlot;
using Simulation.Reporting.Report;

namespace Simulation.Reporting.Plots;

/// <summary>
/// The charts of a sensitivity analysis and a scenario discovery as images for slides, from the same chart data the
/// report draws: measures with their intervals, measures over time, PRIM's trade-off and box.
/// </summary>
public static class AnalysisSlides
{
    /// <summary>Draws an analysis chart on <paramref name="plot"/>; returns whether it wants a legend, or null for another kind of chart.</summary>
    public static bool? Draw(Plot plot, ChartSpec chart)
    {
        switch (chart)
        {
            case IndexChart c:
                Indices(plot, c);
                return c.Series.Count > 1;
            case IndexOverTimeChart o:
                foreach (var line in o.Lines)
                {
                    var l = plot.Add.ScatterLine(o.Times, line.Values, Colour(line.Colour));
                    l.LineWidth = 2;
                    l.LegendText = line.Input;
                }
                plot.XLabel(o.TimeUnits is { Length: > 0 } u ? $"time ({u})" : "time");
                plot.YLabel(o.Measure);
                return true;
            case TradeoffChart t:
                var path = plot.Add.ScatterLine(t.Coverage, t.Density, Colour(0));
                path.LineWidth = 2;
                path.MarkerSize = 6;
                path.LegendText = "peeling trajectory";
                if (t.Chosen < t.Coverage.Length)
                {
                    var chosen = plot.Add.Marker(t.Coverage[t.Chosen], t.Density[t.Chosen], MarkerShape.FilledDiamond, 14, Colour(1));
                    chosen.LegendText = $"chosen (step {t.Chosen})";
                }
                plot.Axes.SetLimits(0, 1.02, 0, 1.02);
                plot.XLabel("coverage (share of the runs of interest in the box)");
                plot.YLabel("density (share of the box's runs of interest)");
                return true;
            case BoxChart b:
                var bars = b.Limits.Select((l, i) => new Bar
                {
                    Position = b.Limits.Count - 1 - i, ValueBase = l.Low, Value = l.High, FillColor = Colour(0),
                }).ToList();
                plot.Add.Bars(bars).Horizontal = true;
                InputTicks(plot, b.Limits.Select(l => l.Input).ToList());
                plot.Axes.SetLimitsX(0, 1);
                plot.XLabel("position in the input's range across the runs (0 lowest, 1 highest)");
                return false;
            default:
                return null;
        }
    }

    /// <summary>Each measure's interval as a line and its estimate as a point, the measures side by side around each input's row.</summary>
    private static void Indices(Plot plot, IndexChart chart)
    {
        int n = chart.Inputs.Count, m = chart.Series.Count;
        for (int s = 0; s < m; s++)
        {
            var series = chart.Series[s];
            var colour = Colour(series.Colour);
            double offset = m == 1 ? 0 : 0.3 * (0.5 - (double)s / (m - 1));
            bool labelled = false;
            for (int i = 0; i < n; i++)
            {
                if (series.Estimates[i] is not { } e) continue;
                double y = n - 1 - i + offset;
                var interval = plot.Add.Line(e.Low, y, e.High, y);
                interval.Color = colour;
                interval.LineWidth = 3;
                var point = plot.Add.Marker(e.Value, y, MarkerShape.FilledCircle, 9, colour);
                if (!labelled) point.LegendText = series.Name;
                labelled = true;
            }
        }
        InputTicks(plot, chart.Inputs);
        if (chart.AxisMin is double min && chart.AxisMax is double max) plot.Axes.SetLimitsX(min, max);
        plot.Add.VerticalLine(0, 1, Colors.Gray);
        plot.XLabel($"{chart.Axis} (points: estimates; lines: 95% intervals)");
    }

    private static void InputTicks(Plot plot, IReadOnlyList<string> inputs) =>
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            inputs.Select((_, i) => (double)(inputs.Count - 1 - i)).ToArray(), inputs.ToArray());

    private static Color Colour(int k) => Color.FromHex(ReportCharts.Palette[k % ReportCharts.Palette.Length]);
}
