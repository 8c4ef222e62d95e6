using Simulation.Engine.Compilation;

namespace Simulation.Engine.Runtime;

/// <summary>
/// The state of one run that is not in its slots: the step counter, the random stream with the step
/// each random site last drew at, and the pipeline delays' ring buffers. The runtime owns it; the plan
/// only numbers the sites and buffers (see <see cref="EvaluationPlan"/>).
/// </summary>
public sealed class RunState
{
    public RunState(EvaluationPlan plan, ulong seed, ulong runIndex)
    {
        Stream = new RandomStream(seed, runIndex);
        _siteStreams = SeededStreams(plan.RandomSiteSeeds);
        DrawnAt = new int[plan.RandomSiteCount];
        Array.Fill(DrawnAt, -1);
        Pipelines = new PipelineBuffer[plan.PipelineCount];
        for (int i = 0; i < Pipelines.Length; i++) Pipelines[i] = new PipelineBuffer();
        MaxSteps = plan.StepCount;
    }

    /// <summary>The current step: 0 while initialising and during the first step; the kernel advances it at each Commit.</summary>
    public int Step { get; set; }

    public RandomStream Stream { get; }

    /// <summary>
    /// The run index a call's own seed starts its stream with: no run has it, so a seeded stream is never a run's
    /// stream (which starts from the experiment seed and the run's index).
    /// </summary>
    public const ulong SeededStreamIndex = ulong.MaxValue;

    /// <summary>Per site, the stream of its call's own seed; null (or no array at all) where it draws from <see cref="Stream"/>.</summary>
    private readonly RandomStream?[]? _siteStreams;

    /// <summary>The stream random site <paramref name="site"/> draws from: its seed's, or the run's.</summary>
    public RandomStream StreamOf(int site) => _siteStreams?[site] ?? Stream;

    /// <summary>One stream per distinct seed, shared by the sites that give it (they draw from it in plan order).</summary>
    private static RandomStream?[]? SeededStreams(System.Collections.Immutable.ImmutableArray<ulong?> seeds)
    {
        if (seeds.IsDefaultOrEmpty || seeds.All(s => s is null)) return null;
        var bySeed = new Dictionary<ulong, RandomStream>();
        var streams = new RandomStream?[seeds.Length];
        for (int site = 0; site < seeds.Length; site++)
            if (seeds[site] is ulong seed)
            {
                if (!bySeed.TryGetValue(seed, out var stream)) bySeed[seed] = stream = new RandomStream(seed, SeededStreamIndex);
                streams[site] = stream;
            }
        return streams;
    }

    /// <summary>Per random site, the step of its last draw (-1 before the first).</summary>
    public int[] DrawnAt { get; }

    public PipelineBuffer[] Pipelines { get; }

    public int MaxSteps { get; }

    /// <summary>True the first time random site <paramref name="site"/> runs in the current step (and marks it drawn).</summary>
    public bool ShouldDraw(int site)
    {
        if (DrawnAt[site] == Step) return false;
        DrawnAt[site] = Step;
        return true;
    }
}
