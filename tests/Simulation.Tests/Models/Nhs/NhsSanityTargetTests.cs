namespace Simulation.Tests.Models.Nhs;

/// <summary>
/// Both NHS models' baselines, first year (days 0-365 and year 0-1): every sanity target of the reference's
/// section 7 is its own test case, with its tolerance (docs/models/*.md say which inputs were calibrated).
/// </summary>
public class NhsSanityTargetTests
{
    private static readonly Dictionary<string, Lazy<StepSeries>> FirstYear = new()
    {
        [NhsModel.HospitalToCommunity] = new(() => StepSeries.Run(NhsModel.Read(NhsModel.HospitalToCommunity), 365)),
        [NhsModel.IllnessToPrevention] = new(() => StepSeries.Run(NhsModel.Read(NhsModel.IllnessToPrevention), 1)),
    };

    public static IEnumerable<TestCaseData> Cases() =>
        NhsSanityTargets.HospitalToCommunity().Concat(NhsSanityTargets.IllnessToPrevention()).Select(t => t.Case());

    [TestCaseSource(nameof(Cases))]
    public void Baseline_FirstYear_LandsInsideTheSanityTarget(SanityTarget target)
    {
        double value = target.Measure(FirstYear[target.Model].Value);
        TestContext.Out.WriteLine($"{target.Kpi} = {value:G6}; target {target}");
        Assert.That(value, Is.InRange(target.Low, target.High), target.ToString());
    }
}
