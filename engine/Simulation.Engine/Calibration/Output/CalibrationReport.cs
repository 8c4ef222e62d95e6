using System.Collections.Immutable;
using Newtonsoft.Json.Linq;
using Simulation.Engine.Calibration.Problem;
using Simulation.Engine.Calibration.Search;

namespace Simulation.Engine.Calibration.Output;

/// <summary>A parameter's estimate and 95% interval; <see cref="Note"/> says when an end is a bound rather than the likelihood's.</summary>
public sealed record ParameterEstimate(string Parameter, double Estimate, double Low, double High, string? Note = null);

/// <summary>An error model's estimated scale, "sd(in_bed)" or "dispersion(admissions)", with an interval when the method gives one.</summary>
public sealed record ScaleEstimate(string Name, double Value, double Low = double.NaN, double High = double.NaN);

/// <summary>One point of a parameter's likelihood profile: the value, and how far the log-likelihood has dropped from its maximum there.</summary>
public sealed record ProfilePoint(string Parameter, double Value, double Drop);

/// <summary>
/// What a calibration found, whatever the method: estimates with intervals, estimated scales, the model's fitted
/// value at each observation (with a band when the method gives one), fit statistics per series, and the
/// method's own details for calibration.json. <see cref="CalibrationWriter"/> writes it out.
/// </summary>
public sealed class CalibrationReport
{
    public required CalibrationProblem Problem { get; init; }

    /// <summary>"optimise" or "mcmc".</summary>
    public required string Method { get; init; }

    public required ulong Seed { get; init; }

    public required ImmutableArray<ParameterEstimate> Estimates { get; init; }

    public required ImmutableArray<ScaleEstimate> Scales { get; init; }

    /// <summary>The model's value at each observation at the estimate (the posterior median for MCMC).</summary>
    public required double[] Fitted { get; init; }

    /// <summary>MCMC: the 2.5% and 97.5% posterior quantiles of the fitted value at each observation.</summary>
    public double[]? FittedLow { get; init; }

    public double[]? FittedHigh { get; init; }

    /// <summary>The log-likelihood at the estimate (unknown scales at their best values).</summary>
    public required double LogLikelihood { get; init; }

    public required long Runs { get; init; }

    public required long Infeasible { get; init; }

    public required TimeSpan Elapsed { get; init; }

    public ImmutableArray<ProfilePoint> Profiles { get; init; } = ImmutableArray<ProfilePoint>.Empty;

    /// <summary>MCMC: the draws and their diagnostics.</summary>
    public Mcmc.PosteriorSample? Posterior { get; init; }

    /// <summary>What only this method reports (starts and their agreement; chain diagnostics), written into calibration.json.</summary>
    public JObject Details { get; init; } = new();

    /// <summary>Fit statistics of each series at the estimate.</summary>
    public ImmutableArray<(string Series, FitStatistics Statistics)> Statistics =>
        Problem.Series.Select(s => (s.Column, FitStatistics.Compute(
            Problem.Observations.Skip(s.First).Take(s.Count).Select(o => o.Value).ToList(), Fitted.Skip(s.First).Take(s.Count).ToList()))).ToImmutableArray();

    /// <summary>The scales each series' error model estimates, at the fitted values.</summary>
    public static ImmutableArray<ScaleEstimate> ScalesAt(CalibrationProblem problem, double[] fitted)
    {
        var scales = new double[problem.Likelihood.Series.Length];
        if (!problem.Likelihood.EstimateScales(fitted, scales)) return ImmutableArray<ScaleEstimate>.Empty;
        return problem.Likelihood.Series.Select((s, i) => (s, i)).Where(x => x.s.EstimatesScale)
            .Select(x => new ScaleEstimate($"{x.s.ScaleName}({x.s.Name})", scales[x.i])).ToImmutableArray();
    }

    /// <summary>The report of a maximum-likelihood fit with profile-likelihood intervals.</summary>
    public static CalibrationReport FromOptimisation(CandidateEvaluator evaluator, OptimisationResult result, ulong seed)
    {
        var problem = evaluator.Problem;
        var best = result.Best;
        var estimates = problem.Space.Parameters.Select((p, i) =>
        {
            var low = result.Ends.FirstOrDefault(e => e.Parameter == i && e.Side < 0);
            var high = result.Ends.FirstOrDefault(e => e.Parameter == i && e.Side > 0);
            string? note = (low?.AtBound, high?.AtBound) switch
            {
                (true, true) => "the likelihood stays within the 95% threshold to both bounds: the data do not pin this parameter down",
                (true, _) => "the interval reaches the lower bound",
                (_, true) => "the interval reaches the upper bound",
                _ => null,
            };
            return new ParameterEstimate(p.Label, best.Values[i], low is null ? double.NaN : p.ToValue(low.Unit), high is null ? double.NaN : p.ToValue(high.Unit), note);
        }).ToImmutableArray();
        var profiles = result.Ends.SelectMany(e => e.Points.Select(pt => new ProfilePoint(problem.Space.Parameters[e.Parameter].Label,
                problem.Space.Parameters[e.Parameter].ToValue(pt.Unit), pt.Objective - best.Objective)))
            .Distinct().OrderBy(p => p.Parameter, StringComparer.Ordinal).ThenBy(p => p.Value).ToImmutableArray();
        var details = new JObject
        {
            ["globalSearch"] = new JObject { ["method"] = "differential evolution (DE/rand/1/bin)", ["generations"] = result.Generations },
            ["starts"] = new JArray(result.Starts.Select(s => new JObject
            {
                ["from"] = Values(problem, s.From.Values),
                ["to"] = Values(problem, s.To.Values),
                ["logLikelihood"] = CalibrationWriter.Number(s.To.LogLikelihood),
                ["iterations"] = s.Iterations,
            })),
            ["intervals"] = result.Ends.IsEmpty ? "none" : $"profile likelihood, 95%: the log-likelihood within {result.Threshold:G4} of its maximum",
        };
        return new CalibrationReport
        {
            Problem = problem,
            Method = "optimise",
            Seed = seed,
            Estimates = estimates,
            Scales = ScalesAt(problem, best.Predicted!),
            Fitted = best.Predicted!,
            LogLikelihood = best.LogLikelihood,
            Runs = evaluator.Runs,
            Infeasible = evaluator.Infeasible,
            Elapsed = result.Elapsed,
            Profiles = profiles,
            Details = details,
        };
    }

    /// <summary>The report of a posterior sample: medians and 95% credible intervals, the fitted values' median and band.</summary>
    public static CalibrationReport FromPosterior(CandidateEvaluator evaluator, Mcmc.PosteriorSample sample, Mcmc.McmcSettings settings, ulong seed)
    {
        var problem = evaluator.Problem;
        int d = problem.Space.Dimension;
        var estimates = problem.Space.Parameters.Select((p, j) =>
        {
            var (median, low, high) = sample.Interval(j);
            return new ParameterEstimate(p.Label, median, low, high);
        }).ToImmutableArray();
        int n = problem.Observations.Length;
        var fitted = new double[n];
        var fittedLow = new double[n];
        var fittedHigh = new double[n];
        for (int i = 0; i < n; i++)
        {
            var values = sample.Draws.Select(draw => draw.Predicted[i]).Where(double.IsFinite).Order().ToList();
            fitted[i] = Scenarios.Summary.Quantiles.Type7(values, 0.5);
            fittedLow[i] = Scenarios.Summary.Quantiles.Type7(values, 0.025);
            fittedHigh[i] = Scenarios.Summary.Quantiles.Type7(values, 0.975);
        }
        var sampled = sample.Coordinates.Skip(d).Select((name, k) =>
        {
            var (median, low, high) = sample.Interval(d + k);
            return new ScaleEstimate(name, median, low, high);
        }).ToList();
        var scales = ScalesAt(problem, fitted).Where(s => !sampled.Any(x => x.Name == s.Name)).Concat(sampled).ToImmutableArray();
        var convergence = sample.Convergence();
        double worst = convergence.Max(c => double.IsNaN(c.RHat) ? 1 : c.RHat);
        var details = new JObject
        {
            ["sampler"] = "differential evolution Markov chain (ter Braak 2006), chains updated in two halves",
            ["chains"] = sample.Chains,
            ["generations"] = settings.Generations,
            ["burnIn"] = settings.BurnIn ?? settings.Generations / 2,
            ["thin"] = settings.Thin,
            ["keptPerChain"] = sample.Kept,
            ["draws"] = sample.Draws.Count,
            ["acceptanceRate"] = CalibrationWriter.Number(sample.AcceptanceRate),
            ["outlierChainsReset"] = sample.OutliersReset,
            ["unknownSds"] = "integrated out under the prior 1/sd",
            ["convergence"] = new JArray(convergence.Select(c => new JObject
            {
                ["coordinate"] = c.Coordinate, ["mean"] = CalibrationWriter.Number(c.Mean), ["sd"] = CalibrationWriter.Number(c.Sd),
                ["rHat"] = CalibrationWriter.Number(c.RHat), ["ess"] = CalibrationWriter.Number(c.Ess),
            })),
            ["maxRHat"] = CalibrationWriter.Number(worst),
            ["converged"] = worst < 1.05,
        };
        return new CalibrationReport
        {
            Problem = problem,
            Method = "mcmc",
            Seed = seed,
            Estimates = estimates,
            Scales = scales,
            Fitted = fitted,
            FittedLow = fittedLow,
            FittedHigh = fittedHigh,
            LogLikelihood = problem.Likelihood.Profiled(fitted),
            Runs = evaluator.Runs,
            Infeasible = evaluator.Infeasible,
            Elapsed = sample.Elapsed,
            Posterior = sample,
            Details = details,
        };
    }

    private static JObject Values(CalibrationProblem problem, double[] values)
    {
        var o = new JObject();
        for (int i = 0; i < values.Length; i++) o[problem.Space.Parameters[i].Label] = CalibrationWriter.Number(values[i]);
        return o;
    }
}
