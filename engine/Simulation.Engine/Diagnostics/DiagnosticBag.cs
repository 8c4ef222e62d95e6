namespace Simulation.Engine.Diagnostics;

/// <summary>Collects diagnostics during one pass so that every problem is reported at once.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = new();

    public IReadOnlyList<Diagnostic> Items => _items;

    public bool HasErrors => _items.Any(d => d.IsError);

    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);

    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);

    public void Error(string code, string message, SourceLocation? location, string? variable = null, string? hint = null) =>
        _items.Add(new Diagnostic(code, Severity.Error, message, location, variable, Hint: hint));

    public void Warning(string code, string message, SourceLocation? location, string? variable = null, string? hint = null) =>
        _items.Add(new Diagnostic(code, Severity.Warning, message, location, variable, Hint: hint));

    /// <summary>A problem inside an equation: located at the span, with the equation drawn under it.</summary>
    public void InEquation(string code, Severity severity, string message, EquationSource equation, TextSpan span,
        string? variable, string? hint = null) =>
        _items.Add(new Diagnostic(code, severity, message, equation.LocationOf(span.Start), variable, equation, span, hint));

    public IReadOnlyList<Diagnostic> ToList() => _items.ToList();
}
