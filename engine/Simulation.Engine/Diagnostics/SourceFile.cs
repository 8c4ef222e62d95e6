namespace Simulation.Engine.Diagnostics;

/// <summary>
/// The text of one input file, as read, with the offsets where its lines start, so that any
/// character offset can be turned into the line and column a user sees in an editor.
/// </summary>
public sealed class SourceFile
{
    private readonly int[] _lineStarts;

    public SourceFile(string path, string text)
    {
        Path = path;
        Text = text;
        var starts = new List<int> { 0 };
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\n') starts.Add(i + 1);
            else if (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')) starts.Add(i + 1);
        }
        _lineStarts = starts.ToArray();
    }

    /// <summary>The path as the user gave it, used in every diagnostic.</summary>
    public string Path { get; }

    public string Text { get; }

    /// <summary>The location of a character offset: 1-based line and column.</summary>
    public SourceLocation LocationOf(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        int line = Array.BinarySearch(_lineStarts, offset);
        if (line < 0) line = ~line - 1;
        return new SourceLocation(Path, line + 1, offset - _lineStarts[line] + 1);
    }
}
