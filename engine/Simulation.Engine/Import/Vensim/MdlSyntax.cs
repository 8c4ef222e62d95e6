using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Import.Vensim;

// A Vensim expression is the engine's Expr (spans are positions in the record's equation text): numbers, unary and
// binary operations are NumberExpr, UnaryExpr and BinaryExpr; the nodes below are what only Vensim writes.

/// <summary><c>:NA:</c>, Vensim's missing value.</summary>
internal sealed record MdlNa(TextSpan Span) : Expr(Span);

/// <summary>A single-quoted string ('data.xlsx'); only GET functions take them.</summary>
internal sealed record MdlString(string Value, TextSpan Span) : Expr(Span);

/// <summary>One subscript position: an element, a dimension or a subrange; <c>Dim!</c> marks a dimension an array function reduces.</summary>
internal sealed record MdlSubscript(string Name, bool Bang, TextSpan Span);

/// <summary>A name (a variable, a dimension used as a value, Time), with subscripts when written with brackets.</summary>
internal sealed record MdlReference(string Name, ImmutableArray<MdlSubscript> Subscripts, TextSpan NameSpan, TextSpan Span) : Expr(Span);

/// <summary>A call of a builtin, a macro or a lookup (<c>tbl(x)</c>, <c>tbl[a](x)</c>).</summary>
internal sealed record MdlCall(string Name, ImmutableArray<MdlSubscript> Subscripts, ImmutableArray<Expr> Arguments, TextSpan NameSpan, TextSpan Span)
    : Expr(Span);

/// <summary>A parenthesised expression, kept so that a rewritten equation can show the author's grouping.</summary>
internal sealed record MdlParenthesized(Expr Inner, TextSpan Span) : Expr(Span);

/// <summary>Lookup points written in place (WITH LOOKUP's table, a lookup definition's body).</summary>
internal sealed record MdlLookupLiteral(ImmutableArray<double> X, ImmutableArray<double> Y, TextSpan Span) : Expr(Span);

/// <summary>How a record defines its left-hand side.</summary>
internal enum MdlEquationKind
{
    /// <summary><c>x = expression</c> (also a list of numbers).</summary>
    Normal,

    /// <summary><c>x == expression</c>: a constant that a run may not change.</summary>
    Unchangeable,

    /// <summary><c>x := expression</c>: a data equation.</summary>
    Data,

    /// <summary><c>x</c> with no body: data supplied at run time from a .vdf file.</summary>
    DataWithoutBody,

    /// <summary><c>x( points )</c> or <c>x( GET ... LOOKUPS(...) )</c>: a lookup.</summary>
    Lookup,
}

/// <summary><c>name[subscripts] :EXCEPT: [a, b], [c, d]</c>, the variable (or elements of it) that a record defines.</summary>
internal sealed record MdlLeftSide(string Name, TextSpan NameSpan, ImmutableArray<MdlSubscript> Subscripts,
    ImmutableArray<ImmutableArray<MdlSubscript>> Except);

internal abstract record MdlDefinition(MdlRecord Record);

/// <summary>A variable's equation (or the equation of some of its elements).</summary>
internal sealed record MdlEquation(MdlRecord Record, MdlLeftSide Left, MdlEquationKind Kind, Expr? Right) : MdlDefinition(Record)
{
    /// <summary>A list of numbers instead of an expression: rows separated by ';', values by ',' (each with its span).</summary>
    public ImmutableArray<ImmutableArray<NumberExpr>>? Numbers { get; init; }

    /// <summary>The interpolation keyword of a data variable (<c>:HOLD BACKWARD:</c>...), upper case; null for the default.</summary>
    public string? DataMode { get; init; }
}

/// <summary><c>Dim: a, b, (c1-c3) -&gt; Target</c>: a subscript range, its elements and mappings.</summary>
internal sealed record MdlRangeDefinition(MdlRecord Record, string Name, ImmutableArray<string> Elements, ImmutableArray<MdlMapping> Mappings)
    : MdlDefinition(Record)
{
    /// <summary>Set when the elements come from a file (<c>GET XLS SUBSCRIPT(...)</c>).</summary>
    public MdlCall? FromFile { get; init; }
}

/// <summary>A mapping target: positional (<c>-&gt; Target</c>) or explicit (<c>-&gt; (Target: x, y, z)</c>).</summary>
internal sealed record MdlMapping(string Target, ImmutableArray<string>? Elements);

/// <summary><c>New &lt;-&gt; Old</c>: another name for a subscript range.</summary>
internal sealed record MdlEquivalence(MdlRecord Record, string Name, string Other) : MdlDefinition(Record);

/// <summary>A reality check (<c>:THE CONDITION:</c>, <c>:TEST INPUT:</c>), which does not affect a run.</summary>
internal sealed record MdlRealityCheck(MdlRecord Record, string Name) : MdlDefinition(Record);

/// <summary><c>:MACRO: NAME(input, ... : output, ...)</c>.</summary>
internal sealed record MdlMacroHeader(MdlRecord Record, string Name, ImmutableArray<string> Inputs, ImmutableArray<string> Outputs) : MdlDefinition(Record);
