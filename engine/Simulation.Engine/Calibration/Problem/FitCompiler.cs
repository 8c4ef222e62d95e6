using System.Collections.Immutable;
using Simulation.Engine.Binding;
using Simulation.Engine.Calibration.Data;
using Simulation.Engine.Calibration.Format;
using Simulation.Engine.Calibration.Likelihood;
using Simulation.Engine.Checking;
using Simulation.Engine.Compilation;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Results;
using Simulation.Engine.Runtime.Batches;
using Simulation.Engine.Scenarios;
using Simulation.Engine.Scenarios.Building;
using Simulation.Engine.Scenarios.Outcomes;
using Simulation.Engine.Scenarios.Resolution;
using Simulation.Engine.Scenarios.Sampling;
using Simulation.Engine.Syntax;

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

    public static CalibrationProblem? Compile(FitDocument fit, DiagnosticBag diagnostics)
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

        var clock = new RunClock(model.Time);
        var parameters = ParameterResolver.Resolve(fit, bound, new InputResolver(bound, diagnostics), ExperimentCompiler.ModelValues(bound, analysis), diagnostics);
        var series = SeriesResolver.Resolve(fit, data, bound, clock, diagnostics);
        if (diagnostics.HasErrors) return null;
        int observations = series.Sum(s => s.Points.Count);
        if (observations <= parameters.Count)
            diagnostics.Error(DiagnosticCodes.TooFewObservations,
                $"the fit has {observations} observation{(observations == 1 ? "" : "s")} for {parameters.Count} parameter{(parameters.Count == 1 ? "" : "s")}",
                fit.SeriesLocation, hint: "a fit needs more observations than parameters: add data, or estimate fewer inputs");
        if (diagnostics.HasErrors) return null;
        return Build(fit, model, bound, data, clock, parameters, series, diagnostics);
    }

    private static CalibrationProblem? Build(FitDocument fit, ModelDocument model, BoundModel bound, ObservedData data, RunClock clock,
        List<ParameterResolver.Resolved> parameters, List<SeriesResolver.Resolved> series, DiagnosticBag diagnostics)
    {
        var names = new HiddenNames(bound.Variables.Select(v => v.Name));
        var hidden = new List<VariableDefinition>();
        var recorded = new List<string>();
        foreach (var s in series)
        {
            var definition = s.Definition;
            if (definition.Kind == SeriesKind.Value)
            {
                string name = names.Make($"fit: {s.Column.Name}");
                hidden.Add(new VariableDefinition { Name = name, Kind = VariableKind.Auxiliary, Equation = definition.Expression });
                recorded.Add(name);
                continue;
            }
            string flow = names.Make($"fit: {s.Column.Name} (rate)"), stock = names.Make($"fit: {s.Column.Name} (total)");
            hidden.Add(new VariableDefinition { Name = flow, Kind = VariableKind.Flow, Equation = definition.Expression });
            hidden.Add(new VariableDefinition
            {
                Name = stock, Kind = VariableKind.Stock, Equation = EquationSource.Detached("0"),
                Inflows = [new NameReference(flow, definition.Location)],
            });
            recorded.Add(stock);
        }

        // Runs need not go past the last step the data needs, unless the model reads STOPTIME.
        int lastStep = series.SelectMany(s => s.Points).Max(p => p.EndStep);
        bool readsStop = bound.Elements.Any(e => e.Equation is { } eq && References.ReadsStopTime(eq));
        var time = readsStop ? model.Time : model.Time with { Stop = clock.TimeOf(lastStep) };

        var scenario = new ResolvedScenario("fit", 0, null, ImmutableArray<ResolvedOverride>.Empty, ImmutableArray<ResolvedIntervention>.Empty);
        var uncertainty = new UncertaintyPlan(parameters.Select(p => p.Column).ToImmutableArray(), new SingleSample(), 1, null);
        var measurement = new MeasurementPlan(hidden.ToImmutableArray(), new RecordLayout(ImmutableArray<RecordedElement>.Empty, []),
            ImmutableArray<OutcomeColumn>.Empty, ImmutableArray<SeriesColumn>.Empty, ImmutableArray<int>.Empty);
        var own = new DiagnosticBag();
        var built = ScenarioModelBuilder.Build(model with { Time = time }, bound, scenario, uncertainty, measurement, names, own);
        var fitBound = Binder.Bind(built.Document, own);
        var fitAnalysis = Checker.Check(fitBound, own);
        diagnostics.AddRange(own.Items.Where(d => d.IsError)); // the model's warnings were reported already; the hidden series are never read
        if (fitAnalysis is null || diagnostics.HasErrors) return null;

        int ElementOf(string variable, int position) => fitBound.FindVariable(variable)!.Elements[position];
        var plan = PlanCompiler.Compile(fitBound, fitAnalysis, built.ParameterTargets.Select(t => ElementOf(t.Variable, t.Position)).ToList());
        var recordElements = recorded.Select(r => ElementOf(r, 0)).ToImmutableArray();
        var compiled = new CompiledScenario
        {
            Scenario = scenario,
            Plan = plan,
            ParameterColumns = built.ParameterColumns,
            ParameterMaps = built.ParameterMaps,
            RecordElements = recordElements,
            RecordSlots = recordElements.Select(e => plan.ElementSlots[e]).ToImmutableArray(),
        };
        var outputs = recorded.Select((name, j) => new OutputColumn(name, compiled.RecordSlots[j], recordElements[j])).ToList();
        var steps = series.SelectMany(s => s.Points).SelectMany(p => p.StartStep >= 0 ? new[] { p.EndStep, p.StartStep } : [p.EndStep]).Distinct().ToList();
        var record = RecordRequest.AtTimes(plan, outputs, steps.Select(clock.TimeOf));
        var stepIndex = record.Steps.Select((step, k) => (step, k)).ToDictionary(x => x.step, x => x.k);

        var observations = ImmutableArray.CreateBuilder<Observation>();
        var fitted = ImmutableArray.CreateBuilder<FittedSeries>();
        var models = ImmutableArray.CreateBuilder<SeriesModel>();
        for (int j = 0; j < series.Count; j++)
        {
            var s = series[j];
            int first = observations.Count;
            foreach (var p in s.Points)
                observations.Add(new Observation(j, p.Row, p.Time, p.Value, stepIndex[p.EndStep] * outputs.Count + j,
                    p.StartStep < 0 ? -1 : stepIndex[p.StartStep] * outputs.Count + j));
            var d = s.Definition;
            fitted.Add(new FittedSeries(s.Column.Name, d.Kind, d.Expression.Text, d.Error, first, s.Points.Count));
            models.Add(new SeriesModel(s.Column.Name, d.Error, d.Sd, d.Dispersion, d.Weight, first, s.Points.Count));
        }
        var observed = observations.Select(o => o.Value).ToImmutableArray();
        return new CalibrationProblem
        {
            Fit = fit,
            Model = model,
            Data = data,
            Space = new ParameterSpace(parameters.Select((p, j) => new EstimatedParameter(p.Column, p.Min, p.Max, p.Definition.Scale, p.Prior,
                p.Definition.Start, ModelValue(compiled, j))).ToImmutableArray()),
            Series = fitted.ToImmutable(),
            Observations = observations.ToImmutable(),
            Likelihood = new FitLikelihood(models.ToImmutable(), observed),
            Scenario = compiled,
            Record = record,
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
