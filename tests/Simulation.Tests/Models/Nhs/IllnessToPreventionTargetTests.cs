namespace Simulation.Tests.Models.Nhs;

/// <summary>
/// models/illness-to-prevention.json, baseline, first year: every sanity target of the reference's section 7
/// that concerns adults' conditions and prevention programmes, each with the tolerance of the model's design
/// (docs/models/illness-to-prevention.md).
/// </summary>
public class IllnessToPreventionTargetTests
{
    private const double Year = 1;

    private static readonly string[] Recorded =
    [
        "Adult population", "Deaths per year", "Diagnosed diabetes", "T2D diagnosed", "T2D undiagnosed total", "People with NDH", "NDH recorded",
        "People with hypertension", "Hypertension recorded", "Hypertension undiagnosed total", "Hypertension controlled share of all hypertensives",
        "Hypertension controlled share of treated", "Adult smokers", "SSS quit dates per year", "Four week quitters per year",
        "DPP referrals per year", "DPP completions per year", "Strokes per year",
    ];

    private static readonly Lazy<StepSeries> FirstYear = new(() => StepSeries.Run(NhsModel.Read(NhsModel.IllnessToPrevention), Year, Recorded));

    private static double Total(StepSeries s, string v) => s.Total(v, 0, Year);

    private static double Mean(StepSeries s, string v) => s.Mean(v, 0, Year);

    private static IEnumerable<SanityTarget> Targets() =>
    [
        new("Deaths per year", 13e3, 15e3, "~13-15k a year (adults; deaths under 18, ~60 a year, are outside the model)", s => Total(s, "Deaths per year")),
        new("Diagnosed diabetes (17+)", 85e3, 95e3, "~85-95k (~7.5%), QOF", s => Mean(s, "Diagnosed diabetes")),
        new("T2D diagnosed", 80e3 * 0.9, 80e3 * 1.1, "T2D ~80k, +-10%", s => Mean(s, "T2D diagnosed")),
        new("T2D undiagnosed", 0.01 * 1.19e6, 0.03 * 1.19e6, "undiagnosed diabetes 1-3% of adults (Moody 2016)", s => Mean(s, "T2D undiagnosed total")),
        new("NDH (true)", 130e3 * 0.9, 130e3 * 1.1, "~130k, +-10%", s => Mean(s, "People with NDH")),
        new("NDH (recorded)", 50e3, 80e3, "~50-80k", s => Mean(s, "NDH recorded")),
        new("Hypertension (true)", 370e3 * 0.9, 370e3 * 1.1, "~370k, +-10%", s => Mean(s, "People with hypertension")),
        new("Hypertension (recorded)", 220e3 * 0.85, 220e3 * 1.15, "~220k, +-15% (the reference's three hypertension figures do not add up)",
            s => Mean(s, "Hypertension recorded")),
        new("Hypertension (undiagnosed)", 110e3 * 0.9, 110e3 * 1.1, "~110k, +-10%", s => Mean(s, "Hypertension undiagnosed total")),
        new("Hypertension controlled % of all hypertensives", 0.35, 0.41, "38% (QMUL HSE 2021), +-3 points",
            s => Mean(s, "Hypertension controlled share of all hypertensives")),
        new("Hypertension controlled % of treated", 0.60, 0.66, "63% of treated (Falaschetti 2014), +-3 points",
            s => Mean(s, "Hypertension controlled share of treated")),
        new("Adult smokers", 140e3 * 0.9, 140e3 * 1.1, "~140k (11.9% of ~1.17m adults), +-10%", s => Mean(s, "Adult smokers")),
        new("SSS quit dates per year", 4600 * 0.9, 4600 * 1.1, "~4,600 a year, +-10%", s => Total(s, "SSS quit dates per year")),
        new("4-week quitters per year", 2500 * 0.9, 2500 * 1.1, "~2,500 a year, +-10%", s => Total(s, "Four week quitters per year")),
        new("DPP referrals per year", 5000 * 0.85, 5000 * 1.15, "~5,000 a year, +-15%", s => Total(s, "DPP referrals per year")),
        new("DPP completions per year", 1000 * 0.85, 1000 * 1.15, "~1,000 a year, +-15%", s => Total(s, "DPP completions per year")),
        new("New strokes per year", 2200 * 0.9, 2200 * 1.1, "~2,200 a year (~100k a year UK, Patel 2020), +-10%", s => Total(s, "Strokes per year")),
    ];

    public static IEnumerable<TestCaseData> Cases() => Targets().Select(t => t.Case());

    [TestCaseSource(nameof(Cases))]
    public void Baseline_FirstYear_LandsInsideTheSanityTarget(SanityTarget target)
    {
        double value = target.Measure(FirstYear.Value);
        TestContext.Out.WriteLine($"{target.Kpi} = {value:G6}; target {target}");
        Assert.That(value, Is.InRange(target.Low, target.High), target.ToString());
    }
}
