namespace Simulation.Engine.Diagnostics;

/// <summary>A place in a file: 1-based line and column, as editors and compilers count them.</summary>
public readonly record struct SourceLocation(string Path, int Line, int Column)
{
    public override string ToString() => $"{Path}({Line},{Column})";
}
