namespace Simulation.Engine.Scenarios.Running;

/// <summary>Where a sweep's outputs read committed chunks from: its own journal, or (for sim merge) the shards' folders.</summary>
public interface ICommittedChunks
{
    /// <summary>The chunk's part, or null when it is missing or damaged.</summary>
    PartFile? ReadPart(int scenario, int chunk);

    /// <summary>Where the chunk's part is (for messages).</summary>
    string PartPath(int scenario, int chunk);
}
