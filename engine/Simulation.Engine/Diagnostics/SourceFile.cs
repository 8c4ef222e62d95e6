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

    /// <summary>Reads a model file as text; a file that cannot be read is reported with <paramref name="code"/> and gives null.</summary>
    public static SourceFile? Load(string path, DiagnosticBag diagnostics, string code)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(code, $"cannot read the model file: {e.Message}", new SourceLocation(path, 1, 1));
            return null;
        }
        return new SourceFile(path, text);
    }

    /// <summary>Whether the text holds NUL bytes, which no text model file does; reported when it does.</summary>
    public bool IsBinary(DiagnosticBag diagnostics, string code, string expected)
    {
        int nul = Text.IndexOf('\0');
        if (nul < 0) return false;
        diagnostics.Error(code, "this is not a text file (it contains NUL bytes)", LocationOf(nul), hint: expected);
        return true;
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
