using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Ops;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Binding;

/// <summary>
/// The model with every name resolved: variables, their scalar elements (including hidden ones from
/// builtins with memory), graphical function tables, and the time settings. The checker and the
/// plan compiler read this; nothing here refers back to text except for diagnostics.
/// </summary>
public sealed class BoundModel
{
    public required ModelDocument Document { get; init; }
    public required TimeSettings Time { get; init; }
    public required ImmutableArray<Dimension> Dimensions { get; init; }
    public required ImmutableArray<BoundVariable> Variables { get; init; }
    public required ImmutableArray<ModelElement> Elements { get; init; }
    public required ImmutableArray<LookupTable> Tables { get; init; }

    /// <summary>The equations the binder parsed (by their source; null where one does not parse): later passes read these.</summary>
    public IReadOnlyDictionary<EquationSource, Expr?> ParsedEquations { get; init; } = new Dictionary<EquationSource, Expr?>();

    /// <summary>The variable of this name (in any spelling <see cref="Syntax.Identifier.Canonical"/> makes one), or null.</summary>
    public BoundVariable? FindVariable(string name)
    {
        var byName = _byName;
        if (byName is null)
        {
            byName = new Dictionary<string, BoundVariable>(Variables.Length);
            foreach (var v in Variables) byName.TryAdd(v.Canonical, v); // the first of a name, as a scan in order finds it
            _byName = byName;
        }
        return byName.GetValueOrDefault(Syntax.Identifier.Canonical(name));
    }

    private Dictionary<string, BoundVariable>? _byName;
}
