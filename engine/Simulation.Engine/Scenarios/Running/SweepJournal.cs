using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Simulation.Engine.Scenarios.Running;

/// <summary>How a sweep treats an output folder that already holds files of a sweep.</summary>
public enum SweepStart
{
    /// <summary>Refuse when any sweep file exists: nothing is overwritten.</summary>
    Fresh,

    /// <summary>Continue the sweep recorded there (it must be the same experiment), keeping its committed chunks.</summary>
    Resume,

    /// <summary>Delete the sweep files there (only those) and start again.</summary>
    Force,
}

/// <summary>A sweep cannot start in the output folder as asked (exists, belongs to another experiment...).</summary>
public sealed class SweepFolderException(string message, string? hint = null) : Exception(message)
{
    public string? Hint { get; } = hint;
}

/// <summary>
/// The sweep's state on disk, so that a sweep killed at any moment resumes with every run done exactly once:
/// <code>
/// DIR/sweep.json                   what is being swept (fingerprint of experiment, model and table; chunking), and whether it is complete
/// DIR/.parts/s003-c000012.part     committed chunks (<see cref="PartFile"/>), each whole or absent
/// </code>
/// A chunk is futures [c * Chunk, (c + 1) * Chunk) of one scenario. Resuming skips committed chunks and runs the
/// rest; the outputs are then made from the parts alone, so they are the same bytes as an uninterrupted sweep's.
/// </summary>
public sealed class SweepJournal : ICommittedChunks
{
    public const string ManifestName = "sweep.json";
    public const string PartsFolder = ".parts";
    private const string Format = "sim-sweep/1";

    private SweepJournal(string folder, string fingerprint, int chunk, int futures, int valuesPerRun, bool complete)
    {
        Folder = folder;
        Fingerprint = fingerprint;
        Chunk = chunk;
        Futures = futures;
        ValuesPerRun = valuesPerRun;
        IsComplete = complete;
    }

    public string Folder { get; }
    public string Fingerprint { get; }
    public int Chunk { get; }
    public int Futures { get; }
    public int ValuesPerRun { get; }
    public bool IsComplete { get; private set; }

    /// <summary>The shard this folder holds ("I/N"), or null for a whole sweep.</summary>
    public string? Shard { get; private init; }

    public int ChunkCount => (Futures + Chunk - 1) / Chunk;

    public (int First, int Count) ChunkRange(int chunk) => (chunk * Chunk, Math.Min(Chunk, Futures - chunk * Chunk));

    /// <summary>Every file a sweep writes in its folder: what --force deletes and what a fresh sweep refuses to overwrite.</summary>
    public static IReadOnlyList<string> OwnedFiles(IEnumerable<string> outputs) => [ManifestName, PartsFolder, .. outputs];

    /// <summary>Opens (or creates) the journal in <paramref name="folder"/> for this experiment, as <paramref name="start"/> asks.</summary>
    public static SweepJournal Open(string folder, CompiledExperiment experiment, IReadOnlyList<string> outputs, SweepStart start, string? shard = null)
    {
        int chunk = ChunkSize(experiment);
        string fingerprint = FingerprintOf(experiment, chunk);
        string manifest = Path.Combine(folder, ManifestName);
        var existing = OwnedFiles(outputs).Where(f => File.Exists(Path.Combine(folder, f)) || Directory.Exists(Path.Combine(folder, f))).ToList();
        if (start == SweepStart.Force)
            foreach (var f in existing) Delete(Path.Combine(folder, f));
        else if (start == SweepStart.Fresh && existing.Count > 0)
            throw new SweepFolderException($"'{folder}' already holds a sweep ({string.Join(", ", existing.Take(3))}{(existing.Count > 3 ? ", ..." : "")})",
                "continue it with --resume, start again with --force, or choose another --output folder");
        else if (start == SweepStart.Resume && existing.Count > 0)
        {
            if (!File.Exists(manifest))
                throw new SweepFolderException($"'{folder}' holds sweep outputs but no {ManifestName}, so there is nothing to resume", "start again with --force");
            var json = JObject.Parse(File.ReadAllText(manifest));
            if ((string?)json["fingerprint"] != fingerprint)
                throw new SweepFolderException($"the sweep in '{folder}' was started from a different experiment, model, design table or analysis design",
                    "start again with --force (or use another --output folder)");
            if ((string?)json["shard"] != shard)
                throw new SweepFolderException(
                    $"the sweep in '{folder}' is {((string?)json["shard"] is { } held ? $"shard {held}" : "a whole sweep")}, not {(shard is null ? "a whole sweep" : $"shard {shard}")}",
                    "resume it as it was started, or start again with --force (or use another --output folder)");
            var journal = new SweepJournal(folder, fingerprint, chunk, experiment.Futures, experiment.Measurement.Layout.ValuesPerRun, (bool?)json["complete"] == true) { Shard = shard };
            Directory.CreateDirectory(journal.PartsPath);
            // Under the folder's lock, a temporary file is a chunk a killed (or disk-full) sweep never finished.
            foreach (var orphan in Directory.GetFiles(journal.PartsPath, "*.tmp")) File.Delete(orphan);
            return journal;
        }
        Directory.CreateDirectory(folder);
        var created = new SweepJournal(folder, fingerprint, chunk, experiment.Futures, experiment.Measurement.Layout.ValuesPerRun, false) { Shard = shard };
        Directory.CreateDirectory(created.PartsPath);
        created.WriteManifest(experiment);
        return created;
    }

    /// <summary>The journal of a finished shard's folder, only to read its committed chunks (nothing is written or checked here: the merge has checked its manifest).</summary>
    public static SweepJournal Attach(string folder, CompiledExperiment experiment)
    {
        int chunk = ChunkSize(experiment);
        return new SweepJournal(folder, FingerprintOf(experiment, chunk), chunk, experiment.Futures, experiment.Measurement.Layout.ValuesPerRun, true);
    }

    public string PartsPath => Path.Combine(Folder, PartsFolder);

    public string PartPath(int scenario, int chunk) => Path.Combine(PartsPath, $"s{scenario:D3}-c{chunk:D6}.part");

    public PartFile? ReadPart(int scenario, int chunk)
    {
        var (first, count) = ChunkRange(chunk);
        return PartFile.Read(PartPath(scenario, chunk), first, count, ValuesPerRun);
    }

    public bool HasPart(int scenario, int chunk)
    {
        var (first, count) = ChunkRange(chunk);
        return PartFile.IsValid(PartPath(scenario, chunk), first, count, ValuesPerRun);
    }

    public void Commit(int scenario, int chunk, PartFile part) => part.Write(PartPath(scenario, chunk));

    /// <summary>Deletes a part file that is there but not whole (see <see cref="PartFile.IsValid"/>), and says what was wrong; null when there is none.</summary>
    public string? DiscardDamagedPart(int scenario, int chunk)
    {
        string path = PartPath(scenario, chunk);
        if (!File.Exists(path)) return null;
        var (first, count) = ChunkRange(chunk);
        string why = PartFile.Problem(path, first, count, ValuesPerRun) ?? "could not be read";
        File.Delete(path);
        return why;
    }

    /// <summary>Marks the sweep complete (after its outputs are in place) and removes the committed chunks, unless a merge is to read them (a shard's).</summary>
    public void Complete(CompiledExperiment experiment, bool keepParts = false)
    {
        IsComplete = true;
        WriteManifest(experiment);
        if (!keepParts) Delete(PartsPath);
    }

    /// <summary>
    /// Futures per chunk: the experiment's "chunk", or as many as keep a chunk's recorded values within about
    /// a million doubles (8 MB), at most 1,024. Depends only on the experiment, never on threads or batch sizes.
    /// </summary>
    public static int ChunkSize(CompiledExperiment experiment) =>
        Math.Max(1, Math.Min(experiment.Futures, experiment.Document.Outputs.Chunk
            ?? Math.Clamp((1 << 20) / Math.Max(1, experiment.Measurement.Layout.ValuesPerRun), 1, 1024)));

    private static string FingerprintOf(CompiledExperiment experiment, int chunk)
    {
        using var sha = SHA256.Create();
        void Add(string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            sha.TransformBlock(bytes, 0, bytes.Length, null, 0);
        }
        Add(Format + "\n" + chunk + "\n");
        if (!experiment.Overrides.IsEmpty) Add(experiment.Overrides.ToArguments() + "\n");
        Add(experiment.Document.Source.Text);
        Add(experiment.Model.Source?.Text ?? "");
        if (experiment.Document.Uncertainty?.TablePath is { } table && File.Exists(table)) Add(File.ReadAllText(table));
        if (experiment.Uncertainty.Derivation is { } derivation) Add("\ndesign: " + derivation);
        sha.TransformFinalBlock([], 0, 0);
        return Convert.ToHexStringLower(sha.Hash!);
    }

    private void WriteManifest(CompiledExperiment experiment)
    {
        var json = new JObject
        {
            ["format"] = Format,
            ["experiment"] = experiment.Document.Name,
            ["fingerprint"] = Fingerprint,
            ["scenarios"] = new JArray(experiment.Scenarios.Select(s => s.Name)),
            ["futures"] = Futures,
            ["chunk"] = Chunk,
            ["runs"] = experiment.Runs,
            ["complete"] = IsComplete,
        };
        if (Shard is not null) json["shard"] = Shard;
        AtomicFile.WriteAllText(Path.Combine(Folder, ManifestName), json.ToString() + "\n");
    }

    private static void Delete(string path)
    {
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        else if (File.Exists(path)) File.Delete(path);
    }
}
