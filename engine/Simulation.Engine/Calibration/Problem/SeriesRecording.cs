using System.Collections.Immutable;
using Simulation.Engine.Binding;
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

namespace Simulation.Engine.Calibration.Problem;

/// <summary>
/// A model built to give a fit's series at the times of its observations: under one scenario (its overrides and
/// interventions, as a sweep builds it), with some inputs set per run (a fit's parameters, or an experiment's sampled
/// columns), a hidden variable per series (its expression, or an accumulator for a total) recorded at the steps the
/// observations need. Runs stop at the last of those steps unless the model reads STOPTIME. <see cref="Predict"/>
/// turns one run's record into the model's value at each observation.
/// </summary>
public sealed class SeriesRecording
{
    private SeriesRecording(CompiledScenario scenario, RecordRequest record, ImmutableArray<Observation> observations, ImmutableArray<FittedSeries> series,
        ImmutableArray<SeriesModel> models)
    {
        Scenario = scenario;
        Record = record;
        Observations = observations;
        Series = series;
        Models = models;
    }

    /// <summary>The compiled model: plan parameter k takes the value of column ParameterColumns[k].</summary>
    public CompiledScenario Scenario { get; }

    public RecordRequest Record { get; }

    /// <summary>Every observation, series by series.</summary>
    public ImmutableArray<Observation> Observations { get; }

    public ImmutableArray<FittedSeries> Series { get; }

    /// <summary>Each series' error model, for its likelihood.</summary>
    public ImmutableArray<SeriesModel> Models { get; }

    /// <summary>The model's value at each observation, from a run's recorded values.</summary>
    public void Predict(ReadOnlySpan<double> recorded, Span<double> predicted)
    {
        for (int i = 0; i < Observations.Length; i++)
        {
            var o = Observations[i];
            predicted[i] = o.Start < 0 ? recorded[o.End] : recorded[o.End] - recorded[o.Start];
        }
    }

    /// <param name="model">The model with the run's time settings; <paramref name="bound"/> and <paramref name="clock"/> are of it.</param>
    /// <param name="columns">The inputs each run sets (design columns, in order).</param>
    /// <param name="series">The series with their observations (at least one).</param>
    internal static SeriesRecording? Build(ModelDocument model, BoundModel bound, StepClock clock, ResolvedScenario scenario, ImmutableArray<SampledInput> columns,
        IReadOnlyList<SeriesResolver.Resolved> series, DiagnosticBag diagnostics)
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

        // Runs need not go past the last step the data need, unless the model reads STOPTIME.
        int lastStep = series.SelectMany(s => s.Points).Max(p => p.EndStep);
        bool readsStop = bound.Elements.Any(e => e.Equation is { } eq && References.ReadsStopTime(eq));
        var time = readsStop ? model.Time : model.Time with { Stop = clock.TimeOf(lastStep) };

        var uncertainty = new UncertaintyPlan(columns, new SingleSample(), 1, null);
        var measurement = new MeasurementPlan(hidden.ToImmutableArray(), new RecordLayout(ImmutableArray<RecordedElement>.Empty, []),
            ImmutableArray<OutcomeColumn>.Empty, ImmutableArray<SeriesColumn>.Empty, ImmutableArray<int>.Empty);
        var own = new DiagnosticBag();
        var built = ScenarioModelBuilder.Build(model with { Time = time }, bound, scenario, uncertainty, measurement, names, own);
        var builtBound = Binder.Bind(built.Document, own);
        var builtAnalysis = Checker.Check(builtBound, own);
        diagnostics.AddRange(own.Items.Where(d => d.IsError)); // the model's warnings were reported already; the hidden series are never read
        if (builtAnalysis is null || own.HasErrors) return null;

        int ElementOf(string variable, int position) => builtBound.FindVariable(variable)!.Elements[position];
        var plan = PlanCompiler.Compile(builtBound, builtAnalysis, built.ParameterTargets.Select(t => ElementOf(t.Variable, t.Position)).ToList());
        var recordElements = recorded.Select(r => ElementOf(r, 0)).ToImmutableArray();
        var compiled = new CompiledScenario
        {
            Scenario = scenario,
            Model = builtBound,
            Compiled = new(() => plan),
            ParameterColumns = built.ParameterColumns,
            ParameterMaps = built.ParameterMaps,
            RecordElements = recordElements,
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
        return new SeriesRecording(compiled, record, observations.ToImmutable(), fitted.ToImmutable(), models.ToImmutable());
    }
}
