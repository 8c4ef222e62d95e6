using System.Globalization;
using MathNet.Numerics.Statistics;
using Simulation.Engine.Scenarios.Summary;
using static Simulation.Tests.Scenarios.ExperimentFiles;
using static Simulation.Tests.Scenarios.SweepTestRuns;

namespace Simulation.Tests.Scenarios;

/// <summary>The summary's statistics against an independent computation from the outcomes table (MathNet's R type 7 quantiles).</summary>
public class SummaryTests
{
    [Test]
    public void Type7_HandComputedValues()
    {
        double[] x = [1, 2, 3, 4];
        Assert.That(Quantiles.Type7(x, 0.5), Is.EqualTo(2.5));
        Assert.That(Quantiles.Type7(x, 0.05), Is.EqualTo(1.15).Within(1e-15), "h = 3 * 0.05 = 0.15: 1 + 0.15 * (2 - 1)");
        Assert.That(Quantiles.Type7(x, 0.95), Is.EqualTo(3.85).Within(1e-15));
        Assert.That(Quantiles.Type7(x, 0), Is.EqualTo(1));
        Assert.That(Quantiles.Type7(x, 1), Is.EqualTo(4));
        Assert.That(Quantiles.Type7([7], 0.05), Is.EqualTo(7));
        Assert.That(Quantiles.Type7([], 0.5), Is.NaN);
    }

    [Test]
    public void Describe_LeavesOutMissingValues()
    {
        var d = Quantiles.Describe([1, double.NaN, 3, double.PositiveInfinity]);
        Assert.That(d.Count, Is.EqualTo(2));
        Assert.That(d.Mean, Is.EqualTo(2));
    }

    [Test]
    public void Summary_MatchesAnIndependentComputationFromTheOutcomesTable()
    {
        using var files = new ExperimentFiles();
        var experiment = files.CompileOk(Experiment(
            "\"scenarios\": [ { \"name\": \"slow\", \"set\": { \"Rate\": 0.08 } }, { \"name\": \"base\" }, { \"name\": \"fast\", \"interventions\": [ { \"input\": \"Rate\", \"at\": 3, \"set\": 0.2 } ] } ], " +
            "\"baseline\": \"base\", " +
            "\"uncertainty\": { \"design\": \"sobol\", \"samples\": 37, \"inputs\": [ { \"input\": \"Weight\", \"apply\": \"multiply\", \"distribution\": \"normal\", \"mean\": 1, \"sd\": 0.1 } ] }, " +
            "\"outcomes\": [ { \"name\": \"out\", \"units\": \"units\", \"total\": \"Out\" }, { \"name\": \"left\", \"value\": \"Stock\" }, { \"name\": \"r\", \"ratio\": [\"out\", \"left\"] } ]"));
        string folder = files.PathOf("out");
        Sweep(experiment, folder);
        var outcomes = Outcomes(folder);
        var summary = SweepSummary.FromJson(File.ReadAllText(Path.Combine(folder, "summary.json")));
        Assert.That(summary.Baseline, Is.EqualTo("base"));
        Assert.That(summary.Rows, Has.Count.EqualTo(9));
        string[] scenarios = ["slow", "base", "fast"];
        foreach (var row in summary.Rows)
        {
            int s = Array.IndexOf(scenarios, row.Scenario);
            double[] Values(int scenario) => Enumerable.Range(0, 37).Select(f => outcomes[(scenario * 37 + f, row.Outcome, row.Element)]).ToArray();
            var own = Values(s);
            Assert.That(row.Value.Count, Is.EqualTo(37));
            Assert.That(row.Value.Mean, Is.EqualTo(own.Mean()).Within(1e-12 * Math.Abs(own.Mean())));
            foreach (var (p, q) in new[] { (0.05, row.Value.P5), (0.5, row.Value.P50), (0.95, row.Value.P95) })
                Assert.That(q, Is.EqualTo(own.QuantileCustom(p, QuantileDefinition.R7)).Within(1e-12 * Math.Abs(q)), $"{row.Scenario} {row.Outcome} P{p * 100}");
            if (row.Scenario == "base")
            {
                Assert.That(row.Comparison, Is.Null);
                continue;
            }
            var diff = own.Zip(Values(1), (a, b) => a - b).ToArray();
            Assert.That(row.Comparison!.Difference.Mean, Is.EqualTo(diff.Mean()).Within(1e-9 * Math.Abs(diff.Mean()) + 1e-12));
            Assert.That(row.Comparison.Difference.P5, Is.EqualTo(diff.QuantileCustom(0.05, QuantileDefinition.R7)).Within(1e-9 * Math.Abs(row.Comparison.Difference.P5) + 1e-12));
            Assert.That(row.Comparison.Difference.P95, Is.EqualTo(diff.QuantileCustom(0.95, QuantileDefinition.R7)).Within(1e-9 * Math.Abs(row.Comparison.Difference.P95) + 1e-12));
        }
        var ratio = summary.Rows.Single(r => r.Outcome == "r" && r.Scenario == "fast");
        double expected = Enumerable.Range(74, 37).Average(run => outcomes[(run, "out", "")]) / Enumerable.Range(74, 37).Average(run => outcomes[(run, "left", "")]);
        Assert.That(ratio.Ratio!.Value, Is.EqualTo(expected).Within(1e-12 * expected));
    }

    [Test]
    public void SummaryCsv_HoldsTheSameNumbersAsTheJson()
    {
        using var files = new ExperimentFiles();
        var experiment = files.CompileOk(Experiment(
            "\"scenarios\": [ { \"name\": \"a\" }, { \"name\": \"b, with a comma\", \"set\": { \"Rate\": 0.12 } } ], " +
            "\"uncertainty\": { \"design\": \"monteCarlo\", \"samples\": 9, \"inputs\": [ { \"input\": \"Rate\", \"apply\": \"multiply\", \"min\": 0.9, \"max\": 1.1 } ] }, " +
            "\"outcomes\": [ { \"name\": \"left\", \"value\": \"Stock\" } ]"));
        string folder = files.PathOf("out");
        Sweep(experiment, folder);
        var json = SweepSummary.FromJson(File.ReadAllText(Path.Combine(folder, "summary.json")));
        var lines = File.ReadAllLines(Path.Combine(folder, "summary.csv"));
        Assert.That(lines[0], Is.EqualTo(string.Join(",", SweepSummary.CsvHeader)));
        var b = Corpus.CsvFields.Split(lines[2]);
        Assert.That(b[0], Is.EqualTo("b, with a comma"));
        Assert.That(double.Parse(b[9], CultureInfo.InvariantCulture), Is.EqualTo(json.Rows[1].Value.Mean));
        Assert.That(double.Parse(b[18], CultureInfo.InvariantCulture), Is.EqualTo(json.Rows[1].Comparison!.Difference.Mean));
        Assert.That(Corpus.CsvFields.Split(lines[1])[18], Is.Empty, "no difference for the baseline itself");
    }
}
