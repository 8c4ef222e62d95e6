using Simulation.Engine.Diagnostics;

namespace Simulation.Engine.Syntax;

/// <summary>A syntax error: its code, message, where, and a hint.</summary>
public sealed record ParseError(string Code, string Message, TextSpan Span, string? Hint);

/// <summary>What <see cref="Parser.TryParse"/> gives: the tree, or the first syntax error.</summary>
public sealed record ParseResult(Expr? Expression, ParseError? Error);
