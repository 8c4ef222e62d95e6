using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;

namespace Simulation.Engine.Syntax;

/// <summary>An equation's syntax tree. Every node keeps the span of text it was parsed from.</summary>
public abstract record Expr(TextSpan Span);

public sealed record NumberExpr(double Value, TextSpan Span) : Expr(Span)
{
    /// <summary>Units written after the number, <c>365 &lt;&lt;days/year&gt;&gt;</c> (for the unit checker only); null when none.</summary>
    public string? Units { get; init; }
}

/// <summary>A name as written (<see cref="Name"/>), compared by its canonical form.</summary>
public sealed record NameExpr(string Name, TextSpan Span) : Expr(Span)
{
    /// <summary>Computed once: binding looks it up for every element of every arrayed equation.</summary>
    public string Canonical { get; } = Identifier.Canonical(Name);
}

/// <summary><c>pop[Age, Q1]</c>: a name with subscripts.</summary>
public sealed record SubscriptExpr(NameExpr Target, ImmutableArray<Subscript> Subscripts, TextSpan Span) : Expr(Span);

public sealed record UnaryExpr(UnaryOperator Operator, Expr Operand, TextSpan Span) : Expr(Span);

public sealed record BinaryExpr(BinaryOperator Operator, Expr Left, Expr Right, TextSpan Span) : Expr(Span);

public sealed record IfExpr(Expr Condition, Expr Then, Expr Else, TextSpan Span) : Expr(Span);

/// <summary>A call: a builtin (<c>MAX(a, b)</c>) or a graphical function (<c>effect(x)</c>).</summary>
public sealed record CallExpr(NameExpr Function, ImmutableArray<Expr> Arguments, TextSpan Span) : Expr(Span);

public enum UnaryOperator
{
    Negate,
    Plus,
    Not,
}

public enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Power,
    Modulo,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    And,
    Or,
}

/// <summary>
/// One position inside <c>[ ]</c>. <see cref="Text"/> is the raw text, because element names such as
/// <c>0-17</c> or <c>85+</c> are not expressions; <see cref="Expression"/> is set when the text also
/// parses as one (a dimension name, <c>Age.prev</c>, an index).
/// </summary>
public sealed record Subscript(string Text, Expr? Expression, bool IsWildcard, TextSpan Span)
{
    /// <summary>For <c>*:Subrange</c>, the subrange named after the star.</summary>
    public string? WildcardSubrange { get; init; }
}
