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
    private (int Position, IReadOnlyList<Diagnostic> Items)? _ifNoErrors;

    public IReadOnlyList<Diagnostic> Items
    {
        get
        {
            Settle();
            return _items;
        }
    }

    public bool HasErrors => Items.Any(d => d.IsError);

    /// <summary>Errors among the diagnostics produced so far, without waiting for a batch still being produced.</summary>
    public bool HasErrorsSoFar => _items.Any(d => d.IsError);

    /// <summary>
    /// Adds diagnostics that hold only when nothing before them is an error (warnings about a model that otherwise
    /// checks). With a batch still being produced, they wait for it: they take their place only if it brings no error.
    /// </summary>
    public void AddIfNoErrors(IReadOnlyList<Diagnostic> diagnostics)
    {
        if (_pending is null)
        {
            if (!HasErrorsSoFar) _items.AddRange(diagnostics);
            return;
        }
        if (_ifNoErrors is not null) throw new InvalidOperationException("one set of conditional diagnostics at a time");
        _ifNoErrors = (_items.Count, diagnostics);
    }

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

    /// <summary>
    /// Waits for the pending batch, if any, and puts it in its place (rethrowing what it threw); then the diagnostics
    /// added on condition, if nothing before them is an error.
    /// </summary>
    private void Settle()
    {
        if (_pending is not var (position, batch)) return;
        _pending = null;
        var produced = batch.GetAwaiter().GetResult();
        _items.InsertRange(position, produced);
        if (_ifNoErrors is not var (at, conditional)) return;
        _ifNoErrors = null;
        at += produced.Count;
        if (!_items.Take(at).Any(d => d.IsError)) _items.InsertRange(at, conditional);
    }
}
