namespace Simulation.Engine.Diagnostics;

/// <summary>
/// A place in a file: 1-based line and column, as editors and compilers count them. Line 0 is a place outside any
/// file, such as a command-line option (<see cref="Option"/>): it prints as its name alone.
/// </summary>
public readonly record struct SourceLocation(string Path, int Line, int Column)
{
    /// <summary>A value given on the command line (<c>--dt</c>): problems with it are blamed on the option, not the model.</summary>
    public static SourceLocation Option(string name) => new(name, 0, 0);

    public override string ToString() => Line == 0 ? Path : $"{Path}({Line},{Column})";
}
