using System.Text;

namespace Simulation.Reporting.Report;

/// <summary>A table of the page: a caption, a header row and rows of cells (text; right-aligned from <see cref="FirstNumber"/> on).</summary>
public sealed record PageTable(string Caption, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, int FirstNumber = 1);

/// <summary>
/// A self-contained page of observed data against a model, styled and drawn as the sweep report is (the same stylesheet,
/// inlined ECharts and chart script): a calibration's fit (<c>fit.html</c>) and an evaluation against its
/// counterfactual (<c>evaluation.html</c>). Opens from disk with no network.
/// </summary>
public static class ObservedPage
{
    /// <param name="title">The page's heading (the fit's or the experiment's name).</param>
    /// <param name="lead">What the page shows and how to read it.</param>
    /// <param name="tables">Tables before the charts (estimates, fit statistics).</param>
    /// <param name="charts">One chart per series.</param>
    /// <param name="notes">Terms and values for the footer (how the results were made).</param>
    public static string Render(string generator, string title, string lead, IReadOnlyList<PageTable> tables, IReadOnlyList<ObservedChart> charts,
        IReadOnlyList<(string Term, string Value)> notes)
    {
        string H(string s) => HtmlReport.H(s);
        var page = new StringBuilder($"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="generator" content="{H(generator)}">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{H(title)}</title>
            <style>{HtmlReport.Style}</style>
            <script>{HtmlReport.Library()}</script>
            </head><body>
            <header><h1>{H(title)}</h1><p class="question">{H(lead)}</p></header>

            """);
        foreach (var table in tables)
        {
            page.Append($"<table><caption>{H(table.Caption)}</caption><thead><tr>");
            foreach (var h in table.Header) page.Append($"<th scope=\"col\">{H(h)}</th>");
            page.Append("</tr></thead><tbody>\n");
            foreach (var row in table.Rows)
            {
                page.Append("<tr>");
                for (int i = 0; i < row.Count; i++) page.Append(i >= table.FirstNumber ? $"<td class=\"num\">{H(row[i])}</td>" : $"<td>{H(row[i])}</td>");
                page.Append("</tr>\n");
            }
            page.Append("</tbody></table>\n");
        }
        page.Append("<section id=\"series\"><h2>Observed against the model</h2>\n<div class=\"grid\">");
        foreach (var chart in charts) HtmlReport.Figure(page, chart, "wide");
        page.Append("</div></section>\n<footer><h2>How these were made</h2><dl>");
        foreach (var (term, value) in notes) page.Append($"<dt>{H(term)}</dt><dd>{H(value)}</dd>");
        page.Append("<dt>charts</dt><dd>drawn with ECharts 6.0.0 (Apache-2.0, licence notice in the page's source)</dd></dl></footer>\n");
        page.Append(HtmlReport.ChartScript(charts)).Append("</body></html>");
        return page.ToString();
    }
}
