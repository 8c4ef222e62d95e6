namespace Simulation.Engine.Diagnostics;

/// <summary>
/// One problem found in a model or its inputs: a stable code, where it is, what is wrong and what to do.
/// Exceptions are for bugs; everything a user can get wrong becomes one of these.
/// </summary>
public sealed record Diagnostic(
    string Code,
    Severity Severity,
    string Message,
    SourceLocation? Location = null,
    string? Variable = null,
    EquationSource? Equation = null,
    TextSpan? Span = null,
    string? Hint = null)
{
    public bool IsError => Severity == Severity.Error;

    public override string ToString() => DiagnosticRenderer.Headline(this);
}
