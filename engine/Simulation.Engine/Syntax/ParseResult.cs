using Simulation.Engine.Diagnostics;

namespace Simulation.Engine.Syntax;

/// <summary>A syntax error: its code, message, where, and a hint.</summary>
public sealed record ParseError(string Code, string Message, TextSpan Span, string? Hint)
{
    /// <summary>Reports the error at its place in <paramref name="source"/> (which may be part of a larger file).</summary>
    public void ReportTo(DiagnosticBag diagnostics, EquationSource source, string? variable) =>
        diagnostics.InEquation(Code, Severity.Error, Message, source, Span, variable, Hint);
}

/// <summary>What <see cref="Parser.TryParse"/> gives: the tree, or the first syntax error.</summary>
public sealed record ParseResult(Expr? Expression, ParseError? Error);
