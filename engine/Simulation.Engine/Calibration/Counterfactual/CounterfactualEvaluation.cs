using System.Collections.Immutable;
using Simulation.Engine.Calibration.Format;
using Simulation.Engine.Calibration.Problem;
using Simulation.Engine.Runtime;
using Simulation.Engine.Runtime.Batches;
using Simulation.Engine.Scenarios.Running;
using Simulation.Engine.Scenarios.Summary;

namespace Simulation.Engine.Calibration.Counterfactual;

/// <summary>One observation against the counterfactual: where it falls in the band the baseline's futures give, and the plan's band.</summary>
public sealed record EvaluatedObservation(Observation Observation, string Series, Distribution Counterfactual, double Percentile, Distribution? Expected);

/// <summary>
/// A series over the evaluated period: the observed sum against the counterfactual's, their difference (observed minus
/// counterfactual: negative when fewer admissions were seen than would have happened), how likely the counterfactual
/// is to exceed what was observed, the share of observations outside their 90% band, and the difference the plan
/// expected (implemented scenario minus baseline, future by future).
/// </summary>
public sealed record EvaluatedSeries(string Series, int Count, double ObservedSum, Distribution CounterfactualSum, Distribution Difference,
    double ProbabilityCounterfactualAbove, double ShareOutside, Distribution? ExpectedDifference, bool Noise);

/// <summary>What the evaluation found, per observation and per series.</summary>
public sealed class EvaluationReport
{
    public required EvaluationProblem Problem { get; init; }
    public required ImmutableArray<EvaluatedObservation> Observations { get; init; }
    public required ImmutableArray<EvaluatedSeries> Series { get; init; }
    public required int Futures { get; init; }
    public required long Runs { get; init; }
    public required TimeSpan Elapsed { get; init; }
}

/// <summary>
/// Runs the counterfactual (the experiment's baseline) and the implemented scenario over every future of the
/// experiment (the same sampled inputs and random streams a sweep gives them), recording each series at the
/// observations' times, and compares the observations with the counterfactual. The bands are predictive: each
/// future's value at an observation gets one draw of its series' observation noise (the fit's error model, with the
/// scale the calibration estimated), so an observation outside its 90% band is unusual even allowing for noise; a
/// series whose scale is unknown gets the model's band alone (said in the report).
/// </summary>
public static class CounterfactualEvaluation
{
    public static EvaluationReport Run(EvaluationProblem problem, BatchOptions options, CancellationToken cancellation = default, Action<string>? progress = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var experiment = problem.Experiment;
        int futures = experiment.Futures;
        progress?.Invoke($"counterfactual '{problem.BaselineName}': {futures:N0} futures");
        var baseline = Predict(problem, problem.Baseline, options, cancellation);
        double[]?[]? implemented = null;
        if (problem.Implemented is { } scenario)
        {
            progress?.Invoke($"implemented '{scenario.Scenario.Name}': {futures:N0} futures");
            implemented = Predict(problem, scenario, options, cancellation);
        }
        var random = new RandomStream(experiment.Seed, 4);
        var noisyBaseline = Noisy(problem, baseline, random);
        var noisyImplemented = implemented is null ? null : Noisy(problem, implemented, random);

        var observations = problem.Observations.Select((o, i) =>
        {
            var band = Column(noisyBaseline, i);
            double y = o.Value;
            double percentile = band.Length == 0 ? double.NaN : (band.Count(v => v < y) + 0.5 * band.Count(v => v == y)) / band.Length;
            return new EvaluatedObservation(o, problem.Series[o.Series].Column, Quantiles.Describe(band), percentile,
                noisyImplemented is null ? null : Quantiles.Describe(Column(noisyImplemented, i)));
        }).ToImmutableArray();

        var series = problem.Series.Select((s, j) =>
        {
            var range = Enumerable.Range(s.First, s.Count).ToArray();
            double observed = range.Sum(i => problem.Observations[i].Value);
            var sums = noisyBaseline.Where(f => f is not null).Select(f => range.Sum(i => f![i])).Where(double.IsFinite).ToArray();
            int outside = range.Count(i => observations[i].Observation.Value < observations[i].Counterfactual.P5 || observations[i].Observation.Value > observations[i].Counterfactual.P95);
            Distribution? expected = null;
            if (implemented is not null)
                expected = Quantiles.Describe(Enumerable.Range(0, futures)
                    .Where(f => baseline[f] is not null && implemented[f] is not null)
                    .Select(f => range.Sum(i => implemented[f]![i] - baseline[f]![i])));
            return new EvaluatedSeries(s.Column, s.Count, observed, Quantiles.Describe(sums), Quantiles.Describe(sums.Select(x => observed - x)),
                sums.Length == 0 ? double.NaN : sums.Count(x => x > observed) / (double)sums.Length, outside / (double)s.Count, expected, NeedsNoScale(problem, j) || !double.IsNaN(problem.Scales[j]));
        }).ToImmutableArray();
        return new EvaluationReport
        {
            Problem = problem,
            Observations = observations,
            Series = series,
            Futures = futures,
            Runs = futures * (implemented is null ? 1L : 2L),
            Elapsed = clock.Elapsed,
        };
    }

    /// <summary>
    /// The memory <see cref="Run"/> needs before it starts: for the counterfactual (and the implemented scenario) every
    /// future's value at each observation and a copy with noise (8 bytes a value, 32 an array, 8 its reference), the
    /// band of one observation at a time, and the vector engine's workers.
    /// </summary>
    public static MemoryEstimate MemoryOf(EvaluationProblem problem, BatchOptions options)
    {
        long futures = problem.Experiment.Futures, observations = problem.Observations.Length;
        int scenarios = problem.Implemented is null ? 1 : 2;
        long values = 2L * scenarios * futures * (8 * observations + 40) + 8 * futures;
        long workers = MemoryEstimate.Workers(problem.Baseline.Scenario.Plan, options.Threads, options.LanesPerBatch, problem.Baseline.Record.ValuesPerRun);
        return new MemoryEstimate([
            MemoryEstimate.Program,
            ($"the futures' values at the observations {MemoryEstimate.Format(values)} ({scenarios} scenario{(scenarios == 1 ? "" : "s")} x {futures:N0} futures x {observations:N0} observations, and a copy with noise)", values),
            ($"workers {MemoryEstimate.Format(workers)} ({options.Threads} threads x {options.LanesPerBatch} lanes)", workers),
        ]);
    }

    /// <summary>Every future's model value at each observation (null for a future whose run went NaN or infinite).</summary>
    private static double[]?[] Predict(EvaluationProblem problem, SeriesRecording recording, BatchOptions options, CancellationToken cancellation)
    {
        var experiment = problem.Experiment;
        var predictions = new double[]?[experiment.Futures];
        var runner = new BatchRunner(recording.Scenario.Plan, recording.Record, options with { Seed = experiment.Seed });
        runner.Run(new Futures(problem, recording), new Sink(recording, predictions), cancellation);
        return predictions;
    }

    /// <summary>Each value with one draw of its series' noise (the value itself where the scale is unknown).</summary>
    private static double[]?[] Noisy(EvaluationProblem problem, double[]?[] values, Random random)
    {
        var models = problem.Baseline.Models;
        return values.Select(f => f is null ? null : f.Select((m, i) =>
        {
            int s = problem.Observations[i].Series;
            return NeedsNoScale(problem, s) || !double.IsNaN(problem.Scales[s]) ? SyntheticData.Observe(models[s].Error, m, problem.Scales[s], random) : m;
        }).ToArray()).ToArray();
    }

    private static bool NeedsNoScale(EvaluationProblem problem, int series) => problem.Baseline.Models[series].Error == ErrorKind.Poisson;

    private static double[] Column(double[]?[] futures, int i) => futures.Where(f => f is not null).Select(f => f![i]).Where(double.IsFinite).ToArray();

    /// <summary>Future f is run f, with its sample's values and its own random stream, as in a sweep.</summary>
    private sealed class Futures(EvaluationProblem problem, SeriesRecording recording) : IRunInputs
    {
        public int RunCount => problem.Experiment.Futures;

        public int ParameterCount => recording.Scenario.Plan.Parameters.Length;

        public void Fill(int run, Span<double> values) => FutureInputs.Fill(problem.Experiment, recording.Scenario, run, values);

        public long StreamIndex(int run) => FutureInputs.StreamIndex(run);
    }

    private sealed class Sink(SeriesRecording recording, double[]?[] predictions) : IRunSink
    {
        public void Accept(RunResult result)
        {
            if (result.Problem is not null) return;
            var predicted = new double[recording.Observations.Length];
            recording.Predict(result.Values, predicted);
            predictions[result.Run] = predicted;
        }
    }
}
