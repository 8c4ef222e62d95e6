namespace Simulation.Tests.Models.Nhs;

/// <summary>The effect sizes the evidence gives for the scenario packs' commissioning changes (docs/models/*.md, "magnitudes").</summary>
internal static class PackMagnitudes
{
    public static IEnumerable<PackMagnitude> All() => HospitalToCommunity().Concat(IllnessToPrevention());

    private static IEnumerable<PackMagnitude> HospitalToCommunity()
    {
        const string h = PackExpectations.HospitalPack;
        yield return new(h, "virtual wards: admissions avoided per extra virtual ward admission over 10 years", 0.12, 0.3,
            "PPL/NHSE South East evaluation 2024: 1 avoided admission per 2.5 step-up admissions (0.4); half the admissions are step-up",
            r => r.Value("virtual wards 45 per 100k", "Admissions avoided over 10 years") / r.Change("virtual wards 45 per 100k", "Virtual ward admissions over 10 years"));
        yield return new(h, "UCR: admissions avoided per extra UCR referral over 10 years", 0.2, 0.35,
            "75% of UCR episodes end at home (Age Ageing 2023), 40% of those would otherwise have been admitted (ASSUMPTION 20-60%)",
            r => r.Value("UCR growth", "Admissions avoided over 10 years") / r.Change("UCR growth", "UCR referrals over 10 years"));
        yield return new(h, "digital shift: relative fall in 30-day readmissions in year 10", 0.005, 0.015,
            "shared care records: a 1-2% fall in readmissions as a sensitivity (Hersh et al. 2015; Dupont et al. 2023)",
            r => -r.Change("digital shift", "30-day readmission rate, year 10") / r.Value("baseline", "30-day readmission rate, year 10"));
        yield return new(h, "do nothing: patients waiting in ED for a bed in year 10, relative to the baseline", 1.2, 4,
            "a full hospital's ED queue grows with the gap between demand and beds, and saturates as patients leave without a bed: at most a mean " +
            "wait of about a day from decision to admit, beyond the worst month on record (over 71,000 12-hour waits from decision to admit in " +
            "England, January 2026, NHS England A&E statistics), not the unbounded queue of a model without a release valve",
            r => r.Value("do nothing", "Patients waiting in ED for a bed, year 10") / r.Value("baseline", "Patients waiting in ED for a bed, year 10"));
        yield return new(h, "do nothing: extra deaths from ED waits in year 10, relative to RCEM's estimate for today's 12-hour waits scaled to the ICB", 0.25, 2,
            "RCEM (2024): about 16,600 excess deaths a year in England linked to 12-hour stays, 437 a year for 1.5 million people; ten years of " +
            "demand growth with no new beds adds harm of that order, not tens of times it",
            r => r.Change("do nothing", "Deaths from ED waits beyond today's, year 10") / (16_600.0 / 57_000_000 * 1_500_000));
    }

    private static IEnumerable<PackMagnitude> IllnessToPrevention()
    {
        const string b = PackExpectations.PreventionPack;
        yield return new(b, "DPP: T2D cases avoided per extra referral over 25 years", 0.01, 0.03,
            "DIPLOMA: ~18,000 cases avoided from over a million referrals (McManus et al. 2022); referral HR 0.80 (Ravindrarajah et al. 2023)",
            r => r.Value("DPP reach doubled", "T2D cases avoided") / (r.Change("DPP reach doubled", "DPP referrals, year 10") * 25));
        yield return new(b, "hypertension control 80%: treated to target on the national measure in year 10", 0.78, 0.83,
            "the national ambition: 80% of diagnosed hypertensives treated to target (CVDPREVENT)",
            r => r.Value("hypertension control 80%", "Hypertension treated to target (CVDPREVENT), year 10"));
        yield return new(b, "hypertension control 80%: % fall in strokes in year 10 per point more of all hypertensives controlled", 0.1, 0.35,
            "Ettehad et al. 2016: per 10 mmHg stroke RR 0.73, so a controlled hypertensive (12.5 mmHg lower) has ~0.67 of an uncontrolled one's stroke risk; most strokes arise in hypertensives",
            r => -r.Change("hypertension control 80%", "Strokes, year 10") / r.Value("baseline", "Strokes, year 10") * 100
                 / (r.Change("hypertension control 80%", "Hypertension controlled share of all hypertensives, year 10") * 100));
    }
}
