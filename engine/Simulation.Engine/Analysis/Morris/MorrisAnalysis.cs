using Simulation.Engine.Scenarios;
using Simulation.Engine.Scenarios.Output;

namespace Simulation.Engine.Analysis.Morris;

/// <summary>How a Morris screening is asked for: r trajectories over p levels, and bootstrap resamples for mu*'s interval.</summary>
public sealed record MorrisSettings(int Trajectories, int Levels = 4, int Resamples = Bootstrap.DefaultResamples);

/// <summary>One input's elementary-effect statistics for one response.</summary>
public readonly record struct MorrisEffects(double Mu, double MuStar, double Sigma, double MuStarLow, double MuStarHigh, int Count);

/// <summary>
/// Morris's elementary effects (Morris 1991) with Campolongo, Cariboni and Saltelli's (2007) mu*: for each trajectory
/// and input, EE = (y after the input's move - y before) / (change of the input's quantile), so an effect is in the
/// outcome's units per the input's whole distribution (for a uniform input, the change across its range). Per input:
/// mu = mean EE (the direction), mu* = mean |EE| (the importance, ranked), sigma = standard deviation of EE (n - 1; large
/// when the effect depends on the other inputs: interactions or nonlinearity). mu*'s 95% interval resamples trajectories.
/// </summary>
public static class MorrisAnalysis
{
    public const string Method = "Morris screening";

    public static CompiledExperiment Design(CompiledExperiment experiment, MorrisSettings settings)
    {
        var distributions = SampledInputs.Distributions(experiment, Method);
        if (settings.Trajectories < 2)
            throw new AnalysisException($"Morris screening needs at least 2 trajectories (a standard deviation needs two effects); {settings.Trajectories} asked",
                "use --samples 10 to 50 trajectories");
        if (settings.Levels < 2 || settings.Levels % 2 != 0)
            throw new AnalysisException($"Morris levels must be an even number of at least 2; {settings.Levels} asked", "4 is usual");
        if (settings.Resamples < 1) throw new AnalysisException("the bootstrap needs at least one resample", "the default is 1000");
        long rows = (long)settings.Trajectories * (distributions.Count + 1);
        if (rows * experiment.Replications * experiment.Scenarios.Length > int.MaxValue)
            throw new AnalysisException($"Morris screening would need {rows * experiment.Replications * experiment.Scenarios.Length:N0} runs; at most {int.MaxValue:N0} are possible",
                "ask for fewer trajectories");
        var design = new MorrisDesign(settings.Trajectories, settings.Levels, distributions, experiment.Seed);
        return SampledInputs.WithDesign(experiment, design, $"morris (r = {settings.Trajectories}, p = {settings.Levels})", Method);
    }

    public static SensitivityReport Analyse(SweepResults results, MorrisDesign design, int resamples, ulong seed)
    {
        if (results.Samples != design.Count || results.Inputs.Length != design.Inputs)
            throw new AnalysisException($"the sweep in '{results.Folder}' is not this Morris design", "run it again with --force");
        string[] columns = ["mu", "mu_star", "sigma", "mu_star_low", "mu_star_high"];
        return new SensitivityReport(
            new SensitivityTable("morris", columns, "mu_star", "trajectories", Rows(results, design, resamples, seed, series: false)),
            results.Series.IsEmpty ? null : new SensitivityTable("morris", columns, "mu_star", "trajectories", Rows(results, design, resamples, seed, series: true), Series: true));
    }

    private static List<SensitivityRow> Rows(SweepResults results, MorrisDesign design, int resamples, ulong seed, bool series)
    {
        var rows = new List<SensitivityRow>();
        foreach (var response in Responses.Of(results, series))
        {
            var effects = Effects(design, response.PerSample, resamples, seed);
            for (int i = 0; i < design.Inputs; i++)
            {
                var e = effects[i];
                string? note = e.Count == 0 ? "no trajectory has finite values on both sides of this input's move"
                    : e.Count == 1 ? "one elementary effect: no standard deviation"
                    : e.Count < design.Trajectories ? $"{design.Trajectories - e.Count} of {design.Trajectories} effects left out: a run gave no finite value"
                    : null;
                rows.Add(new SensitivityRow(response.Scenario, response.Measure, response.Outcome, response.Element, response.Time, results.Inputs[i],
                    [e.Mu, e.MuStar, e.Sigma, e.MuStarLow, e.MuStarHigh], e.Count, note));
            }
        }
        return rows;
    }

    /// <summary>Each input's statistics from one response (a value per design row).</summary>
    public static MorrisEffects[] Effects(MorrisDesign design, IReadOnlyList<double> y, int resamples, ulong seed)
    {
        int k = design.Inputs;
        var perInput = Enumerable.Range(0, k).Select(_ => new List<double>()).ToArray();
        for (int t = 0; t < design.Trajectories; t++)
        for (int step = 1; step <= k; step++)
        {
            int i = design.MovedAt(t, step), before = design.Row(t, step - 1), after = design.Row(t, step);
            double change = y[after] - y[before];
            if (double.IsFinite(change)) perInput[i].Add(change / (design.UnitValue(after, i) - design.UnitValue(before, i)));
        }
        return perInput.Select(ee => Statistics(ee.ToArray(), resamples, seed)).ToArray();
    }

    private static MorrisEffects Statistics(double[] ee, int resamples, ulong seed)
    {
        int n = ee.Length;
        if (n == 0) return new MorrisEffects(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0);
        double mu = ee.Average(), muStar = ee.Average(Math.Abs);
        double sigma = n < 2 ? double.NaN : Math.Sqrt(ee.Sum(e => (e - mu) * (e - mu)) / (n - 1));
        var magnitudes = ee.Select(Math.Abs).ToArray();
        var counts = new double[n];
        var replicates = new double[resamples];
        for (int r = 0; r < resamples; r++)
        {
            Bootstrap.Counts(seed, r, counts);
            replicates[r] = Bootstrap.Dot(counts, magnitudes) / n;
        }
        var (low, high) = Bootstrap.Interval(replicates);
        return new MorrisEffects(mu, muStar, sigma, low, high, n);
    }
}
