using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using static Simulation.Tests.Models.Nhs.NhsModel;

namespace Simulation.Tests.Models.Nhs;

/// <summary>
/// The prevention model's hypertension and weight management levers vary by quintile in uptake and response
/// (docs/models/illness-to-prevention.md, "Hypertension and weight management by quintile"): each gradient shares out
/// the lever's national effect (normalised over the people it applies to at the start), and one that favours the least
/// deprived widens the Q1-Q5 gap the lever closes or opens.
/// </summary>
public class NhsEquityLeverTests
{
    private static readonly string[] Quintiles = ["Q1", "Q5"];

    /// <summary>Probes: the controlled share of all hypertensives, and obesity prevalence, in Q1 and in Q5.</summary>
    private static IEnumerable<VariableDefinition> QuintileProbes() => Quintiles.SelectMany(q => new[]
    {
        Auxiliary($"Probe controlled share {q}",
            $"SUM(\"Hypertension controlled\"[*, {q}]) / (SUM(\"Hypertension undiagnosed\"[*, {q}]) + SUM(\"Hypertension untreated\"[*, {q}]) " +
            $"+ SUM(\"Hypertension uncontrolled\"[*, {q}]) + SUM(\"Hypertension controlled\"[*, {q}]))"),
        Auxiliary($"Probe obesity {q}", $"SUM(\"With obesity\"[*, {q}]) / SUM(Adults[*, {q}])"),
    }).Append(Auxiliary("Probe obesity", "SUM(\"With obesity\"[*, *]) / SUM(Adults[*, *])"));

    /// <summary>The prevention model with the hypertension control target raised from 0.63 to 0.72 over three years (the pack's 80% scenario).</summary>
    private static ModelDocument WithControlRamp(ModelDocument model) => model with
    {
        Variables = [.. model.Variables.Select(v => v.Name == "Hypertension control target"
            ? v with { Equation = new EquationSource("0.63 + 0.09 * MIN(1, TIME / 3)", null, 0) }
            : v)],
    };

    private static readonly Dictionary<string, double> Flat = new()
    {
        ["Hypertension control response by IMD"] = 1, ["Weight management uptake by IMD"] = 1, ["Weight management response by IMD"] = 1,
    };

    [Test]
    public void HypertensionControlResponse_SharesOutTheGain_AndAGradientWidensTheGap()
    {
        var model = Read(IllnessToPrevention).With(QuintileProbes());
        string[] outputs = ["Hypertension controlled share of all hypertensives", "Probe controlled share Q1", "Probe controlled share Q5"];
        double[] times = [0, 3, 10];
        var baseline = ModelRun.Run(model, new Dictionary<string, double>(), outputs, times);
        var ramp = WithControlRamp(model);
        var flat = ModelRun.Run(ramp, Flat, outputs, times);
        var graded = ModelRun.Run(ramp, new Dictionary<string, double>(), outputs, times);
        Assert.Multiple(() =>
        {
            foreach (double t in new[] { 3.0, 10 })
            {
                double gainFlat = flat[outputs[0], t] - baseline[outputs[0], t], gainGraded = graded[outputs[0], t] - baseline[outputs[0], t];
                Assert.That(gainFlat, Is.GreaterThan(0.03), $"the ramp raises the controlled share by year {t}");
                Assert.That(gainGraded, Is.EqualTo(gainFlat).Within(0.03 * gainFlat), $"the gradient shares out the same national gain at year {t}");
                double gapFlat = flat["Probe controlled share Q5", t] - flat["Probe controlled share Q1", t];
                double gapGraded = graded["Probe controlled share Q5", t] - graded["Probe controlled share Q1", t];
                Assert.That(gapGraded, Is.GreaterThan(gapFlat + 0.002), $"a response favouring the least deprived widens the Q5-Q1 gap in control at year {t}");
            }
            Assert.That(graded[outputs[0], 0], Is.EqualTo(baseline[outputs[0], 0]).Within(1e-12), "the start is untouched");
        });
    }

    [Test]
    public void WeightManagementUptakeAndResponse_ShareOutTheRemissions_AndAGradientWidensTheGap()
    {
        var model = Read(IllnessToPrevention).With(QuintileProbes());
        string[] outputs = ["Probe obesity", "Probe obesity Q1", "Probe obesity Q5"];
        double[] times = [0, 5];
        var none = ModelRun.Run(model, new Dictionary<string, double>(), outputs, times);
        var flat = ModelRun.Run(model, new Dictionary<string, double>(Flat) { ["Weight management referral rate"] = 0.05 }, outputs, times);
        var graded = ModelRun.Run(model, new Dictionary<string, double> { ["Weight management referral rate"] = 0.05 }, outputs, times);
        double Fall(ModelRun run, string q) => none[("Probe obesity " + q).Trim(), 5] - run[("Probe obesity " + q).Trim(), 5];
        Assert.Multiple(() =>
        {
            Assert.That(Fall(flat, "Q1"), Is.GreaterThan(0), "weight management lowers obesity");
            Assert.That(Fall(graded, ""), Is.EqualTo(Fall(flat, "")).Within(0.03 * Fall(flat, "")), "the gradients share out the same national fall");
            Assert.That(Fall(graded, "Q1"), Is.LessThan(Fall(flat, "Q1")), "less uptake and response in Q1: a smaller fall there");
            Assert.That(Fall(graded, "Q5"), Is.GreaterThan(Fall(flat, "Q5")), "more in Q5: a larger fall there");
            Assert.That(graded["Probe obesity Q1", 0], Is.EqualTo(flat["Probe obesity Q1", 0]).Within(1e-15), "the start is untouched");
        });
    }
}
