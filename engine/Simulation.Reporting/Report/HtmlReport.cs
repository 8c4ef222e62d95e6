using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Simulation.Engine.Scenarios.Summary;
using Simulation.Reporting.Text;

namespace Simulation.Reporting.Report;

/// <summary>
/// The sweep as one self-contained HTML page for a board paper: every script and style inlined (the vendored ECharts
/// with its licence notice), no request leaves the machine, accessible tables, and print styles for PDF. Table cells
/// carry the summary's raw numbers in data- attributes, so a test can check them against summary.json.
/// </summary>
public static class HtmlReport
{
    /// <summary>Marks a file as a report sim made (and may replace).</summary>
    public const string Generator = "sim report";

    public static string Render(SweepFolder folder)
    {
        var summary = folder.Summary;
        var data = ReportData.Build(folder);
        var analysis = AnalysisData.Build(folder);
        var page = new StringBuilder();
        var about = summary.About;
        page.Append($"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="generator" content="{Generator}">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{H(summary.Experiment)}</title>
            <style>{Style}</style>
            <script>{Library()}</script>
            </head><body>
            <header><h1>{H(summary.Experiment)}</h1>
            """);
        if (about?.Question is { } q) page.Append($"<p class=\"question\">{H(q)}</p>");
        page.Append($"<p class=\"meta\">{H(Cells.Runs(summary))}. Differences are paired: every scenario faces the same sampled futures.");
        if (summary.HistoryMatch is { } match) page.Append($" {H(match.Describe())}.");
        page.Append("</p></header>\n<nav aria-label=\"Contents\"><ol><li><a href=\"#headline\">Headline</a></li><li><a href=\"#scenarios\">Scenarios</a></li>" +
                    "<li><a href=\"#differences\">How the differences spread</a></li><li><a href=\"#drivers\">What drives them</a></li>" +
                    (summary.CostEffectiveness is null ? "" : "<li><a href=\"#cost-effectiveness\">Cost-effectiveness</a></li>") +
                    string.Concat(AnalysisSections.Contents(analysis).Select(c => $"<li><a href=\"#{c.Id}\">{H(c.Title)}</a></li>")) +
                    "<li><a href=\"#over-time\">Over time</a></li><li><a href=\"#inputs\">Uncertain inputs</a></li><li><a href=\"#all-outcomes\">Every outcome</a></li>" +
                    "<li><a href=\"#reproduce\">Reproduce</a></li></ol></nav>\n");
        Headline(summary, page);
        Scenarios(summary, page);
        Section(page, "differences", "How the differences spread",
            "For each headline outcome, how each scenario's paired difference from the baseline is spread across the futures: the box holds the middle half of the futures (P25 to P75, the line the median), the whiskers reach P5 and P95, the diamond is the mean. A box and whiskers wholly on the better side of 0 is a robust result.",
            data.Charts.Where(c => c.Section == "differences"));
        Drivers(summary, data, page);
        if (summary.CostEffectiveness is { } ce)
            Section(page, "cost-effectiveness", "Cost-effectiveness",
                $"Cost is {ce.Cost}, benefit {ce.Qalys}. Points below a threshold line are cost-effective at that threshold; the acceptability curve gives the share of futures in which each scenario is.",
                data.Charts.Where(c => c.Section == "cost-effectiveness"));
        AnalysisSections.Append(analysis, page);
        OverTime(summary, data, page);
        Inputs(summary, page);
        AllOutcomes(summary, page);
        Footer(summary, page);
        page.Append(ChartScript(data.Charts.Concat(analysis.Charts))).Append("</body></html>");
        return page.ToString();
    }

    /// <summary>The script that draws <paramref name="charts"/> into their figures (ids) with the inlined library, SVG renderer; sets body data-charts when done.</summary>
    internal static string ChartScript(IEnumerable<ChartSpec> charts)
    {
        var options = new JArray(charts.Select(c => new JObject { ["id"] = c.Id, ["option"] = ReportCharts.Option(c) }));
        return new StringBuilder("<script>\nconst charts = ").Append(options.ToString(Formatting.None).Replace("</", "<\\/")).Append(";\n").Append("""
            // Axis numbers as the tables write them: four significant digits, k, M and bn.
            const compact = v => { const a = Math.abs(v), g = x => String(+x.toPrecision(4));
              return a >= 1e9 ? g(v / 1e9) + 'bn' : a >= 1e6 ? g(v / 1e6) + 'M' : a >= 1e4 ? g(v / 1e3) + 'k' : g(v); };
            for (const c of charts) {
              for (const axis of [].concat(c.option.xAxis || [], c.option.yAxis || []))
                if (axis.type === 'value') axis.axisLabel = Object.assign({}, axis.axisLabel, { formatter: compact });
              const chart = echarts.init(document.getElementById(c.id), null, { renderer: 'svg' });
              chart.setOption(c.option);
            }
            document.body.dataset.charts = String(charts.length);
            </script>

            """).ToString();
    }

    private static void Headline(SweepSummary summary, StringBuilder page)
    {
        page.Append("<section id=\"headline\"><h2>Headline</h2>\n");
        if (summary.CostEffectiveness is { } ce)
        {
            page.Append($"<table class=\"ranking\"><caption>Scenarios ranked by expected net monetary benefit (NMB, {H(ce.Units ?? "")}) against the baseline; " +
                        "P(best): the share of futures in which the scenario has the highest NMB.</caption><thead><tr><th scope=\"col\">rank</th><th scope=\"col\">scenario</th>");
            foreach (var r in ce.Rankings) page.Append($"<th scope=\"col\">mean NMB at {H(Numbers.Threshold(r.Threshold))}/QALY</th><th scope=\"col\">P(best)</th>");
            page.Append("</tr></thead><tbody>");
            int rank = 0;
            foreach (var e in ce.Rankings[0].Scenarios)
            {
                page.Append($"<tr><td>{++rank}</td><th scope=\"row\">{H(e.Scenario)}</th>");
                foreach (var r in ce.Rankings)
                {
                    var x = r.Scenarios.First(y => y.Scenario == e.Scenario);
                    page.Append($"<td class=\"num\" data-ranking=\"{Raw(r.Threshold)}\" data-scenario=\"{H(x.Scenario)}\" data-mean=\"{Raw(x.MeanNetBenefit)}\">{H(Numbers.Signed(x.MeanNetBenefit))}</td>" +
                                $"<td class=\"num\" data-ranking=\"{Raw(r.Threshold)}\" data-scenario=\"{H(x.Scenario)}\" data-pbest=\"{Raw(x.PBest)}\">{H(Numbers.Percent(x.PBest))}</td>");
                }
                page.Append("</tr>");
            }
            page.Append("</tbody></table>\n");
        }
        var order = summary.Headline.ToList();
        var rows = summary.Rows.Where(r => order.Contains(r.Outcome) && r.Scenario != summary.Baseline).ToList();
        ComparisonTable(summary, page, rows.OrderBy(r => order.IndexOf(r.Outcome)).ToList(), "headline",
            $"Headline: each scenario against '{summary.Baseline}': the paired difference, mean [P5, P95] across the futures, and the share of futures in which the scenario is better.",
            withBaseline: false);
        page.Append("</section>\n");
    }

    /// <summary>One row per outcome (and element), one column per scenario; every cell carries its row's raw numbers.</summary>
    private static void ComparisonTable(SweepSummary summary, StringBuilder page, List<SummaryRow> rows, string css, string caption, bool withBaseline)
    {
        var others = summary.Scenarios.Where(s => s != summary.Baseline).ToList();
        page.Append($"<table class=\"{css}\"><caption>{H(caption)}</caption><thead><tr><th scope=\"col\">outcome</th><th scope=\"col\">units</th><th scope=\"col\">better</th>");
        if (withBaseline) page.Append($"<th scope=\"col\">{H(summary.Baseline)} (mean [P5, P95])</th>");
        foreach (var s in others) page.Append($"<th scope=\"col\">{H(s)}</th>");
        page.Append("</tr></thead><tbody>\n");
        var all = summary.Rows.ToLookup(r => (r.Outcome, r.Element));
        foreach (var key in rows.Select(r => (r.Outcome, r.Element)).Distinct())
        {
            var first = all[key].First();
            page.Append($"<tr><th scope=\"row\">{H(first.Name)}</th><td>{H(first.Units ?? "")}</td><td>{H(Cells.Direction(first.Better))}</td>");
            if (withBaseline)
            {
                var b = all[key].FirstOrDefault(r => r.Scenario == summary.Baseline);
                page.Append(b is null || b.Paired ? "<td class=\"num\">–</td>"
                    : $"<td class=\"num\"{Attributes(b, "value")} data-mean=\"{Raw(b.Value.Mean)}\" data-p5=\"{Raw(b.Value.P5)}\" data-p95=\"{Raw(b.Value.P95)}\">{H(Numbers.Band(b.Value, signed: false))}</td>");
            }
            foreach (var s in others)
            {
                var r = all[key].FirstOrDefault(x => x.Scenario == s);
                page.Append(r is null ? "<td></td>" : Cell(r));
            }
            page.Append("</tr>\n");
        }
        page.Append("</tbody></table>\n");
        var shown = rows.Select(r => (r.Outcome, r.Element)).ToHashSet();
        var notes = Cells.LeftOutNotes(summary, summary.Rows.Where(r => shown.Contains((r.Outcome, r.Element)) && (withBaseline || r.Scenario != summary.Baseline))).ToList();
        if (notes.Count > 0)
            page.Append("<p class=\"note\">Futures left out of these statistics:</p><ul class=\"note\">").Append(string.Concat(notes.Select(n => $"<li>{H(n)}</li>"))).Append("</ul>\n");
    }

    private static string Cell(SummaryRow r)
    {
        string probability = Cells.Probability(r);
        // A scenario's own value (a payback year) where there is no comparison with the baseline to show.
        bool own = r.Comparison is null && !r.IsIncrementalRatio;
        var attrs = new StringBuilder(Attributes(r, r.IsIncrementalRatio ? "ratio" : own ? "value" : "comparison"));
        if (r.Comparison is { } c)
            attrs.Append($" data-mean=\"{Raw(c.Difference.Mean)}\" data-p5=\"{Raw(c.Difference.P5)}\" data-p95=\"{Raw(c.Difference.P95)}\" data-pbetter=\"{Raw(r.PBetter)}\"");
        else if (own)
            attrs.Append($" data-mean=\"{Raw(r.Value.Mean)}\" data-p5=\"{Raw(r.Value.P5)}\" data-p95=\"{Raw(r.Value.P95)}\"");
        if (r.Ratio is { } q) attrs.Append($" data-ratio=\"{Raw(q.Value)}\" data-meaningful=\"{(q.Meaningful ? "true" : "false")}\"");
        string css = r.PBetter is double p && !(r.Comparison?.Difference.IsZero ?? true) ? p >= 0.9 ? " good" : p <= 0.1 ? " poor" : "" : "";
        return $"<td class=\"num{css}\"{attrs}>{H(Cells.Comparison(r))}{(probability.Length == 0 ? "" : $"<br><span class=\"p\">{H(probability)}</span>")}</td>";
    }

    private static string Attributes(SummaryRow r, string stat) =>
        $" data-stat=\"{stat}\" data-scenario=\"{H(r.Scenario)}\" data-outcome=\"{H(r.Outcome)}\" data-element=\"{H(r.Element)}\"";

    private static void Scenarios(SweepSummary summary, StringBuilder page)
    {
        page.Append("<section id=\"scenarios\"><h2>Scenarios</h2>\n<table class=\"scenarios\"><caption>The scenarios compared and what each changes in the model.</caption>" +
                    "<thead><tr><th scope=\"col\">scenario</th><th scope=\"col\">what it is</th><th scope=\"col\">changes</th></tr></thead><tbody>\n");
        foreach (var s in summary.About?.Scenarios ?? [])
        {
            string based = s.BasedOn is null ? "" : $"<br><span class=\"p\">based on {H(s.BasedOn)}</span>";
            string changes = s.Changes.Count == 0 ? (s.Name == summary.Baseline ? "none (the baseline)" : "none") : "<ul>" + string.Concat(s.Changes.Select(c => $"<li>{H(c)}</li>")) + "</ul>";
            page.Append($"<tr><th scope=\"row\">{H(s.Name)}{based}</th><td>{H(s.Doc ?? "")}</td><td>{changes}</td></tr>\n");
        }
        page.Append("</tbody></table></section>\n");
    }

    private static void Drivers(SweepSummary summary, ReportData data, StringBuilder page)
    {
        page.Append("<section id=\"drivers\"><h2>What drives the differences</h2>\n<p>For each scenario and headline outcome, the sampled inputs whose values go most " +
                    "with the size of the difference (Spearman rank correlation across the futures): where the result is uncertain, these are the inputs to pin down with local data.</p>\n");
        foreach (var group in data.Charts.Where(c => c.Section.StartsWith("drivers:", StringComparison.Ordinal)).GroupBy(c => c.Section))
        {
            page.Append($"<h3>{H(group.Key["drivers:".Length..])}</h3>\n<div class=\"grid\">");
            foreach (var c in group) Figure(page, c, "small");
            page.Append("</div>\n");
        }
        if (!data.Charts.Any(c => c.Section.StartsWith("drivers:", StringComparison.Ordinal)))
            page.Append("<p class=\"note\">No tornado: the experiment samples no inputs, or no scenario changes a headline outcome.</p>\n");
        page.Append("</section>\n");
    }

    private static void OverTime(SweepSummary summary, ReportData data, StringBuilder page)
    {
        var fans = data.Charts.Where(c => c.Section == "over-time").ToList();
        if (fans.Count == 0)
        {
            page.Append("<section id=\"over-time\"><h2>Over time</h2><p class=\"note\">This sweep saved no series, so there are no fan charts over time. " +
                        "To have them, list the variables to follow in the experiment, <code>\"outputs\": { \"series\": [\"Emergency admissions per day\"] }</code>, " +
                        "and run the sweep again (docs/experiment-format.md, Outputs).</p></section>\n");
            return;
        }
        string note = data.SeriesFutures < data.Futures ? $" Drawn from every {data.Futures / Math.Max(1, data.SeriesFutures)}th future ({data.SeriesFutures:N0} of {data.Futures:N0}), to keep the report small." : "";
        Section(page, "over-time", "Over time", "Each scenario against the baseline (grey): the median across the futures, with the P25-P75 and P5-P95 bands." + note, fans);
    }

    private static void Inputs(SweepSummary summary, StringBuilder page)
    {
        page.Append("<section id=\"inputs\"><h2>Uncertain inputs</h2>\n");
        var inputs = summary.About?.Inputs ?? [];
        if (inputs.Count == 0)
        {
            page.Append("<p class=\"note\">The experiment samples no inputs: every scenario runs once, at the model's values.</p></section>\n");
            return;
        }
        page.Append("<table class=\"inputs\"><caption>Every sampled input: how it was sampled, its value in the model, units, plausible range and source.</caption><thead><tr>" +
                    "<th scope=\"col\">input</th><th scope=\"col\">sampled</th><th scope=\"col\">model value</th><th scope=\"col\">units</th><th scope=\"col\">plausible range</th><th scope=\"col\">source</th></tr></thead><tbody>\n");
        foreach (var i in inputs)
            page.Append($"<tr><th scope=\"row\">{H(i.Column)}{(i.Meaning is { Length: > 0 } m ? $"<br><span class=\"p\">{H(m)}</span>" : "")}</th><td>{H(i.Sampled)}</td>" +
                        $"<td>{H(i.Value ?? "")}</td><td>{H(i.Units ?? "")}</td><td>{H(i.Range ?? "")}</td><td>{H(i.Source ?? "")}</td></tr>\n");
        page.Append("</tbody></table></section>\n");
    }

    private static void AllOutcomes(SweepSummary summary, StringBuilder page)
    {
        page.Append("<section id=\"all-outcomes\"><h2>Every outcome</h2>\n");
        ComparisonTable(summary, page, summary.Rows.ToList(), "all",
            "Every outcome: the baseline's mean [P5, P95] across the futures, and each scenario's paired difference from it with the share of futures in which it is better.",
            withBaseline: true);
        page.Append("</section>\n");
    }

    private static void Footer(SweepSummary summary, StringBuilder page)
    {
        page.Append("<footer id=\"reproduce\"><h2>Reproduce</h2><dl>");
        void Item(string term, string value) => page.Append($"<dt>{H(term)}</dt><dd>{H(value)}</dd>");
        Item("design", $"{summary.Design}, {summary.Samples:N0} samples{(summary.Replications > 1 ? $" x {summary.Replications} replications" : "")}, seed {summary.Seed}");
        Item("quantiles", SweepSummary.QuantileMethod);
        if (summary.About?.Provenance is { } p)
        {
            Item("experiment", $"{p.ExperimentFile} (SHA-256 {p.ExperimentSha256})");
            Item("model", $"{p.ModelFile} (SHA-256 {p.ModelSha256})");
            if (p.TableSha256 is { } t) Item("design table", $"SHA-256 {t}");
            Item("engine", $"sim {p.EngineVersion}");
            Item("command", p.Command);
        }
        else Item("provenance", "not recorded: this summary was written by an older sim; run the sweep again for it");
        Item("report", $"sim report, {Provenance.CurrentEngineVersion}; charts drawn with ECharts 6.0.0 (Apache-2.0, licence notice in the page's source)");
        page.Append("</dl></footer>\n");
    }

    private static void Section(StringBuilder page, string id, string title, string lead, IEnumerable<ChartSpec> charts)
    {
        page.Append($"<section id=\"{id}\"><h2>{H(title)}</h2>\n<p>{H(lead)}</p>\n<div class=\"grid\">");
        foreach (var c in charts) Figure(page, c, "wide");
        page.Append("</div></section>\n");
    }

    internal static void Figure(StringBuilder page, ChartSpec chart, string size) =>
        page.Append($"<figure class=\"{size}\"><div class=\"chart\" id=\"{chart.Id}\" role=\"img\" aria-label=\"{H(chart.Caption)}\"></div><figcaption>{H(chart.Caption)}</figcaption></figure>\n");

    /// <summary>The vendored chart library, with its licence notice, to be inlined.</summary>
    internal static string Library()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("echarts.min.js")
                           ?? throw new InvalidOperationException("the chart library is not embedded in Simulation.Reporting");
        using var reader = new StreamReader(stream);
        using var notice = Assembly.GetExecutingAssembly().GetManifestResourceStream("echarts.NOTICE");
        string licence = notice is null ? "" : new StreamReader(notice).ReadToEnd();
        return $"/*! ECharts 6.0.0, Apache License 2.0 (engine/vendor/echarts-6.0.0/LICENSE).\n{licence.Replace("*/", "* /")}\n*/\n" + reader.ReadToEnd().Replace("</script", "<\\/script");
    }

    internal static string H(string s) => WebUtility.HtmlEncode(s);

    internal static string Raw(double? x) => x is double v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    internal const string Style = """
        :root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1a1a1a; }
        body { max-width: 1200px; margin: 0 auto; padding: 1rem 1.5rem; line-height: 1.4; }
        h1 { font-size: 1.6rem; margin-bottom: .3rem; } h2 { border-bottom: 2px solid #005eb8; padding-bottom: .2rem; margin-top: 2rem; }
        .question { font-size: 1.05rem; } .meta, .note, figcaption, .p { color: #555; font-size: .85rem; }
        nav ol { columns: 3; font-size: .9rem; }
        table { border-collapse: collapse; margin: 1rem 0; font-size: .85rem; width: 100%; }
        caption { text-align: left; font-weight: 600; padding-bottom: .3rem; }
        th, td { border-bottom: 1px solid #ddd; padding: .3rem .5rem; vertical-align: top; text-align: left; }
        thead th { background: #f0f4f5; } td.num { text-align: right; white-space: nowrap; }
        td.good { background: #e6f4ea; } td.poor { background: #fbe9e7; }
        table.all td.num, table.headline td.num { white-space: normal; min-width: 9rem; }
        .grid { display: flex; flex-wrap: wrap; gap: 1rem; }
        figure { margin: 0; } figure.wide .chart { width: 760px; height: 380px; } figure.small .chart { width: 560px; height: 300px; }
        figure figcaption { max-width: 740px; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; font-size: .85rem; } dd { margin: 0; word-break: break-all; }
        ul { margin: 0; padding-left: 1.1rem; }
        @media print {
          body { max-width: none; padding: 0; } nav { display: none; }
          h2 { break-after: avoid; } figure, tr { break-inside: avoid; }
          figure.wide .chart { width: 680px; height: 340px; } figure.small .chart { width: 330px; height: 260px; }
          td.good, td.poor, thead th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """;
}
