using System.Security.Cryptography;
using NUnit.Framework;
using Simulation.Engine.Scenarios.Running;

namespace Simulation.Tests.Scenarios;

/// <summary>
/// A committed chunk's file (PartFile) keeps its "SIMPART2" layout exactly, whatever the code that writes and reads it:
/// a resumed sweep and sim merge read parts an earlier process wrote. The expected bytes are built here independently,
/// field by field with a BinaryWriter, as the layout is documented.
/// </summary>
public sealed class PartFileTests
{
    private ExperimentFiles _files = null!;
    private string _folder = "";

    /// <summary>A folder of parts alone (the scratch folder also holds a model).</summary>
    [SetUp]
    public void SetUp() => Directory.CreateDirectory(_folder = (_files = new ExperimentFiles()).PathOf(SweepJournal.PartsFolder));

    [TearDown]
    public void TearDown() => _files.Dispose();

    private static readonly double[] Awkward = [0.1, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, 1e308, -123.456];

    private static PartFile Sample(int first, int count, int width)
    {
        var part = new PartFile(first, count, width);
        for (int i = 0; i < count * width; i++) part.Values[i] = Awkward[i % Awkward.Length] * (i + 1);
        part.Problems[count / 2] = new FutureProblem(7.25, 3);
        return part;
    }

    private static byte[] ExpectedBytes(PartFile part)
    {
        var content = new MemoryStream();
        using (var writer = new BinaryWriter(content, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(0x3254524150_4D4953L);
            writer.Write(part.First);
            writer.Write(part.Count);
            writer.Write(part.ValuesPerRun);
            foreach (double v in part.Values) writer.Write(v);
            foreach (var p in part.Problems)
            {
                writer.Write(p?.Time ?? double.NaN);
                writer.Write(p?.Element ?? -1);
            }
        }
        return [.. content.ToArray(), .. SHA256.HashData(content.ToArray())];
    }

    [TestCase(0, 1, 1)]
    [TestCase(32, 16, 37)]
    [TestCase(1000, 3, 2125)]
    public void Write_GivesTheDocumentedLayout_AndReadGivesEveryBitBack(int first, int count, int width)
    {
        using var part = Sample(first, count, width);
        string path = Path.Combine(_folder, "s000-c000000.part");
        part.Write(path);
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(ExpectedBytes(part)));
        Assert.That(Directory.GetFiles(_folder), Has.Length.EqualTo(1), "no temporary file is left");

        using var read = PartFile.Read(path, first, count, width);
        Assert.That(read, Is.Not.Null);
        Assert.That(read!.Values.ToArray().Select(BitConverter.DoubleToInt64Bits), Is.EqualTo(part.Values.ToArray().Select(BitConverter.DoubleToInt64Bits)));
        Assert.That(read.Problems, Is.EqualTo(part.Problems));
        Assert.That(read.Row(count - 1).ToArray(), Is.EqualTo(part.Values[((count - 1) * width)..].ToArray()));
    }

    [Test]
    public void PartsOfEveryKindOfDamage_AreNotRead_AndSayWhy()
    {
        using var part = Sample(16, 4, 5);
        string path = Path.Combine(_folder, "p.part");
        part.Write(path);
        Assert.That(PartFile.Problem(path, 16, 4, 5), Is.Null);
        Assert.That(PartFile.Problem(path, 20, 4, 5), Does.Contain("another chunk"));
        Assert.That(PartFile.Problem(path, 16, 4, 6), Does.Contain("bytes where"));
        Assert.That(PartFile.Problem(Path.Combine(_folder, "none.part"), 16, 4, 5), Is.EqualTo("is missing"));
        Assert.That(PartFile.Problem(Path.Combine(_folder, "no-folder", "none.part"), 16, 4, 5), Is.EqualTo("is missing"));
        var bytes = File.ReadAllBytes(path);
        bytes[40] ^= 1;
        File.WriteAllBytes(path, bytes);
        Assert.That(PartFile.Problem(path, 16, 4, 5), Does.Contain("checksum"));
        Assert.That(PartFile.Read(path, 16, 4, 5), Is.Null);
    }

    [Test]
    public void PooledValues_AreOnlyThePartsOwn_AndGoneOnceDisposed()
    {
        var first = Sample(0, 2, 3);
        Assert.That(first.Values.Length, Is.EqualTo(6), "a pooled array may be longer; the part shows its own values only");
        first.Dispose();
        Assert.That(() => first.Values.Length, Throws.InstanceOf<ObjectDisposedException>());
        first.Dispose(); // twice is harmless

        using var second = new PartFile(0, 2, 3);
        Assert.That(second.Values.ToArray(), Is.All.EqualTo(0.0), "a new part is zeros, even in an array the pool gave before");
    }
}
