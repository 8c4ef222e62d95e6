using System.Diagnostics;
using System.Globalization;

namespace Simulation.Tests.Fuzz;

/// <summary>
/// The mutation fuzzer in the suite: a fixed seed and a fixed number of cases (2,000 by default), each a mutated
/// model, experiment, XMILE or Vensim file, design table, summary, fit file, observed data, posterior or evaluation
/// experiment run through the command line (check, run, sweep, import, summary, calibrate, evaluate, sensitivity). SIM_FUZZ_CASES and
/// SIM_FUZZ_SEED set a longer campaign (SIM_FUZZ_FIRST its first case, to replay one) (tests/fuzz/run.sh), SIM_FUZZ_KEEP a folder for the inputs that fail.
/// </summary>
[TestFixture, Category("Fuzz"), NonParallelizable]
public class FuzzTests
{
    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : fallback;

    /// <summary>The calibration, evaluation and sensitivity seeds as they are: each command line they run succeeds.</summary>
    [Test]
    public void CalibrationAndSensitivitySeeds_Unmutated_GiveResults()
    {
        using var campaign = new FuzzCampaign();
        var seeds = campaign.Seeds.Where(s => s.Kind is FuzzKind.Fit or FuzzKind.FitData or FuzzKind.Posterior or FuzzKind.Evaluation)
            .Append(campaign.Seeds.First(s => s is { Kind: FuzzKind.Sensitivity, Name: "hospital-beds.json" }));
        foreach (var seed in seeds)
            for (int variant = 0; variant < 2; variant++)
            {
                var (outcome, detail) = campaign.RunSeed(seed, variant);
                Assert.That(outcome, Is.EqualTo(FuzzOutcome.Result), $"{seed.Kind} {seed.Name}, variant {variant}: {detail}");
            }
    }

    [Test]
    public void MutatedInputs_GiveADiagnosticOrAResult_NeverACrashHangOrRunawayMemory()
    {
        int cases = Setting("SIM_FUZZ_CASES", 2000), seed = Setting("SIM_FUZZ_SEED", 22), first = Setting("SIM_FUZZ_FIRST", 0);
        string? keep = Environment.GetEnvironmentVariable("SIM_FUZZ_KEEP");
        using var campaign = new FuzzCampaign();
        var clock = Stopwatch.StartNew();
        campaign.Run(seed, first, cases, done =>
        {
            if (done % 1000 == 0) TestContext.Progress.WriteLine($"fuzz: {done:N0}/{cases:N0} cases, {clock.Elapsed.TotalSeconds:F0} s, " +
                string.Join(", ", campaign.Counts.Select(c => $"{c.Key} {c.Value}")));
        }, keep);
        string summary = $"seed {seed}, {cases:N0} cases in {clock.Elapsed.TotalSeconds:F0} s: " +
                         string.Join(", ", campaign.Counts.Select(c => $"{c.Key} {c.Value:N0}")) + "; by kind: " +
                         string.Join(", ", campaign.CasesByKind.Select(c => $"{c.Key} {c.Value:N0} ({campaign.TimeByKind[c.Key].TotalSeconds:F0} s)"));
        TestContext.Progress.WriteLine("fuzz: " + summary);
        Assert.That(campaign.Failures, Is.Empty, summary + "\n" + string.Join("\n\n", campaign.Failures.Take(10).Select(f =>
            $"case {f.Case} ({f.Outcome}, {f.Kind} {f.Seed}: {f.Mutations}), input {f.InputPath}\n{f.Detail}")));
    }
}
