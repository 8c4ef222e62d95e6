using System.Collections.Immutable;
using Simulation.Engine.Calibration.Problem;
using Simulation.Engine.Calibration.Search;
using Simulation.Engine.Scenarios.Summary;

namespace Simulation.Engine.Calibration.Mcmc;

/// <summary>
/// The draws a sampler kept: every chain's state at every kept generation (the parameters' values, then the
/// sampled dispersions), with its log-likelihood and log-posterior, and a subset of draws spread evenly over them
/// (<see cref="Draws"/>, the rows of posterior.csv) with the model's fitted values at each observation.
/// </summary>
public sealed class PosteriorSample
{
    private readonly CalibrationProblem _problem;
    private readonly double[][][] _trace; // [chain][kept][coordinate]
    private readonly double[][] _logLikelihood, _logPosterior;
    private readonly int[] _generations;
    private readonly Dictionary<(int Kept, int Chain), int> _selected = new();
    private readonly (double[] Values, double[] Predicted)[] _draws;

    /// <summary>
    /// What a sample of <paramref name="chains"/> x <paramref name="kept"/> states holds: each state's coordinates (an
    /// array: 8 bytes a value, 32 of header and reference), log-likelihood and log-posterior, and each of the draws
    /// shown with its values and fitted values at every observation.
    /// </summary>
    public static (string Part, long Bytes) MemoryOf(int coordinates, int observations, int chains, int kept, int draws)
    {
        long states = (long)chains * kept, shown = Math.Min(draws, states);
        long bytes = states * (8L * coordinates + 32 + 16) + 4L * kept + shown * (8L * (coordinates + observations) + 120);
        return ($"the kept draws {Runtime.MemoryEstimate.Format(bytes)} ({chains:N0} chains x {kept:N0} draws x {coordinates:N0} coordinates)", bytes);
    }

    internal PosteriorSample(CalibrationProblem problem, int chains, int kept, int draws)
    {
        _problem = problem;
        Coordinates = problem.Space.Parameters.Select(p => p.Label)
            .Concat(problem.Likelihood.SampledDispersions.Select(s => $"dispersion({problem.Likelihood.Series[s].Name})")).ToImmutableArray();
        Chains = chains;
        Kept = kept;
        _trace = Enumerable.Range(0, chains).Select(_ => new double[kept][]).ToArray();
        _logLikelihood = Enumerable.Range(0, chains).Select(_ => new double[kept]).ToArray();
        _logPosterior = Enumerable.Range(0, chains).Select(_ => new double[kept]).ToArray();
        _generations = new int[kept];
        long total = (long)chains * kept;
        int count = (int)Math.Min(draws, total);
        for (int j = 0; j < count; j++)
        {
            long flat = (long)((j + 0.5) * total / count); // chain by chain, evenly in time within each
            _selected[((int)(flat % kept), (int)(flat / kept))] = j;
        }
        _draws = new (double[], double[])[count];
    }

    /// <summary>The names of the sampled coordinates: parameters as labelled in outputs, then "dispersion(series)".</summary>
    public ImmutableArray<string> Coordinates { get; }

    public int Chains { get; }

    /// <summary>Kept draws per chain.</summary>
    public int Kept { get; }

    public double AcceptanceRate { get; private set; }

    public TimeSpan Elapsed { get; private set; }

    /// <summary>How many times a chain stuck far below the others during the burn-in was restarted from the best chain.</summary>
    public int OutliersReset { get; private set; }

    /// <summary>The generation each kept draw was taken at.</summary>
    public IReadOnlyList<int> Generations => _generations;

    /// <summary>Chain c's k-th kept state (values of <see cref="Coordinates"/>).</summary>
    public double[] State(int chain, int kept) => _trace[chain][kept];

    public double LogLikelihood(int chain, int kept) => _logLikelihood[chain][kept];

    public double LogPosterior(int chain, int kept) => _logPosterior[chain][kept];

    /// <summary>The draws of posterior.csv: each one's parameter values and the model's value at each observation.</summary>
    public IReadOnlyList<(double[] Values, double[] Predicted)> Draws => _draws;

    /// <summary>All kept values of coordinate j, chain by chain.</summary>
    public IReadOnlyList<double[]> Coordinate(int j) => _trace.Select(chain => chain.Select(state => state[j]).ToArray()).ToList();

    /// <summary>Median and 2.5% / 97.5% quantiles of coordinate j over every kept draw.</summary>
    public (double Median, double Low, double High) Interval(int j)
    {
        var all = _trace.SelectMany(chain => chain.Select(state => state[j])).Order().ToList();
        return (Quantiles.Type7(all, 0.5), Quantiles.Type7(all, 0.025), Quantiles.Type7(all, 0.975));
    }

    /// <summary>Mean, sd, R-hat and ESS of each coordinate.</summary>
    public IReadOnlyList<(string Coordinate, double Mean, double Sd, double RHat, double Ess)> Convergence() =>
        Coordinates.Select((name, j) =>
        {
            var chains = Coordinate(j);
            var all = chains.SelectMany(c => c).ToList();
            double mean = all.Average(), sd = Math.Sqrt(all.Sum(x => (x - mean) * (x - mean)) / Math.Max(1, all.Count - 1));
            var (rHat, ess) = ChainDiagnostics.Compute(chains);
            return (name, mean, sd, rHat, ess);
        }).ToList();

    internal void Record(int chain, int kept, int generation, double[] values, double[] dispersions, Evaluation state, double logPosterior)
    {
        _trace[chain][kept] = [.. values, .. dispersions];
        _logPosterior[chain][kept] = logPosterior;
        _logLikelihood[chain][kept] = state.Predicted is null ? double.NegativeInfinity : _problem.Likelihood.Marginal(state.Predicted, dispersions);
        _generations[kept] = generation;
        if (_selected.TryGetValue((kept, chain), out int draw))
            _draws[draw] = (values, state.Predicted is null ? Enumerable.Repeat(double.NaN, _problem.Observations.Length).ToArray() : state.Predicted);
    }

    internal void Finish(double acceptance, int outliers, TimeSpan elapsed)
    {
        AcceptanceRate = acceptance;
        OutliersReset = outliers;
        Elapsed = elapsed;
    }
}
