using Simulation.Engine.Runtime;

namespace Simulation.Engine.Calibration.Search;

/// <summary>
/// Global search by differential evolution (Storn and Price 1997, DE/rand/1/bin) in unit coordinates: each
/// generation every member proposes a trial a + F (b - c) (three other members at random), crossed over with
/// itself coordinate by coordinate with probability CR, and the trial replaces the member when it is at least as
/// good. F is dithered per generation in [0.5, 1) and CR is 0.9, choices that suit the correlated parameters of
/// dynamic models. A trial coordinate outside [0, 1] is pulled back between the member and the bound it crossed.
/// A whole generation of trials is one batch. The search stops after <see cref="DifferentialEvolutionSettings.MaxGenerations"/>,
/// or when the best value has improved by less than the tolerance over <see cref="DifferentialEvolutionSettings.Patience"/>
/// generations: the local polish that follows finishes the job.
/// </summary>
public sealed class DifferentialEvolution(int dimension, DifferentialEvolutionSettings settings, RandomStream random)
{
    private const double CrossoverRate = 0.9;

    public List<Evaluation> Population { get; private set; } = new();

    public Evaluation? Best => Population.Where(e => e.Feasible).MinBy(e => e.Objective);

    public int Generations { get; private set; }

    /// <summary>Called after each generation with its number and the best so far.</summary>
    public Action<int, Evaluation?>? Progress { get; init; }

    /// <param name="seeds">Points the first generation includes (the model's own values, first guesses); the rest is a Latin hypercube.</param>
    public IEnumerable<EvaluationRequest> Run(IReadOnlyList<double[]> seeds)
    {
        int size = settings.Population;
        var initial = LatinHypercube(size, dimension, random);
        for (int i = 0; i < Math.Min(seeds.Count, size); i++) initial[i] = seeds[i];
        var request = new EvaluationRequest(initial);
        yield return request;
        Population = request.Results.ToList();
        Progress?.Invoke(0, Best);

        var history = new List<double> { Best?.Objective ?? double.PositiveInfinity };
        for (int generation = 1; generation <= settings.MaxGenerations; generation++)
        {
            double f = 0.5 + 0.5 * random.NextDouble();
            var trials = new List<double[]>(size);
            for (int i = 0; i < size; i++) trials.Add(Trial(i, f));
            request = new EvaluationRequest(trials);
            yield return request;
            for (int i = 0; i < size; i++)
            {
                var trial = request.Results[i];
                if (trial.Objective <= Population[i].Objective) Population[i] = trial;
            }
            Generations = generation;
            double best = Best?.Objective ?? double.PositiveInfinity;
            history.Add(best);
            Progress?.Invoke(generation, Best);
            if (history.Count > settings.Patience && double.IsFinite(best)
                && history[^(settings.Patience + 1)] - best < settings.Tolerance * (1 + Math.Abs(best))) yield break;
        }
    }

    private double[] Trial(int i, double f)
    {
        int size = Population.Count;
        int a, b, c;
        do a = random.Next(size); while (a == i);
        do b = random.Next(size); while (b == i || b == a);
        do c = random.Next(size); while (c == i || c == a || c == b);
        var x = Population[i].Units;
        var trial = (double[])x.Clone();
        int forced = random.Next(dimension);
        for (int j = 0; j < dimension; j++)
        {
            if (j != forced && random.NextDouble() >= CrossoverRate) continue;
            double v = Population[a].Units[j] + f * (Population[b].Units[j] - Population[c].Units[j]);
            if (v < 0) v = x[j] * random.NextDouble();
            else if (v > 1) v = x[j] + (1 - x[j]) * random.NextDouble();
            trial[j] = v;
        }
        return trial;
    }

    /// <summary>n points in [0, 1]^d, one in each of n equal slices of every coordinate, slices paired at random.</summary>
    public static List<double[]> LatinHypercube(int n, int d, RandomStream random)
    {
        var points = Enumerable.Range(0, n).Select(_ => new double[d]).ToList();
        var order = Enumerable.Range(0, n).ToArray();
        for (int j = 0; j < d; j++)
        {
            for (int k = n - 1; k > 0; k--)
            {
                int swap = random.Next(k + 1);
                (order[k], order[swap]) = (order[swap], order[k]);
            }
            for (int k = 0; k < n; k++) points[k][j] = (order[k] + random.NextDouble()) / n;
        }
        return points;
    }
}

/// <summary>How long differential evolution searches: its population, at most how many generations, and when it has stalled.</summary>
public sealed record DifferentialEvolutionSettings(int Population, int MaxGenerations, int Patience = 15, double Tolerance = 1e-5)
{
    /// <summary>8 per parameter, at least 16, rounded up to a multiple of 16 so that batches stay full.</summary>
    public static int DefaultPopulation(int dimension) => Math.Max(16, (8 * dimension + 15) / 16 * 16);
}
