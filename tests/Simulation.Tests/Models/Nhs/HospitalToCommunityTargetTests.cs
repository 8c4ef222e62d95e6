namespace Simulation.Tests.Models.Nhs;

/// <summary>
/// models/hospital-to-community.json, baseline, first year (days 0-365): every sanity target of the reference's
/// section 7 for a 1.5 million ICB, each with the tolerance of the model's design (docs/models/hospital-to-community.md).
/// </summary>
public class HospitalToCommunityTargetTests
{
    private const double Year = 365;

    private static readonly string[] Recorded =
    [
        "Population aged 65 plus", "Population aged 85 plus", "Total population", "Emergency admissions per day", "G&A beds",
        "G&A beds occupied", "G&A occupancy", "Overnight emergency admissions per day", "G&A beds occupied aged 85 plus",
        "Overnight emergency admissions aged 85 plus per day", "NCTR patients", "Virtual ward beds", "UCR referrals per day",
        "Intermediate care starts per day", "Intermediate care spend", "Deaths per day", "Hospital deaths per day",
        "Emergency readmissions per day", "Live discharges per day", "Community nursing contacts",
    ];

    private static readonly Lazy<StepSeries> FirstYear = new(() => StepSeries.Run(NhsModel.Read(NhsModel.HospitalToCommunity), Year, Recorded));

    private static double Total(StepSeries s, string v) => s.Total(v, 0, Year);

    private static double Mean(StepSeries s, string v) => s.Mean(v, 0, Year);

    private static IEnumerable<SanityTarget> Targets() =>
    [
        new("Population 65+", 280e3 * 0.9, 280e3 * 1.1, "~280k (Census 2021 18.6%), +-10%", s => Mean(s, "Population aged 65 plus")),
        new("Population 85+", 37e3 * 0.9, 37e3 * 1.1, "~37k (2.5%), +-10%", s => Mean(s, "Population aged 85 plus")),
        new("Emergency admissions per year", 140e3, 170e3, "140k-170k a year", s => Total(s, "Emergency admissions per day")),
        new("Emergency admissions per 1000", 95, 115, "95-115 per 1,000",
            s => Total(s, "Emergency admissions per day") / Mean(s, "Total population") * 1000),
        new("G&A beds", 2630 * 0.95, 2630 * 1.05, "~2,630, +-5%", s => Mean(s, "G&A beds")),
        new("G&A beds occupied", 2420 * 0.98, 2500 * 1.02, "~2,420-2,500, +-2%", s => Mean(s, "G&A beds occupied")),
        new("G&A occupancy", 0.88, 0.96, "88-96% (reference parameter range)", s => Mean(s, "G&A occupancy")),
        new("Non-elective bed days per year", 0.9e6 * 0.98, 0.95e6 * 1.02, "0.9-0.95m a year, +-2%", s => Total(s, "G&A beds occupied")),
        new("Average LOS (overnight)", 7.5, 9.5, "7.5-9.5 days, pick 8.5",
            s => Total(s, "G&A beds occupied") / Total(s, "Overnight emergency admissions per day")),
        new("Average LOS 85+", 10, 13, "10-13 days",
            s => Total(s, "G&A beds occupied aged 85 plus") / Total(s, "Overnight emergency admissions aged 85 plus per day")),
        new("NCTR per day", 320, 370, "~320-370 a day", s => Mean(s, "NCTR patients")),
        new("Virtual ward beds", 240 * 0.9, 240 * 1.1, "~240 actual, +-10%", s => Mean(s, "Virtual ward beds")),
        new("UCR referrals per month", 1200, 1900, "~1,200-1,900 a month", s => Total(s, "UCR referrals per day") / 12),
        new("Intermediate care starts per month", 3300 * 0.85, 3300 * 1.15, "~3,300 a month, +-15%",
            s => Total(s, "Intermediate care starts per day") / 12),
        new("Intermediate care spend per year", 42e6 * 0.8, 42e6 * 1.2, "~42m a year (NAIC 2017 prices), +-20% for the price-year gap",
            s => Total(s, "Intermediate care spend")),
        new("Deaths per year", 13e3, 15e3, "~13-15k a year", s => Total(s, "Deaths per day")),
        new("Share of deaths in hospital", 0.44, 0.50, "~46% (44-50%)", s => Total(s, "Hospital deaths per day") / Total(s, "Deaths per day")),
        new("30-day emergency readmission %", 0.11, 0.16, "11-16%",
            s => Total(s, "Emergency readmissions per day") / Total(s, "Live discharges per day")),
        new("Community nursing contacts per year", 1.1e6 * 0.85, 1.1e6 * 1.15, "42.4m a year England x 0.026 = 1.1m, +-15%",
            s => Total(s, "Community nursing contacts")),
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
