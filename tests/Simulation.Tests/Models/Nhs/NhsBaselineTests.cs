using Simulation.Engine.Model;
using static Simulation.Tests.Models.Nhs.NhsModel;

namespace Simulation.Tests.Models.Nhs;

/// <summary>
/// The models' baselines drift only for stated reasons: with the population held still, no admission trend, no
/// mortality improvement and no season, every stock stays within its stated bound of where it started over 25 years
/// (docs/models say why each one that moves does). And the hospital model's costs reconcile: by payer and by setting.
/// </summary>
public class NhsBaselineTests
{
    private const double Years25 = 25 * 365;

    /// <summary>Inputs that make the hospital model's world stand still.</summary>
    private static readonly Dictionary<string, double> FlatHospital = new()
    {
        ["Population growth rate"] = 0, ["Mortality improvement"] = 0, ["Admission trend"] = 0, ["Winter amplitude"] = 0,
    };

    /// <summary>
    /// Every stock's total over its elements at the end of 25 flat years: its relative change from the start within
    /// ±2%, unless stated here with the reason (relative bounds), or, for stocks that start at 0 (capacity gaps,
    /// accumulators), in its own units (absolute bounds).
    /// </summary>
    private static readonly Dictionary<string, (double Low, double High, string Reason)> HospitalRelativeDrift = new()
    {
        ["Care home residents"] = (0, 0.08, "the residents' age mix settles from the prevalence by band given at the start to the one the admission, " +
            "ageing and death flows imply (+5% over 25 years, most in the first 10; the pre-issue-14 model did the same)"),
    };

    private static readonly Dictionary<string, (double Low, double High, string Reason)> HospitalDrift = new()
    {
        ["Staff gap"] = (0, 10, "beds unstaffed while acute staff move to replace virtual ward leavers: a few beds, beds"),
        ["Escalation beds"] = (0, 1, "none open without a crowded ED, beds"),
        ["Digital rollout"] = (0, 0, "the digital programme is off"),
        ["Digital maturity"] = (0, 0, "the digital programme is off"),
        ["Cumulative discounted NHS cost"] = (double.NegativeInfinity, double.PositiveInfinity, "an accumulator"),
    };

    [Test]
    public void HospitalToCommunity_FlatBaseline_EveryStockStaysWithinItsDriftBound()
    {
        var model = Read(NhsModel.HospitalToCommunity);
        var stocks = model.Variables.Where(v => v.Kind == VariableKind.Stock).ToList();
        var probes = stocks.Select(s => Auxiliary("Probe total " + s.Name, s.IsArrayed ? $"SUM({AllOf(s)})" : Quoted(s.Name))).ToList();
        var run = ModelRun.Run(model.With(probes) with { Time = model.Time with { Stop = Years25 } }, FlatHospital,
            probes.Select(p => p.Name).ToList(), [0, Years25]);
        Assert.Multiple(() =>
        {
            foreach (var stock in stocks)
            {
                double start = run["Probe total " + stock.Name, 0], end = run["Probe total " + stock.Name, Years25];
                TestContext.Out.WriteLine($"{stock.Name}: {start:G6} -> {end:G6}");
                if (HospitalDrift.TryGetValue(stock.Name, out var bound))
                    Assert.That(end, Is.InRange(bound.Low, bound.High), $"{stock.Name}: {bound.Reason}");
                else if (HospitalRelativeDrift.TryGetValue(stock.Name, out var relative))
                    Assert.That(end / start - 1, Is.InRange(relative.Low, relative.High), $"{stock.Name}: {relative.Reason}");
                else
                    Assert.That(end / start - 1, Is.InRange(-0.02, 0.02), $"{stock.Name} drifts from {start:G6} to {end:G6} in a flat world");
            }
        });
    }

    [Test]
    public void HospitalToCommunity_CostsByPayerAndBySetting_Reconcile()
    {
        var model = Read(NhsModel.HospitalToCommunity);
        string[] outputs = ["Cost total", "Cost by payer total", "Cost NHS", "Cost NHS community services", "Cost NHS hospital and care", "Cost digital",
            "Cost care homes", "Cost care homes NHS", "Cost care homes local authority", "Cost care homes self funders"];
        double[] times = [0, 365, 730, 1825];
        foreach (var set in new[] { new Dictionary<string, double>(), new Dictionary<string, double> { ["Digital programme"] = 1, ["Virtual ward beds per 100k adults"] = 45 } })
        {
            var run = ModelRun.Run(model, set, outputs, times);
            foreach (double t in times)
            {
                double total = run["Cost total", t];
                Assert.That(run["Cost by payer total", t], Is.EqualTo(total).Within(1e-12 * total), $"payers sum to the total at day {t}");
                Assert.That(run["Cost NHS community services", t] + run["Cost NHS hospital and care", t], Is.EqualTo(run["Cost NHS", t]).Within(1e-12 * total));
                Assert.That(run["Cost care homes NHS", t] + run["Cost care homes local authority", t] + run["Cost care homes self funders", t],
                    Is.EqualTo(run["Cost care homes", t]).Within(1e-12 * total));
                Assert.That(run["Cost NHS", t], Is.LessThan(total), "the NHS pays part, not all");
            }
            if (set.Count > 0) Assert.That(run["Cost digital", 365], Is.GreaterThan(0), "the digital run is not vacuous");
        }
    }
}
