using System.Globalization;
using Newtonsoft.Json.Linq;
using Simulation.Tests.Cli;
using Simulation.Tests.Scenarios;

namespace Simulation.Tests.Analysis;

/// <summary>sim sensitivity and sim discover as users run them, on a model whose indices are known (Ishigami's function).</summary>
public class SensitivityCliTests
{
    /// <summary>Ishigami's function of three inputs on [-π, π], plus Policy x X3 (Policy is 0 unless a scenario sets it).</summary>
    internal const string Model = """
        { "name": "ishigami", "time": { "start": 0, "stop": 1, "dt": 1 },
          "variables": [
            { "name": "X1", "kind": "auxiliary", "equation": 0, "input": true, "range": [-3.141592653589793, 3.141592653589793] },
            { "name": "X2", "kind": "auxiliary", "equation": 0, "input": true, "range": [-3.141592653589793, 3.141592653589793] },
            { "name": "X3", "kind": "auxiliary", "equation": 0, "input": true, "range": [-3.141592653589793, 3.141592653589793] },
            { "name": "Policy", "kind": "auxiliary", "equation": 0, "input": true },
            { "name": "Y", "kind": "auxiliary", "equation": "SIN(X1) + 7 * SIN(X2)^2 + 0.1 * X3^4 * SIN(X1) + Policy * X3" }
          ] }
        """;

    internal const string Experiment = """
        { "name": "ishigami", "model": "model.json", "seed": 5,
          "scenarios": [ { "name": "baseline" }, { "name": "policy", "set": { "Policy": 5 } } ],
          "uncertainty": { "design": "latinHypercube", "samples": 40, "inputs": [ { "input": "X1" }, { "input": "X2" }, { "input": "X3" } ] },
          "outcomes": [ { "name": "Y", "value": "Y" }, { "name": "Same", "value": "Policy" }, { "name": "Undefined", "ratio": ["Same", "Same"] } ],
          "outputs": { "series": ["Y"] } }
        """;

    private ExperimentFiles _files = null!;

    [SetUp]
    public void CreateFiles() => _files = new ExperimentFiles(Model);

    [TearDown]
    public void RemoveFiles() => _files.Dispose();

    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => l.Split(',')).Select(cells => header.Select((h, i) => (h, cells[i])).ToDictionary(p => p.h, p => p.Item2)).ToList();
    }

    private static double D(string cell) => double.Parse(cell, CultureInfo.InvariantCulture);

    [Test]
    public void Sobol_IshigamiIndicesWithinIntervals_PerScenarioAndForTheDifference()
    {
        string experiment = _files.Write("experiment.json", Experiment), output = _files.PathOf("sobol");
        var r = SimProcess.Run("sensitivity", experiment, "--method", "sobol", "--samples", "1024", "--output", output);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(r.Stderr, Does.Contain("2 scenarios x 5,120 futures = 10,240 runs"));
        Assert.That(File.ReadAllLines(Path.Combine(output, "sensitivity.csv"))[0],
            Is.EqualTo("scenario,measure,outcome,element,input,S1,S1_low,S1_high,ST,ST_low,ST_high,samples,note"));
        var rows = ReadCsv(Path.Combine(output, "sensitivity.csv"));
        Dictionary<string, string> Row(string scenario, string measure, string outcome, string input) =>
            rows.Single(x => x["scenario"] == scenario && x["measure"] == measure && x["outcome"] == outcome && x["input"] == input);
        // Closed forms (a = 7, b = 0.1): S1 = 0.3139, 0.4424, 0; ST = 0.5576, 0.4424, 0.2437.
        double[] s1 = [0.31390519114781146, 0.44241142165108234, 0], st = [0.5575888234789662, 0.44241142165108234, 0.24368475537421244];
        for (int i = 0; i < 3; i++)
        {
            var x = Row("baseline", "value", "Y", $"X{i + 1}");
            Assert.That(s1[i], Is.InRange(D(x["S1_low"]), D(x["S1_high"])), $"S1 of X{i + 1}");
            Assert.That(st[i], Is.InRange(D(x["ST_low"]), D(x["ST_high"])), $"ST of X{i + 1}");
            Assert.That(x["samples"], Is.EqualTo("1024"));
        }
        // policy - baseline = 5 X3 in every future: X3 explains all of it.
        Assert.That(D(Row("policy", "difference", "Y", "X3")["S1"]), Is.EqualTo(1).Within(0.01));
        Assert.That(D(Row("policy", "difference", "Y", "X1")["ST"]), Is.EqualTo(0).Within(1e-9));
        Assert.That(rows.Any(x => x["scenario"] == "baseline" && x["measure"] == "difference"), Is.False, "the baseline has no difference from itself");
        var same = Row("policy", "value", "Same", "X1");
        Assert.That((same["S1"], same["ST"], same["note"]), Is.EqualTo(("0", "0", "the outcome does not vary: every index is 0")));
        var undefined = Row("baseline", "value", "Undefined", "X1");
        Assert.That((undefined["S1"], undefined["ST_high"], undefined["note"]), Is.EqualTo(("", "", "no base sample has finite values in all its runs")));
        Assert.That(File.ReadAllText(Path.Combine(output, "sensitivity.csv")), Does.Not.Contain("NaN"));

        var overTime = ReadCsv(Path.Combine(output, "sensitivity-over-time.csv"));
        Assert.That(overTime.Select(x => x["time"]).Distinct(), Is.EquivalentTo(new[] { "0", "1" }));
        Assert.That(overTime.Where(x => x["time"] == "1" && x["scenario"] == "baseline" && x["measure"] == "value").Select(x => x["ST"]),
            Is.EqualTo(rows.Where(x => x["outcome"] == "Y" && x["scenario"] == "baseline" && x["measure"] == "value").Select(x => x["ST"])), "Y at the stop time is the outcome");

        var about = JObject.Parse(File.ReadAllText(Path.Combine(output, "sensitivity.json")));
        Assert.That((string?)about["method"], Is.EqualTo("sobol"));
        Assert.That((int?)about["baseSamples"], Is.EqualTo(1024));
        Assert.That(r.Stdout, Does.Contain("baseline: inputs ranked by ST"));
        Assert.That(r.Stdout.IndexOf("X1", StringComparison.Ordinal), Is.LessThan(r.Stdout.IndexOf("X3", StringComparison.Ordinal)), "X1 ranks above X3");

        var again = SimProcess.Run("sensitivity", experiment, "--method", "sobol", "--samples", "1024", "--output", output, "--resume");
        Assert.That(again.ExitCode, Is.EqualTo(0), again.Stderr);
        Assert.That(again.Stderr, Does.Contain("already holds this sweep"));
        var oneThread = SimProcess.Run("sensitivity", experiment, "--samples", "1024", "--output", _files.PathOf("one"), "--threads", "1", "--lanes", "4");
        Assert.That(oneThread.ExitCode, Is.EqualTo(0), oneThread.Stderr);
        Assert.That(File.ReadAllBytes(_files.PathOf("one/sensitivity.csv")), Is.EqualTo(File.ReadAllBytes(Path.Combine(output, "sensitivity.csv"))),
            "the same numbers whatever the threads and lanes");

        var fresh = SimProcess.Run("sensitivity", experiment, "--samples", "512", "--output", output);
        Assert.That(fresh.ExitCode, Is.EqualTo(2), "a folder holding another design is not overwritten");
        Assert.That(fresh.Stderr, Does.Contain("already holds a sweep"));
    }

    [Test]
    public void MorrisAndCorrelation_WriteTheirColumns_AndRankX2AboveX3()
    {
        string experiment = _files.Write("experiment.json", Experiment);
        var morris = SimProcess.Run("sensitivity", experiment, "--method", "morris", "--samples", "30", "--output", _files.PathOf("morris"));
        Assert.That(morris.ExitCode, Is.EqualTo(0), morris.Stderr);
        Assert.That(File.ReadAllLines(_files.PathOf("morris/sensitivity.csv"))[0],
            Is.EqualTo("scenario,measure,outcome,element,input,mu,mu_star,sigma,mu_star_low,mu_star_high,trajectories,note"));
        var rows = ReadCsv(_files.PathOf("morris/sensitivity.csv")).Where(x => x["scenario"] == "policy" && x["measure"] == "difference" && x["outcome"] == "Y").ToList();
        Assert.That(D(rows.Single(x => x["input"] == "X3")["mu"]), Is.EqualTo(5 * 2 * Math.PI).Within(1e-9), "5 X3 across X3's range");
        Assert.That(D(rows.Single(x => x["input"] == "X1")["mu_star"]), Is.EqualTo(0).Within(1e-9));

        Assert.That(SimProcess.Run("sweep", experiment, "--output", _files.PathOf("sweep")).ExitCode, Is.EqualTo(0));
        var prcc = SimProcess.Run("sensitivity", _files.PathOf("sweep"), "--method", "correlation", "--scenario", "policy");
        Assert.That(prcc.ExitCode, Is.EqualTo(0), prcc.Stderr);
        Assert.That(prcc.Stdout, Does.Contain("policy - baseline (paired difference)"));
        var table = ReadCsv(_files.PathOf("sweep/sensitivity.csv"));
        Assert.That(File.ReadAllLines(_files.PathOf("sweep/sensitivity.csv"))[0], Does.StartWith("scenario,measure,outcome,element,input,PRCC,PRCC_low,PRCC_high,p_value,runs"));
        Assert.That(D(table.Single(x => x["scenario"] == "policy" && x["measure"] == "difference" && x["outcome"] == "Y" && x["input"] == "X3")["PRCC"]), Is.EqualTo(1).Within(1e-12));
        var undefined = table.First(x => x["scenario"] == "baseline" && x["outcome"] == "Undefined");
        Assert.That((undefined["PRCC"], undefined["note"]), Is.EqualTo(("", "no sample has a finite value")), "0 / 0 in every baseline run");
        Assert.That(ReadCsv(_files.PathOf("morris/sensitivity.csv")).First(x => x["scenario"] == "baseline" && x["outcome"] == "Undefined")["note"],
            Does.Contain("no trajectory has finite values"));
        foreach (var file in new[] { "sweep/sensitivity.csv", "morris/sensitivity.csv" })
            Assert.That(File.ReadAllText(_files.PathOf(file)), Does.Not.Contain("NaN"));
        var twice = SimProcess.Run("sensitivity", _files.PathOf("sweep"), "--method", "correlation");
        Assert.That(twice.ExitCode, Is.EqualTo(2));
        Assert.That(twice.Stderr, Does.Contain("already holds sensitivity results"));
    }

    [Test]
    public void Discover_FindsWhereYIsHigh_AsJson()
    {
        string experiment = _files.Write("experiment.json", Experiment.Replace("\"samples\": 40", "\"samples\": 2000"));
        Assert.That(SimProcess.Run("sweep", experiment, "--output", _files.PathOf("sweep")).ExitCode, Is.EqualTo(0));
        // policy - baseline = 5 X3 > 5 exactly where X3 > 1.
        var r = SimProcess.Run("discover", _files.PathOf("sweep"), "--outcome", "Y", "--scenario", "policy", "--difference", "--above", "5", "--format", "json",
            "--output", _files.PathOf("box.json"));
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        var json = JObject.Parse(r.Stdout);
        Assert.That(File.ReadAllText(_files.PathOf("box.json")), Is.EqualTo(r.Stdout));
        var box = (JObject)json["boxes"]![0]!;
        var limits = (JObject)box["limits"]!;
        Assert.That(limits.Properties().Select(p => p.Name), Is.EqualTo(new[] { "X3" }), "only the restricted input");
        Assert.That((double)limits["X3"]!["min"]!, Is.EqualTo(1).Within(0.02));
        Assert.That((double)limits["X3"]!["max"]!, Is.EqualTo(Math.PI).Within(0.01), "the data's end on the side it does not restrict");
        Assert.That((double)box["density"]!, Is.GreaterThan(0.98));
        Assert.That((double)box["coverage"]!, Is.GreaterThan(0.98));
        Assert.That((double)box["mass"]! * (int)json["runs"]! * (double)box["density"]!, Is.EqualTo((double)box["coverage"]! * (int)json["ofInterest"]!).Within(1e-9),
            "runs of interest in the box, counted both ways");
        Assert.That((string?)json["tree"]!["input"], Is.EqualTo("X3"));
        Assert.That((string?)json["features"]![0]!["input"], Is.EqualTo("X3"));

        var table = SimProcess.Run("discover", _files.PathOf("sweep"), "--outcome", "Y", "--above", "10");
        Assert.That(table.ExitCode, Is.EqualTo(0), table.Stderr);
        Assert.That(table.Stdout, Does.Contain("PRIM box 1"));
        Assert.That(table.Stdout, Does.Contain("peeling trajectory"));
        Assert.That(table.Stdout, Does.Contain("CART tree"));
        Assert.That(table.Stdout, Does.Contain("feature scores"));
    }

    [Test]
    public void SecondOrder_WritesEveryPairOnce()
    {
        string experiment = _files.Write("experiment.json", Experiment);
        var r = SimProcess.Run("sensitivity", experiment, "--samples", "256", "--second-order", "--resamples", "100", "--output", _files.PathOf("s2"));
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(r.Stderr, Does.Contain("2 scenarios x 2,048 futures"), "N (2k + 2) runs per scenario");
        var rows = ReadCsv(_files.PathOf("s2/sensitivity-second-order.csv"));
        var pairs = rows.Where(x => x["scenario"] == "baseline" && x["measure"] == "value" && x["outcome"] == "Y").Select(x => x["input"]).ToList();
        Assert.That(pairs, Is.EqualTo(new[] { "X1 x X2", "X1 x X3", "X2 x X3" }));
        var s13 = rows.First(x => x["outcome"] == "Y" && x["input"] == "X1 x X3");
        Assert.That(D(s13["S2"]), Is.GreaterThan(0.1), "Ishigami's X1-X3 interaction (0.244)");
        Assert.That((bool?)JObject.Parse(File.ReadAllText(_files.PathOf("s2/sensitivity.json")))["secondOrder"], Is.True);
    }

    [Test]
    public void HistoryMatching_LeavesImplausibleFuturesOutOfCorrelationAndDiscovery()
    {
        string experiment = _files.Write("experiment.json", Experiment.Replace("\"samples\": 40", "\"samples\": 300")
            .Replace("\"outputs\"", "\"plausibility\": [ { \"outcome\": \"Y\", \"max\": 8 } ], \"outputs\""));
        Assert.That(SimProcess.Run("sweep", experiment, "--output", _files.PathOf("sweep")).ExitCode, Is.EqualTo(0));
        var outcomes = SweepTestRuns.Outcomes(_files.PathOf("sweep"));
        int implausible = Enumerable.Range(0, 300).Count(f => outcomes[(f, "Y", "")] > 8);
        Assert.That(implausible, Is.InRange(20, 280), "the target leaves some futures out");

        var r = SimProcess.Run("discover", _files.PathOf("sweep"), "--outcome", "Y", "--above", "4", "--format", "json");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        var json = JObject.Parse(r.Stdout);
        Assert.That((int)json["implausible"]!, Is.EqualTo(implausible));
        Assert.That((int)json["runs"]!, Is.EqualTo(300 - implausible));
        Assert.That((int)json["ofInterest"]!, Is.EqualTo(Enumerable.Range(0, 300).Count(f => outcomes[(f, "Y", "")] is > 4 and <= 8)));

        var prcc = SimProcess.Run("sensitivity", _files.PathOf("sweep"), "--method", "correlation");
        Assert.That(prcc.ExitCode, Is.EqualTo(0), prcc.Stderr);
        Assert.That(ReadCsv(_files.PathOf("sweep/sensitivity.csv")).Where(x => x["outcome"] == "Y").Select(x => x["runs"]).Distinct(), Is.EqualTo(new[] { (300 - implausible).ToString(CultureInfo.InvariantCulture) }));

        var sobol = SimProcess.Run("sensitivity", experiment, "--samples", "16", "--resamples", "10", "--output", _files.PathOf("sobol"));
        Assert.That(sobol.ExitCode, Is.EqualTo(0), sobol.Stderr);
        Assert.That(sobol.Stderr, Does.Contain("plausibility targets are not applied"));
    }

    [Test]
    public void BadInput_IsReportedClearly()
    {
        string experiment = _files.Write("experiment.json", Experiment);
        (string[] Args, string Message)[] cases =
        [
            (["sensitivity", experiment, "--samples", "1"], "at least 2 base samples"),
            (["sensitivity", experiment, "--method", "morris", "--samples", "1"], "at least 2 trajectories"),
            (["sensitivity", experiment, "--method", "morris", "--levels", "3"], "even number"),
            (["sensitivity", experiment, "--method", "anova"], "unknown method 'anova'"),
            (["sensitivity", experiment, "--outcome", "Yy"], "did you mean 'Y'"),
            (["sensitivity", experiment, "--scenario", "polcy"], "did you mean 'policy'"),
            (["sensitivity", experiment, "--method", "correlation"], "reads the folder of a finished sweep"),
            (["sensitivity", _files.PathOf("nowhere"), "--method", "correlation"], "does not exist"),
            (["sensitivity", _files.Folder, "--method", "sobol"], "needs the experiment file"),
            (["discover", _files.PathOf("nowhere"), "--outcome", "Y", "--above", "1"], "does not exist"),
            (["discover", _files.Folder, "--outcome", "Y"], "exactly one of --above T and --below T"),
        ];
        foreach (var (args, message) in cases)
        {
            var r = SimProcess.Run(args);
            Assert.That(r.ExitCode, Is.EqualTo(2), string.Join(" ", args) + "\n" + r.Stderr);
            Assert.That(r.Stderr, Does.Contain(message), string.Join(" ", args));
            Assert.That(r.Stderr, Does.Not.Contain("   at "), "no stack trace");
        }

        string fixedOnly = _files.Write("fixed.json", """{ "name": "fixed", "model": "model.json", "outcomes": [ { "name": "Y", "value": "Y" } ] }""");
        var noInputs = SimProcess.Run("sensitivity", fixedOnly);
        Assert.That(noInputs.Stderr, Does.Contain("samples no inputs"));
        Assert.That(SimProcess.Run("sweep", fixedOnly, "--output", _files.PathOf("fixed")).ExitCode, Is.EqualTo(0));
        Assert.That(SimProcess.Run("sensitivity", _files.PathOf("fixed"), "--method", "correlation").Stderr, Does.Contain("sampled no inputs"));
        Assert.That(SimProcess.Run("discover", _files.PathOf("fixed"), "--outcome", "Y", "--above", "1").Stderr, Does.Contain("sampled no inputs"));

        string few = _files.Write("few.json", Experiment.Replace("\"samples\": 40", "\"samples\": 5"));
        Assert.That(SimProcess.Run("sweep", few, "--output", _files.PathOf("few")).ExitCode, Is.EqualTo(0));
        Assert.That(SimProcess.Run("sensitivity", _files.PathOf("few"), "--method", "correlation").Stderr, Does.Contain("needs at least 6 samples"));
        var none = SimProcess.Run("discover", _files.PathOf("few"), "--outcome", "Y", "--above", "100");
        Assert.That(none.ExitCode, Is.EqualTo(2));
        Assert.That(none.Stderr, Does.Contain("no run has baseline: Y above 100, so there is no box to find"));
        Assert.That(none.Stderr, Does.Contain("choose a threshold the runs cross"));
        Assert.That(SimProcess.Run("discover", _files.PathOf("few"), "--outcome", "Yy", "--above", "1").Stderr, Does.Contain("did you mean 'Y'"));
        Assert.That(SimProcess.Run("discover", _files.PathOf("few"), "--outcome", "Y", "--above", "1", "--difference").Stderr, Does.Contain("is the baseline"));
    }
}
