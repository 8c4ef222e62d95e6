using System.Collections.Immutable;
using Simulation.Engine.Calibration.Data;
using Simulation.Engine.Calibration.Format;
using Simulation.Engine.Calibration.Likelihood;
using Simulation.Engine.Compilation;
using Simulation.Engine.Model;
using Simulation.Engine.Runtime.Batches;
using Simulation.Engine.Scenarios;

namespace Simulation.Engine.Calibration.Problem;

/// <summary>
/// A fit ready to run: the model compiled once with the estimated inputs as run parameters and the fitted series
/// recorded at the data's times, the observations in series order, and their likelihood. A candidate (one value
/// per parameter) is one run; <see cref="Predict"/> turns a run's recorded values into the model's value at each
/// observation (a value at its time, or an accumulator's gain over its interval).
/// </summary>
public sealed class CalibrationProblem
{
    public required FitDocument Fit { get; init; }

    /// <summary>The model with the fit's time settings (runs stop at the last step the data need).</summary>
    public required ModelDocument Model { get; init; }

    public required ObservedData Data { get; init; }

    public required ParameterSpace Space { get; init; }

    /// <summary>The model compiled to give the series at the observations' times, with the parameters as run parameters.</summary>
    public required SeriesRecording Recording { get; init; }

    public required FitLikelihood Likelihood { get; init; }

    public ImmutableArray<FittedSeries> Series => Recording.Series;

    public ImmutableArray<Observation> Observations => Recording.Observations;

    /// <summary>The model compiled for the fit: parameter k of its plan takes the value of fit parameter ParameterColumns[k].</summary>
    public CompiledScenario Scenario => Recording.Scenario;

    /// <summary>What each run records: the series' outputs at the steps the observations need.</summary>
    public RecordRequest Record => Recording.Record;

    public EvaluationPlan Plan => Scenario.Plan;

    /// <summary>The model's value at each observation, from a run's recorded values.</summary>
    public void Predict(ReadOnlySpan<double> recorded, Span<double> predicted) => Recording.Predict(recorded, predicted);

    /// <summary>The plan's parameter values for a candidate's parameter values.</summary>
    public void FillParameters(ReadOnlySpan<double> values, Span<double> parameters) => Scenario.FillParameters(values, parameters);
}

/// <summary>A fitted series: its data column, how the model gives it, and its observations [First, First + Count).</summary>
public sealed record FittedSeries(string Column, SeriesKind Kind, string Expression, ErrorKind Error, int First, int Count);

/// <summary>
/// One observed value: its series, data row and time, and where the run's record holds the model's value at its
/// time (<see cref="End"/>) and, for totals, at the start of its interval (<see cref="Start"/>, -1 otherwise).
/// </summary>
public readonly record struct Observation(int Series, int Row, double Time, double Value, int End, int Start);
