using ScottPlot;
using Simulation.Reporting.Report;
using Simulation.Reporting.Text;

namespace Simulation.Reporting.Plots;

/// <summary>
/// The report's charts as images for slides (<c>sim plot</c>), drawn with ScottPlot from the same chart data the HTML
/// report draws: a title, axis labels with units, a legend, numbers written as the tables write them.
/// </summary>
public static class SlideCharts
{
    public const int Width = 1000, Height = 600;

    /// <summary>Draws <paramref name="chart"/> into <paramref name="path"/>: PNG or SVG by its extension.</summary>
    public static void Save(ChartSpec chart, string path, int width = Width, int height = Height)
    {
        var plot = Draw(chart);
        switch (System.IO.Path.GetExtension(path).ToLowerInvariant())
        {
            case ".png": plot.SavePng(path, width, height); break;
            case ".svg": plot.SaveSvg(path, width, height); break;
            default: throw new ReportingException($"cannot draw an image as '{System.IO.Path.GetExtension(path)}'", "name the output file .png or .svg");
        }
    }

    public static Plot Draw(ChartSpec chart)
    {
        var plot = new Plot();
        plot.Title(chart.Title);
        switch (chart)
        {
            case DifferenceChart d:
                // One row per scenario, top to bottom as listed: box P25-P75 with the median, whiskers P5-P95, diamond the mean.
                for (int i = 0; i < d.Boxes.Count; i++)
                {
                    var (box, y) = (d.Boxes[i], d.Boxes.Count - 1 - i);
                    var q = box.Difference;
                    // ScottPlot 5.1 draws only vertical boxes: this one is drawn from its parts.
                    var colour = Colour(box.Colour);
                    var rectangle = plot.Add.Rectangle(q.P25, q.P75, y - 0.25, y + 0.25);
                    rectangle.FillColor = colour.WithAlpha(0.2);
                    rectangle.LineColor = colour;
                    rectangle.LineWidth = 1.5f;
                    foreach (var (x1, y1, x2, y2) in new[] { (q.P5, y, q.P25, y), (q.P75, y, q.P95, y), (q.P5, y - 0.12, q.P5, y + 0.12),
                                 (q.P95, y - 0.12, q.P95, y + 0.12), (q.P50, y - 0.25, q.P50, y + 0.25) })
                    {
                        var part = plot.Add.Line(x1, y1, x2, y2);
                        part.Color = colour;
                        part.LineWidth = 1.5f;
                    }
                    var mean = plot.Add.Marker(q.Mean, y, MarkerShape.FilledDiamond, 9, Colour(box.Colour));
                    if (i == 0) mean.LegendText = "mean";
                }
                plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                    d.Boxes.Select((_, i) => (double)(d.Boxes.Count - 1 - i)).ToArray(), d.Boxes.Select(b => b.Scenario).ToArray());
                plot.Add.VerticalLine(0, 1, Colors.Gray, LinePattern.Dashed).LegendText = "no change";
                plot.XLabel($"difference from the baseline{Unit(d.Units)}: P5, P25, median, P75, P95");
                break;
            case TornadoChart t:
                var bars = t.Bars.Select((b, i) => new Bar
                {
                    Position = t.Bars.Count - 1 - i, Value = b.Rho, FillColor = Color.FromHex(b.Rho >= 0 ? ReportCharts.Palette[0] : ReportCharts.Palette[1]),
                }).ToList();
                var barPlot = plot.Add.Bars(bars);
                barPlot.Horizontal = true;
                plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                    t.Bars.Select((_, i) => (double)(t.Bars.Count - 1 - i)).ToArray(), t.Bars.Select(b => b.Input).ToArray());
                plot.Axes.SetLimitsX(-1, 1);
                plot.Add.VerticalLine(0, 1, Colors.Gray);
                plot.XLabel("rank correlation with the difference (Spearman)");
                return Finish(plot, legend: false);
            case PlaneChart p:
                foreach (var cloud in p.Clouds)
                {
                    var points = plot.Add.ScatterPoints(cloud.Qalys, cloud.Costs, Colour(cloud.Colour));
                    points.MarkerSize = 4;
                    points.LegendText = cloud.Scenario;
                }
                foreach (var (lambda, i) in p.Thresholds.Select((l, i) => (l, i)))
                {
                    var line = plot.Add.Line(p.QalyMin, lambda * p.QalyMin, p.QalyMax, lambda * p.QalyMax);
                    line.Color = Colors.Gray;
                    line.LinePattern = i == 0 ? LinePattern.Dashed : LinePattern.Dotted;
                    line.LegendText = $"{Numbers.Threshold(lambda)} per QALY";
                }
                Labels(plot, "QALYs gained", $"extra cost{Unit(p.CostUnits)}");
                break;
            case AcceptabilityChart a:
                foreach (var curve in a.Curves) Line(plot, a.Grid, curve.Probabilities, curve.Scenario, Colour(curve.Colour));
                foreach (double t in a.Thresholds) plot.Add.VerticalLine(t, 1, Colors.Gray, LinePattern.Dashed);
                plot.Axes.SetLimitsY(0, 1);
                Labels(plot, "threshold per QALY", "probability cost-effective");
                break;
            case FanChart f:
                foreach (var fan in f.Fans)
                {
                    var colour = Color.FromHex(fan.Colour);
                    double[] Band(int k) => fan.Bands.Select(b => b[k]).ToArray();
                    plot.Add.FillY(f.Times, Band(0), Band(4)).FillColor = colour.WithAlpha(0.15);
                    plot.Add.FillY(f.Times, Band(1), Band(3)).FillColor = colour.WithAlpha(0.3);
                    Line(plot, f.Times, Band(2), $"{fan.Scenario} (median, P25-P75, P5-P95)", colour);
                }
                Labels(plot, $"time{Unit(f.TimeUnits)}", f.Units ?? f.Variable);
                break;
            case ObservedChart o:
                foreach (var band in o.Bands)
                {
                    var colour = Color.FromHex(band.Colour);
                    if (band is { Low: { } low, High: { } high }) plot.Add.FillY(o.Times, low, high).FillColor = colour.WithAlpha(0.2);
                    Line(plot, o.Times, band.Mid, band.Name, colour);
                }
                var seen = o.Times.Select((t, k) => (t, y: o.Observed[k])).Where(p => double.IsFinite(p.y)).ToArray();
                var observed = plot.Add.ScatterPoints(seen.Select(p => p.t).ToArray(), seen.Select(p => p.y).ToArray(), Colors.Black);
                observed.MarkerSize = 5;
                observed.LegendText = "observed";
                Labels(plot, $"time{Unit(o.TimeUnits)}", o.Series);
                break;
            case RunChart r:
                int k = 0;
                foreach (var (name, units, values) in r.Lines) Line(plot, r.Times, values, name + Unit(units), Colour(k++));
                Labels(plot, $"time{Unit(r.TimeUnits)}", r.ValueLabel ?? string.Join(", ", r.Lines.Select(l => l.Units).Distinct().Where(u => !string.IsNullOrEmpty(u))));
                break;
            default:
                return Finish(plot, AnalysisSlides.Draw(plot, chart) ?? throw new ArgumentException($"no image form for {chart.GetType().Name}"));
        }
        return Finish(plot, legend: true);
    }

    private static void Line(Plot plot, double[] xs, double[] ys, string label, Color colour)
    {
        var line = plot.Add.ScatterLine(xs, ys, colour);
        line.LineWidth = 2;
        line.LegendText = label;
    }

    private static void Labels(Plot plot, string x, string y)
    {
        plot.XLabel(x);
        plot.YLabel(y);
    }

    private static Plot Finish(Plot plot, bool legend)
    {
        plot.Axes.Bottom.TickGenerator = Ticks(plot.Axes.Bottom.TickGenerator);
        plot.Axes.Left.TickGenerator = Ticks(plot.Axes.Left.TickGenerator);
        if (legend) plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    /// <summary>Numeric ticks labelled as the tables write numbers (k, M, bn); other tick generators are kept.</summary>
    private static ITickGenerator Ticks(ITickGenerator current) =>
        current is ScottPlot.TickGenerators.NumericAutomatic ? new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = Numbers.Format } : current;

    private static Color Colour(int k) => Color.FromHex(ReportCharts.Palette[k % ReportCharts.Palette.Length]);

    private static string Unit(string? units) => string.IsNullOrWhiteSpace(units) ? "" : $" ({units})";
}
