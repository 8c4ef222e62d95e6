using Simulation.Reporting;
using Simulation.Reporting.Report;

namespace Simulation.Cli.Commands;

/// <summary>
/// <c>sim plot DIR --chart sensitivity|sensitivity-over-time|tradeoff|box</c>: one of the report's charts of the analyses
/// beside a sweep (sim sensitivity's results, sim discover's DIR/discovery*.json) as an image for slides.
/// </summary>
public static class AnalysisPlot
{
    public static readonly string[] Kinds = ["sensitivity", "sensitivity-over-time", "tradeoff", "box"];

    /// <param name="scenario">sensitivity: the scenario whose difference from the baseline is explained (null or the baseline: the baseline's values).</param>
    public static ChartSpec Chart(SweepFolder folder, string kind, string? outcome, string? scenario)
    {
        var summary = folder.Summary;
        string? chosen = scenario is null ? null : SweepFolder.RequireScenario(summary, scenario);
        if (kind is "tradeoff" or "box")
        {
            var discoveries = AnalysisData.Build(folder).Discoveries;
            if (discoveries.Count == 0)
                throw new UsageException($"'{folder.Path}' holds no scenario discovery ({AnalysisData.DiscoveryPattern})",
                    $"write one: sim discover {folder.Path} --outcome NAME --above T --output {Path.Combine(folder.Path, "discovery.json")}");
            var found = outcome is null ? discoveries[0]
                : discoveries.FirstOrDefault(d => string.Equals(d.Outcome, outcome, StringComparison.OrdinalIgnoreCase))
                  ?? throw new UsageException($"no scenario discovery in '{folder.Path}' is about '{outcome}'",
                      $"its discoveries are about: {string.Join(", ", discoveries.Select(d => d.Outcome).Distinct())}");
            return kind == "tradeoff"
                ? found.Trajectories.FirstOrDefault(t => t.Coverage.Length > 0) ?? throw new UsageException($"{found.File} has no peeling trajectory")
                : found.Boxes.FirstOrDefault(b => b.Limits.Count > 0)
                  ?? throw new UsageException($"{found.File}'s box restricts no input", "the runs of interest are spread across the inputs' ranges: there is no box to draw");
        }
        if (outcome is null) throw new UsageException($"give the {(kind == "sensitivity" ? "outcome" : "series variable")} to draw with --outcome NAME");
        var data = AnalysisData.Build(folder, outcome);
        if (data.Method is null)
            throw new UsageException($"'{folder.Path}' holds no sensitivity analysis (sensitivity.json)",
                $"run one: sim sensitivity EXPERIMENT --output DIR, or sim sensitivity {folder.Path} --method correlation");
        string wanted = chosen is null || chosen == summary.Baseline ? summary.Baseline : $"{chosen} against {summary.Baseline}";
        ChartSpec? chart = kind == "sensitivity"
            ? data.Charts.OfType<IndexChart>().FirstOrDefault(c => c.Scenario == wanted)
            : data.Charts.OfType<IndexOverTimeChart>().FirstOrDefault(c => c.Scenario == wanted);
        return chart ?? throw new UsageException($"no {(kind == "sensitivity" ? "measures" : "measures over time")} of '{outcome}' for {wanted} to draw",
            data.Notes.FirstOrDefault(n => n.StartsWith(outcome + ",", StringComparison.Ordinal)) ?? "check the name against sensitivity.csv (outcome, or variable in sensitivity-over-time.csv)");
    }
}
