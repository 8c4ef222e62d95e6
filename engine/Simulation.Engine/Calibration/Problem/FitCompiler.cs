using System.Collections.Immutable;
using Simulation.Engine.Binding;
using Simulation.Engine.Calibration.Data;
using Simulation.Engine.Calibration.Format;
using Simulation.Engine.Calibration.Likelihood;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Scenarios;
using Simulation.Engine.Scenarios.Format;
using Simulation.Engine.Scenarios.Resolution;

namespace Simulation.Engine.Calibration.Problem;

/// <summary>
/// The fit pipeline: read the fit file, the model and the data; resolve the parameters (as an experiment resolves
/// its uncertain inputs) and the series (each to its data column and the steps its observations need); then build
/// the model once with the estimated inputs as run parameters (factors and positions in range as an experiment
/// builds them) and a hidden variable per series (a value, or an accumulator for a total), and compile it. Runs
/// stop at the last step the data needs (unless the model reads STOPTIME). Every problem is reported in one pass.
/// </summary>
public static class FitCompiler
{
    public static CalibrationProblem? CompileFile(string path, DiagnosticBag diagnostics) =>
        FitJsonReader.ReadFile(path, diagnostics) is { } fit ? Compile(fit, diagnostics) : null;

    /// <param name="under">A scenario of an experiment on the same model to run the fit's model under (its overrides and
    /// interventions, as a sweep applies them), for made-up data after a change; null: the model as it is.</param>
    public static CalibrationProblem? Compile(FitDocument fit, DiagnosticBag diagnostics, ScenarioOf? under = null)
    {
        bool missing = false;
        if (!File.Exists(fit.ModelPath))
        {
            diagnostics.Error(DiagnosticCodes.ModelFileMissing, $"the model file '{fit.ModelPath}' does not exist", fit.Model.Location,
                hint: "the path is relative to the fit file's folder");
            missing = true;
        }
        if (!File.Exists(fit.DataPath))
        {
            diagnostics.Error(DiagnosticCodes.DataFileMissing, $"the data file '{fit.DataPath}' does not exist", fit.Data.Location,
                hint: "the path is relative to the fit file's folder");
            missing = true;
        }
        if (missing) return null;
        var model = ModelPipeline.Read(fit.ModelPath, diagnostics);
        var data = SourceFile.Load(fit.DataPath, diagnostics, DiagnosticCodes.DataFileMissing) is { } file ? ObservedData.Read(file, diagnostics) : null;
        if (model is null) return null;
        model = model with { Time = fit.Time?.Apply(model.Time) ?? model.Time };
        var (bound, analysis) = ModelPipeline.Check(model, diagnostics);
        if (analysis is null || data is null || diagnostics.HasErrors) return null;

        var clock = model.Time.Clock;
        var scenario = under is null ? AsItIs : Resolve(under, fit, model, bound, diagnostics);
        var parameters = ParameterResolver.Resolve(fit, bound, new InputResolver(bound, diagnostics), ExperimentCompiler.ModelValues(bound, analysis), diagnostics);
        var series = SeriesResolver.Resolve(fit, data, bound, clock, diagnostics);
        if (diagnostics.HasErrors) return null;
        int observations = series.Sum(s => s.Points.Count);
        if (observations <= parameters.Count)
            diagnostics.Error(DiagnosticCodes.TooFewObservations,
                $"the fit has {observations} observation{(observations == 1 ? "" : "s")} for {parameters.Count} parameter{(parameters.Count == 1 ? "" : "s")}",
                fit.SeriesLocation, hint: "a fit needs more observations than parameters: add data, or estimate fewer inputs");
        if (diagnostics.HasErrors) return null;
        return Build(fit, model, bound, data, clock, scenario!, parameters, series, diagnostics);
    }

    private static readonly ResolvedScenario AsItIs = new("fit", 0, null, ImmutableArray<ResolvedOverride>.Empty, ImmutableArray<ResolvedIntervention>.Empty);

    /// <summary>The named scenario of the experiment, resolved against the fit's model (which must be the experiment's).</summary>
    private static ResolvedScenario? Resolve(ScenarioOf under, FitDocument fit, ModelDocument model, BoundModel bound, DiagnosticBag diagnostics)
    {
        var experiment = under.Experiment;
        if (Path.GetFullPath(experiment.ModelPath) != Path.GetFullPath(fit.ModelPath))
        {
            diagnostics.Error(DiagnosticCodes.ModelFileMissing, $"the experiment is of '{experiment.ModelPath}', the fit of '{fit.ModelPath}'", experiment.Model.Location,
                hint: "the scenario must be of the fit's own model");
            return null;
        }
        var (scenarios, _) = ScenarioResolver.Resolve(experiment, model.Time, new InputResolver(bound, diagnostics), diagnostics);
        var chosen = scenarios.FirstOrDefault(s => string.Equals(s.Name, under.Name, StringComparison.OrdinalIgnoreCase));
        if (chosen is null)
        {
            string? near = NameSuggester.Suggest(under.Name, scenarios.Select(s => s.Name));
            diagnostics.Error(DiagnosticCodes.UnknownScenario, $"the experiment has no scenario '{under.Name}'", experiment.Location,
                hint: near is not null ? $"did you mean '{near}'?" : $"its scenarios: {string.Join(", ", scenarios.Select(s => s.Name))}");
        }
        return chosen;
    }

    private static CalibrationProblem? Build(FitDocument fit, ModelDocument model, BoundModel bound, ObservedData data, StepClock clock, ResolvedScenario scenario,
        List<ParameterResolver.Resolved> parameters, List<SeriesResolver.Resolved> series, DiagnosticBag diagnostics)
    {
        var recording = SeriesRecording.Build(model, bound, clock, scenario, parameters.Select(p => p.Column).ToImmutableArray(), series, diagnostics);
        if (recording is null) return null;
        return new CalibrationProblem
        {
            Fit = fit,
            Model = model,
            Data = data,
            Space = new ParameterSpace(parameters.Select((p, j) => new EstimatedParameter(p.Column, p.Min, p.Max, p.Definition.Scale, p.Prior,
                p.Definition.Start, ModelValue(recording.Scenario, j))).ToImmutableArray()),
            Recording = recording,
            Likelihood = new FitLikelihood(recording.Models, recording.Observations.Select(o => o.Value).ToImmutableArray()),
        };
    }

    /// <summary>The value the model gives parameter j (through the first plan parameter it sets; a factor's is 1; a quantile level's, the level of the element's value).</summary>
    private static double ModelValue(CompiledScenario scenario, int j)
    {
        int k = scenario.ParameterColumns.IndexOf(j);
        if (k < 0) return double.NaN;
        double value = scenario.Plan.ParameterDefaults[k];
        return scenario.ParameterMaps[k] is { } map ? Prior.LevelOf(map, value) : value;
    }
}

/// <summary>A scenario of an experiment, by name: the conditions a fit's model is run under to make up data after a change.</summary>
public sealed record ScenarioOf(ExperimentDocument Experiment, string Name);
