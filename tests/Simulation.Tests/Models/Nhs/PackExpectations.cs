using static Simulation.Tests.Models.Nhs.Direction;

namespace Simulation.Tests.Models.Nhs;

/// <summary>
/// What the evidence says each commissioning scenario does, outcome by outcome, for the bundled scenario packs
/// (the evidence tables of docs/models/*.md, from the reference's sections 2 and 8).
/// </summary>
internal static class PackExpectations
{
    public const string HospitalPack = "hospital-to-community.json";
    public const string WwlPack = "hospital-to-community-wwl.json";
    public const string PreventionPack = "illness-to-prevention.json";

    private const string VirtualWards = "virtual wards 45 per 100k", Ucr = "UCR growth", D2A = "discharge to assess",
        Combined = "combined package", Decommissioned = "virtual wards decommissioned in year 3", DoNothing = "do nothing",
        QuickWin = "quick win: faster simple discharges and more same-day care", Digital = "digital shift", Disinvest = "disinvest to reinvest";

    public static IEnumerable<PackExpectation> HospitalToCommunity()
    {
        const string avoidance = "1 avoided admission per 2.5 step-up VW admissions (NHSE South East 2024)";
        const string stepDown = "2.7-3.1 acute days saved per step-down (Jalilian et al. 2024; West Herts)";
        foreach (string year in new[] { "year 1", "year 10" })
        {
            yield return H(VirtualWards, $"Emergency admissions, {year}", Down, avoidance);
            yield return H(VirtualWards, $"Occupied bed days, {year}", Down, stepDown);
            yield return H(VirtualWards, $"G&A occupancy, {year}", Down, stepDown);
            yield return H(VirtualWards, $"NCTR patients, {year}", Down, "fewer admissions, fewer P1-P3 needs; less deconditioning (Cochrane 2024)");
            yield return H(VirtualWards, $"Patients on virtual wards, {year}", Up, "the lever");
            yield return H(VirtualWards, $"Cost virtual wards, {year}", Up, "the lever");
            yield return H(VirtualWards, $"Cost acute, {year}", Down, stepDown);
            yield return H(VirtualWards, $"30-day readmission rate, {year}", Up, "early-discharge hospital at home readmission RR 1.09 (Cochrane 2017)");
            yield return H(VirtualWards, $"Care home admissions 65+, {year}", Down, "hospital at home: in residential care at 6 months RR 0.53 (Cochrane 2024)");
            yield return H(VirtualWards, $"Deaths, {year}", Down, "hospital at home: 6-month mortality RR 0.88 (Edgar et al., Cochrane 2024)");

            yield return H(Ucr, $"Emergency admissions, {year}", Down, "75% of UCR episodes managed without admission (Age Ageing 2023)");
            yield return H(Ucr, $"Occupied bed days, {year}", Down, "fewer admissions");
            yield return H(Ucr, $"G&A occupancy, {year}", Down, "fewer admissions");
            yield return H(Ucr, $"UCR referrals, {year}", Up, "the lever");
            yield return H(Ucr, $"Cost UCR, {year}", Up, "the lever");

            yield return H(D2A, $"NCTR patients, {year}", Down, "D2A pathway shares (NHSE 2020): assessment at home, not in a bed");
            yield return H(D2A, $"Average length of stay, {year}", Down, "shorter waits for home-based care; less deconditioning (Health Foundation 2022)");
            yield return H(D2A, $"Occupied bed days, {year}", Down, "shorter stays");
            yield return H(D2A, $"G&A occupancy, {year}", Down, "shorter stays");
            yield return H(D2A, $"Care home admissions 65+, {year}", Down, "half of pathway 3 need assessed at home");
            yield return H(D2A, $"Cost local authority, {year}", Down, "fewer council-funded care home placements");

            foreach (var kpi in new[] { "Emergency admissions", "Occupied bed days", "G&A occupancy", "NCTR patients", "Average length of stay" })
                yield return H(Combined, $"{kpi}, {year}", Down, "the sum of the above; Brailsford 2004: fewer admissions of older people lower occupancy");

            foreach (var kpi in new[] { "Emergency admissions", "Occupied bed days", "G&A occupancy", "Patients on virtual wards", "Cost virtual wards" })
                yield return H(Decommissioned, $"{kpi}, {year}", year == "year 1" ? Unchanged : kpi.Contains("virtual wards") ? Down : Up,
                    year == "year 1" ? "the service stops in year 3" : "the reverse of the virtual ward evidence");

            yield return H(Disinvest, $"UCR referrals, {year}", Up, "the reinvestment");
            yield return H(Disinvest, $"Emergency admissions, {year}", Down, "UCR and virtual ward growth avoid admissions");
        }
        yield return H(DoNothing, "G&A occupancy, year 10", Up, "demand grows with an ageing population (ONS projections) while beds stay fixed");
        yield return H(DoNothing, "Patients waiting in ED for a bed, year 10", Up, "full hospitals board patients in ED (RCEM 2025: corridor care)");
        yield return H(DoNothing, "Deaths, year 10", Up, "long ED waits cause deaths (RCEM 2024; ONS)");
        yield return H(DoNothing, "Patients leaving ED without a bed, year 10", Up, "the release valve: a full hospital sends patients home from ED or a corridor");
        yield return H(DoNothing, "Deaths from ED waits beyond today's, year 10", Up, "ONS: 12-hour waits double 30-day mortality; RCEM 2024");
        yield return H(DoNothing, "QALYs gained", Down, "the deaths above");
        yield return H(QuickWin, "Occupied bed days, year 1", Down, "a third quicker simple discharges (Health Foundation 2022: 1.3 days' delay per discharge)");
        yield return H(QuickWin, "NCTR patients, year 1", Down, "quicker simple discharges");
        yield return H(QuickWin, "G&A occupancy, year 1", Down, "quicker discharges and more same-day care");
        yield return H(QuickWin, "Average length of stay, year 1", Down, "quicker simple discharges");
        yield return H(Digital, "Cost digital, year 1", Up, "licences and implementation from day 0");
        yield return H(Digital, "NHS cost, year 1", Up, "costs come before the benefits (adoption over two years)");
        yield return H(Digital, "30-day readmission rate, year 10", Down, "shared care record: fewer readmissions (Hersh 2015; Dupont 2023)");
        yield return H(Digital, "UCR referrals, year 10", Up, "a digital front door routes crises to UCR");
        yield return H(Digital, "Patients on virtual wards, year 10", Up, "remote monitoring: more patients per WTE (Shah 2021)");
        foreach (string year in new[] { "year 1", "year 10" })
        {
            yield return new(WwlPack, "virtual wards 45 per 100k, WWL costs", $"Emergency admissions, {year}", Down, "fewer admissions, at half the avoidance");
            yield return new(WwlPack, "virtual wards 45 per 100k, WWL costs", $"Occupied bed days, {year}", Down, "step-down days saved");
            yield return new(WwlPack, "virtual wards 45 per 100k, WWL costs", $"Cost NHS, {year}", Up,
                "WWL: a virtual ward day cost 1.7 times an acute day (Jalilian et al. 2024); the reference asks for this run beside every VW result");
        }
    }

    public static IEnumerable<PackExpectation> IllnessToPrevention()
    {
        const string dpp = "DPP reach doubled", htn = "hypertension control 80%", sss = "stop smoking reach", imd = "spend targeted at IMD Q1-2",
            combined = "combined prevention";
        const string diploma = "referral HR ~0.80 (Ravindrarajah et al. 2023); McManus 2022 IRR 0.93-0.94";
        const string ettehad = "Ettehad 2016: per 10 mmHg stroke RR 0.73, CHD 0.83, HF 0.72";
        yield return P(dpp, "DPP referrals, year 1", Up, "the lever");
        yield return P(dpp, "DPP completions, year 10", Up, "the lever");
        yield return P(dpp, "Extra programme cost", Up, "the lever");
        yield return P(dpp, "New T2D cases, year 10", Down, diploma);
        yield return P(dpp, "Emergency admissions from CVD and diabetes events, year 10", Down, "fewer people with diabetes have fewer CVD events");
        yield return P(dpp, "New T2D cases over 25 years", Down, diploma);
        yield return P(dpp, "Diagnosed diabetes prevalence, year 25", Down, diploma);
        yield return P(dpp, "QALYs gained", Up, "Thomas 2017: 3,552 QALYs per 100k interventions");

        yield return P(htn, "Hypertension controlled share of treated, year 10", Up, "the lever");
        yield return P(htn, "Hypertension treated to target (CVDPREVENT), year 10", Up, "the national measure (CVDPREVENT)");
        yield return P(htn, "Emergency admissions from CVD and diabetes events, year 10", Down, ettehad);
        yield return P(htn, "Hypertension controlled share of all hypertensives, year 10", Up, "the lever");
        foreach (var kpi in new[] { "Strokes", "First MI", "CVD deaths" })
        foreach (var year in new[] { "year 10", "year 25" })
            yield return P(htn, $"{kpi}, {year}", Down, ettehad);
        yield return P(htn, "Premature CVD mortality per 100k, year 10", Down, ettehad);
        yield return P(htn, "Extra programme cost", Up, "more reviews and drugs to hold control");
        yield return P(htn, "QALYs gained", Up, "fewer strokes and MIs");

        yield return P(sss, "Stop smoking quit dates, year 1", Up, "the lever");
        yield return P(sss, "Four week quitters, year 10", Up, "NHS Digital SSS: 54% quit at 4 weeks");
        yield return P(sss, "Smoking prevalence, year 10", Down, "more supported quits");
        yield return P(sss, "Smoking prevalence, year 25", Down, "more supported quits");
        yield return P(sss, "Smoking excess deaths, year 25", Down, "Doll 2004; Pirie 2013: smokers' mortality RR 2-3");
        yield return P(sss, "First MI, year 25", Down, "smoking CVD RR 2");
        yield return P(sss, "QALYs gained", Up, "fewer deaths and CVD events");

        yield return P(imd, "IMD Q1-Q5 gap in smoking prevalence, year 10", Down, "Core20PLUS5: activity weighted to the most deprived");
        yield return P(imd, "IMD Q1-Q5 gap in smoking prevalence, year 25", Down, "Core20PLUS5");
        yield return P(imd, "IMD Q1-Q5 gap in first CVD events per 100k, year 10", Down, "Core20PLUS5; HSE/ONS gradients");
        yield return P(imd, "IMD Q1-Q5 gap in first CVD events per 100k, year 25", Down, "Core20PLUS5; HSE/ONS gradients");
        yield return P(imd, "IMD Q1-Q5 gap in T2D prevalence, year 25", Down, "Core20PLUS5 (Valabhji 2020: lower response in deprived groups is a caution)");

        yield return P(combined, "Strokes over 25 years", Down, "the sum of the above");
        yield return P(combined, "Smoking prevalence, year 25", Down, "the sum of the above");
        yield return P(combined, "New T2D cases, year 10", Down, "the sum of the above");
        yield return P(combined, "IMD Q1-Q5 gap in smoking prevalence, year 25", Down, "the sum of the above");
        yield return P(combined, "QALYs gained", Up, "the sum of the above");

        const string digital = "digital prevention", pharmacy = "quick win: pharmacy blood pressure checks",
            disinvest = "disinvest to reinvest: DPP to hypertension case finding", stop = "DPP decommissioned in year 3";
        yield return P(digital, "DPP completions, year 10", Up, "uptake 47% with a digital choice vs 39% (Barron et al. 2023)");
        yield return P(digital, "Hypertension controlled share of treated, year 10", Up, "home monitoring: lower blood pressure (SHTG)");
        yield return P(digital, "Strokes, year 10", Down, "better control");
        yield return P(pharmacy, "Strokes, year 10", Down, "more hypertension found and treated");
        yield return P(pharmacy, "Hypertension controlled share of all hypertensives, year 1", Up, "year-1 effect of finding more hypertension");
        yield return P(disinvest, "DPP referrals, year 10", Down, "the disinvestment");
        yield return P(disinvest, "Strokes, year 10", Down, "the reinvestment finds more hypertension");
        yield return P(stop, "New T2D cases, year 10", Up, "the DPP's effect is lost (Ravindrarajah et al. 2023)");
        yield return P(stop, "DPP referrals, year 10", Down, "the programme stops");
        yield return P(stop, "New T2D cases, year 1", Unchanged, "it stops in year 3");
    }

    private static PackExpectation H(string scenario, string outcome, Direction d, string evidence) => new(HospitalPack, scenario, outcome, d, evidence);

    private static PackExpectation P(string scenario, string outcome, Direction d, string evidence) => new(PreventionPack, scenario, outcome, d, evidence);
}
