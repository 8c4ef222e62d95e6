using System.Collections.Immutable;
using Simulation.Engine.Calibration.Data;
using Simulation.Engine.Calibration.Format;
using Simulation.Engine.Calibration.Problem;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Scenarios;

namespace Simulation.Engine.Calibration.Counterfactual;

/// <summary>
/// The evaluate step of the improvement cycle, ready to run: observed data after an intervention started, the
/// experiment's baseline (the counterfactual: services as they were, over the experiment's futures, typically a
/// calibrated posterior) built to give the fit's series at the observations' times, and optionally the scenario that
/// was implemented (what the plan expected).
/// </summary>
public sealed class EvaluationProblem
{
    public required CompiledExperiment Experiment { get; init; }

    public required FitDocument Fit { get; init; }

    public required ObservedData Data { get; init; }

    /// <summary>The counterfactual: the experiment's baseline scenario.</summary>
    public required SeriesRecording Baseline { get; init; }

    /// <summary>The scenario that was implemented, if named.</summary>
    public SeriesRecording? Implemented { get; init; }

    public string BaselineName => Baseline.Scenario.Name;

    /// <summary>Each series' noise scale (sd, sd of ln, dispersion; NaN where unknown or not needed).</summary>
    public required ImmutableArray<double> Scales { get; init; }

    /// <summary>Observations before this time were left out (null: none).</summary>
    public double? From { get; init; }

    public ImmutableArray<Observation> Observations => Baseline.Observations;

    public ImmutableArray<FittedSeries> Series => Baseline.Series;
}

/// <summary>
/// Builds an <see cref="EvaluationProblem"/>: the experiment is compiled as a sweep compiles it; the fit file says how
/// each data column compares with the model (resolved against the experiment's model and run); the data default to
/// the fit's. Every problem is reported in one pass.
/// </summary>
public static class EvaluationCompiler
{
    /// <param name="scales">Estimated noise scales by the names calibrations give them ("sd(in_bed)", "dispersion(admissions)").</param>
    public static EvaluationProblem? Compile(string experimentPath, string fitPath, string? dataPath, string? scenario, double? from,
        IReadOnlyDictionary<string, double> scales, DiagnosticBag diagnostics)
    {
        var experiment = ExperimentCompiler.CompileFile(experimentPath, diagnostics);
        var fit = FitJsonReader.ReadFile(fitPath, diagnostics);
        if (experiment is null || fit is null || diagnostics.HasErrors) return null;
        string path = dataPath ?? fit.DataPath;
        if (!File.Exists(path))
        {
            diagnostics.Error(DiagnosticCodes.DataFileMissing, $"the data file '{path}' does not exist", dataPath is null ? fit.Data.Location : null,
                hint: dataPath is null ? "the path is relative to the fit file's folder" : "give the observed data after the intervention with --data");
            return null;
        }
        var data = SourceFile.Load(path, diagnostics, DiagnosticCodes.DataFileMissing) is { } file ? ObservedData.Read(file, diagnostics) : null;
        if (data is null) return null;

        var own = new DiagnosticBag(); // the experiment's model was checked, and its warnings reported, as the experiment compiled
        var (bound, analysis) = ModelPipeline.Check(experiment.Model, own);
        if (analysis is null) return null;
        var series = SeriesResolver.Resolve(fit, data, bound, experiment.Clock, diagnostics);
        if (from is double start)
        {
            series = series.Select(s => s with { Points = s.Points.Where(p => p.Time >= start).ToList() }).ToList();
            foreach (var s in series.Where(s => s.Points.Count == 0))
                diagnostics.Warning(DiagnosticCodes.TooFewObservations, $"the column '{s.Column.Name}' has no observations from {start}", s.Column.Location,
                    hint: "it is left out of the evaluation");
            series = series.Where(s => s.Points.Count > 0).ToList();
            if (series.Count == 0)
                diagnostics.Error(DiagnosticCodes.TooFewObservations, $"the data have no observations from {start}", new SourceLocation(data.Path, 1, 1),
                    hint: "give the time the intervention started, within the data");
        }
        var baseline = experiment.Scenarios[experiment.Baseline];
        CompiledScenario? implemented = null;
        if (scenario is not null)
        {
            implemented = experiment.Scenarios.FirstOrDefault(s => string.Equals(s.Name, scenario, StringComparison.OrdinalIgnoreCase));
            if (implemented is null)
            {
                string? near = NameSuggester.Suggest(scenario, experiment.Scenarios.Select(s => s.Name));
                diagnostics.Error(DiagnosticCodes.UnknownScenario, $"the experiment has no scenario '{scenario}'", null,
                    hint: near is not null ? $"did you mean '{near}'?" : $"its scenarios: {string.Join(", ", experiment.Scenarios.Select(s => s.Name))}");
            }
        }
        if (diagnostics.HasErrors) return null;

        var columns = experiment.Uncertainty.Columns;
        var baselineRecording = SeriesRecording.Build(experiment.Model, bound, experiment.Clock, baseline.Scenario, columns, series, diagnostics);
        var implementedRecording = implemented is null ? null
            : SeriesRecording.Build(experiment.Model, bound, experiment.Clock, implemented.Scenario, columns, series, diagnostics);
        if (baselineRecording is null || (implemented is not null && implementedRecording is null)) return null;
        return new EvaluationProblem
        {
            Experiment = experiment,
            Fit = fit,
            Data = data,
            Baseline = baselineRecording,
            Implemented = implementedRecording,
            Scales = baselineRecording.Models.Select(m => ScaleOf(m, scales)).ToImmutableArray(),
            From = from,
        };
    }

    /// <summary>A series' noise scale: its known one, else the calibration's estimate; NaN for Poisson (none needed) and where unknown.</summary>
    private static double ScaleOf(Likelihood.SeriesModel m, IReadOnlyDictionary<string, double> scales)
    {
        if (m.Error == ErrorKind.Poisson) return double.NaN;
        if (!m.EstimatesScale) return m.KnownSd ?? m.KnownDispersion ?? double.NaN;
        return scales.TryGetValue($"{m.ScaleName}({m.Name})", out double value) ? value : double.NaN;
    }

    /// <summary>The scales a calibration estimated: the rows of its estimates.csv named "sd(...)", "sd of ln(...)" or "dispersion(...)".</summary>
    public static IReadOnlyDictionary<string, double> ScalesFrom(IReadOnlyDictionary<string, Output.EstimateRow> estimates) =>
        estimates.Values.Where(r => (r.Name.StartsWith("sd(") || r.Name.StartsWith("sd of ln(") || r.Name.StartsWith("dispersion(")) && double.IsFinite(r.Estimate))
            .ToDictionary(r => r.Name, r => r.Estimate, StringComparer.OrdinalIgnoreCase);
}
