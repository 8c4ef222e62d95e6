using System.Globalization;
using System.Text;
using Simulation.Reporting.Text;
using static Simulation.Reporting.Report.HtmlReport;

namespace Simulation.Reporting.Report;

/// <summary>
/// The report's sections for the analyses beside a sweep (<see cref="AnalysisData"/>): which assumptions matter
/// (sim sensitivity) and under which combinations of them an outcome crosses a threshold (sim discover). A section
/// appears only when its files are in the folder.
/// </summary>
public static class AnalysisSections
{
    public static IEnumerable<(string Id, string Title)> Contents(AnalysisData data)
    {
        if (data.Method is not null) yield return ("sensitivity", "Which assumptions matter");
        if (data.Discoveries.Count > 0) yield return ("discovery", "When an outcome crosses a threshold");
    }

    public static void Append(AnalysisData data, StringBuilder page)
    {
        if (data.Method is { } method) Sensitivity(data, method, page);
        if (data.Discoveries.Count > 0) Discovery(data, page);
    }

    private static void Sensitivity(AnalysisData data, string method, StringBuilder page)
    {
        string lead = method switch
        {
            "sobol" => "Sobol' indices (sim sensitivity --method sobol): for each headline outcome of the baseline, and for each scenario's paired difference from it, " +
                       "the share of the variance across the futures that each uncertain input explains on its own (S1) and together with its interactions (ST). " +
                       "An input with a small ST can be fixed anywhere in its range without changing the result; one with a large ST is worth local data.",
            "morris" => "Morris screening (sim sensitivity --method morris): mu*, the mean size of the change in each outcome, or in each scenario's difference from the baseline, " +
                        "when one input moves half its range. Inputs with a small mu* can be fixed; mu* ranks, it does not apportion variance.",
            _ => "Partial rank correlations (sim sensitivity --method correlation): how strongly each input's rank goes with the outcome's, or with each scenario's " +
                 "difference from the baseline, once the other inputs are accounted for. Signed: positive when the outcome rises with the input.",
        };
        page.Append($"<section id=\"sensitivity\"><h2>Which assumptions matter</h2>\n<p>{H(lead)} Every scenario, outcome and input is in sensitivity.csv (docs/sensitivity.md).</p>\n");
        var tornadoes = data.Charts.OfType<IndexChart>().ToList();
        if (tornadoes.Count > 0)
        {
            page.Append("<div class=\"grid\">");
            foreach (var c in tornadoes) Figure(page, c, "small");
            page.Append("</div>\n");
        }
        if (data.Notes.Count > 0)
            page.Append("<p class=\"note\">Not drawn: </p><ul class=\"note\">" + string.Concat(data.Notes.Select(n => $"<li>{H(n)}</li>")) + "</ul>\n");
        var overTime = data.Charts.OfType<IndexOverTimeChart>().ToList();
        if (overTime.Count > 0)
        {
            page.Append($"<h3>Over time</h3>\n<p>How the {H(overTime[0].Measure)} of the inputs that matter most for each recorded series changes over the run: an input can drive the first years and not the last (sensitivity-over-time.csv).</p>\n<div class=\"grid\">");
            foreach (var c in overTime) Figure(page, c, "wide");
            page.Append("</div>\n");
        }
        page.Append("</section>\n");
    }

    private static void Discovery(AnalysisData data, StringBuilder page)
    {
        page.Append("<section id=\"discovery\"><h2>When an outcome crosses a threshold</h2>\n<p>Scenario discovery (sim discover): PRIM peels the ranges of the sampled " +
                    "inputs to find a box of futures where the runs of interest are concentrated. Coverage is the share of all runs of interest inside the box, density " +
                    "the share of the box's runs that are of interest; the trajectory shows the trade-off between them, and the box the limits that define it.</p>\n");
        foreach (var d in data.Discoveries)
        {
            string share = d.Runs > 0 ? Numbers.Percent((double)d.OfInterest / d.Runs) : "–";
            page.Append($"<h3>{H(d.Question)}</h3>\n<p class=\"meta\">{d.OfInterest:N0} of {d.Runs:N0} runs are of interest ({H(share)}); from {H(d.File)}.</p>\n<div class=\"grid\">");
            foreach (var b in d.Boxes)
            {
                if (d.Trajectories.FirstOrDefault(t => t.Box == b.Box) is { Coverage.Length: > 0 } t) Figure(page, t, "small");
                if (b.Limits.Count > 0) Figure(page, b, "small");
            }
            page.Append("</div>\n");
            foreach (var b in d.Boxes) Limits(b, page);
        }
        page.Append("</section>\n");
    }

    private static void Limits(BoxChart box, StringBuilder page)
    {
        if (box.Limits.Count == 0)
        {
            page.Append($"<p class=\"note\">Box {box.Box}: no restriction beats taking every run; the runs of interest are spread across the inputs' ranges.</p>\n");
            return;
        }
        page.Append($"<table class=\"box\"><caption>Box {box.Box}: coverage {H(Numbers.Percent(box.Coverage))}, density {H(Numbers.Percent(box.Density))}, " +
                    $"mass {H(Numbers.Percent(box.Mass))}. The restricted inputs, their limits, and each one's quasi-p-value (how unlikely the restriction is by chance).</caption>" +
                    "<thead><tr><th scope=\"col\">input</th><th scope=\"col\">min</th><th scope=\"col\">max</th><th scope=\"col\">range across the runs</th><th scope=\"col\">quasi-p</th></tr></thead><tbody>\n");
        foreach (var l in box.Limits)
            page.Append($"<tr><th scope=\"row\">{H(l.Input)}</th><td class=\"num\" data-min=\"{Raw(l.Min)}\">{H(Numbers.Format(l.Min))}</td>" +
                        $"<td class=\"num\" data-max=\"{Raw(l.Max)}\">{H(Numbers.Format(l.Max))}</td><td class=\"num\">{H(Numbers.Format(l.RangeMin))} .. {H(Numbers.Format(l.RangeMax))}</td>" +
                        $"<td class=\"num\">{(l.QuasiP is double p ? p < 0.001 ? "&lt;0.001" : p.ToString("0.000", CultureInfo.InvariantCulture) : "")}</td></tr>\n");
        page.Append("</tbody></table>\n");
    }
}
