namespace Simulation.Tests.Models.Nhs;

/// <summary>Which way a scenario should move an outcome against the baseline.</summary>
public enum Direction
{
    Down,
    Up,

    /// <summary>Exactly as the baseline (a change that has not happened yet).</summary>
    Unchanged,
}

/// <summary>
/// One claim of a scenario pack: in <see cref="Scenario"/>, <see cref="Outcome"/> moves <see cref="Direction"/> from the
/// baseline, for the reason <see cref="Evidence"/> gives (the evidence tables of the models' designs and the reference).
/// </summary>
public sealed record PackExpectation(string Pack, string Scenario, string Outcome, Direction Direction, string Evidence)
{
    public TestCaseData Case() => new TestCaseData(this).SetName($"{Pack}: {Scenario}: {Outcome} {Direction.ToString().ToLowerInvariant()}");

    public override string ToString() => $"{Scenario}: {Outcome} should go {Direction.ToString().ToLowerInvariant()} ({Evidence})";
}
