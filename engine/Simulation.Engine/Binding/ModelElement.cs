using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;

namespace Simulation.Engine.Binding;

public enum ElementKind
{
    Stock,
    Flow,
    Auxiliary,
}

/// <summary>
/// One scalar quantity of the model: a scalar variable, or one element of an arrayed one
/// (<c>Pop[65-74,Q1]</c>), or a hidden element introduced by a builtin with memory.
/// Element ids are dense, so later stages use them as array indices.
/// </summary>
public sealed class ModelElement
{
    public required int Id { get; init; }

    /// <summary>The owning variable (for hidden elements, the variable whose equation introduced them).</summary>
    public required BoundVariable Variable { get; init; }

    /// <summary>Indices into each of the variable's dimensions (empty for scalars and hidden elements).</summary>
    public ImmutableArray<int> Indices { get; init; } = ImmutableArray<int>.Empty;

    /// <summary>The name in output files: <c>Pop[65-74,Q1]</c>, or a generated name for hidden elements.</summary>
    public required string DisplayName { get; init; }

    public required ElementKind Kind { get; init; }

    /// <summary>Hidden elements implement builtins (SMOOTH's stock...) and are not written to output by default.</summary>
    public bool IsHidden { get; init; }

    /// <summary>For auxiliaries and flows: the value. For stocks: the initial value. Null if binding failed.</summary>
    public BoundExpr? Equation { get; set; }

    /// <summary>The equation text it came from, for diagnostics.</summary>
    public EquationSource? Source { get; set; }

    /// <summary>For stocks: flows in and out (element ids), outflows in priority order.</summary>
    public List<int> Inflows { get; } = new();

    public List<int> Outflows { get; } = new();

    /// <summary>Stocks: kept at or above zero by limiting outflows. Flows: never negative.</summary>
    public bool NonNegative { get; init; }

    /// <summary>For auxiliaries and flows with a graph applied to the equation: the table index.</summary>
    public int? GraphTable { get; set; }

    public override string ToString() => DisplayName;
}
