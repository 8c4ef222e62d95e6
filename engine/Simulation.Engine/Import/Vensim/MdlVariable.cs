using Simulation.Engine.Syntax;

namespace Simulation.Engine.Import.Vensim;

/// <summary>What a Vensim variable is, from the form of its equations.</summary>
internal enum MdlRole
{
    /// <summary>An auxiliary or constant (a flow when a level's rate names it).</summary>
    Auxiliary,

    /// <summary>A level: every equation is <c>INTEG(rate, initial)</c>.</summary>
    Stock,

    /// <summary>A lookup (graphical function), called as <c>name(x)</c>.</summary>
    Lookup,

    /// <summary>INITIAL TIME, FINAL TIME, TIME STEP: the run's clock.</summary>
    Control,
}

/// <summary>All the equations of one Vensim variable (a variable may be defined piece by piece), with its role and shape.</summary>
internal sealed class MdlVariable(string name, MdlEquation first)
{
    public string Name { get; } = MdlModelContext.Display(name);
    public string Canonical { get; } = Identifier.Canonical(name);
    public List<MdlEquation> Equations { get; } = [first];
    public MdlRole Role { get; set; }
    public MdlShape? Shape { get; set; }

    /// <summary>Set when a level names this variable as one of its flows.</summary>
    public bool IsFlow { get; set; }

    public static bool IsNumber(Expr? e) => e switch
    {
        NumberExpr => true,
        UnaryExpr { Operator: UnaryOperator.Negate or UnaryOperator.Plus } u => IsNumber(u.Operand),
        MdlParenthesized p => IsNumber(p.Inner),
        _ => false,
    };

    public static bool IsCall(Expr? e, string function) =>
        e is MdlCall c && Identifier.Canonical(c.Name) == Identifier.Canonical(function);

    public override string ToString() => Name;
}
