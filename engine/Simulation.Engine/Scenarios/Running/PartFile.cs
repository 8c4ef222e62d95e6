using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Simulation.Engine.Scenarios.Running;

/// <summary>
/// One committed chunk of work: the recorded values of consecutive futures of one scenario, in a small
/// binary file (header, then futures x values doubles, then each future's problem, then a SHA-256 of all that). It is
/// written to a temporary name, flushed to disk and renamed into place, so a part file either exists whole or not at
/// all, whenever the process is killed; the checksum finds a part damaged afterwards, which a resume runs again.
/// A part's values (a few hundred kilobytes) and the file's bytes live in pooled arrays: a sweep makes and reads
/// thousands of parts, and fresh arrays of that size would each go to the large-object heap, whose budget only a full
/// collection refills. Dispose a part when done with it.
/// </summary>
public sealed class PartFile : IDisposable
{
    private const long Magic = 0x3254524150_4D4953; // "SIMPART2" little-endian (2: a SHA-256 of the rest follows)
    private const int HeaderLength = 8 + 3 * 4, ProblemLength = 8 + 4, HashLength = 32;

    private double[]? _values;

    /// <summary>A part of zeros, to be filled.</summary>
    public PartFile(int first, int count, int valuesPerRun) : this(first, count, valuesPerRun, clear: true)
    {
    }

    private PartFile(int first, int count, int valuesPerRun, bool clear)
    {
        First = first;
        Count = count;
        ValuesPerRun = valuesPerRun;
        _values = ArrayPool<double>.Shared.Rent(count * valuesPerRun);
        Problems = new FutureProblem?[count];
        if (clear) Values.Clear();
    }

    public int First { get; }
    public int Count { get; }
    public int ValuesPerRun { get; }

    /// <summary>Future First + i's values at <c>i * ValuesPerRun</c>.</summary>
    public Span<double> Values => (_values ?? throw new ObjectDisposedException(nameof(PartFile))).AsSpan(0, Count * ValuesPerRun);

    public FutureProblem?[] Problems { get; }

    public ReadOnlySpan<double> Row(int i) => Values.Slice(i * ValuesPerRun, ValuesPerRun);

    /// <summary>Gives the values' array back to the pool; the part is not to be used after.</summary>
    public void Dispose()
    {
        if (_values is { } values) ArrayPool<double>.Shared.Return(values);
        _values = null;
    }

    public void Write(string path)
    {
        int length = checked((int)Length(Count, ValuesPerRun));
        byte[] buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var content = buffer.AsSpan(0, length - HashLength);
            BinaryPrimitives.WriteInt64LittleEndian(content, Magic);
            BinaryPrimitives.WriteInt32LittleEndian(content[8..], First);
            BinaryPrimitives.WriteInt32LittleEndian(content[12..], Count);
            BinaryPrimitives.WriteInt32LittleEndian(content[16..], ValuesPerRun);
            var values = content.Slice(HeaderLength, Values.Length * 8);
            MemoryMarshal.AsBytes(Values).CopyTo(values);
            if (!BitConverter.IsLittleEndian) Reverse(values);
            var problems = content[(HeaderLength + values.Length)..];
            for (int i = 0; i < Count; i++)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(problems[(i * ProblemLength)..], Problems[i]?.Time ?? double.NaN);
                BinaryPrimitives.WriteInt32LittleEndian(problems[(i * ProblemLength + 8)..], Problems[i]?.Element ?? -1);
            }
            SHA256.HashData(content, buffer.AsSpan(length - HashLength, HashLength));
            WriteDurably(path, buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void WriteDurably(string path, ReadOnlySpan<byte> bytes)
    {
        string temp = path + ".tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp); // a full disk must not leave a torn temporary behind
        }
    }

    private static long Length(int count, int valuesPerRun) => HeaderLength + (long)count * valuesPerRun * 8 + count * (long)ProblemLength + HashLength;

    /// <summary>True when a whole part of the expected shape is at <paramref name="path"/> (length, header and checksum agree).</summary>
    public static bool IsValid(string path, int first, int count, int valuesPerRun) => File.Exists(path) && Problem(path, first, count, valuesPerRun) is null;

    /// <summary>What is wrong with the part at <paramref name="path"/>, or null when it is whole and of the expected shape.</summary>
    public static string? Problem(string path, int first, int count, int valuesPerRun)
    {
        var (part, problem) = Load(path, first, count, valuesPerRun);
        part?.Dispose();
        return problem;
    }

    /// <summary>The part at <paramref name="path"/>, or null when it is missing, torn, damaged or not the expected shape.</summary>
    public static PartFile? Read(string path, int first, int count, int valuesPerRun) => Load(path, first, count, valuesPerRun).Part;

    private static (PartFile? Part, string? Problem) Load(string path, int first, int count, int valuesPerRun)
    {
        long expected = Length(count, valuesPerRun);
        byte[]? buffer = null;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
            if (stream.Length != expected) return (null, $"has {stream.Length:N0} bytes where {expected:N0} were expected");
            buffer = ArrayPool<byte>.Shared.Rent(checked((int)expected));
            stream.ReadExactly(buffer, 0, (int)expected);
            return Parse(buffer.AsSpan(0, (int)expected), first, count, valuesPerRun);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return (null, "is missing");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, "cannot be read: " + e.Message);
        }
        finally
        {
            if (buffer is not null) ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static (PartFile? Part, string? Problem) Parse(ReadOnlySpan<byte> bytes, int first, int count, int valuesPerRun)
    {
        var content = bytes[..^HashLength];
        Span<byte> hash = stackalloc byte[HashLength];
        SHA256.HashData(content, hash);
        if (!hash.SequenceEqual(bytes[^HashLength..])) return (null, "does not match its checksum");
        if (BinaryPrimitives.ReadInt64LittleEndian(content) != Magic || BinaryPrimitives.ReadInt32LittleEndian(content[8..]) != first
            || BinaryPrimitives.ReadInt32LittleEndian(content[12..]) != count || BinaryPrimitives.ReadInt32LittleEndian(content[16..]) != valuesPerRun)
            return (null, "belongs to another chunk or format");
        var part = new PartFile(first, count, valuesPerRun, clear: false); // every value is read below
        var values = MemoryMarshal.AsBytes(part.Values);
        content.Slice(HeaderLength, values.Length).CopyTo(values);
        if (!BitConverter.IsLittleEndian) Reverse(values);
        var problems = content[(HeaderLength + values.Length)..];
        for (int i = 0; i < count; i++)
        {
            double time = BinaryPrimitives.ReadDoubleLittleEndian(problems[(i * ProblemLength)..]);
            int element = BinaryPrimitives.ReadInt32LittleEndian(problems[(i * ProblemLength + 8)..]);
            part.Problems[i] = double.IsNaN(time) ? null : new FutureProblem(time, element);
        }
        return (part, null);
    }

    /// <summary>Doubles as the file stores them (little-endian) from or to this machine's order.</summary>
    private static void Reverse(Span<byte> doubles)
    {
        var words = MemoryMarshal.Cast<byte, long>(doubles);
        BinaryPrimitives.ReverseEndianness(words, words);
    }
}
