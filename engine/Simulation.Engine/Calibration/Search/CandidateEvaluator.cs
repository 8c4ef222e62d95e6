using Simulation.Engine.Calibration.Problem;
using Simulation.Engine.Runtime.Batches;
using Simulation.Engine.Runtime.Vector;

namespace Simulation.Engine.Calibration.Search;

/// <summary>One candidate's outcome: its coordinates and values, the model's value at each observation, and how likely the data are.</summary>
public sealed class Evaluation(double[] units, double[] values)
{
    /// <summary>Unit coordinates (each parameter's position between its bounds).</summary>
    public double[] Units { get; } = units;

    /// <summary>The parameters' values.</summary>
    public double[] Values { get; } = values;

    /// <summary>The model's value at each observation (null when the run went NaN or infinite).</summary>
    public double[]? Predicted { get; internal set; }

    /// <summary>The log-likelihood with unknown scales at their best values (minus infinity when infeasible).</summary>
    public double LogLikelihood { get; internal set; } = double.NegativeInfinity;

    /// <summary>Σ ln prior density at the values (0 with flat priors).</summary>
    public double LogPrior { get; internal set; }

    /// <summary>What the search minimises: -(log-likelihood + log prior); +infinity when infeasible.</summary>
    public double Objective => Feasible ? -(LogLikelihood + LogPrior) : double.PositiveInfinity;

    public bool Feasible => Predicted is not null && double.IsFinite(LogLikelihood) && double.IsFinite(LogPrior);
}

/// <summary>
/// Runs candidates of a fit as lanes of batches on the vector engine: a whole generation of a search, a Jacobian's
/// columns or a sampler's proposals go in one call, spread over all cores. Every candidate runs on the same random
/// stream (common random numbers, for models with random builtins), so a candidate's outcome depends only on its
/// values: never on the batch, the thread count or the other candidates. A candidate whose run goes NaN or infinite,
/// or whose values are impossible under the error model, is infeasible: the count is kept and the search goes on.
/// <para>A search's requests are small (a Jacobian's few columns, four trial steps), so batches are narrowed until
/// the threads share them evenly (<see cref="RunnerFor"/>). The step code is compiled once per batch width and reused.</para>
/// </summary>
public sealed class CandidateEvaluator
{
    private readonly CalibrationProblem _problem;
    private readonly BatchOptions _options;
    private readonly Dictionary<int, BatchRunner> _runners = new();
    private readonly CancellationToken _cancellation;
    private long _runs, _infeasible;

    public CandidateEvaluator(CalibrationProblem problem, BatchOptions? options = null, CancellationToken cancellation = default)
    {
        _problem = problem;
        _options = options ?? new BatchOptions();
        _cancellation = cancellation;
    }

    public CalibrationProblem Problem => _problem;

    /// <summary>Model runs so far.</summary>
    public long Runs => Interlocked.Read(ref _runs);

    /// <summary>Runs so far whose candidate was infeasible.</summary>
    public long Infeasible => Interlocked.Read(ref _infeasible);

    /// <summary>Runs every candidate (unit coordinates, clamped into [0, 1]) in one batch job; results in the same order.</summary>
    public Evaluation[] Evaluate(IReadOnlyList<double[]> units)
    {
        var space = _problem.Space;
        var results = new Evaluation[units.Count];
        for (int c = 0; c < results.Length; c++)
        {
            var u = units[c].Select(x => Math.Clamp(x, 0, 1)).ToArray();
            results[c] = new Evaluation(u, space.ToValues(u));
        }
        if (results.Length == 0) return results;
        RunnerFor(results.Length).Run(new CandidateInputs(_problem, results), new PredictionSink(_problem, results), _cancellation);
        var likelihood = _problem.Likelihood;
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = _options.Threads }, c =>
        {
            var e = results[c];
            e.LogPrior = space.LogPrior(e.Values);
            if (e.Predicted is not null) e.LogLikelihood = likelihood.Profiled(e.Predicted);
        });
        Interlocked.Add(ref _runs, results.Length);
        Interlocked.Add(ref _infeasible, results.Count(e => !e.Feasible));
        return results;
    }

    public Evaluation Evaluate(double[] units) => Evaluate([units])[0];

    /// <summary>
    /// A runner whose batches (at most the lanes asked for) share <paramref name="candidates"/> evenly between the
    /// threads: 16 on two threads as two batches of 8, 48 as four of 12 rather than three of 16 (two rounds, one
    /// thread idle in the second). Runs of a small model (under a million instructions a run) take well under a
    /// millisecond, less than handing a batch to another thread costs, so their batches are as wide as asked.
    /// </summary>
    private BatchRunner RunnerFor(int candidates)
    {
        const long Small = 1_000_000;
        var plan = _problem.Plan;
        int threads = (long)plan.Rates.Length * plan.StepCount < Small ? 1 : _options.Threads, rounds = Math.Max(1, (candidates + threads * _options.LanesPerBatch - 1) / (threads * _options.LanesPerBatch));
        int lanes = Math.Min(_options.LanesPerBatch, LaneLayout.LanesFor((candidates + threads * rounds - 1) / (threads * rounds)));
        if (!_runners.TryGetValue(lanes, out var runner))
            _runners[lanes] = runner = new BatchRunner(_problem.Plan, _problem.Record, _options with { LanesPerBatch = lanes });
        return runner;
    }

    /// <summary>Candidate c is run c; every run draws from stream 0.</summary>
    private sealed class CandidateInputs(CalibrationProblem problem, Evaluation[] candidates) : IRunInputs
    {
        public int RunCount => candidates.Length;

        public int ParameterCount => problem.Plan.Parameters.Length;

        public void Fill(int run, Span<double> values) => problem.FillParameters(candidates[run].Values, values);

        public long StreamIndex(int run) => 0;
    }

    private sealed class PredictionSink(CalibrationProblem problem, Evaluation[] candidates) : IRunSink
    {
        public void Accept(RunResult result)
        {
            if (result.Problem is not null) return;
            var predicted = new double[problem.Observations.Length];
            problem.Predict(result.Values, predicted);
            candidates[result.Run].Predicted = predicted;
        }
    }
}
