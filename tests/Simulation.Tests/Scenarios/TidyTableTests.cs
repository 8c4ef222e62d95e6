using NUnit.Framework;
using Parquet;
using Simulation.Engine.Scenarios.Output;

namespace Simulation.Tests.Scenarios;

/// <summary>
/// A sweep table's row groups: each closes at the end of the first chunk that brings it to RowGroupValues values, so
/// groups hold many chunks (a group per chunk made the runs table's metadata a third of the file), never split a
/// chunk's rows, and depend on the rows alone (a merge writes the single sweep's bytes).
/// </summary>
public sealed class TidyTableTests
{
    private ExperimentFiles _files = null!;
    private string _folder = "";

    [SetUp]
    public void SetUp() => _folder = (_files = new ExperimentFiles()).Folder;

    [TearDown]
    public void TearDown() => _files.Dispose();

    /// <summary>Writes <paramref name="rows"/> rows (run, value) in chunks of <paramref name="chunk"/> rows; returns the row count of each group.</summary>
    private async Task<long[]> Write(string name, int rows, int chunk)
    {
        var run = new LongColumn("run");
        var value = new ValueColumn("value");
        string path = Path.Combine(_folder, name + ".parquet");
        await using (var table = await TidyTable.CreateAsync(path, Path.Combine(_folder, name + ".csv"), run, value))
        {
            for (int r = 0; r < rows; r++)
            {
                run.Add(r);
                value.Add(r % 7 == 0 ? double.NaN : r * 0.5);
                if ((r + 1) % chunk == 0) await table.ChunkEndAsync();
            }
            await table.PublishAsync();
        }
        using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream);
        var counts = new long[reader.RowGroupCount];
        long expected = 0;
        for (int g = 0; g < counts.Length; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            counts[g] = group.RowCount;
            var runs = new long[group.RowCount];
            var values = new double?[group.RowCount];
            await group.ReadAsync<long>(reader.Schema.DataFields[0], runs);
            await group.ReadAsync<double>(reader.Schema.DataFields[1], values);
            for (int i = 0; i < runs.Length; i++, expected++)
            {
                Assert.That(runs[i], Is.EqualTo(expected));
                Assert.That(values[i], Is.EqualTo(expected % 7 == 0 ? null : expected * 0.5));
            }
        }
        Assert.That(expected, Is.EqualTo(rows));
        Assert.That(File.ReadLines(Path.Combine(_folder, name + ".csv")).Count(), Is.EqualTo(rows + 1), "the CSV has every row once");
        return counts;
    }

    [Test]
    public async Task RowGroups_CloseAtTheChunkThatFillsThem_AndHoldEveryRowOnce()
    {
        const int chunk = 1000, rows = 600_000; // 2 columns: a group fills at 131,072 rows, so closes at 132,000
        int perGroup = (TidyTable.RowGroupValues / 2 + chunk - 1) / chunk * chunk;
        var counts = await Write("t", rows, chunk);
        Assert.That(counts, Is.EqualTo(new long[] { perGroup, perGroup, perGroup, perGroup, rows - 4 * perGroup }));
        Assert.That(counts.All(c => c % chunk == 0), "no chunk's rows are split between groups");
    }

    [Test]
    public async Task ATableSmallerThanAGroup_IsOneGroup_WhateverItsChunks()
    {
        Assert.That(await Write("small", 5_000, 16), Is.EqualTo(new long[] { 5_000 }));
        Assert.That(File.ReadAllBytes(Path.Combine(_folder, "small.parquet")), Is.EqualTo(await WriteAgainWithOtherChunks()),
            "the same rows give the same bytes however they were chunked, while no group fills");
    }

    private async Task<byte[]> WriteAgainWithOtherChunks()
    {
        await Write("small-again", 5_000, 1_250);
        return File.ReadAllBytes(Path.Combine(_folder, "small-again.parquet"));
    }
}
