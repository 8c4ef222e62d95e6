using System.Diagnostics;
using Simulation.Engine;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Scenarios;
using Simulation.Tests.Hardening;

namespace Simulation.Tests.Fuzz;

/// <summary>How a case ended. Result and Diagnostic are the invariant; the others are failures.</summary>
public enum FuzzOutcome
{
    /// <summary>Every command succeeded.</summary>
    Result,

    /// <summary>A command reported the input's problem (exit 1 or 2) and nothing crashed.</summary>
    Diagnostic,

    /// <summary>Too large for a case's budget: checked (and compiled), but not run.</summary>
    OverBudget,

    /// <summary>An unexpected exception: an internal error (exit 70), or one that escaped.</summary>
    Crash,

    /// <summary>A case that did not finish within its time budget.</summary>
    Hang,

    /// <summary>A case after which the managed heap held more than its memory budget.</summary>
    Memory,
}

/// <summary>One case that broke the invariant, with what is needed to replay it.</summary>
public sealed record FuzzFailure(int Case, FuzzOutcome Outcome, FuzzKind Kind, string Seed, string Mutations, string Detail, string InputPath);

/// <summary>
/// Runs fuzz cases through the real command line, in process: each case mutates one seed (<see cref="Mutator"/>),
/// writes it among copies of the bundled models, and runs check, run, sweep, import or summary on it, as its kind
/// calls for. The invariant: a diagnostic or a result, never an unexpected exception, a hang or unbounded memory.
/// </summary>
public sealed partial class FuzzCampaign : IDisposable
{
    /// <summary>Element-steps one run may take (steps x elements), and that a sweep may take over all its runs.</summary>
    public const double RunBudget = 2e6, SweepBudget = 1e7;

    /// <summary>
    /// Processor time a case may use: 60 s, or SIM_FUZZ_CASE_CPU_SECONDS. A hang is judged by processor time, not by the
    /// clock: case 10,809 of seed 2022 (a 20,000-term chain in a 30-element equation, 13 s of processor time to check and
    /// compile) passed 300 s of wall time only because the campaign ran at the lowest priority on a machine with a load
    /// average of 34 (<c>LongChainTests.FuzzCase10809</c>).
    /// </summary>
    public static readonly TimeSpan CaseCpu = Seconds("SIM_FUZZ_CASE_CPU_SECONDS", 60);

    /// <summary>
    /// Wall-clock time a case may take whatever processor time it used: 60 s, or SIM_FUZZ_CASE_SECONDS (campaigns run
    /// niced beside other work and set it long). It catches a case that waits without computing (a deadlock).
    /// </summary>
    public static readonly TimeSpan CaseTime = Seconds("SIM_FUZZ_CASE_SECONDS", 60);

    private static TimeSpan Seconds(string variable, int fallback) =>
        TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable(variable), out int seconds) && seconds > 0 ? seconds : fallback);
    public const long HeapBudget = 3L << 30;

    /// <summary>
    /// The kinds in proportion: models, XMILE and Vensim files most often (they reach every stage of the engine), the rest
    /// as often as each other.
    /// </summary>
    private static readonly FuzzKind[] Kinds =
    [
        FuzzKind.Model, FuzzKind.Model, FuzzKind.Model, FuzzKind.Xmile, FuzzKind.Xmile, FuzzKind.Mdl, FuzzKind.Mdl, FuzzKind.Experiment,
        FuzzKind.DesignTable, FuzzKind.Summary, FuzzKind.Fit, FuzzKind.FitData, FuzzKind.Posterior, FuzzKind.Evaluation, FuzzKind.Sensitivity,
    ];

    /// <summary>The kinds this campaign draws from: all of them, or those SIM_FUZZ_KINDS names (e.g. Fit,FitData,Sensitivity), in proportion.</summary>
    private readonly FuzzKind[] _kinds = Environment.GetEnvironmentVariable("SIM_FUZZ_KINDS") is { Length: > 0 } only
        ? Kinds.Where(k => only.Split(',', StringSplitOptions.TrimEntries).Contains(k.ToString(), StringComparer.OrdinalIgnoreCase)).ToArray() is { Length: > 0 } chosen
            ? chosen : throw new ArgumentException($"SIM_FUZZ_KINDS '{only}' names no kind of {string.Join(", ", Enum.GetNames<FuzzKind>())}")
        : Kinds;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "sim-fuzz-" + Guid.NewGuid().ToString("N"));
    private readonly IReadOnlyList<FuzzSeed> _seeds;
    private readonly string _sweepFolder;

    public FuzzCampaign()
    {
        Directory.CreateDirectory(Path.Combine(_root, "models"));
        Directory.CreateDirectory(Path.Combine(_root, "scenarios"));
        foreach (var path in Directory.GetFiles(TestModels.PathOf("models"), "*.json"))
            File.Copy(path, Path.Combine(_root, "models", Path.GetFileName(path)));
        _sweepFolder = Path.Combine(_root, "finished-sweep");
        var sweep = InProcessSim.Run("sweep", TestModels.PathOf("scenarios", "hospital-beds.json"), "--output", _sweepFolder, "--threads", "1");
        if (sweep.ExitCode != 0) throw new InvalidOperationException("the seed sweep failed: " + sweep.Stderr);
        _seeds = FuzzCorpus.Load(File.ReadAllText(Path.Combine(_sweepFolder, "summary.json")));
        _kit = WriteKit(_seeds);
    }

    public Dictionary<FuzzOutcome, int> Counts { get; } = Enum.GetValues<FuzzOutcome>().ToDictionary(o => o, _ => 0);

    public Dictionary<FuzzKind, int> CasesByKind { get; } = Enum.GetValues<FuzzKind>().ToDictionary(k => k, _ => 0);

    public Dictionary<FuzzKind, TimeSpan> TimeByKind { get; } = Enum.GetValues<FuzzKind>().ToDictionary(k => k, _ => TimeSpan.Zero);

    public List<FuzzFailure> Failures { get; } = new();

    /// <summary>Runs cases <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> - 1 of the campaign <paramref name="seed"/>.</summary>
    public void Run(int seed, int first, int count, Action<int>? progress = null, string? keepFailuresIn = null)
    {
        for (int i = first; i < first + count; i++)
        {
            var failure = RunCase(seed, i);
            if (failure is not null) Failures.Add(keepFailuresIn is null ? failure : Keep(failure, keepFailuresIn)); // a hung case's thread runs on
            progress?.Invoke(i - first + 1);
        }
    }

    /// <summary>Runs one case; null when it kept the invariant.</summary>
    public FuzzFailure? RunCase(int seed, int index)
    {
        var random = new Random(unchecked(seed * 1_000_003 + index * 7919) & int.MaxValue);
        var kind = _kinds[random.Next(_kinds.Length)];
        var ofKind = _seeds.Where(s => s.Kind == kind).ToList();
        var seedInput = ofKind[random.Next(ofKind.Count)];
        var mutator = new Mutator(random);
        byte[] input = mutator.Mutate(seedInput.Text, seedInput.Name.EndsWith(".csv", StringComparison.Ordinal) ? "csv" : "text");
        int variant = random.Next(2); // which command line a kind with two runs this case (after the mutations: they stay replayable)
        CasesByKind[seedInput.Kind]++;
        string folder = Path.Combine(_root, "case");
        if (Directory.Exists(folder)) Directory.Delete(folder, true);
        Directory.CreateDirectory(folder);
        string path = Place(seedInput, input, folder);
        var clock = Stopwatch.StartNew();
        var (outcome, detail) = Execute(seedInput.Kind, path, folder, variant);
        TimeByKind[seedInput.Kind] += clock.Elapsed;
        if (outcome is not (FuzzOutcome.Crash or FuzzOutcome.Hang) && GC.GetTotalMemory(false) > HeapBudget)
        {
            GC.Collect();
            if (GC.GetTotalMemory(true) > HeapBudget) (outcome, detail) = (FuzzOutcome.Memory, $"{GC.GetTotalMemory(false) >> 20} MB held after the case");
        }
        Counts[outcome]++;
        return outcome is FuzzOutcome.Crash or FuzzOutcome.Hang or FuzzOutcome.Memory
            ? new FuzzFailure(index, outcome, seedInput.Kind, seedInput.Name, mutator.Describe, detail, path)
            : null;
    }

    /// <summary>Writes the mutated input where its kind needs it: experiments beside ../models, summaries into a finished sweep.</summary>
    private string Place(FuzzSeed seed, byte[] input, string folder)
    {
        string path = seed.Kind switch
        {
            FuzzKind.Experiment => Path.Combine(_root, "scenarios", seed.Name),
            FuzzKind.Model => Path.Combine(_root, "models", "case-" + seed.Name),
            FuzzKind.Summary => Path.Combine(folder, "sweep", "summary.json"),
            FuzzKind.Sensitivity => Path.Combine(_root, "scenarios", seed.Name),
            _ => Path.Combine(folder, seed.Name),
        };
        if (seed.Beside is { } beside)
            foreach (var file in Directory.GetFiles(beside).Where(f => !f.EndsWith(".mdl", StringComparison.OrdinalIgnoreCase)))
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)), overwrite: true);
        if (UsesKit(seed.Kind)) CopyKit(folder);
        if (seed.Kind == FuzzKind.Summary)
        {
            Directory.CreateDirectory(Path.Combine(folder, "sweep"));
            foreach (var file in Directory.GetFiles(_sweepFolder)) File.Copy(file, Path.Combine(folder, "sweep", Path.GetFileName(file)));
        }
        File.WriteAllBytes(path, input);
        return path;
    }

    private (FuzzOutcome, string) Execute(FuzzKind kind, string path, string folder, int variant)
    {
        using var process = Process.GetCurrentProcess();
        var cpuAtStart = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var task = Task.Run(() => Commands(kind, path, folder, variant));
        while (!task.Wait(TimeSpan.FromMilliseconds(250)))
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuAtStart; // the process's: the case's threads, and the garbage collector's work for it
            if (cpu > CaseCpu) return (FuzzOutcome.Hang, $"still running after {cpu.TotalSeconds:F0} s of processor time ({clock.Elapsed.TotalSeconds:F0} s of wall time)");
            if (clock.Elapsed > CaseTime) return (FuzzOutcome.Hang, $"still running after {CaseTime.TotalSeconds:F0} s of wall time ({cpu.TotalSeconds:F0} s of processor time)");
        }
        if (task.Exception is { } e) return (FuzzOutcome.Crash, e.InnerException?.ToString() ?? e.ToString());
        return task.Result;
    }

    private (FuzzOutcome, string) Commands(FuzzKind kind, string path, string folder, int variant)
    {
        var results = new List<InProcessSim.Outcome>();
        bool overBudget = false;
        InProcessSim.Outcome Sim(params string[] args)
        {
            var r = InProcessSim.Run(args);
            results.Add(r);
            return r;
        }
        string output = Path.Combine(folder, "out");
        switch (kind)
        {
            case FuzzKind.Model or FuzzKind.Xmile or FuzzKind.Mdl:
                if (Sim("check", path).ExitCode == 0)
                {
                    if (kind != FuzzKind.Model) Sim("import", path, "-o", output + ".json", "--force");
                    if (ModelWork(path) <= RunBudget) Sim("run", path, "--output", output + ".csv", "--force");
                    else overBudget = true;
                }
                break;
            case FuzzKind.Experiment:
                if (ExperimentWork(path) is double work && work <= SweepBudget)
                {
                    if (Sim("sweep", path, "--output", output, "--force", "--threads", "1", "--reference").ExitCode == 0) Sim("summary", output, "--format", "markdown");
                }
                else overBudget = true;
                break;
            case FuzzKind.DesignTable:
                Sim("run", Path.Combine(_root, "models", "teacup.json"), "--design", path, "--output", output + ".csv", "--force", "--threads", "1");
                break;
            case FuzzKind.Summary:
                Sim("summary", Path.GetDirectoryName(path)!);
                Sim("summary", Path.GetDirectoryName(path)!, "--format", "markdown");
                break;
            default:
                overBudget = !CalibrationCommands(kind, path, folder, variant, Sim);
                break;
        }
        if (results.FirstOrDefault(r => r.IsInternalError) is { } crash) return (FuzzOutcome.Crash, crash.Stderr);
        if (overBudget) return (FuzzOutcome.OverBudget, "");
        return results.FirstOrDefault(r => r.ExitCode != 0) is { } refused ? (FuzzOutcome.Diagnostic, refused.Stderr) : (FuzzOutcome.Result, "");
    }

    /// <summary>Steps x elements of one run of a model that checks; an exception here is a crash like any other.</summary>
    private static double ModelWork(string path)
    {
        var diagnostics = new DiagnosticBag();
        var plan = ModelPipeline.CompileFile(path, diagnostics);
        return plan is null ? 0 : (double)(plan.StepCount + 1) * Math.Max(1, plan.Model.Elements.Length);
    }

    /// <summary>Steps x elements over every run of an experiment, or null when it does not compile (the sweep then reports why).</summary>
    private static double? ExperimentWork(string path)
    {
        var diagnostics = new DiagnosticBag();
        var experiment = ExperimentCompiler.CompileFile(path, diagnostics);
        if (experiment is null) return 0;
        var model = experiment.Scenarios[0].Plan;
        return (double)experiment.Runs * (model.StepCount + 1) * Math.Max(1, model.Model.Elements.Length);
    }

    private static FuzzFailure Keep(FuzzFailure failure, string folder)
    {
        Directory.CreateDirectory(folder);
        string kept = Path.Combine(folder, $"case-{failure.Case}-{failure.Outcome}{Path.GetExtension(failure.InputPath)}");
        if (File.Exists(failure.InputPath)) File.Copy(failure.InputPath, kept, overwrite: true);
        File.WriteAllText(kept + ".txt", $"{failure.Outcome} {failure.Kind} {failure.Seed}: {failure.Mutations}\n{failure.Detail}\n");
        return failure with { InputPath = kept };
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, true); }
        catch (IOException) { } // a hung case may still hold a file
    }
}
