using System.Security.Cryptography;

namespace Simulation.Engine.Scenarios.Running;

/// <summary>
/// One committed chunk of work: the recorded values of consecutive futures of one scenario, in a small
/// binary file (header, then futures x values doubles, then each future's problem, then a SHA-256 of all that). It is
/// written to a temporary name, flushed to disk and renamed into place, so a part file either exists whole or not at
/// all, whenever the process is killed; the checksum finds a part damaged afterwards, which a resume runs again.
/// </summary>
public sealed class PartFile
{
    private const long Magic = 0x3254524150_4D4953; // "SIMPART2" little-endian (2: a SHA-256 of the rest follows)

    public PartFile(int first, int count, int valuesPerRun)
    {
        First = first;
        Count = count;
        ValuesPerRun = valuesPerRun;
        Values = new double[count * valuesPerRun];
        Problems = new FutureProblem?[count];
    }

    public int First { get; }
    public int Count { get; }
    public int ValuesPerRun { get; }

    /// <summary>Future First + i's values at <c>i * ValuesPerRun</c>.</summary>
    public double[] Values { get; }

    public FutureProblem?[] Problems { get; }

    public ReadOnlySpan<double> Row(int i) => Values.AsSpan(i * ValuesPerRun, ValuesPerRun);

    public void Write(string path)
    {
        var buffer = new MemoryStream(checked((int)Length(Count, ValuesPerRun)));
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(First);
            writer.Write(Count);
            writer.Write(ValuesPerRun);
            foreach (double v in Values) writer.Write(v);
            foreach (var p in Problems)
            {
                writer.Write(p?.Time ?? double.NaN);
                writer.Write(p?.Element ?? -1);
            }
        }
        var content = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        string temp = path + ".tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                stream.Write(content);
                stream.Write(SHA256.HashData(content));
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp); // a full disk must not leave a torn temporary behind
        }
    }

    private const int HashLength = 32;

    private static long Length(int count, int valuesPerRun) => 8 + 3 * 4 + (long)count * valuesPerRun * 8 + count * 12L + HashLength;

    /// <summary>True when a whole part of the expected shape is at <paramref name="path"/> (length, header and checksum agree).</summary>
    public static bool IsValid(string path, int first, int count, int valuesPerRun) => File.Exists(path) && Problem(path, first, count, valuesPerRun) is null;

    /// <summary>What is wrong with the part at <paramref name="path"/>, or null when it is whole and of the expected shape.</summary>
    public static string? Problem(string path, int first, int count, int valuesPerRun) => Load(path, first, count, valuesPerRun).Problem;

    /// <summary>The part at <paramref name="path"/>, or null when it is missing, torn, damaged or not the expected shape.</summary>
    public static PartFile? Read(string path, int first, int count, int valuesPerRun) => Load(path, first, count, valuesPerRun).Part;

    private static (PartFile? Part, string? Problem) Load(string path, int first, int count, int valuesPerRun)
    {
        byte[] bytes;
        try
        {
            if (!File.Exists(path)) return (null, "is missing");
            if (new FileInfo(path).Length != Length(count, valuesPerRun))
                return (null, $"has {new FileInfo(path).Length:N0} bytes where {Length(count, valuesPerRun):N0} were expected");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, "cannot be read: " + e.Message);
        }
        var content = bytes.AsSpan(0, bytes.Length - HashLength);
        if (!SHA256.HashData(content).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - HashLength)))
            return (null, "does not match its checksum");
        using var reader = new BinaryReader(new MemoryStream(bytes, 0, content.Length));
        if (reader.ReadInt64() != Magic || reader.ReadInt32() != first || reader.ReadInt32() != count || reader.ReadInt32() != valuesPerRun)
            return (null, "belongs to another chunk or format");
        var part = new PartFile(first, count, valuesPerRun);
        for (int i = 0; i < part.Values.Length; i++) part.Values[i] = reader.ReadDouble();
        for (int i = 0; i < count; i++)
        {
            double time = reader.ReadDouble();
            int element = reader.ReadInt32();
            part.Problems[i] = double.IsNaN(time) ? null : new FutureProblem(time, element);
        }
        return (part, null);
    }
}
