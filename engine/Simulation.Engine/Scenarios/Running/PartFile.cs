namespace Simulation.Engine.Scenarios.Running;

/// <summary>
/// One committed chunk of work: the recorded values of consecutive futures of one scenario, in a small
/// binary file (header, then futures x values doubles, then each future's problem). It is written to a
/// temporary name, flushed to disk and renamed into place, so a part file either exists whole or not at all,
/// whenever the process is killed.
/// </summary>
public sealed class PartFile
{
    private const long Magic = 0x3154524150_4D4953; // "SIMPART1" little-endian

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
        string temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
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
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    private static long Length(int count, int valuesPerRun) => 8 + 3 * 4 + (long)count * valuesPerRun * 8 + count * 12L;

    /// <summary>True when a part of the expected shape is at <paramref name="path"/> (its length and header agree).</summary>
    public static bool IsValid(string path, int first, int count, int valuesPerRun)
    {
        try
        {
            if (!File.Exists(path)) return false;
            using var stream = File.OpenRead(path);
            if (stream.Length != Length(count, valuesPerRun)) return false;
            using var reader = new BinaryReader(stream);
            return reader.ReadInt64() == Magic && reader.ReadInt32() == first && reader.ReadInt32() == count && reader.ReadInt32() == valuesPerRun;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The part at <paramref name="path"/>, or null when it is missing, torn or not the expected shape.</summary>
    public static PartFile? Read(string path, int first, int count, int valuesPerRun)
    {
        try
        {
            if (!IsValid(path, first, count, valuesPerRun)) return null;
            using var stream = new BufferedStream(File.OpenRead(path), 1 << 16);
            using var reader = new BinaryReader(stream);
            stream.Seek(20, SeekOrigin.Begin);
            var part = new PartFile(first, count, valuesPerRun);
            for (int i = 0; i < part.Values.Length; i++) part.Values[i] = reader.ReadDouble();
            for (int i = 0; i < count; i++)
            {
                double time = reader.ReadDouble();
                int element = reader.ReadInt32();
                part.Problems[i] = double.IsNaN(time) ? null : new FutureProblem(time, element);
            }
            return part;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
