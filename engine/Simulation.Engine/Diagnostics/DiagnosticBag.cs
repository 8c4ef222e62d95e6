namespace Simulation.Engine.Diagnostics;

/// <summary>
/// Collects diagnostics during one pass so that every problem is reported at once. A batch still being
/// produced on another thread (schema validation, which runs beside binding) can hold its place: it is
/// waited for and put there the first time anyone reads the bag, so readers see exactly what they would
/// have seen had it been produced in line.
/// </summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = new();
    private (int Position, Task<IReadOnlyList<Diagnostic>> Batch)? _pending;

    public IReadOnlyList<Diagnostic> Items
    {
        get
        {
            Settle();
            return _items;
        }
    }

    public bool HasErrors => Items.Any(d => d.IsError);

    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);

    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);

    /// <summary>Reserves the current position for diagnostics that <paramref name="batch"/> is producing on another thread.</summary>
    public void AddWhenDone(Task<IReadOnlyList<Diagnostic>> batch)
    {
        Settle();
        _pending = (_items.Count, batch);
    }

    public void Error(string code, string message, SourceLocation? location, string? variable = null, string? hint = null) =>
        _items.Add(new Diagnostic(code, Severity.Error, message, location, variable, Hint: hint));

    public void Warning(string code, string message, SourceLocation? location, string? variable = null, string? hint = null) =>
        _items.Add(new Diagnostic(code, Severity.Warning, message, location, variable, Hint: hint));

    /// <summary>A problem inside an equation: located at the span, with the equation drawn under it.</summary>
    public void InEquation(string code, Severity severity, string message, EquationSource equation, TextSpan span,
        string? variable, string? hint = null) =>
        _items.Add(new Diagnostic(code, severity, message, equation.LocationOf(span.Start), variable, equation, span, hint));

    public IReadOnlyList<Diagnostic> ToList() => Items.ToList();

    /// <summary>Waits for the pending batch, if any, and puts it in its place (rethrowing what it threw).</summary>
    private void Settle()
    {
        if (_pending is not var (position, batch)) return;
        _pending = null;
        _items.InsertRange(position, batch.GetAwaiter().GetResult());
    }
}
