using Simulation.Engine.Calibration.Problem;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Scenarios;
using Simulation.Tests.Hardening;

namespace Simulation.Tests.Fuzz;

/// <summary>The cases of `sim calibrate`, `sim evaluate` and `sim sensitivity`: their inputs, and the command lines they run.</summary>
public sealed partial class FuzzCampaign
{
    /// <summary>
    /// Runs one calibration may take, at most: the command lines below keep the search short (one start of 4 generations of
    /// 8 candidates and a polish, about 80 runs of the influenza fit; or 4 chains of 10 generations), so a mutated fit whose
    /// runs are long (a tiny dt) is counted over budget rather than left to run.
    /// </summary>
    private const double CalibrationRuns = 400;

    /// <summary>Base samples of a sensitivity case (Sobol': N (k + 2) runs per scenario; Morris: r (k + 1)).</summary>
    private const int SensitivitySamples = 4;

    private readonly string _kit;

    /// <summary>The seeds of the campaign, unmutated.</summary>
    public IReadOnlyList<FuzzSeed> Seeds => _seeds;

    /// <summary>
    /// Runs one seed as it is through its kind's command lines (<paramref name="variant"/> chooses between them): the
    /// seeds themselves must give results, or the mutations of them would test little beyond the first error.
    /// </summary>
    public (FuzzOutcome Outcome, string Detail) RunSeed(FuzzSeed seed, int variant)
    {
        string folder = Path.Combine(_root, "case");
        if (Directory.Exists(folder)) Directory.Delete(folder, true);
        Directory.CreateDirectory(folder);
        return Execute(seed.Kind, Place(seed, System.Text.Encoding.UTF8.GetBytes(seed.Text), folder), folder, variant);
    }

    private static bool UsesKit(FuzzKind kind) => kind is FuzzKind.Fit or FuzzKind.FitData or FuzzKind.Posterior or FuzzKind.Evaluation;

    /// <summary>Writes the first seed of each kit file into one folder, which every calibration case copies.</summary>
    private string WriteKit(IReadOnlyList<FuzzSeed> seeds)
    {
        string kit = Path.Combine(_root, "kit");
        foreach (var seed in seeds.Where(s => UsesKit(s.Kind)).GroupBy(s => s.Name).Select(g => g.First()))
        {
            string path = Path.Combine(kit, seed.Name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, seed.Text);
        }
        return kit;
    }

    private void CopyKit(string folder)
    {
        foreach (var file in Directory.GetFiles(_kit, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(folder, Path.GetRelativePath(_kit, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    /// <summary>Runs a calibration or sensitivity case's command lines; false when its input is too large for a case's budget.</summary>
    private static bool CalibrationCommands(FuzzKind kind, string path, string folder, int variant, Func<string[], InProcessSim.Outcome> sim)
    {
        string Out(string name) => Path.Combine(folder, name);
        string fit = Out(CalibrationKit.Fit), experiment = Out(CalibrationKit.Experiment);
        string[] evaluate = ["evaluate", experiment, "--fit", fit, "--data", Out(CalibrationKit.Data), "--calibration", Out(CalibrationKit.PosteriorFolder),
            "--output", Out("evaluation"), "--threads", "1", .. variant == 0 ? new[] { "--from", "5", "--scenario", CalibrationKit.Scenario } : []];
        switch (kind)
        {
            case FuzzKind.Fit or FuzzKind.FitData:
                if (CalibrationWork(fit) is not double work || work > SweepBudget) return false;
                sim(variant == 0
                    ? ["calibrate", fit, "--output", Out("fit"), "--threads", "1", "--starts", "1", "--generations", "4", "--population", "8", "--no-intervals"]
                    : ["calibrate", fit, "--output", Out("fit"), "--threads", "1", "--method", "mcmc", "--chains", "4", "--generations", "10", "--draws", "5"]);
                sim(evaluate);
                return true;
            case FuzzKind.Posterior or FuzzKind.Evaluation:
                if (ExperimentWork(experiment) is not double runs || runs > SweepBudget) return false;
                sim(evaluate);
                return true;
            case FuzzKind.Sensitivity:
                if (SensitivityWork(path) is not double analysis || analysis > SweepBudget) return false;
                sim(["sensitivity", path, "--method", variant == 0 ? "sobol" : "morris", "--samples", variant == 0 ? $"{SensitivitySamples}" : "2",
                    "--resamples", "20", "--output", Out("sensitivity"), "--force", "--threads", "1", "--reference"]);
                return true;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a calibration or sensitivity case");
        }
    }

    /// <summary>Steps x elements over the runs a short calibration takes; 0 when the fit does not compile (calibrate then says why).</summary>
    private static double? CalibrationWork(string fit)
    {
        var problem = FitCompiler.CompileFile(fit, new DiagnosticBag());
        return problem is null ? 0 : CalibrationRuns * (problem.Plan.StepCount + 1) * Math.Max(1, problem.Plan.Model.Elements.Length);
    }

    /// <summary>Steps x elements over the runs of a Sobol' analysis of an experiment's inputs (more than Morris's); 0 when it does not compile.</summary>
    private static double? SensitivityWork(string path)
    {
        var experiment = ExperimentCompiler.CompileFile(path, new DiagnosticBag());
        if (experiment is null) return 0;
        var plan = experiment.Scenarios[0].Plan;
        double runs = (double)experiment.Scenarios.Length * SensitivitySamples * (experiment.Uncertainty.Columns.Length + 2);
        return runs * (plan.StepCount + 1) * Math.Max(1, plan.Model.Elements.Length);
    }
}
