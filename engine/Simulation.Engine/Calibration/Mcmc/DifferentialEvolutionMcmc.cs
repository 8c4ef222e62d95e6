using System.Collections.Immutable;
using System.Diagnostics;
using MathNet.Numerics.Distributions;
using Simulation.Engine.Calibration.Likelihood;
using Simulation.Engine.Calibration.Problem;
using Simulation.Engine.Calibration.Search;
using Simulation.Engine.Runtime;
using Simulation.Engine.Runtime.Batches;
using Simulation.Engine.Scenarios.Summary;

namespace Simulation.Engine.Calibration.Mcmc;

/// <summary>How long the sampler runs and what it keeps.</summary>
public sealed record McmcSettings
{
    /// <summary>Chains run side by side (an even number, at least 4; default: 2 per coordinate, at least 16).</summary>
    public int? Chains { get; init; }

    /// <summary>Generations: each moves every chain once.</summary>
    public int Generations { get; init; } = 2000;

    /// <summary>Generations discarded at the start (default: half).</summary>
    public int? BurnIn { get; init; }

    /// <summary>Keep every Thin-th generation after the burn-in.</summary>
    public int Thin { get; init; } = 1;

    /// <summary>Draws written to posterior.csv, spread evenly over the kept ones.</summary>
    public int Draws { get; init; } = 1000;

    /// <summary>Where the chains start (default: anywhere within the bounds).</summary>
    public StartingBox? Start { get; init; }

    public static int DefaultChains(int coordinates) => Math.Max(16, (2 * coordinates + 1) / 2 * 2);
}

/// <summary>
/// Bayesian calibration by differential evolution Markov chain Monte Carlo (ter Braak 2006, "A Markov chain Monte
/// Carlo version of the genetic algorithm Differential Evolution", Statistics and Computing 16:239). N chains move
/// together; chain i proposes z + γ (z_a - z_b) + e from two other chains a, b (γ = 2.38 / √(2D) for D
/// coordinates, 1 every tenth generation so chains can jump between modes; e a tiny normal jitter) and accepts
/// with the Metropolis probability. The proposal adapts itself to the posterior's scale and correlations through
/// the spread of the chains. The chains are updated in two halves, each half's proposals drawn from the other
/// half's current states, which leaves the joint posterior of all chains invariant (each half's update is a
/// Metropolis step given the other's); each half's proposals are one batch on the vector engine.
/// <para>Coordinates are the parameters' unit coordinates (the prior density carries the Jacobian of a log scale)
/// and, for negative binomial series with an unknown dispersion, ln k rescaled onto [0, 1] with a flat prior. Unknown
/// sds are integrated out (<see cref="FitLikelihood.Marginal"/>). Chains start from a Latin hypercube over the
/// bounds, or over an earlier calibration's intervals (<see cref="StartingBox"/>); during the burn-in, a chain stuck
/// far below the others restarts from the best chain's state (as DREAM does, Vrugt et al. 2009), which the burn-in
/// then forgets. Proposals outside the bounds are rejected without running the model.</para>
/// </summary>
public sealed class DifferentialEvolutionMcmc(CandidateEvaluator evaluator, McmcSettings settings, ulong seed)
{
    private const double Jitter = 1e-5;
    private const int OutlierWindow = 25, OutlierCheck = 50;

    public Action<string>? Progress { get; init; }

    /// <summary>Chains, burn-in generations and draws kept per chain, as the settings give them for <paramref name="size"/> coordinates.</summary>
    private static (int Chains, int BurnIn, int Kept) Shape(int size, McmcSettings settings)
    {
        int burnIn = settings.BurnIn ?? settings.Generations / 2;
        return (settings.Chains ?? McmcSettings.DefaultChains(size), burnIn, (settings.Generations - burnIn) / settings.Thin);
    }

    /// <summary>
    /// The memory a run of the sampler needs before it starts: the draws it keeps (<see cref="PosteriorSample.MemoryOf"/>)
    /// and the vector engine's workers that evaluate each half's proposals.
    /// </summary>
    public static MemoryEstimate MemoryOf(CalibrationProblem problem, McmcSettings settings, BatchOptions batches)
    {
        int coordinates = problem.Space.Dimension + problem.Likelihood.SampledDispersions.Length;
        var (chains, _, kept) = Shape(coordinates, settings);
        var (part, bytes) = PosteriorSample.MemoryOf(coordinates, problem.Observations.Length, chains, Math.Max(0, kept), settings.Draws);
        long workers = MemoryEstimate.Workers(problem.Plan, batches.Threads, batches.LanesPerBatch, problem.Record.ValuesPerRun);
        return new MemoryEstimate([
            MemoryEstimate.Program,
            (part, bytes),
            ($"workers {MemoryEstimate.Format(workers)} ({batches.Threads} threads x {batches.LanesPerBatch} lanes)", workers),
        ]);
    }

    public PosteriorSample Run()
    {
        var clock = Stopwatch.StartNew();
        var problem = evaluator.Problem;
        var space = problem.Space;
        var likelihood = problem.Likelihood;
        int d = space.Dimension, q = likelihood.SampledDispersions.Length, size = d + q;
        var (chains, burnIn, kept) = Shape(size, settings);
        if (chains < 4 || chains % 2 != 0) throw new CalibrationException($"the sampler needs an even number of chains, at least 4 (not {chains})", "e.g. --chains 16");
        if (kept < 4) throw new CalibrationException($"{settings.Generations} generations with a burn-in of {burnIn} and thinning {settings.Thin} keep {kept} draws per chain; at least 4 are needed",
            "run more generations, or a shorter burn-in");
        var random = new RandomStream(seed, 2);
        var (logKLow, logKHigh) = FitLikelihood.LogDispersionRange;
        double[] Dispersions(double[] z)
        {
            var k = new double[q];
            for (int j = 0; j < q; j++) k[j] = Math.Exp(logKLow + z[d + j] * (logKHigh - logKLow));
            return k;
        }
        double LogPosterior(Evaluation e, double[] z) =>
            e.Predicted is null ? double.NegativeInfinity : likelihood.Marginal(e.Predicted, Dispersions(z)) + space.LogPriorInUnits(z.AsSpan(0, d));

        var sample = new PosteriorSample(problem, chains, kept, settings.Draws);
        var start = settings.Start ?? StartingBox.Whole(size);
        if (start.Size != size) throw new ArgumentException($"the starting box has {start.Size} coordinates; the sampler has {size}", nameof(settings));
        var z = DifferentialEvolution.LatinHypercube(chains, size, random).Select(start.Place).ToList();
        var state = evaluator.Evaluate(z.Select(x => x[..d]).ToList());
        var logPost = z.Select((x, i) => LogPosterior(state[i], x)).ToArray();
        double gammaDefault = 2.38 / Math.Sqrt(2.0 * size);
        long proposals = 0, accepted = 0;
        int outliers = 0;
        var recent = logPost.Select(lp => Enumerable.Repeat(lp, OutlierWindow).ToArray()).ToArray();
        int half = chains / 2;
        for (int generation = 1; generation <= settings.Generations; generation++)
        {
            double gamma = generation % 10 == 0 ? 1 : gammaDefault;
            for (int part = 0; part < 2; part++)
            {
                int first = part * half, other = (1 - part) * half;
                var proposed = new double[half][];
                for (int i = 0; i < half; i++)
                {
                    int a = other + random.Next(half), b;
                    do b = other + random.Next(half); while (b == a);
                    var x = (double[])z[first + i].Clone();
                    for (int j = 0; j < size; j++) x[j] += gamma * (z[a][j] - z[b][j]) + Normal.Sample(random, 0, Jitter);
                    proposed[i] = x;
                }
                var inside = Enumerable.Range(0, half).Where(i => proposed[i].All(x => x >= 0 && x <= 1)).ToList();
                var results = evaluator.Evaluate(inside.Select(i => proposed[i][..d]).ToList());
                var resultOf = inside.Select((i, k) => (i, k)).ToDictionary(p => p.i, p => results[p.k]);
                for (int i = 0; i < half; i++)
                {
                    double u = random.NextDouble(); // drawn for every chain, so the stream does not depend on which proposals were inside
                    proposals++;
                    if (!resultOf.TryGetValue(i, out var e)) continue;
                    double lp = LogPosterior(e, proposed[i]), current = logPost[first + i];
                    bool accept = double.IsNegativeInfinity(current) ? double.IsFinite(lp) : Math.Log(u) < lp - current;
                    if (!accept) continue;
                    z[first + i] = proposed[i];
                    state[first + i] = e;
                    logPost[first + i] = lp;
                    accepted++;
                }
            }
            for (int c = 0; c < chains; c++) recent[c][generation % OutlierWindow] = logPost[c];
            if (generation <= burnIn && generation % OutlierCheck == 0 && generation >= OutlierWindow) ResetOutliers();
            if (generation > burnIn && (generation - burnIn) % settings.Thin == 0)
            {
                int k = (generation - burnIn) / settings.Thin - 1;
                for (int c = 0; c < chains; c++)
                    sample.Record(c, k, generation, space.ToValues(z[c].AsSpan(0, d)), Dispersions(z[c]), state[c], logPost[c]);
            }
            if (Progress is not null && (generation % Math.Max(1, settings.Generations / 20) == 0 || generation == settings.Generations))
                Progress($"mcmc: generation {generation:N0}/{settings.Generations:N0}{(generation <= burnIn ? " (burn-in)" : "")}, acceptance {100.0 * accepted / Math.Max(1, proposals):F0}%, {evaluator.Runs:N0} runs");
        }
        sample.Finish(accepted / (double)Math.Max(1, proposals), outliers, clock.Elapsed);
        return sample;

        // A chain stuck in a region of low posterior during the burn-in (its mean log-posterior over the last window
        // far below the others': below Q1 - 2 IQR) restarts from the best chain's state (Vrugt et al. 2009, DREAM).
        void ResetOutliers()
        {
            var means = recent.Select(r => r.Average()).ToArray();
            var sorted = means.Where(double.IsFinite).Order().ToList();
            if (sorted.Count < 4) return;
            double q1 = Quantiles.Type7(sorted, 0.25), q3 = Quantiles.Type7(sorted, 0.75), floor = q1 - 2 * (q3 - q1);
            int best = Enumerable.Range(0, chains).MaxBy(c => logPost[c]);
            for (int c = 0; c < chains; c++)
            {
                if (!(means[c] < floor) && double.IsFinite(means[c])) continue;
                z[c] = (double[])z[best].Clone();
                state[c] = state[best];
                logPost[c] = logPost[best];
                Array.Fill(recent[c], logPost[best]);
                outliers++;
            }
        }
    }
}
