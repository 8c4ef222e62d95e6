namespace Simulation.Tests.Models.Nhs;

/// <summary>
/// One national sanity target for a 1.5 million ICB (sources in docs/models/), as a band: the
/// reference's figure with the tolerance the model's design accepts, and how the KPI is measured from the
/// first year of the model's baseline run.
/// </summary>
public sealed record SanityTarget(string Model, string Kpi, double Low, double High, string Basis, Func<StepSeries, double> Measure)
{
    public TestCaseData Case() => new TestCaseData(this).SetArgDisplayNames(Path.GetFileNameWithoutExtension(Model), Kpi);

    public override string ToString() => $"{Kpi}: {Low:G6} to {High:G6} ({Basis})";
}
