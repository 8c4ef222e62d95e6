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
        DrawnAt = new int[plan.RandomSiteCount];
        Array.Fill(DrawnAt, -1);
        Pipelines = new PipelineBuffer[plan.PipelineCount];
        for (int i = 0; i < Pipelines.Length; i++) Pipelines[i] = new PipelineBuffer();
        MaxSteps = plan.StepCount;
    }

    /// <summary>The current step: 0 while initialising and during the first step; the kernel advances it at each Commit.</summary>
    public int Step { get; set; }

    public RandomStream Stream { get; }

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
