using System.Collections.Immutable;
using Simulation.Engine.Scenarios.Format;

namespace Simulation.Engine.Scenarios.Resolution;

/// <summary>
/// A variable (and some of its elements) an experiment names, resolved against the model: the
/// variable's name as the model writes it and the row-major positions of the named elements. Positions
/// are the same in every scenario's model, so one resolution serves them all.
/// </summary>
public sealed record ResolvedInput(InputReference Reference, string VariableName, int ElementCount, ImmutableArray<int> Positions)
{
    /// <summary>The reference as written, used as a column name in output tables.</summary>
    public string Label => Reference.Text.Trim();

    public bool CoversAll => Positions.Length == ElementCount;
}
