using Simulation.Engine.Scenarios.Output;
using Simulation.Engine.Scenarios.Running;
using Simulation.Engine.Scenarios.Summary;

namespace Simulation.Engine.Scenarios.Distributed;

/// <summary>
/// Joins the folders of <c>sim sweep --shard I/N</c> into the folder the whole sweep would have written, byte for byte:
/// the outputs are made by the same code (<see cref="SweepOutputs"/>) from the same committed chunks in the same order,
/// read from each shard's <c>.parts/</c> one chunk at a time, so a merge holds one chunk of every table (plus the
/// summary's 8 bytes per run and outcome, as the sweep itself does), whatever the number of runs.
/// Before reading anything it checks that the shards belong to one experiment and engine, cover every future exactly
/// once and are complete; a missing, duplicated or unfinished shard is an error naming it (with <c>allowPartial</c>, a
/// missing or unfinished one is left out and listed in <see cref="LeftOut"/>).
/// </summary>
public sealed class ShardMerge
{
    private readonly ShardFolder?[] _byIndex;

    private ShardMerge(ShardManifest first, ShardFolder?[] byIndex, List<string> leftOut)
    {
        Manifest = first;
        _byIndex = byIndex;
        LeftOut = leftOut;
    }

    /// <summary>A manifest of the shards (they agree on experiment, overrides, engine and count).</summary>
    public ShardManifest Manifest { get; }

    /// <summary>Shards left out of a partial merge, each with why.</summary>
    public List<string> LeftOut { get; }

    public bool IsPartial => LeftOut.Count > 0;

    private sealed record ShardFolder(string Path, ShardManifest Manifest);

    /// <summary>Reads and checks the shards' manifests.</summary>
    public static ShardMerge Plan(IReadOnlyList<string> folders, bool allowPartial)
    {
        if (folders.Count == 0) throw new SweepFolderException("give the shard folders to merge", "e.g. sim merge out/shard-* --output out/merged");
        var shards = folders.Select(f => new ShardFolder(f, ShardManifest.Read(f))).ToList();
        var first = shards[0];
        foreach (var other in shards.Skip(1))
        {
            var (a, b) = (first.Manifest, other.Manifest);
            if (a.Fingerprint != b.Fingerprint || a.Overrides.ToArguments() != b.Overrides.ToArguments())
                throw new SweepFolderException($"'{other.Path}' is a shard of another experiment than '{first.Path}' ({Describe(b)} against {Describe(a)})",
                    "merge the shards of one sweep: the same experiment, model, design table and --samples/--seed/--scenario");
            if (a.EngineVersion != b.EngineVersion)
                throw new SweepFolderException($"'{other.Path}' ran on sim {b.EngineVersion}, '{first.Path}' on sim {a.EngineVersion}",
                    "run every shard on one version (one container image), so that their numbers can be joined");
            if (a.Shard.Count != b.Shard.Count)
                throw new SweepFolderException($"'{other.Path}' is shard {b.Shard} and '{first.Path}' is shard {a.Shard}: they split the sweep differently",
                    "merge the shards of one split");
        }
        if (first.Manifest.EngineVersion != Provenance.CurrentEngineVersion)
            throw new SweepFolderException($"the shards ran on sim {first.Manifest.EngineVersion}; this is sim {Provenance.CurrentEngineVersion}",
                "merge with the version that ran them, so that the merged outputs are the ones a single sweep would write");
        int count = first.Manifest.Shard.Count;
        var byIndex = new ShardFolder?[count];
        foreach (var shard in shards)
        {
            int i = shard.Manifest.Shard.Index;
            if (byIndex[i] is { } twice)
                throw new SweepFolderException($"shard {shard.Manifest.Shard} is given twice: '{twice.Path}' and '{shard.Path}'", "give each shard's folder once");
            byIndex[i] = shard;
        }
        var leftOut = new List<string>();
        for (int i = 0; i < count; i++)
        {
            string? problem = byIndex[i] is not { } shard ? $"shard {i}/{count} is missing"
                : !shard.Manifest.Complete ? $"shard {i}/{count} ('{shard.Path}') has not finished" : null;
            if (problem is null) continue;
            if (!allowPartial)
                throw new SweepFolderException(problem + (byIndex[i] is null ? $" (futures not covered by the {shards.Count} shard folders given)" : ""),
                    byIndex[i] is null ? "run it (sim sweep EXPERIMENT --shard " + $"{i}/{count} --output DIR) and give its folder, or merge what there is with --allow-partial"
                        : "finish it with the same command and --resume, or merge what there is with --allow-partial");
            leftOut.Add(problem);
            byIndex[i] = null;
        }
        if (byIndex.All(s => s is null)) throw new SweepFolderException("no shard given has finished, so there is nothing to merge");
        return new ShardMerge(first.Manifest, byIndex, leftOut);
    }

    private static string Describe(ShardManifest m) => $"'{m.Experiment}' {m.Fingerprint[..12]}{(m.Overrides.IsEmpty ? "" : " " + m.Overrides.ToArguments())}";

    /// <summary>
    /// Writes the merged outputs into <paramref name="folder"/> (locked while it does) for <paramref name="experiment"/>, which must be
    /// the shards' (its fingerprint is checked). A whole merge leaves the folder as a completed sweep leaves its own.
    /// </summary>
    public SweepSummary Write(CompiledExperiment experiment, string folder, SweepStart start, bool csv, CancellationToken cancellation = default)
    {
        using var folderLock = SweepFolderLock.Acquire(folder);
        var journal = SweepJournal.Open(folder, experiment, SweepOutputs.AllNames, start);
        if (journal.Fingerprint != Manifest.Fingerprint)
            throw new SweepFolderException($"the experiment '{experiment.Document.Source.Path}' is not the one the shards ran (its experiment, model or design table has changed since)",
                "give the experiment file the shards ran with --experiment, or run the shards again");
        var owner = new int[journal.ChunkCount];
        var chunks = new List<int>();
        for (int i = 0; i < _byIndex.Length; i++)
        {
            var (first, end) = new SweepShard(i, _byIndex.Length).Chunks(journal.ChunkCount);
            if (_byIndex[i] is { } shard && (shard.Manifest.FirstChunk, shard.Manifest.EndChunk) != (first, end))
                throw new SweepFolderException($"'{shard.Path}' covers chunks {shard.Manifest.FirstChunk} to {shard.Manifest.EndChunk - 1}, not {first} to {end - 1} as shard {shard.Manifest.Shard} does",
                    "run that shard again with this sim version");
            for (int c = first; c < end; c++)
            {
                owner[c] = i;
                if (_byIndex[i] is not null) chunks.Add(c);
            }
        }
        var parts = new ShardChunks(experiment, _byIndex.Select(s => s?.Path).ToArray(), owner);
        var summary = SweepOutputs.WriteAsync(experiment, journal, parts, chunks, csv || experiment.Document.Outputs.Csv, cancellation)
            .GetAwaiter().GetResult();
        if (!IsPartial) journal.Complete(experiment);
        return summary;
    }

    /// <summary>Each chunk read from the folder of the shard that ran it (through that folder's own journal layout).</summary>
    private sealed class ShardChunks(CompiledExperiment experiment, string?[] folders, int[] owner) : ICommittedChunks
    {
        private readonly SweepJournal?[] _journals = new SweepJournal?[folders.Length];

        private SweepJournal Journal(int chunk)
        {
            int shard = owner[chunk];
            return _journals[shard] ??= SweepJournal.Attach(folders[shard]!, experiment);
        }

        public PartFile? ReadPart(int scenario, int chunk) => Journal(chunk).ReadPart(scenario, chunk);

        public string PartPath(int scenario, int chunk) => Journal(chunk).PartPath(scenario, chunk);
    }
}
