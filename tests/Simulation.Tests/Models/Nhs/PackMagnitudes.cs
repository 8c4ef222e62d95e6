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
    }

    private static IEnumerable<PackMagnitude> IllnessToPrevention() => [];
}
