using System.Text.RegularExpressions;

namespace Simulation.Tests.Fuzz;

/// <summary>
/// What a fuzz case feeds the command line: a model, an experiment, an XMILE file, a design table or a summary; for
/// calibration, a fit file, its observed data, a posterior (the draws an experiment sweeps, the noise scales sim evaluate
/// reads) or an evaluation's experiment; an experiment for sensitivity analysis.
/// </summary>
public enum FuzzKind
{
    Model,
    Experiment,
    Xmile,
    Mdl,
    DesignTable,
    Summary,
    Fit,
    FitData,
    Posterior,
    Evaluation,
    Sensitivity,
}

/// <summary>One seed input: its kind, the name it is written under (its extension matters) and its text.</summary>
public sealed record FuzzSeed(FuzzKind Kind, string Name, string Text)
{
    /// <summary>A folder whose other files the input needs beside it (the data files a Vensim model reads).</summary>
    public string? Beside { get; init; }
}

/// <summary>
/// The seeds: every bundled model and experiment, every XMILE and Vensim file of the SDXorg suites, a design table, the
/// summary.json of a small finished sweep, and a calibration kit on the influenza model (two fit files, its data, a posterior
/// and its estimates, an evaluation experiment: <see cref="CalibrationKit"/>). Experiments are cut to a few samples so that a sweep fits a case's budget
/// (mutations may make them large again; the budget then stops them before they run).
/// </summary>
public static class FuzzCorpus
{
    public static IReadOnlyList<FuzzSeed> Load(string summaryJson)
    {
        var seeds = new List<FuzzSeed>();
        foreach (var path in Directory.GetFiles(TestModels.PathOf("models"), "*.json").Order())
            seeds.Add(new FuzzSeed(FuzzKind.Model, Path.GetFileName(path), File.ReadAllText(path)));
        foreach (var path in Directory.GetFiles(TestModels.PathOf("scenarios"), "*.json").Order())
            seeds.Add(new FuzzSeed(FuzzKind.Experiment, Path.GetFileName(path), Small(File.ReadAllText(path))));
        foreach (var path in Directory.GetFiles(TestModels.PathOf("tests", "conformance", "sdxorg"), "*.xmile", SearchOption.AllDirectories).Order())
            seeds.Add(new FuzzSeed(FuzzKind.Xmile, Path.GetFileName(path), File.ReadAllText(path)));
        foreach (var path in Directory.GetFiles(TestModels.PathOf("tests", "conformance", "sdxorg-mdl"), "*.mdl", SearchOption.AllDirectories).Order())
            seeds.Add(new FuzzSeed(FuzzKind.Mdl, Path.GetFileName(path), File.ReadAllText(path)) { Beside = Path.GetDirectoryName(path) });
        seeds.Add(new FuzzSeed(FuzzKind.DesignTable, "design.csv",
            "run,Room Temperature,characteristic_time\n0,70,10\n1,60,\"5\"\n2,75.5,12\n3,80,1e1\n"));
        seeds.Add(new FuzzSeed(FuzzKind.Summary, "summary.json", summaryJson));
        foreach (var path in Directory.GetFiles(TestModels.PathOf("scenarios"), "*.json").Order())
            seeds.Add(new FuzzSeed(FuzzKind.Sensitivity, Path.GetFileName(path), Small(File.ReadAllText(path))));
        seeds.AddRange(CalibrationKit.Seeds());
        return seeds;
    }

    /// <summary>An experiment with at most 4 samples and 1 replication.</summary>
    private static string Small(string experiment) =>
        Regex.Replace(Regex.Replace(experiment, "\"samples\"\\s*:\\s*\\d+", "\"samples\": 4"), "\"replications\"\\s*:\\s*\\d+", "\"replications\": 1");
}
