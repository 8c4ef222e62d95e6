using System.Collections.Immutable;
using Newtonsoft.Json.Linq;
using Simulation.Engine.Scenarios.Format;
using Simulation.Engine.Scenarios.Running;
using Simulation.Engine.Scenarios.Summary;

namespace Simulation.Engine.Scenarios.Distributed;

/// <summary>
/// <c>DIR/shard.json</c>: what a shard folder holds, for <c>sim merge</c> to check before it reads anything else: which
/// experiment (its fingerprint over experiment, model and design table, and the overrides), which engine, which shard
/// of how many, the chunks and futures it covers, and whether it finished. Written when the shard starts and again
/// when it completes. Next to it the shard keeps its committed chunks (<c>.parts/</c>), which the merge reads.
/// </summary>
public sealed record ShardManifest(
    string Experiment, string ExperimentFile, string Fingerprint, string EngineVersion, SweepShard Shard,
    int FirstChunk, int EndChunk, int FirstFuture, int EndFuture, long Runs, bool Complete, SweepOverrides Overrides)
{
    public const string FileName = "shard.json";
    private const string Format = "sim-shard/1";

    public static ShardManifest For(CompiledExperiment experiment, SweepJournal journal, SweepShard shard, bool complete)
    {
        var (first, end) = shard.Chunks(journal.ChunkCount);
        int firstFuture = Math.Min(first * journal.Chunk, journal.Futures), endFuture = Math.Min(end * journal.Chunk, journal.Futures);
        return new ShardManifest(experiment.Document.Name, Path.GetFullPath(experiment.Document.Source.Path), journal.Fingerprint,
            Provenance.CurrentEngineVersion, shard, first, end, firstFuture, endFuture,
            (long)experiment.Scenarios.Length * (endFuture - firstFuture), complete, experiment.Overrides);
    }

    public void Write(string folder)
    {
        var json = new JObject
        {
            ["format"] = Format,
            ["experiment"] = Experiment,
            ["experimentFile"] = ExperimentFile,
            ["fingerprint"] = Fingerprint,
            ["engineVersion"] = EngineVersion,
            ["shard"] = new JObject { ["index"] = Shard.Index, ["count"] = Shard.Count },
            ["chunks"] = new JArray(FirstChunk, EndChunk),
            ["futures"] = new JArray(FirstFuture, EndFuture),
            ["runs"] = Runs,
            ["complete"] = Complete,
            ["overrides"] = new JObject
            {
                ["samples"] = Overrides.Samples,
                ["seed"] = Overrides.Seed?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["scenarios"] = Overrides.Scenarios.IsDefaultOrEmpty ? null : new JArray(Overrides.Scenarios),
            },
        };
        AtomicFile.WriteAllText(Path.Combine(folder, FileName), json.ToString() + "\n");
    }

    /// <summary>The manifest in <paramref name="folder"/>; a folder without one, or with a damaged one, is a clear error naming it.</summary>
    public static ShardManifest Read(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!Directory.Exists(folder)) throw new SweepFolderException($"the shard folder '{folder}' does not exist");
        if (!File.Exists(path))
            throw new SweepFolderException($"'{folder}' is not a shard folder: it has no {FileName}",
                File.Exists(Path.Combine(folder, SweepJournal.ManifestName)) ? "it holds a whole sweep; sim merge joins the folders of sim sweep --shard I/N" : "give the folders that sim sweep --shard I/N wrote");
        try
        {
            var json = JObject.Parse(File.ReadAllText(path));
            if ((string?)json["format"] != Format) throw new InvalidDataException($"its format is not {Format}");
            var o = (JObject)json["overrides"]!;
            var overrides = new SweepOverrides((int?)o["samples"], o["seed"]?.Type == JTokenType.String ? ulong.Parse((string)o["seed"]!, System.Globalization.CultureInfo.InvariantCulture) : null,
                o["scenarios"] is JArray names ? names.Select(n => (string)n!).ToImmutableArray() : default);
            return new ShardManifest((string)json["experiment"]!, (string)json["experimentFile"]!, (string)json["fingerprint"]!, (string)json["engineVersion"]!,
                new SweepShard((int)json["shard"]!["index"]!, (int)json["shard"]!["count"]!),
                (int)json["chunks"]![0]!, (int)json["chunks"]![1]!, (int)json["futures"]![0]!, (int)json["futures"]![1]!,
                (long)json["runs"]!, (bool)json["complete"]!, overrides);
        }
        catch (Exception e) when (e is Newtonsoft.Json.JsonException or InvalidDataException or InvalidCastException or NullReferenceException
                                      or FormatException or OverflowException or ArgumentException)
        {
            throw new SweepFolderException($"'{path}' is damaged or is not a manifest that sim wrote ({e.Message})", "run that shard again with --force");
        }
    }
}
