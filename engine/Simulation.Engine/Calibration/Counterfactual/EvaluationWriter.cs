using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Simulation.Engine.Calibration.Output;
using Simulation.Engine.Results;
using Simulation.Engine.Scenarios.Summary;

namespace Simulation.Engine.Calibration.Counterfactual;

/// <summary>An evaluation's result files (docs/calibration.md, "Evaluate"), written whole or not at all into a <see cref="ResultFolder"/>.</summary>
public static class EvaluationWriter
{
    public const string Observations = "evaluation.csv", Summary = "evaluation-summary.csv", Json = "evaluation.json", Page = "evaluation.html";

    public static ResultFolder Folder(string path) => new(path, "an evaluation", [Observations, Summary, Json, Page]);

    public static IReadOnlyDictionary<string, string> Contents(EvaluationReport report) => new Dictionary<string, string>
    {
        [Observations] = ObservationsCsv(report),
        [Summary] = SummaryCsv(report),
        [Json] = SummaryJson(report),
    };

    public static string ObservationsCsv(EvaluationReport report)
    {
        bool plan = report.Problem.Implemented is not null;
        var sb = new StringBuilder("time,series,observed,counterfactual_p5,counterfactual_p50,counterfactual_p95,percentile");
        sb.Append(plan ? ",expected_p5,expected_p50,expected_p95\n" : "\n");
        foreach (var o in report.Observations)
        {
            var cells = new List<string> { Num(o.Observation.Time), CsvResultWriter.Quote(o.Series), Num(o.Observation.Value),
                Num(o.Counterfactual.P5), Num(o.Counterfactual.P50), Num(o.Counterfactual.P95), Num(o.Percentile) };
            if (o.Expected is { } e) cells.AddRange([Num(e.P5), Num(e.P50), Num(e.P95)]);
            sb.Append(string.Join(",", cells)).Append('\n');
        }
        return sb.ToString();
    }

    public static string SummaryCsv(EvaluationReport report)
    {
        bool plan = report.Problem.Implemented is not null;
        var sb = new StringBuilder("series,n,observed,counterfactual_p5,counterfactual_p50,counterfactual_p95,difference_p5,difference_p50,difference_p95,p_counterfactual_above,share_outside,noise");
        sb.Append(plan ? ",expected_difference_p5,expected_difference_p50,expected_difference_p95\n" : "\n");
        foreach (var s in report.Series)
        {
            var cells = new List<string> { CsvResultWriter.Quote(s.Series), s.Count.ToString(CultureInfo.InvariantCulture), Num(s.ObservedSum),
                Num(s.CounterfactualSum.P5), Num(s.CounterfactualSum.P50), Num(s.CounterfactualSum.P95),
                Num(s.Difference.P5), Num(s.Difference.P50), Num(s.Difference.P95), Num(s.ProbabilityCounterfactualAbove), Num(s.ShareOutside), s.Noise ? "yes" : "no" };
            if (s.ExpectedDifference is { } e) cells.AddRange([Num(e.P5), Num(e.P50), Num(e.P95)]);
            sb.Append(string.Join(",", cells)).Append('\n');
        }
        return sb.ToString();
    }

    public static string SummaryJson(EvaluationReport report)
    {
        var p = report.Problem;
        JObject Band(Distribution d) => new() { ["n"] = d.Count, ["p5"] = CalibrationWriter.Number(d.P5), ["p50"] = CalibrationWriter.Number(d.P50), ["p95"] = CalibrationWriter.Number(d.P95) };
        var json = new JObject
        {
            ["experiment"] = p.Experiment.Document.Source.Path,
            ["fit"] = p.Fit.Source.Path,
            ["data"] = p.Data.Path,
            ["counterfactual"] = p.BaselineName,
            ["implemented"] = p.Implemented?.Scenario.Name,
            ["from"] = p.From is double from ? CalibrationWriter.Number(from) : null,
            ["futures"] = report.Futures,
            ["seed"] = p.Experiment.Seed,
            ["runs"] = report.Runs,
            ["seconds"] = CalibrationWriter.Number(Math.Round(report.Elapsed.TotalSeconds, 3)),
            ["bands"] = "P5-P95 over the futures, each with one draw of its series' observation noise where the scale is known",
            ["series"] = new JArray(report.Series.Select(s => new JObject
            {
                ["series"] = s.Series,
                ["n"] = s.Count,
                ["observed"] = CalibrationWriter.Number(s.ObservedSum),
                ["counterfactual"] = Band(s.CounterfactualSum),
                ["difference"] = Band(s.Difference),
                ["probabilityCounterfactualAbove"] = CalibrationWriter.Number(s.ProbabilityCounterfactualAbove),
                ["shareOutside"] = CalibrationWriter.Number(s.ShareOutside),
                ["expectedDifference"] = s.ExpectedDifference is { } e ? Band(e) : null,
                ["noise"] = s.Noise,
            })),
        };
        return json.ToString(Formatting.Indented) + "\n";
    }

    private static string Num(double x) => double.IsFinite(x) ? CsvResultWriter.Format(x) : "";
}
