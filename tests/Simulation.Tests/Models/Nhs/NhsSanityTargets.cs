namespace Simulation.Tests.Models.Nhs;

/// <summary>
/// The national sanity targets for a 1.5 million ICB (sources in docs/models/), with the tolerance each
/// model's design accepts, and how each KPI is measured from the baseline's first year.
/// </summary>
public static class NhsSanityTargets
{
    public static IEnumerable<SanityTarget> HospitalToCommunity()
    {
        const string m = NhsModel.HospitalToCommunity;
        return
        [
            new(m, "Population 65+", 280e3 * 0.9, 280e3 * 1.1, "~280k (Census 2021 18.6%), +-10%", s => s.Mean("Population aged 65 plus")),
            new(m, "Population 85+", 37e3 * 0.9, 37e3 * 1.1, "~37k (2.5%), +-10%", s => s.Mean("Population aged 85 plus")),
            new(m, "Emergency admissions per year", 140e3, 170e3, "140k-170k a year", s => s.Total("Emergency admissions per day")),
            new(m, "Emergency admissions per 1000", 95, 115, "95-115 per 1,000", s => s.Total("Emergency admissions per day") / s.Mean("Total population") * 1000),
            new(m, "G&A beds", 2630 * 0.95, 2630 * 1.05, "~2,630, +-5%", s => s.Mean("G&A beds")),
            new(m, "G&A beds occupied", 2420 * 0.98, 2500 * 1.02, "~2,420-2,500, +-2%", s => s.Mean("G&A beds occupied")),
            new(m, "G&A occupancy", 0.88, 0.96, "88-96% (reference parameter range)", s => s.Mean("G&A occupancy")),
            new(m, "Non-elective bed days per year", 0.9e6 * 0.98, 0.95e6 * 1.02, "0.9-0.95m a year, +-2%", s => s.Total("G&A beds occupied")),
            new(m, "Average LOS (overnight)", 7.5, 9.5, "7.5-9.5 days, pick 8.5",
                s => s.Total("G&A beds occupied") / s.Total("Overnight emergency admissions per day")),
            new(m, "Average LOS 85+", 10, 13, "10-13 days",
                s => s.Total("G&A beds occupied aged 85 plus") / s.Total("Overnight emergency admissions aged 85 plus per day")),
            new(m, "NCTR per day", 320, 370, "~320-370 a day", s => s.Mean("NCTR patients")),
            new(m, "Virtual ward beds", 240 * 0.9, 240 * 1.1, "~240 actual, +-10%", s => s.Mean("Virtual ward beds")),
            new(m, "UCR referrals per month", 1200, 1900, "~1,200-1,900 a month", s => s.Total("UCR referrals per day") / 12),
            new(m, "Intermediate care starts per month", 3300 * 0.85, 3300 * 1.15, "~3,300 a month, +-15%", s => s.Total("Intermediate care starts per day") / 12),
            new(m, "Intermediate care spend per year", 42e6 * 0.8, 42e6 * 1.2, "~42m a year (NAIC 2017 prices), +-20% for the price-year gap",
                s => s.Total("Intermediate care spend")),
            new(m, "Deaths per year", 13e3, 15e3, "~13-15k a year", s => s.Total("Deaths per day")),
            new(m, "Share of deaths in hospital", 0.44, 0.50, "~46% (44-50%)", s => s.Total("Hospital deaths per day") / s.Total("Deaths per day")),
            new(m, "30-day emergency readmission %", 0.11, 0.16, "11-16%", s => s.Total("Emergency readmissions per day") / s.Total("Live discharges per day")),
            new(m, "Community nursing contacts per year", 1.1e6 * 0.85, 1.1e6 * 1.15, "42.4m a year England x 0.026 = 1.1m, +-15%",
                s => s.Total("Community nursing contacts")),
        ];
    }

    public static IEnumerable<SanityTarget> IllnessToPrevention()
    {
        const string m = NhsModel.IllnessToPrevention;
        return
        [
            new(m, "Deaths per year", 13e3, 15e3, "~13-15k a year (adults; deaths under 18, ~60 a year, are outside the model)", s => s.Total("Deaths per year")),
            new(m, "Diagnosed diabetes (17+)", 85e3, 95e3, "~85-95k (~7.5%), QOF", s => s.Mean("Diagnosed diabetes")),
            new(m, "T2D diagnosed", 80e3 * 0.9, 80e3 * 1.1, "T2D ~80k, +-10%", s => s.Mean("T2D diagnosed")),
            new(m, "T2D undiagnosed", 0.01 * 1.19e6, 0.03 * 1.19e6, "undiagnosed diabetes 1-3% of adults (Moody 2016)", s => s.Mean("T2D undiagnosed total")),
            new(m, "NDH (true)", 130e3 * 0.9, 130e3 * 1.1, "~130k, +-10%", s => s.Mean("People with NDH")),
            new(m, "NDH (recorded)", 94e3 * 0.85, 94e3 * 1.15, "~94k (3.6m registered in 2023, NDA; x 0.026), +-15%", s => s.Mean("NDH recorded")),
            new(m, "Hypertension (true)", 370e3 * 0.9, 370e3 * 1.1, "~370k, +-10%", s => s.Mean("People with hypertension")),
            new(m, "Hypertension (recorded)", 220e3 * 0.85, 220e3 * 1.15, "~220k, +-15% (the reference's three hypertension figures do not add up)",
                s => s.Mean("Hypertension recorded")),
            new(m, "Hypertension (undiagnosed)", 110e3 * 0.9, 110e3 * 1.1, "~110k, +-10%", s => s.Mean("Hypertension undiagnosed total")),
            new(m, "Hypertension controlled % of all hypertensives", 0.35, 0.41, "38% (QMUL HSE 2021), +-3 points",
                s => s.Mean("Hypertension controlled share of all hypertensives")),
            new(m, "Hypertension controlled % of treated", 0.60, 0.66, "63% of treated (Falaschetti 2014), +-3 points",
                s => s.Mean("Hypertension controlled share of treated")),
            new(m, "Adult smokers", 140e3 * 0.9, 140e3 * 1.1, "~140k (11.9% of ~1.17m adults), +-10%", s => s.Mean("Adult smokers")),
            new(m, "SSS quit dates per year", 4600 * 0.9, 4600 * 1.1, "~4,600 a year, +-10%", s => s.Total("SSS quit dates per year")),
            new(m, "4-week quitters per year", 2500 * 0.9, 2500 * 1.1, "~2,500 a year, +-10%", s => s.Total("Four week quitters per year")),
            new(m, "DPP referrals per year", 5000 * 0.85, 5000 * 1.15, "~5,000 a year, +-15%", s => s.Total("DPP referrals per year")),
            new(m, "DPP completions per year", 1000 * 0.85, 1000 * 1.15, "~1,000 a year, +-15%", s => s.Total("DPP completions per year")),
            new(m, "New strokes per year", 2200 * 0.9, 2200 * 1.1, "~2,200 a year (~100k a year UK, Patel 2020), +-10%", s => s.Total("Strokes per year")),
        ];
    }
}
