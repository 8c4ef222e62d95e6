namespace Simulation.Engine.Diagnostics;

/// <summary>
/// An equation's text together with where each of its characters sits in the file it came from.
/// JSON strings may contain escapes (\n, \") and XML text entities, so a character's position in the
/// equation is not always its distance from the opening quote; <see cref="_offsets"/> keeps the exact
/// file offset of every character when they differ.
/// </summary>
public sealed class EquationSource
{
    private readonly int _start;
    private readonly int[]? _offsets;

    public EquationSource(string text, SourceFile? file, int start, int[]? offsets = null)
    {
        Text = text;
        File = file;
        _start = start;
        _offsets = offsets;
    }

    /// <summary>An equation with no file behind it (built by code or given on the command line).</summary>
    public static EquationSource Detached(string text, string origin = "<input>") =>
        new(text, new SourceFile(origin, text), 0);

    public string Text { get; }

    public SourceFile? File { get; }

    /// <summary>File offset of the character at <paramref name="index"/> in <see cref="Text"/>.</summary>
    public int FileOffsetOf(int index)
    {
        if (_offsets is null) return _start + index;
        if (index < 0) return _offsets.Length == 0 ? _start : _offsets[0];
        return index < _offsets.Length ? _offsets[index] : (_offsets.Length == 0 ? _start : _offsets[^1] + 1);
    }

    public SourceLocation? LocationOf(int index) => File?.LocationOf(FileOffsetOf(index));

    public override string ToString() => Text;
}
