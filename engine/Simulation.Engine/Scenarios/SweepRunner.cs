using Simulation.Engine.Diagnostics;
using Simulation.Engine.Scenarios.Distributed;
using Simulation.Engine.Scenarios.Output;
using Simulation.Engine.Scenarios.Running;
using Simulation.Engine.Scenarios.Summary;

namespace Simulation.Engine.Scenarios;

public enum SweepStatus
{
    /// <summary>Every run done and the outputs written.</summary>
    Completed,

    /// <summary>The folder already held the completed sweep; nothing was run.</summary>
    AlreadyComplete,

    /// <summary>Stopped on request; committed chunks are kept and --resume continues from them.</summary>
    Cancelled,
}

/// <summary>
/// Runs a compiled experiment into an output folder: every scenario over every future, chunk by chunk,
/// committing each chunk as it completes (<see cref="SweepJournal"/>), then makes the outputs from the chunks.
/// Scenarios run one after another, each as one call of the engine over its remaining futures, so the engine
/// keeps every core busy across chunk boundaries. <see cref="CompletedRuns"/> may be read from another thread
/// for progress.
/// </summary>
public sealed class SweepRunner(CompiledExperiment experiment, ISweepEngine engine, SweepShard? shard = null)
{
    private long _completed, _kept, _resumed;

    /// <summary>The runs this sweep does: all of the experiment's, or its shard's.</summary>
    public long TotalRuns { get; } = shard is null ? experiment.Runs : ShardRuns(experiment, shard);

    private static long ShardRuns(CompiledExperiment experiment, SweepShard shard)
    {
        int chunk = SweepJournal.ChunkSize(experiment), chunks = (experiment.Futures + chunk - 1) / chunk;
        var (first, end) = shard.Chunks(chunks);
        return (long)experiment.Scenarios.Length * (Math.Min(end * chunk, experiment.Futures) - Math.Min(first * chunk, experiment.Futures));
    }

    public long CompletedRuns => Interlocked.Read(ref _completed);

    /// <summary>Runs found finished in the folder when a resumed sweep started: progress rates leave them out.</summary>
    public long ResumedRuns => Interlocked.Read(ref _resumed);

    /// <summary>Runs whose chunk is committed to the folder: what a stopped sweep keeps (runs of unfinished chunks run again).</summary>
    public long KeptRuns => Interlocked.Read(ref _kept);

    public SweepSummary? Summary { get; private set; }

    /// <summary>Committed chunks found damaged on resume (a checksum that does not match, a torn file): each was run again.</summary>
    public List<string> RepairedChunks { get; } = new();

    /// <param name="alsoOwned">Files an analysis writes into the same folder: a fresh sweep refuses a folder holding them and
    /// --force deletes them, as it does the sweep's own.</param>
    /// <param name="folderAccepted">Called once the folder is locked and accepted, before any run: a refused folder is the
    /// first thing a user reads, not a line after "N runs on 2 threads".</param>
    public SweepStatus Run(string folder, SweepStart start, bool csv, CancellationToken cancellation = default, IReadOnlyList<string>? alsoOwned = null,
        Action? folderAccepted = null)
    {
        using var folderLock = SweepFolderLock.Acquire(folder); // a shard's folder too: two copies of one shard never write one folder
        var journal = SweepJournal.Open(folder, experiment, [.. SweepOutputs.AllNames, ShardManifest.FileName, .. alsoOwned ?? []], start, shard?.ToString());
        folderAccepted?.Invoke();
        var (firstChunk, endChunk) = shard?.Chunks(journal.ChunkCount) ?? (0, journal.ChunkCount);
        // A complete shard is complete while every chunk the merge will read is whole; otherwise the damaged ones run again.
        if (journal.IsComplete && (shard is null ? File.Exists(Path.Combine(folder, SweepOutputs.SummaryJson))
                : File.Exists(Path.Combine(folder, ShardManifest.FileName)) && Enumerable.Range(firstChunk, endChunk - firstChunk)
                    .All(c => Enumerable.Range(0, experiment.Scenarios.Length).All(s => journal.HasPart(s, c)))))
        {
            Interlocked.Exchange(ref _completed, TotalRuns);
            Interlocked.Exchange(ref _kept, TotalRuns);
            Interlocked.Exchange(ref _resumed, TotalRuns);
            return SweepStatus.AlreadyComplete;
        }
        if (shard is not null) ShardManifest.For(experiment, journal, shard, complete: false).Write(folder);
        try
        {
            for (int s = 0; s < experiment.Scenarios.Length; s++)
            {
                var pending = new List<int>();
                for (int c = firstChunk; c < endChunk; c++)
                    if (journal.HasPart(s, c)) Found(journal.ChunkRange(c).Count);
                    else
                    {
                        if (journal.DiscardDamagedPart(s, c) is { } why)
                            RepairedChunks.Add($"chunk {c} of scenario '{experiment.Scenarios[s].Name}' ({Path.GetFileName(journal.PartPath(s, c))}) {why}; it is run again");
                        pending.Add(c);
                    }
                foreach (var (fromChunk, lastChunk) in Ranges(pending))
                {
                    int first = journal.ChunkRange(fromChunk).First;
                    var (lastFirst, lastCount) = journal.ChunkRange(lastChunk);
                    var sink = new ChunkSink(journal, s, () => Interlocked.Increment(ref _completed), count => Interlocked.Add(ref _kept, count));
                    engine.Run(experiment, experiment.Scenarios[s], first, lastFirst + lastCount - first, sink, cancellation);
                }
            }
            StageTrace.Mark("runs done");
            // A shard's committed chunks are its result: the merge makes the tables and the summary from them, once for
            // the whole sweep, so a shard writing its own tables would only add to the sweep's cost (docs/distributed.md).
            if (shard is null) Summary = SweepOutputs.WriteAsync(experiment, journal, csv || experiment.Document.Outputs.Csv, cancellation).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return SweepStatus.Cancelled;
        }
        if (shard is not null) ShardManifest.For(experiment, journal, shard, complete: true).Write(folder);
        journal.Complete(experiment, keepParts: shard is not null);
        StageTrace.Mark("sweep complete");
        return SweepStatus.Completed;
    }

    /// <summary>A chunk committed by an earlier sweep into this folder: done, kept, and not this sweep's work.</summary>
    private void Found(int runs)
    {
        Interlocked.Add(ref _completed, runs);
        Interlocked.Add(ref _kept, runs);
        Interlocked.Add(ref _resumed, runs);
    }

    /// <summary>Consecutive runs of chunk numbers, as (first, last) pairs.</summary>
    private static IEnumerable<(int, int)> Ranges(List<int> chunks)
    {
        for (int i = 0; i < chunks.Count;)
        {
            int j = i;
            while (j + 1 < chunks.Count && chunks[j + 1] == chunks[j] + 1) j++;
            yield return (chunks[i], chunks[j]);
            i = j + 1;
        }
    }

    /// <summary>Collects futures in order into the current chunk and commits each chunk when its last future arrives.</summary>
    private sealed class ChunkSink(SweepJournal journal, int scenario, Action delivered, Action<int> committed) : IFutureSink
    {
        private PartFile? _part;
        private int _chunk = -1;
        private bool _traced;

        public void Accept(int future, ReadOnlySpan<double> values, FutureProblem? problem)
        {
            int chunk = future / journal.Chunk;
            if (chunk != _chunk)
            {
                var (first, count) = journal.ChunkRange(chunk);
                _part?.Dispose(); // a chunk left unfinished (futures are delivered in order, so only when stopping)
                _part = new PartFile(first, count, journal.ValuesPerRun);
                _chunk = chunk;
            }
            int i = future - _part!.First;
            values.CopyTo(_part.Values.Slice(i * _part.ValuesPerRun, _part.ValuesPerRun));
            _part.Problems[i] = problem;
            delivered();
            if (i == _part.Count - 1)
            {
                journal.Commit(scenario, chunk, _part);
                if (!_traced) StageTrace.Mark($"first chunk of scenario {scenario} committed");
                _traced = true;
                committed(_part.Count);
                _part.Dispose();
                _part = null;
                _chunk = -1;
            }
        }
    }
}
