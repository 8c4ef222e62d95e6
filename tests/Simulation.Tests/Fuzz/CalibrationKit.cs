using System.Text.RegularExpressions;

namespace Simulation.Tests.Fuzz;

/// <summary>
/// The files `sim calibrate`, `sim evaluate` read, on the influenza model (models/flu-sir.json, 224 steps): two fit files
/// (the bundled one; one with priors, a time block, a total, an expression and every error model), the observed data, a
/// posterior (draws an experiment sweeps as its uncertainty, and the noise scales `--calibration` reads) and an evaluation
/// experiment. A case copies them all into its folder and replaces one with its mutation, so the others stay valid; the
/// model is found at ../models/flu-sir.json, among the campaign's copies of the bundled models.
/// </summary>
public static class CalibrationKit
{
    public const string Fit = "fit.json", Data = "data.csv", Experiment = "experiment.json", PosteriorFolder = "posterior";
    public const string Scenario = "isolation from day 5";

    public static IEnumerable<FuzzSeed> Seeds()
    {
        string bundled = File.ReadAllText(TestModels.PathOf("scenarios", "calibration", "flu-sir.json"));
        bundled = Regex.Replace(bundled, "\"model\"\\s*:\\s*\"[^\"]*\"", "\"model\": \"../models/flu-sir.json\"");
        bundled = Regex.Replace(bundled, "\"data\"\\s*:\\s*\"[^\"]*\"", $"\"data\": \"{Data}\"");
        yield return new FuzzSeed(FuzzKind.Fit, Fit, bundled);
        yield return new FuzzSeed(FuzzKind.Fit, Fit, """
            {
              "formatVersion": 1,
              "name": "fuzz: influenza with priors",
              "model": "../models/flu-sir.json",
              "data": "data.csv",
              "time": { "dt": 0.125, "method": "rk4" },
              "seed": 7,
              "parameters": [
                { "input": "Beta", "min": 0.2, "max": 5, "scale": "log", "start": 1.5, "prior": { "distribution": "lognormal", "mean": 1.5, "sd": 0.5 } },
                { "input": "Gamma", "min": 0.05, "max": 2, "prior": { "distribution": "triangular", "min": 0.05, "mode": 0.5, "max": 2 } },
                { "input": "Initial Infected", "apply": "multiply", "min": 0.5, "max": 3, "prior": { "distribution": "pert" } }
              ],
              "fit": [
                { "variable": "Infected", "column": "in_bed", "error": "negativeBinomial" },
                { "variable": "Infected + Recovered * 0", "column": "in_bed", "error": "lognormal", "sd": 0.3, "weight": 0.5 },
                { "total": "Recovery", "column": "in_bed", "interval": 1, "error": "poisson" },
                { "variable": "Infected", "column": "in_bed", "error": "normal", "sd": 20 }
              ]
            }
            """);
        yield return new FuzzSeed(FuzzKind.FitData, Data, File.ReadAllText(TestModels.PathOf("scenarios", "calibration", "data", "flu-boarding-school.csv")));
        yield return new FuzzSeed(FuzzKind.Posterior, PosteriorFolder + "/posterior.csv", """
            run,Beta,Gamma
            0,1.6692,0.44345
            1,1.63,0.43
            2,1.71,0.46
            3,1.65,0.42
            4,1.69,0.45
            5,1.62,0.47

            """.ReplaceLineEndings("\n"));
        yield return new FuzzSeed(FuzzKind.Posterior, PosteriorFolder + "/estimates.csv", """
            parameter,estimate,low,high
            Beta,1.6684227125051017,1.6213,1.719
            Gamma,0.44326575366632337,0.4152,0.47499
            sd(in_bed),17.159491802631855,,
            dispersion(in_bed),12.5,,

            """.ReplaceLineEndings("\n"));
        yield return new FuzzSeed(FuzzKind.Evaluation, Experiment, $$"""
            {
              "name": "fuzz: isolating the sick bay",
              "model": "../models/flu-sir.json",
              "seed": 1978,
              "baseline": "baseline",
              "scenarios": [
                { "name": "baseline" },
                { "name": "{{Scenario}}", "interventions": [ { "input": "Beta", "from": 5, "to": 7, "set": 1.0 } ] }
              ],
              "uncertainty": { "design": "table", "table": "posterior/posterior.csv" },
              "outcomes": [
                { "name": "Pupil days in bed", "units": "pupil days", "total": "Infected", "from": 0, "to": 14 },
                { "name": "In bed on day 7", "units": "pupils", "value": "Infected", "at": [7] }
              ]
            }
            """);
    }
}
