using Simulation.Engine.Diagnostics;

namespace Simulation.Engine.Scenarios.Format;

/// <summary>What an intervention does to its input from its start time on.</summary>
public enum InterventionAction
{
    /// <summary>The input becomes <see cref="InterventionDefinition.Value"/>.</summary>
    Set,

    /// <summary>The input becomes its previous value times <see cref="InterventionDefinition.Value"/>.</summary>
    Multiply,

    /// <summary>The input becomes 0: a service stops.</summary>
    Stop,
}

/// <summary>
/// A dated change to an input: from <see cref="Start"/> on (a step), or moving linearly from the value
/// before to the new value between <see cref="Start"/> and <see cref="End"/> (a ramp).
/// </summary>
public sealed record InterventionDefinition
{
    public required InputReference Target { get; init; }
    public required InterventionAction Action { get; init; }

    /// <summary>The new value (Set) or factor (Multiply); 0 for Stop.</summary>
    public double Value { get; init; }

    public required double Start { get; init; }

    /// <summary>Set for a ramp: the time the new value is reached.</summary>
    public double? End { get; init; }

    public SourceLocation? Location { get; init; }
    public SourceLocation? StartLocation { get; init; }
    public SourceLocation? EndLocation { get; init; }

    public bool IsRamp => End is not null;
}
