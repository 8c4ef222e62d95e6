using Simulation.Engine.Model;
using static Simulation.Tests.Models.Nhs.NhsModel;

namespace Simulation.Tests.Models.Nhs;

/// <summary>
/// The models' baselines drift only for stated reasons: with the population held still, no admission trend, no
/// mortality improvement and no season, every stock stays within its stated bound of where it started over 25 years
/// (docs/models say why each one that moves does). And the models' costs reconcile: by payer and by setting.
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

    /// <summary>Inputs that make the prevention model's world stand still (no projected growth, no mortality improvement).</summary>
    private static readonly Dictionary<string, double> FlatPrevention = new() { ["Population growth rate"] = 0, ["Mortality improvement"] = 0 };

    /// <summary>
    /// The prevention model's stated drifts over 25 flat years (relative to the start; default within ±10%), each with its
    /// reason (docs/models/illness-to-prevention.md, "Drift in a flat world").
    /// </summary>
    private static readonly Dictionary<string, (double Low, double High, string Reason)> PreventionRelativeDrift = new()
    {
        ["NDH undiagnosed"] = (0.4, 1.0, "the registered share at the start (0.72, NDA 2023) is above what today's detection, regression and referral rates hold"),
        ["NDH registered"] = (-0.35, -0.1, "as above: the registered share settles near 0.6"),
        ["NDH in DPP"] = (-0.45, -0.15, "referrals follow the registered pool down"),
        ["NDH after DPP"] = (-0.7, -0.4, "the start's referred stock ignores regression and progression out of it"),
        ["T2D undiagnosed"] = (-0.5, -0.2, "detection (22%/yr) drains the start's undiagnosed share (21% of T2D, Moody 2016)"),
        ["T2D diagnosed without complications"] = (0.25, 0.6, "backing up (Jones 2006): NDH keeps progressing while people with T2D live longer"),
        ["T2D with complications"] = (0.6, 1.3, "complications accumulate at 4% a year on a growing diagnosed stock"),
        ["Hypertension undiagnosed"] = (-0.2, -0.05, "detection at 7% a year outpaces incidence"),
        ["Hypertension untreated"] = (-0.7, -0.4, "treatment starts (50% a year) drain the start's untreated share (12.5% of the diagnosed)"),
        ["Hypertension uncontrolled"] = (0.05, 0.3, "fed by the untreated and by detections"),
        ["Hypertension controlled"] = (0.05, 0.3, "fed by the untreated and by detections"),
        ["Never smoked"] = (0.05, 0.3, "cohort replacement: 8% of 18-year-olds smoke against 12% of adults"),
        ["Current smokers"] = (-0.3, -0.05, "cohort replacement"),
        ["In supported quit attempt"] = (-0.3, -0.05, "a share of current smokers"),
        ["Recent ex smokers"] = (-0.3, -0.05, "a share of current smokers"),
        ["Long term ex smokers"] = (-0.5, -0.25, "older ex-smokers die and fewer smokers quit"),
        ["With heart failure"] = (0, 0.15, "incidence slightly above the balance with the start's prevalence (Conrad 2018; Taylor 2019)"),
    };

    private static readonly Dictionary<string, (double Low, double High, string Reason)> PreventionAbsoluteDrift = new()
    {
        ["Cumulative discounted NHS cost"] = (double.NegativeInfinity, double.PositiveInfinity, "an accumulator"),
    };

    [Test]
    public void HospitalToCommunity_FlatBaseline_EveryStockStaysWithinItsDriftBound() =>
        AssertDrift(NhsModel.HospitalToCommunity, FlatHospital, Years25, HospitalRelativeDrift, HospitalDrift, 0.02);

    [Test]
    public void IllnessToPrevention_FlatBaseline_EveryStockStaysWithinItsDriftBound() =>
        AssertDrift(NhsModel.IllnessToPrevention, FlatPrevention, 25, PreventionRelativeDrift, PreventionAbsoluteDrift, 0.10);

    private static void AssertDrift(string file, Dictionary<string, double> flat, double years,
        Dictionary<string, (double Low, double High, string Reason)> relative, Dictionary<string, (double Low, double High, string Reason)> absolute, double other)
    {
        var model = Read(file);
        var stocks = model.Variables.Where(v => v.Kind == VariableKind.Stock).ToList();
        var probes = stocks.Select(s => Auxiliary("Probe total " + s.Name, s.IsArrayed ? $"SUM({AllOf(s)})" : Quoted(s.Name))).ToList();
        var run = ModelRun.Run(model.With(probes) with { Time = model.Time with { Stop = years } }, flat, probes.Select(p => p.Name).ToList(), [0, years]);
        Assert.Multiple(() =>
        {
            foreach (var stock in stocks)
            {
                double start = run["Probe total " + stock.Name, 0], end = run["Probe total " + stock.Name, years];
                TestContext.Out.WriteLine($"{stock.Name}: {start:G6} -> {end:G6}");
                if (absolute.TryGetValue(stock.Name, out var bound))
                    Assert.That(end, Is.InRange(bound.Low, bound.High), $"{stock.Name}: {bound.Reason}");
                else if (relative.TryGetValue(stock.Name, out var r))
                    Assert.That(end / start - 1, Is.InRange(r.Low, r.High), $"{stock.Name}: {r.Reason}");
                else
                    Assert.That(end / start - 1, Is.InRange(-other, other), $"{stock.Name} drifts from {start:G6} to {end:G6} in a flat world");
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

    [Test]
    public void IllnessToPrevention_CostsByPayer_Reconcile()
    {
        var model = Read(NhsModel.IllnessToPrevention);
        string[] outputs = ["Cost total", "Cost by payer total", "Cost NHS", "Cost NHS prevention programmes", "Cost conditions", "Cost local authority"];
        double[] times = [0, 1, 5, 10];
        foreach (var set in new[] { new Dictionary<string, double>(), new Dictionary<string, double> { ["Home BP monitoring"] = 0.5, ["Digital DPP share"] = 1 } })
        {
            var run = ModelRun.Run(model, set, outputs, times);
            foreach (double t in times)
            {
                double total = run["Cost total", t];
                Assert.That(run["Cost by payer total", t], Is.EqualTo(total).Within(1e-12 * total), $"payers sum to the total at year {t}");
                Assert.That(run["Cost NHS prevention programmes", t] + run["Cost conditions", t], Is.EqualTo(run["Cost NHS", t]).Within(1e-12 * total));
                Assert.That(run["Cost local authority", t], Is.GreaterThan(0), "councils pay for stop smoking services and health checks");
            }
        }
    }

    /// <summary>
    /// Stop smoking uptake and success by quintile share out the service's national totals (quit dates are the reach of
    /// all smokers, four week quitters 54% of them, at the start), and each moves the Q1-Q5 smoking gap its own way:
    /// reaching more deprived smokers narrows it, their lower success widens it.
    /// </summary>
    [Test]
    public void IllnessToPrevention_StopSmokingByQuintile_SharesOutTheTotals_AndMovesTheGapItsOwnWay()
    {
        var model = Read(NhsModel.IllnessToPrevention);
        string[] outputs = ["SSS quit dates per year", "Four week quitters per year", "IMD Q1 Q5 gap in smoking prevalence"];
        double[] times = [0, 10];
        var flat = new Dictionary<string, double> { ["Stop smoking uptake by IMD"] = 1, ["Stop smoking success by IMD"] = 1 };
        var uptakeOnly = new Dictionary<string, double> { ["Stop smoking success by IMD"] = 1 };
        var successOnly = new Dictionary<string, double> { ["Stop smoking uptake by IMD"] = 1 };
        var runs = new[] { flat, uptakeOnly, successOnly, new Dictionary<string, double>() }.Select(set => ModelRun.Run(model, set, outputs, times)).ToList();
        foreach (var run in runs.Skip(1))
            foreach (var total in outputs.Take(2))
                Assert.That(run[total, 0], Is.EqualTo(runs[0][total, 0]).Within(1e-12 * runs[0][total, 0]), $"{total} at the start is the national total");
        double gap = runs[0]["IMD Q1 Q5 gap in smoking prevalence", 10];
        Assert.That(runs[1]["IMD Q1 Q5 gap in smoking prevalence", 10], Is.LessThan(gap), "more deprived smokers reached: the gap narrows");
        Assert.That(runs[2]["IMD Q1 Q5 gap in smoking prevalence", 10], Is.GreaterThan(gap), "lower success among them: the gap widens");
    }
}
