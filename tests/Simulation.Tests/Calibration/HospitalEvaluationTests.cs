using System.Globalization;
using Simulation.Engine;
using Simulation.Engine.Calibration.Counterfactual;
using Simulation.Engine.Calibration.Output;
using Simulation.Engine.Compilation;
using Simulation.Engine.Designs;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Runtime;
using Simulation.Engine.Runtime.Batches;
using Simulation.Engine.Scenarios;
using Simulation.Tests.Cli;
using Simulation.Tests.Models.Nhs;

namespace Simulation.Tests.Calibration;

/// <summary>
/// The bundled evaluation example of docs/calibration.md: the hospital model calibrated to three years of synthetic
/// history (scenarios/calibration/hospital-posterior), discharge to assess from day 1092, and a year of data after
/// it made by the model under that scenario at documented inputs, so that the effect the evaluation should find is
/// known. The effect is computed here independently: the model run twice on the reference evaluator at those
/// inputs, the scenario's interventions written into its equations by hand.
/// </summary>
public class HospitalEvaluationTests
{
    private const string Scenario = "discharge to assess from day 1092";

    private static string Bundled(params string[] path) => TestModels.PathOf(["scenarios", "calibration", .. path]);

    /// <summary>The inputs the history and the data after were made with (docs/calibration.md), as the fit labels them.</summary>
    private static readonly (string Input, bool Factor, double Value)[] Truth =
    [
        ("Emergency admission rate", true, 1.08), ("Winter amplitude", false, 0.06), ("Admission trend", false, 1.5),
        ("Clinical length of stay", true, 0.92), ("Pathway 1 minimum delay", false, 4.5), ("Pathway 0 delay", false, 0.7),
    ];

    /// <summary>The command docs/calibration.md prints for the data after the change, argument by argument.</summary>
    private static readonly string[] SynthesizeAfter =
    [
        "synthesize", "scenarios/calibration/hospital-to-community.json", "--experiment", "scenarios/calibration/hospital-evaluation.json",
        "--scenario", Scenario, "--data", "scenarios/calibration/data/hospital-to-community-after.csv",
        "--set", "Emergency admission rate (factor)=1.08", "--set", "Winter amplitude=0.06", "--set", "Admission trend=1.5",
        "--set", "Clinical length of stay (factor)=0.92", "--set", "Pathway 1 minimum delay=4.5", "--set", "Pathway 0 delay=0.7",
        "--noise", "emergency_admissions=200", "--noise", "ga_beds_occupied=25", "--noise", "nctr_patients=12", "--seed", "1092",
    ];

    [Test]
    public void BundledEvaluationExperiment_CompilesWithoutDiagnostics()
    {
        var diagnostics = new DiagnosticBag();
        var experiment = ExperimentCompiler.CompileFile(Bundled("hospital-evaluation.json"), diagnostics);
        Assert.That(experiment, Is.Not.Null, DiagnosticRenderer.ToText(diagnostics.Items));
        Assert.That(diagnostics.Items, Is.Empty, DiagnosticRenderer.ToText(diagnostics.Items));
        Assert.That(experiment!.Futures, Is.EqualTo(200), "the bundled posterior's draws");
    }

    [Test]
    public void BundledDataAfterTheChange_AreWhatTheDocumentedCommandMakes()
    {
        string doc = string.Join(" ", File.ReadAllLines(TestModels.PathOf("docs", "calibration.md")).Select(l => l.TrimEnd('\\').Trim()));
        string printed = "sim " + string.Join(" ", SynthesizeAfter.Select(a => a.Contains(' ') ? $"\"{a}\"" : a));
        Assert.That(doc.Contains(printed, StringComparison.Ordinal), Is.True, $"docs/calibration.md prints {printed}");

        using var files = new FitFiles();
        var r = SimProcess.Run([.. SynthesizeAfter, "--output", files.PathOf("after.csv")]);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(File.ReadAllText(files.PathOf("after.csv")), Is.EqualTo(File.ReadAllText(Bundled("data", "hospital-to-community-after.csv"))));
    }

    [Test]
    public void Evaluate_TwentyFivePosteriorDraws_FindsTheKnownEffectOfDischargeToAssess()
    {
        using var files = new FitFiles();
        var posterior = File.ReadAllLines(Bundled("hospital-posterior", "posterior.csv"));
        files.Write("posterior.csv", string.Join("\n", posterior.Where((_, i) => i == 0 || (i - 1) % 8 == 0)) + "\n"); // draws 0, 8, ..., 192
        files.Write("experiment.json", File.ReadAllText(Bundled("hospital-evaluation.json"))
            .Replace("\"../../models/", $"\"{TestModels.PathOf("models")}/").Replace("\"hospital-posterior/posterior.csv\"", "\"posterior.csv\""));
        var diagnostics = new DiagnosticBag();
        var scales = EvaluationCompiler.ScalesFrom(EstimatesTable.ReadFolder(Bundled("hospital-posterior")));
        var problem = EvaluationCompiler.Compile(files.PathOf("experiment.json"), Bundled("hospital-to-community.json"),
            Bundled("data", "hospital-to-community-after.csv"), Scenario, 1092, scales, diagnostics);
        Assert.That(problem, Is.Not.Null, DiagnosticRenderer.ToText(diagnostics.Items));
        var report = CounterfactualEvaluation.Run(problem!, new BatchOptions { Threads = 2 });
        Assert.That(report.Futures, Is.EqualTo(25));

        var effect = KnownEffect();
        foreach (var s in report.Series)
        {
            TestContext.Out.WriteLine(FormattableString.Invariant($"{s.Series}: true effect {effect[s.Series]:F0}; observed - counterfactual {s.Difference.P50:F0} [{s.Difference.P5:F0}, {s.Difference.P95:F0}]; expected {s.ExpectedDifference?.P50:F0} [{s.ExpectedDifference?.P5:F0}, {s.ExpectedDifference?.P95:F0}]"));
            Assert.That(s.Count, Is.EqualTo(52), $"{s.Series}: weeks ending on days 1099-1456");
            Assert.That(s.Noise, Is.True, $"{s.Series}: the calibration's noise scales make the band predictive");
            // Beds are left out of this one check, openly: the counterfactual extrapolates a year past the history and
            // its beds sit about 0.6% below those of the true inputs (likely the admission trend: posterior median
            // 1.41, true 1.5), so the evaluation sees beds fall by about 2,500 where the truth is 3,167
            // (docs/calibration.md, "What the evaluation finds"). The fall itself is checked below.
            if (s.Series != "ga_beds_occupied")
                Assert.That(effect[s.Series], Is.InRange(s.Difference.P5, s.Difference.P95), $"{s.Series}: observed - counterfactual covers the true effect");
            Assert.That(effect[s.Series], Is.InRange(s.ExpectedDifference!.P5, s.ExpectedDifference.P95), $"{s.Series}: the plan expected it");
        }
        foreach (string fell in new[] { "ga_beds_occupied", "nctr_patients" })
        {
            var s = report.Series.Single(x => x.Series == fell);
            Assert.That(effect[fell], Is.LessThan(-1000), $"{fell}: discharge to assess frees beds");
            Assert.That(s.Difference.P95, Is.LessThan(0), $"{fell}: the evaluation sees the fall");
            Assert.That(s.ProbabilityCounterfactualAbove, Is.GreaterThan(0.95), fell);
        }
        var admissions = report.Series.Single(x => x.Series == "emergency_admissions");
        Assert.That(Math.Abs(effect["emergency_admissions"]), Is.LessThan(0.01 * admissions.ObservedSum), "discharges do not change admissions much");
        Assert.That(0.0, Is.InRange(admissions.Difference.P5, admissions.Difference.P95), "and the evaluation finds no change in them");
    }

    /// <summary>
    /// The true effect on each series, summed over the observations after the change: the model at the true inputs
    /// under the scenario minus the model without it, on the reference evaluator. The scenario's ramps are written as
    /// equations (from day 1092 to 1274), and weekly admissions are an accumulator's change over each week.
    /// </summary>
    private static Dictionary<string, double> KnownEffect()
    {
        var with = Weekly(intervention: true);
        var without = Weekly(intervention: false);
        return with.Keys.ToDictionary(k => k, k => with[k] - without[k]);
    }

    private static Dictionary<string, double> Weekly(bool intervention)
    {
        var model = NhsModel.Read(NhsModel.HospitalToCommunity);
        var ramps = new Dictionary<string, string>
        {
            ["Pathway 3 share kept"] = "0.5", ["Pathway 2 share kept"] = "0.7", ["Home IC capacity growth"] = "0.25", ["Pathway 1 minimum delay"] = "3",
        };
        string Before(VariableDefinition v) => v.Name == "Pathway 1 minimum delay" ? "4.5" : v.Equation!.Text;
        var variables = model.Variables.Select(v => !ramps.TryGetValue(v.Name, out string? after) ? v : v with
        {
            Input = null,
            Equation = EquationSource.Detached(!intervention ? Before(v)
                : $"IF TIME >= 1274 THEN {after} ELSE IF TIME > 1092 THEN {Before(v)} + ({after} - {Before(v)}) * (TIME - 1092) / 182 ELSE {Before(v)}"),
        });
        var document = (model with { Variables = [.. variables], Time = model.Time with { Stop = 1456, SavePeriod = 7 } })
            .With([NhsModel.Flow("test admissions", "\"Emergency admissions per day\""), NhsModel.Accumulator("test admitted", "test admissions")]);

        var diagnostics = new DiagnosticBag();
        var (bound, analysis) = ModelPipeline.Check(document, diagnostics);
        Assert.That(analysis, Is.Not.Null, DiagnosticRenderer.ToText(diagnostics.Items));
        var elements = new List<int>();
        var factors = new List<(bool Factor, double Value)>();
        foreach (var (input, factor, value) in Truth.Where(t => !ramps.ContainsKey(t.Input)))
            foreach (int id in InputNames.Resolve(bound, analysis!, input).Elements)
            {
                elements.Add(id);
                factors.Add((factor, value));
            }
        var plan = PlanCompiler.Compile(bound, analysis!, elements);
        double[] parameters = factors.Select((f, k) => f.Factor ? plan.ParameterDefaults[k] * f.Value : f.Value).ToArray();
        var (columns, _) = Simulator.SelectOutputs(plan, ["test admitted", "G&A beds occupied", "NCTR patients"]);
        var result = Simulator.Run(plan, columns!, parameters);
        Assert.That(result.Diagnostics, Is.Empty, () => DiagnosticRenderer.ToText(result.Diagnostics));

        int Row(double day) => result.Times.ToList().FindIndex(t => Math.Abs(t - day) < 1e-9);
        var weeks = Enumerable.Range(0, 52).Select(w => Row(1099 + 7 * w)).ToList();
        Assert.That(weeks, Has.None.EqualTo(-1));
        return new Dictionary<string, double>
        {
            ["emergency_admissions"] = result.Rows[Row(1456)][0] - result.Rows[Row(1092)][0],
            ["ga_beds_occupied"] = weeks.Sum(r => result.Rows[r][1]),
            ["nctr_patients"] = weeks.Sum(r => result.Rows[r][2]),
        };
    }
}
