using System.Globalization;

namespace Simulation.Engine.Scenarios.Distributed;

/// <summary>A shard asked for that cannot be (malformed, out of range, or from an environment that does not say which).</summary>
public sealed class ShardException(string message, string? hint = null) : Exception(message)
{
    public string? Hint { get; } = hint;
}

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/> (counted from 0): a contiguous run of the sweep's chunks, chunk
/// <c>[Index * C / Count, (Index + 1) * C / Count)</c> of C, so shards are disjoint, cover every chunk once and differ
/// by at most one chunk. A chunk holds whole futures and every scenario of them, so paired differences never cross shards.
/// </summary>
public sealed record SweepShard(int Index, int Count)
{
    public (int First, int End) Chunks(int chunkCount) =>
        ((int)((long)Index * chunkCount / Count), (int)((long)(Index + 1) * chunkCount / Count));

    public override string ToString() => $"{Index}/{Count}";

    /// <summary>
    /// <c>I/N</c>; or <c>auto/N</c> (and <c>auto</c> on Slurm), where I comes from the scheduler: JOB_COMPLETION_INDEX
    /// (Kubernetes Indexed Jobs) or SLURM_ARRAY_TASK_ID (Slurm arrays, <c>--array=0-(N-1)</c>). The task id is the shard
    /// itself, so a resubmission of some tasks (<c>sbatch --array=3,7</c>) runs shards 3 and 7; for that reason N, for
    /// <c>auto</c>, is SLURM_ARRAY_TASK_COUNT only when the array is exactly 0 to COUNT-1 (a partial array's size is not
    /// the number of shards: <c>auto/N</c> then).
    /// </summary>
    public static SweepShard Parse(string text, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var parts = text.Trim().Split('/');
        if (parts.Length > 2 || parts[0].Length == 0)
            throw new ShardException($"--shard '{text}' is not I/N", "e.g. --shard 0/16 for the first of 16 shards, or --shard auto/16 under a scheduler");
        int count = parts.Length == 2 ? Number(parts[1], "the number of shards", text)
            : parts[0] == "auto" ? SlurmArraySize(environment)
            : throw new ShardException($"--shard '{text}' is not I/N", "e.g. --shard 0/16");
        int index = parts[0] == "auto" ? IndexFromEnvironment(environment) : Number(parts[0], "the shard", text);
        if (count < 1) throw new ShardException($"--shard {text}: the number of shards must be at least 1");
        if (index < 0 || index >= count)
            throw new ShardException($"--shard: shard {index} of {count} does not exist; shards are numbered 0 to {count - 1}",
                parts[0] == "auto" ? "check the scheduler's array range against N (Slurm: --array=0-(N-1); Kubernetes: completions: N)" : null);
        return new SweepShard(index, count);
    }

    private static int IndexFromEnvironment(Func<string, string?> environment)
    {
        if (FromEnvironment(environment, "JOB_COMPLETION_INDEX") is int k8s) return k8s;
        if (FromEnvironment(environment, "SLURM_ARRAY_TASK_ID") is int task) return task;
        throw new ShardException("--shard auto: neither JOB_COMPLETION_INDEX (Kubernetes Indexed Job) nor SLURM_ARRAY_TASK_ID (Slurm array) is set",
            "give the shard itself: --shard I/N");
    }

    /// <summary>The number of tasks of a Slurm array that runs every shard: ids 0 to COUNT-1, nothing else.</summary>
    private static int SlurmArraySize(Func<string, string?> environment)
    {
        int count = FromEnvironment(environment, "SLURM_ARRAY_TASK_COUNT")
            ?? throw new ShardException("--shard auto: the number of shards is not in the environment (SLURM_ARRAY_TASK_COUNT)", "give it: --shard auto/N");
        int min = FromEnvironment(environment, "SLURM_ARRAY_TASK_MIN") ?? 0, max = FromEnvironment(environment, "SLURM_ARRAY_TASK_MAX") ?? count - 1;
        if (min != 0 || max != count - 1)
            throw new ShardException(
                $"--shard auto: this Slurm array's {count} task(s) run from {min} to {max}, not 0 to {count - 1}, so its size is not the number of shards",
                "give the number of shards: --shard auto/N (deploy/slurm-array.sh: SHARDS=N sbatch --array=...), and number the tasks from 0");
        return count;
    }

    private static int? FromEnvironment(Func<string, string?> environment, string name) =>
        environment(name) is { } value
            ? int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n
                : throw new ShardException($"--shard auto: {name} is '{value}', not a whole number")
            : null;

    private static int Number(string part, string what, string text) =>
        int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n
            : throw new ShardException($"--shard '{text}': {what} '{part}' is not a whole number", "e.g. --shard 0/16");
}
