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

    /// <summary>
    /// Reads an input file (a model, an experiment, a design table, data) as text; a file that cannot be read, or is larger than <see cref="Model.ModelLimits.MaxFileBytes"/>
    /// (<c>/dev/zero</c> never ends), is reported with <paramref name="code"/> and gives null. Bytes that are not UTF-8
    /// are read as U+FFFD and the first is reported (a warning): where, so that it can be mended.
    /// </summary>
    public static SourceFile? Load(string path, DiagnosticBag diagnostics, string code)
    {
        byte[] bytes;
        try
        {
            bytes = ReadBounded(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(code, $"cannot read the file: {e.Message}", new SourceLocation(path, 1, 1));
            return null;
        }
        if (bytes.Length > Model.ModelLimits.MaxFileBytes)
        {
            diagnostics.Error(DiagnosticCodes.FileTooLarge, $"the file is larger than {Model.ModelLimits.MaxFileBytes >> 20} MiB, more than any input sim reads",
                new SourceLocation(path, 1, 1), hint: "check that this is the file you meant");
            return null;
        }
        var (text, invalidAt) = Decode(bytes);
        var file = new SourceFile(path, text);
        if (invalidAt is int offset)
            diagnostics.Warning(DiagnosticCodes.InvalidUtf8, "the file is not valid UTF-8 here: the bytes that are not were read as U+FFFD",
                file.LocationOf(offset), hint: "save the file as UTF-8");
        return file;
    }

    /// <summary>At most one byte more than the limit, so that an endless or huge file is never read whole.</summary>
    private static byte[] ReadBounded(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int n;
        while (buffer.Length <= Model.ModelLimits.MaxFileBytes && (n = stream.Read(chunk, 0, chunk.Length)) > 0) buffer.Write(chunk, 0, n);
        return buffer.ToArray();
    }

    /// <summary>The text (a UTF-8 or UTF-16 byte-order mark honoured, as File.ReadAllText does) and the character offset of the first invalid UTF-8 byte, if any.</summary>
    private static (string Text, int? InvalidAt) Decode(byte[] bytes)
    {
        if (bytes.Length >= 2 && (bytes[0] == 0xFF && bytes[1] == 0xFE || bytes[0] == 0xFE && bytes[1] == 0xFF))
        {
            using var reader = new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true);
            return (reader.ReadToEnd(), null);
        }
        int start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        var body = bytes.AsSpan(start);
        string text = System.Text.Encoding.UTF8.GetString(body);
        if (System.Text.Unicode.Utf8.IsValid(body)) return (text, null);
        return (text, System.Text.Encoding.UTF8.GetCharCount(body[..ValidPrefix(body)]));
    }

    /// <summary>The length in bytes of the longest prefix of <paramref name="body"/> that is valid UTF-8.</summary>
    private static int ValidPrefix(ReadOnlySpan<byte> body)
    {
        var chars = new char[1 << 16];
        int at = 0;
        while (true)
        {
            var status = System.Text.Unicode.Utf8.ToUtf16(body[at..], chars, out int read, out _, replaceInvalidSequences: false);
            at += read;
            if (status != System.Buffers.OperationStatus.DestinationTooSmall) return at;
        }
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
