namespace Simulation.Engine.Results;

/// <summary>An output column: its name as written in result files, and the plan slot it reads.</summary>
public sealed record OutputColumn(string Name, int Slot, int Element);
