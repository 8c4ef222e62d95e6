using System.Numerics;
using Simulation.Engine.Scenarios;
using Simulation.Engine.Scenarios.Output;

namespace Simulation.Engine.Analysis.Sobol;

/// <summary>How a Sobol' analysis is asked for: N base samples, second-order indices or not, and bootstrap resamples.</summary>
public sealed record SobolSettings(int BaseSamples, bool SecondOrder = false, int Resamples = Bootstrap.DefaultResamples);

/// <summary>
/// Variance-based sensitivity analysis (Sobol' 1993, 2001) of an experiment: <see cref="Design"/> puts Saltelli's design
/// in place of the experiment's own, so its rows are the futures of an ordinary sweep (every scenario, all cores,
/// resumable), and <see cref="Analyse"/> computes the indices from the sweep's folder, per scenario and for each
/// scenario's paired difference from the baseline.
/// </summary>
public static class SobolAnalysis
{
    public const string Method = "Sobol' indices";

    public static CompiledExperiment Design(CompiledExperiment experiment, SobolSettings settings)
    {
        var distributions = SampledInputs.Distributions(experiment, Method);
        if (settings.BaseSamples < 2)
            throw new AnalysisException($"Sobol' indices need at least 2 base samples; {settings.BaseSamples} asked",
                "use --samples 1024 or more for usable intervals (a power of two keeps the Sobol' points balanced)");
        if (settings.Resamples < 1) throw new AnalysisException("the bootstrap needs at least one resample", "the default is 1000");
        if (distributions.Count > SaltelliDesign.MaxInputs)
            throw new AnalysisException($"Saltelli's design takes up to {SaltelliDesign.MaxInputs} inputs; the experiment samples {distributions.Count}",
                "screen them first with --method morris and keep the ones that matter");
        long rows = SaltelliLayout.RowsFor(settings.BaseSamples, distributions.Count, settings.SecondOrder);
        if (rows * experiment.Replications * experiment.Scenarios.Length > int.MaxValue)
            throw new AnalysisException($"Saltelli's design would need {rows * experiment.Replications * experiment.Scenarios.Length:N0} runs; at most {int.MaxValue:N0} are possible",
                "ask for fewer --samples");
        var design = new SaltelliDesign(settings.BaseSamples, distributions, settings.SecondOrder);
        return SampledInputs.WithDesign(experiment, design, Derivation(settings), Method);
    }

    /// <summary>The design's name in the sweep's fingerprint and summary.</summary>
    public static string Derivation(SobolSettings settings) =>
        $"saltelli (N = {settings.BaseSamples}{(settings.SecondOrder ? ", second order" : "")})";

    /// <summary>Whether N is a power of two, which keeps Sobol' points balanced (worth a warning otherwise).</summary>
    public static bool IsBalanced(int baseSamples) => BitOperations.IsPow2(baseSamples);

    /// <param name="results">The folder the design's sweep wrote (series read too, for indices over time).</param>
    public static SensitivityReport Analyse(SweepResults results, SaltelliLayout layout, int resamples, ulong seed)
    {
        if (results.Samples != layout.Rows || results.Inputs.Length != layout.Inputs)
            throw new AnalysisException($"the sweep in '{results.Folder}' is not Saltelli's design for {layout.Inputs} inputs and N = {layout.BaseSamples}",
                "run it again with --force");
        var inputs = results.Inputs;
        var first = new List<SensitivityRow>();
        var second = layout.SecondOrder ? new List<SensitivityRow>() : null;
        foreach (var response in Responses.Of(results))
        {
            var indices = SobolEstimator.Estimate(layout, response.PerSample, resamples, seed);
            first.AddRange(Rows(response, inputs, indices));
            if (second is null) continue;
            for (int i = 0; i < inputs.Length; i++)
            for (int j = i + 1; j < inputs.Length; j++)
            {
                var e = indices.S2![i, j];
                second.Add(new SensitivityRow(response.Scenario, response.Measure, response.Outcome, response.Element, null, $"{inputs[i]} x {inputs[j]}",
                    [e.Value, e.Low, e.High], indices.Samples, indices.Note));
            }
        }
        List<SensitivityRow>? overTime = null;
        if (!results.Series.IsEmpty)
        {
            overTime = [];
            foreach (var response in Responses.Of(results, series: true))
                overTime.AddRange(Rows(response, inputs, SobolEstimator.Estimate(layout, response.PerSample, resamples, seed)));
        }
        string[] columns = ["S1", "S1_low", "S1_high", "ST", "ST_low", "ST_high"];
        return new SensitivityReport(
            new SensitivityTable("sobol", columns, "ST", "samples", first),
            overTime is null ? null : new SensitivityTable("sobol", columns, "ST", "samples", overTime, Series: true),
            second is null ? null : new SensitivityTable("sobol", ["S2", "S2_low", "S2_high"], "S2", "samples", second));
    }

    private static IEnumerable<SensitivityRow> Rows(Response response, IReadOnlyList<string> inputs, SobolIndices indices) =>
        inputs.Select((input, i) => new SensitivityRow(response.Scenario, response.Measure, response.Outcome, response.Element, response.Time, input,
            [indices.S1[i].Value, indices.S1[i].Low, indices.S1[i].High, indices.ST[i].Value, indices.ST[i].Low, indices.ST[i].High],
            indices.Samples, indices.Note));
}
