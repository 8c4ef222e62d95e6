using System.Collections.Immutable;
using System.Diagnostics;
using Simulation.Engine.Runtime;

namespace Simulation.Engine.Calibration.Search;

/// <summary>How <see cref="Optimiser"/> searches (every setting has a default that suits a few parameters).</summary>
public sealed record OptimiserSettings
{
    /// <summary>Differential evolution's population (default: 8 per parameter, at least 16, a multiple of 16).</summary>
    public int? Population { get; init; }

    public int MaxGenerations { get; init; } = 100;

    /// <summary>Local polishes from the best distinct members of the final population.</summary>
    public int Starts { get; init; } = 4;

    /// <summary>Whether to find 95% intervals by profile likelihood.</summary>
    public bool Intervals { get; init; } = true;

    public LevenbergMarquardtSettings Polish { get; init; } = new();
}

/// <summary>Where one local polish started and ended.</summary>
public sealed record PolishedStart(Evaluation From, Evaluation To, int Iterations);

/// <summary>The maximum-likelihood (or posterior-mode, with priors) fit, its intervals, and what it cost.</summary>
public sealed class OptimisationResult
{
    public required Evaluation Best { get; init; }
    public required ImmutableArray<PolishedStart> Starts { get; init; }

    /// <summary>Each parameter's interval ends (lower, upper), empty when intervals were not asked for.</summary>
    public required ImmutableArray<ProfileLikelihood.End> Ends { get; init; }

    public required int Generations { get; init; }

    /// <summary>The drop in log-likelihood at the intervals' ends.</summary>
    public required double Threshold { get; init; }
    public required TimeSpan Elapsed { get; init; }
}

/// <summary>
/// Maximum likelihood in three phases, every candidate a lane of a batch: a global search by differential
/// evolution; local polishes (Levenberg-Marquardt) from the best distinct members of its final population, side
/// by side, keeping the best; then 95% intervals by profile likelihood. Seeded: the same fit and seed give the
/// same numbers whatever the thread count.
/// </summary>
public static class Optimiser
{
    public static OptimisationResult Run(CandidateEvaluator evaluator, ulong seed, OptimiserSettings settings, Action<string>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var problem = evaluator.Problem;
        int d = problem.Space.Dimension;
        var de = new DifferentialEvolution(d,
            new DifferentialEvolutionSettings(settings.Population ?? DifferentialEvolutionSettings.DefaultPopulation(d), settings.MaxGenerations),
            new RandomStream(seed, 1))
        {
            Progress = (generation, best) =>
                progress?.Invoke($"global search: generation {generation}, best -log-likelihood {Show(best?.Objective)}, {evaluator.Runs:N0} runs"),
        };
        Lockstep.Run(evaluator, de.Run([FirstGuess(problem.Space)]));
        if (de.Best is null)
            throw new CalibrationException($"every one of the {evaluator.Runs:N0} candidates tried was infeasible (the model went NaN or infinite, or gave values the error model cannot have)",
                "check the bounds: the model may fail at their extremes; narrow them, or fix the model");

        var residuals = new Residuals(problem);
        var starts = DistinctStarts(de.Population, settings.Starts);
        var polishes = starts.Select(_ => new LevenbergMarquardt(residuals, settings.Polish)).ToList();
        progress?.Invoke($"local polish from {starts.Count} start{(starts.Count == 1 ? "" : "s")}");
        Lockstep.Run(evaluator, polishes.Select((lm, k) => lm.Run(starts[k])));
        var polished = starts.Select((s, k) => new PolishedStart(s, polishes[k].Best ?? s, polishes[k].Iterations)).ToImmutableArray();
        int winner = Enumerable.Range(0, polished.Length).MinBy(k => polished[k].To.Objective);
        var best = polished[winner].To;

        var ends = new List<ProfileLikelihood.End>();
        if (settings.Intervals)
        {
            progress?.Invoke($"profile likelihood for {d} parameter{(d == 1 ? "" : "s")} ({evaluator.Runs:N0} runs so far)");
            var profile = new ProfileLikelihood(residuals, settings.Polish with { MaxIterations = 20, AbsoluteTolerance = ProfileLikelihood.PointTolerance },
                ProfileLikelihood.ThresholdFor(problem));
            Lockstep.Run(evaluator, profile.Searches(best, polishes[winner].Curvature, ends));
        }
        return new OptimisationResult
        {
            Threshold = settings.Intervals ? ProfileLikelihood.ThresholdFor(problem) : double.NaN,
            Best = best,
            Starts = polished,
            Ends = ends.ToImmutableArray(),
            Generations = de.Generations,
            Elapsed = clock.Elapsed,
        };
    }

    /// <summary>The fit file's first guesses, else the model's own values where they lie within the bounds, else the middle.</summary>
    public static double[] FirstGuess(Problem.ParameterSpace space) =>
        space.Parameters.Select(p =>
        {
            double x = p.Start ?? p.ModelValue;
            double u = double.IsFinite(x) && x >= p.Min && x <= p.Max ? p.ToUnit(x) : 0.5;
            return double.IsFinite(u) ? u : 0.5;
        }).ToArray();

    /// <summary>The best member, then the next best ones that lie at least 5% of the range away (in some coordinate) from every one chosen.</summary>
    private static List<Evaluation> DistinctStarts(List<Evaluation> population, int count)
    {
        var chosen = new List<Evaluation>();
        foreach (var e in population.Where(e => e.Feasible).OrderBy(e => e.Objective))
        {
            if (chosen.Count >= Math.Max(1, count)) break;
            if (chosen.All(c => c.Units.Zip(e.Units, (a, b) => Math.Abs(a - b)).Max() > 0.05)) chosen.Add(e);
        }
        return chosen;
    }

    private static string Show(double? x) => x is double v && double.IsFinite(v) ? v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture) : "none feasible";
}

/// <summary>A calibration that cannot go on (every candidate infeasible...): a message and a hint for the user, never a stack trace.</summary>
public sealed class CalibrationException(string message, string? hint = null) : Exception(message)
{
    public string? Hint { get; } = hint;
}
