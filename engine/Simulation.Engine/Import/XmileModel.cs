using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;

namespace Simulation.Engine.Import;

/// <summary>
/// One &lt;model&gt; of an XMILE file as read, before macros are expanded and modules flattened:
/// its variables (names local to the model) and the modules that place submodels in it.
/// The root model has no name.
/// </summary>
internal sealed record XmileModel(string? Name, ImmutableArray<VariableDefinition> Variables, ImmutableArray<XmileModule> Modules, SourceLocation Location)
{
    public bool IsRoot => Name is null;
}

/// <summary>
/// A &lt;module&gt;: an instance of the model of the same name, with &lt;connect&gt;s that feed its inputs
/// from outputs elsewhere (or the other way round).
/// </summary>
internal sealed record XmileModule(string Name, ImmutableArray<XmileConnection> Connections, SourceLocation Location);

/// <summary>
/// <c>&lt;connect to="input" from=".output"/&gt;</c>. A name starting with '.' is in the model that
/// contains the module; otherwise <see cref="To"/> is inside the module and <see cref="From"/> is
/// relative to the containing model (for example "other_module.output").
/// </summary>
internal sealed record XmileConnection(string To, string From, int Offset, SourceLocation Location);

/// <summary>A &lt;macro&gt; (XMILE 4.8): parameters (each maybe with a default), the result equation, and optional variables.</summary>
internal sealed record XmileMacro(string Name, ImmutableArray<XmileMacroParameter> Parameters, EquationSource? Body,
    ImmutableArray<VariableDefinition> Variables, SourceLocation Location)
{
    /// <summary>How many arguments a call must give at least (parameters before the first default).</summary>
    public int RequiredArguments => Parameters.TakeWhile(p => p.Default is null).Count();
}

internal sealed record XmileMacroParameter(string Name, EquationSource? Default);

/// <summary>
/// The non-negative defaults of a &lt;behavior&gt; block: for all entities, or only for stocks or flows.
/// An entity's own setting wins over its model's behavior, which wins over the file's (XMILE 2.6).
/// </summary>
internal sealed record XmileBehavior(bool? All, bool? Stocks, bool? Flows)
{
    public static readonly XmileBehavior None = new(null, null, null);

    public bool? NonNegative(VariableKind kind) => kind switch
    {
        VariableKind.Stock => Stocks ?? All,
        VariableKind.Flow => Flows ?? All,
        _ => null,
    };
}
