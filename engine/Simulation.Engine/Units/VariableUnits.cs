using Simulation.Engine.Binding;
using Simulation.Engine.Model;

namespace Simulation.Engine.Units;

/// <summary>A variable's units as declared (when they could be read) and as the checker works with them.</summary>
public sealed class VariableUnits
{
    public required BoundVariable Variable { get; init; }

    public VariableDefinition Definition => Variable.Definition!;

    public string Name => Variable.Name;

    /// <summary>The <c>units</c> text read; empty when the variable declares none.</summary>
    public required ParsedUnits Declared { get; init; }

    /// <summary>Its units: the declared unit, or an unknown the solver determines from the equations.</summary>
    public required UnitForm Form { get; init; }

    /// <summary>For a graphical function (or a variable with a graph): the units of its input, the graph's x.</summary>
    public UnitForm? InputForm { get; init; }

    /// <summary>What its equation gives (for a stock: what its flows accumulate), filled in by the checker.</summary>
    public UnitTerm EquationUnits { get; internal set; } = UnitTerm.Unknown;

    public bool HasGraph => Definition.Graph is not null || Definition.Elements.Any(e => e.Graph is not null);
}
