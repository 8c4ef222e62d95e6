namespace Simulation.Tests.Models.Nhs;

/// <summary>
/// A size the literature gives for a scenario's effect: <see cref="Measure"/> reads it from a pack's runs at the models'
/// values, and it must lie in [<see cref="Low"/>, <see cref="High"/>] for the reason <see cref="Evidence"/> gives.
/// </summary>
public sealed record PackMagnitude(string Pack, string Name, double Low, double High, string Evidence, Func<PackRunsView, double> Measure)
{
    public TestCaseData Case() => new TestCaseData(this).SetName($"{Pack}: {Name} in [{Low}, {High}]");

    public override string ToString() => $"{Name} should lie in [{Low}, {High}] ({Evidence})";
}

/// <summary>What a magnitude reads from a pack's summary: a scenario's mean value, or its mean paired difference from the baseline.</summary>
public sealed class PackRunsView
{
    private readonly PackRuns _runs;

    internal PackRunsView(PackRuns runs) => _runs = runs;

    public double Value(string scenario, string outcome) => _runs.Row(scenario, outcome).Value.Mean;

    public double Change(string scenario, string outcome) => _runs.Row(scenario, outcome).Comparison!.Difference.Mean;
}
